// The arithmetic every report must satisfy (report-model.md), as findings. Numbers are never
// changed here: a break is shown to the user, with the cells it is about.
import {
  TABLE3_COLUMNS,
  TABLE3_COLUMN_LABELS,
  TABLE3_GROUPS,
  TABLE3_ROW_LABELS,
  TABLE4_GROUPS,
  TABLE4_GROUP_LABELS,
  TABLE4_RESULTS,
  type Table3Group,
  type Table3Key,
} from "@/lib/model/keys";
import type { Cell, Finding } from "@/lib/model/report-schema";

/** What the checks read: the tables of a parsed report (or a stored one). */
export interface CheckableReport {
  year?: number | null;
  table3: Partial<Record<string, Cell[] | null>>;
  table4?: Cell[] | null;
  prose?: Record<string, number>;
  proseEvidence?: Record<string, string>;
  flags?: { code: string }[];
  provenance?: Partial<Record<string, Partial<Record<string, string>>>>;
}

type Row = Cell[] | null | undefined;

/** A sum over cells, or null when any of them was not read: a rule with an unread cell in it
 * can be neither confirmed nor broken, so it is not checked (the unread cell has its own finding). */
export function sumCells(values: readonly Cell[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return s;
}

const row = (r: CheckableReport, key: Table3Key): Row => {
  const v = r.table3[key];
  return Array.isArray(v) && v.length === 7 ? v : null;
};

const colLabel = (c: number) => TABLE3_COLUMN_LABELS[TABLE3_COLUMNS[c]];

/** Each group's item keys ("denied.state_secret", …), built once: the checks run per report. */
const GROUP_ITEMS = (Object.keys(TABLE3_GROUPS) as Table3Group[]).map((g) => ({
  group: g,
  items: TABLE3_GROUPS[g].map((it) => `${g}.${it}` as Table3Key),
}));

/** The rows whose sum is total_processed: each group's items when printed, else its one row. */
export function outcomeRows(r: CheckableReport): { key: Table3Key; values: Cell[] }[] {
  const out: { key: Table3Key; values: Cell[] }[] = [];
  for (const k of ["granted", "partially_granted"] as const) {
    const v = row(r, k);
    if (v) out.push({ key: k, values: v });
  }
  for (const { group, items } of GROUP_ITEMS) {
    const before = out.length;
    for (const key of items) {
      const values = row(r, key);
      if (values) out.push({ key, values });
    }
    if (out.length === before) {
      const groupRow = row(r, group);
      if (groupRow) out.push({ key: group, values: groupRow });
    }
  }
  return out;
}

/** Column c summed over rows, or null when any of its cells was not read (as sumCells). */
function sumColumn(rows: { values: Cell[] }[], c: number): number | null {
  let s = 0;
  for (const x of rows) {
    const v = x.values[c];
    if (v === null) return null;
    s += v;
  }
  return s;
}

/** The first n cells summed, or null when any was not read (as sumCells). */
function sumFirst(v: Cell[], n: number): number | null {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x === null) return null;
    s += x;
  }
  return s;
}

function isDerived(r: CheckableReport, key: string, col: string): boolean {
  return r.provenance?.[key]?.[col] === "derived";
}

export function checkIdentity(r: CheckableReport): Finding[] {
  const nr = row(r, "new_received");
  const tp = row(r, "total_processed");
  if (!nr || !tp) return [];
  const co = row(r, "carried_over") ?? [0, 0, 0, 0, 0, 0, 0];
  const cf = row(r, "carried_forward") ?? [0, 0, 0, 0, 0, 0, 0];
  const broken: string[] = [];
  const cells: string[] = [];
  for (let c = 0; c < 7; c++) {
    const left = sumCells([nr[c], co[c]]);
    const right = sumCells([tp[c], cf[c]]);
    if (left !== null && right !== null && left !== right) {
      broken.push(`${colLabel(c)}：${nr[c]} + ${co[c]} = ${left} ≠ ${tp[c]} + ${cf[c]} = ${right}`);
      const col = TABLE3_COLUMNS[c];
      cells.push(`new_received.${col}`, `carried_over.${col}`, `total_processed.${col}`, `carried_forward.${col}`);
    }
  }
  if (!broken.length) return [];
  return [
    {
      code: "identity_broken",
      message: `勾稽关系不成立：本年新收 + 上年结转 应等于 办理结果总计 + 结转下年度（${broken.length} 列不符）。`,
      evidence: broken.join("；"),
      cells,
    },
  ];
}

