// Headline figures of a report (table-3 total column, table-4 totals), denormalised onto the
// report row so the dashboard's queries read one row per report.
import { TABLE3_GROUPS, type Table3Group, type Table3Key } from "@/lib/model/keys";
import type { ParsedReport } from "@/lib/model/report-schema";

const TOTAL = 6;

/** A row's 总计 cell; null when the row is not printed or its total was not read. */
export function rowTotal(table3: ParsedReport["table3"], key: Table3Key): number | null {
  const row = table3[key];
  return row ? row[TOTAL] : null;
}

/** A group's total: the printed group row, else the sum of its printed items (null when any
 * printed item's total was not read), else null. */
export function groupTotal(table3: ParsedReport["table3"], group: Table3Group): number | null {
  const printed = rowTotal(table3, group);
  if (printed !== null) return printed;
  const items = TABLE3_GROUPS[group].map((k) => rowTotal(table3, `${group}.${k}` as Table3Key));
  if (items.every((v) => v === null)) return null;
  const printedItems = TABLE3_GROUPS[group].filter((k) => table3[`${group}.${k}` as Table3Key]);
  if (printedItems.length !== items.filter((v) => v !== null).length) return null;
  return items.reduce<number>((s, v) => s + (v ?? 0), 0);
}

export function reportSummary(r: ParsedReport) {
  const t4 = r.table4;
  return {
    newReceived: rowTotal(r.table3, "new_received"),
    carriedOver: rowTotal(r.table3, "carried_over"),
    granted: rowTotal(r.table3, "granted"),
    partiallyGranted: rowTotal(r.table3, "partially_granted"),
    denied: groupTotal(r.table3, "denied"),
    unable: groupTotal(r.table3, "unable"),
    notProcessed: groupTotal(r.table3, "not_processed"),
    otherOutcome: groupTotal(r.table3, "other"),
    totalProcessed: rowTotal(r.table3, "total_processed"),
    carriedForward: rowTotal(r.table3, "carried_forward"),
    reviewTotal: t4 ? t4[4] : null,
    litigationTotal: t4 && t4[9] !== null && t4[14] !== null ? t4[9] + t4[14] : null,
  };
}
