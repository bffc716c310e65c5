// Findings about cells the parser left unread (null): glued digits more than one split fits,
// rows or tables printed but not read, cells that hold what no count can be. Each names what was
// printed, so a reader can check the source.
import { TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_ROW_LABELS, TABLE4_KEYS, type Table3Key } from "@/lib/model/keys";
import type { Finding } from "@/lib/model/report-schema";
import type { Table3Read } from "./table3";
import type { Table4Read } from "./table4";

export function rowName(key: string): string {
  return key === "total_processed" ? "(七)总计" : (TABLE3_ROW_LABELS[key as Table3Key] ?? key);
}

function finding(code: Finding["code"], message: string, evidence: string, cells: string[]): Finding {
  return cells.length ? { code, message, evidence, cells } : { code, message, evidence };
}

const MAX_LISTED = 6;
const listed = (cands: number[][]) =>
  cands
    .slice(0, MAX_LISTED)
    .map((c) => c.join(" "))
    .join(" 或 ") + (cands.length > MAX_LISTED ? ` 等 ${cands.length} 种` : "");

function nullCells(read: Table3Read, key: Table3Key): string[] {
  const v = read.values.get(key);
  return v ? TABLE3_COLUMNS.filter((_, c) => v[c] === null).map((c) => `${key}.${c}`) : [];
}

export function table3Findings(read: Table3Read): Finding[] {
  const out: Finding[] = [];
  if (read.ambiguous.length) {
    out.push(
      finding(
        "split_ambiguous",
        "表三有数字粘连在一起，多种拆分方式都符合表内的合计关系，无法确定是哪一种：这些单元格留空（未读出），不作猜测。",
        read.ambiguous.map((a) => `${rowName(a.key)}：印出“${a.printed}”，可读作 ${listed(a.candidates)}`).join("；"),
        read.ambiguous.flatMap((a) => nullCells(read, a.key)),
      ),
    );
  }
  if (read.unreadRows.length) {
    out.push(
      finding(
        "table_unreadable",
        `表三已印出，但有 ${read.unreadRows.length} 行未能读出：这些单元格留空（未读出），不记为 0。`,
        read.unreadRows.map((r) => `${rowName(r.key)}：印出“${r.printed}”`).join("；"),
        read.unreadRows.flatMap((r) => nullCells(read, r.key)),
      ),
    );
  }
  if (read.badCells.length) {
    out.push(
      finding(
        "cell_unreadable",
        "表三有单元格写的不是件数（负数、小数、文字或超过 10 亿）：该单元格留空（未读出），其他单元格不移位。",
        read.badCells.map((b) => `${rowName(b.key)}${b.column !== null ? `（${TABLE3_COLUMN_LABELS[TABLE3_COLUMNS[b.column]]}）` : ""}：“${b.text}”`).join("；"),
        read.badCells.flatMap((b) => (b.column !== null ? [`${b.key}.${TABLE3_COLUMNS[b.column]}`] : nullCells(read, b.key))),
      ),
    );
  }
  return out;
}

export function table4Findings(read: Table4Read): Finding[] {
  const out: Finding[] = [];
  const nulls = TABLE4_KEYS.filter((_, i) => read.values[i] === null).map((k) => `table4.${k}`);
  if (read.candidates) {
    out.push(finding("split_ambiguous", "表四的数字粘连在一起，多种拆分方式都符合各组合计，无法确定：这些单元格留空（未读出）。", `表四：印出“${read.digits}”，可读作 ${listed(read.candidates)}`, nulls));
  }
  if (read.unreadable) {
    out.push(finding("table_unreadable", "表四已印出，但未能读出：其单元格留空（未读出），不记为 0。", `表四：印出“${read.digits ?? read.printed.join(" ")}”`, nulls));
  }
  if (read.badCells?.length) {
    out.push(
      finding(
        "cell_unreadable",
        "表四有单元格写的不是件数（负数、小数、文字或超过 10 亿）：该单元格留空（未读出）。",
        read.badCells.map((b) => `表四${b.index !== null && b.index >= 0 ? `（${TABLE4_KEYS[b.index]}）` : ""}：“${b.text}”`).join("；"),
        nulls,
      ),
    );
  }
  return out;
}