export function checkOutcomeSum(r: CheckableReport): Finding[] {
  const tp = row(r, "total_processed");
  if (!tp) return [];
  const rows = outcomeRows(r);
  if (rows.length === 0) return [];
  const broken: string[] = [];
  const cells: string[] = [];
  for (let c = 0; c < 7; c++) {
    const col = TABLE3_COLUMNS[c];
    if (isDerived(r, "total_processed", col)) continue;
    const s = sumColumn(rows, c);
    if (s !== null && tp[c] !== null && s !== tp[c]) {
      broken.push(`${colLabel(c)}：各项合计 ${s} ≠ 总计 ${tp[c]}`);
      cells.push(`total_processed.${col}`);
    }
  }
  if (!broken.length) return [];
  return [
    {
      code: "outcome_sum_broken",
      message: `办理结果各项之和与“(七)总计”不一致（${broken.length} 列不符）。`,
      evidence: broken.join("；"),
      cells,
    },
  ];
}

export function checkRowSums(r: CheckableReport): Finding[] {
  const broken: string[] = [];
  const cells: string[] = [];
  for (const [key, v] of Object.entries(r.table3)) {
    if (!Array.isArray(v) || v.length !== 7 || isDerived(r, key, "total")) continue;
    const s = sumFirst(v, 6);
    if (s !== null && v[6] !== null && s !== v[6]) {
      broken.push(`${TABLE3_ROW_LABELS[key as Table3Key] ?? key}：各类申请人合计 ${s} ≠ 总计 ${v[6]}`);
      cells.push(`${key}.total`);
    }
  }
  if (!broken.length) return [];
  return [
    {
      code: "row_sum_broken",
      message: `表三有 ${broken.length} 行的“总计”不等于各类申请人之和。`,
      evidence: broken.join("；"),
      cells,
    },
  ];
}

export function checkTable4(r: CheckableReport): Finding[] {
  const t4 = r.table4;
  if (!Array.isArray(t4) || t4.length !== 15) return [];
  const broken: string[] = [];
  const cells: string[] = [];
  TABLE4_GROUPS.forEach((g, i) => {
    const o = i * 5;
    const s = sumCells(t4.slice(o, o + 4));
    if (s !== null && t4[o + 4] !== null && s !== t4[o + 4]) {
      broken.push(`${TABLE4_GROUP_LABELS[g]}：${TABLE4_RESULTS.slice(0, 4).map((_, k) => t4[o + k]).join(" + ")} = ${s} ≠ 总计 ${t4[o + 4]}`);
      cells.push(`${g}.total`);
    }
  });
  if (!broken.length) return [];
  return [
    {
      code: "table4_sum_broken",
      message: "表四（行政复议、行政诉讼）中有分组的“总计”不等于各结果之和。",
      evidence: broken.join("；"),
      cells,
    },
  ];
}

/** A figure the prose states against the table: 共收到申请2件 vs. 本年新收 3. */
export function checkProse(r: CheckableReport): Finding[] {
  const stated = r.prose?.["new_received.total"];
  const nr = row(r, "new_received");
  if (stated === undefined || !nr || nr[6] === null) return [];
  const co = row(r, "carried_over");
  // "收到" sometimes counts last year's carried-over requests too.
  if (stated === nr[6] || (co && co[6] !== null && stated === nr[6] + co[6])) return [];
  const said = r.proseEvidence?.["new_received.total"];
  return [
    {
      code: "prose_table_mismatch",
      message: `正文所述收到申请数（${stated} 件）与表三“本年新收政府信息公开申请数量”总计（${nr[6]}）不一致。`,
      evidence: said ? `正文：“${said}”；表三：${nr[6]}` : `正文：${stated}；表三：${nr[6]}`,
      cells: ["new_received.total"],
    },
  ];
}
