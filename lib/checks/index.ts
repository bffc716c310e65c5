// Arithmetic findings over a parsed report, and the cross-year carry-over rule.
import { TABLE3_COLUMNS, TABLE3_COLUMN_LABELS } from "@/lib/model/keys";
import type { Finding } from "@/lib/model/report-schema";
import { checkIdentity, checkOutcomeSum, checkProse, checkRowSums, checkTable4, type CheckableReport } from "./arithmetic";

export { checkIdentity, checkOutcomeSum, checkProse, checkRowSums, checkTable4, outcomeRows, type CheckableReport } from "./arithmetic";

function fromProseOnly(r: CheckableReport): boolean {
  const prov = Object.values(r.provenance ?? {});
  return prov.length > 0 && prov.every((p) => Object.values(p ?? {}).every((x) => x === "prose"));
}

/** Every single-report check. A report whose tables are missing is not checked (nothing to add up). */
export function runChecks(r: CheckableReport): Finding[] {
  if (r.flags?.some((f) => f.code === "table_missing")) return [];
  // Figures from the prose alone (the table not read): nothing of a table to add up.
  if (fromProseOnly(r)) return [];
  return [...checkIdentity(r), ...checkOutcomeSum(r), ...checkRowSums(r), ...checkTable4(r), ...checkProse(r)];
}

/** carried_over of year Y must equal carried_forward of Y−1 (same agency), column by column. */
export function checkCarryOver(previousYear: CheckableReport, thisYear: CheckableReport): Finding[] {
  const prev = previousYear.table3["carried_forward"];
  const cur = thisYear.table3["carried_over"];
  if (!Array.isArray(prev) || !Array.isArray(cur) || prev.length !== 7 || cur.length !== 7) return [];
  const diffs: string[] = [];
  const cells: string[] = [];
  for (let c = 0; c < 7; c++) {
    // An unread cell on either side: the rule can be neither confirmed nor broken.
    if (prev[c] !== null && cur[c] !== null && prev[c] !== cur[c]) {
      diffs.push(`${TABLE3_COLUMN_LABELS[TABLE3_COLUMNS[c]]}：上年结转下年度 ${prev[c]}，本年上年结转 ${cur[c]}`);
      cells.push(`carried_over.${TABLE3_COLUMNS[c]}`);
    }
  }
  if (!diffs.length) return [];
  const py = previousYear.year ?? "上一年";
  const ty = thisYear.year ?? "本年";
  return [
    {
      code: "carry_mismatch",
      message: `本年“上年结转”与 ${py} 年报告的“结转下年度继续办理”不一致。`,
      evidence: `${py}→${ty}：${diffs.join("；")}`,
      cells,
    },
  ];
}
