// The statistics' row keys in display order and their labels (keys only, no URL parsing): shared
// by lib/chart-state.ts, which re-exports them, and the client forms that list rows.
import { TABLE3_COLUMNS, TABLE4_KEYS, TABLE3_GROUP_KEYS, TABLE3_GROUPS, TABLE3_ROW_LABELS, TABLE4_GROUP_LABELS, TABLE4_RESULT_LABELS, type Table3Column, type Table3Key, type Table4Key } from "@/lib/model/keys";

/** Table-3 rows in display order: each group just before its items. */
export const METRIC_ROWS: Table3Key[] = [
  "new_received",
  "carried_over",
  "granted",
  "partially_granted",
  ...TABLE3_GROUP_KEYS.flatMap((g) => [g, ...TABLE3_GROUPS[g].map((k) => `${g}.${k}` as Table3Key)]),
  "total_processed",
  "carried_forward",
];

const GROUP_OF = (row: Table3Key) => (row.includes(".") ? (row.split(".")[0] as keyof typeof TABLE3_GROUPS) : null);

/** "不予公开 · 属于国家秘密" for an item, the plain label otherwise. */
export function rowLabel(row: Table3Key): string {
  const g = GROUP_OF(row);
  return g ? `${TABLE3_ROW_LABELS[g]} · ${TABLE3_ROW_LABELS[row]}` : TABLE3_ROW_LABELS[row];
}

export function table4Label(key: Table4Key): string {
  const [g, r] = key.split(".") as [keyof typeof TABLE4_GROUP_LABELS, keyof typeof TABLE4_RESULT_LABELS];
  return `${TABLE4_GROUP_LABELS[g]} · ${TABLE4_RESULT_LABELS[r]}`;
}


export const RATIOS = ["grant_rate", "refusal_rate", "litigation_per_100"] as const;
export type RatioKey = (typeof RATIOS)[number];

/** A statistic: any table-3 cell (row.column, groups included), any table-4 number, or a ratio. */
export type StatKey = `${Table3Key}.${Table3Column}` | Table4Key | RatioKey;

/** What kind of statistic a key is, or null when it is none. */
export function statKind(key: string): "ratio" | "table4" | "table3" | null {
  if ((RATIOS as readonly string[]).includes(key)) return "ratio";
  if ((TABLE4_KEYS as readonly string[]).includes(key)) return "table4";
  const dot = key.lastIndexOf(".");
  if (dot < 0) return null;
  const row = key.slice(0, dot) as Table3Key;
  return METRIC_ROWS.includes(row) && (TABLE3_COLUMNS as readonly string[]).includes(key.slice(dot + 1)) ? "table3" : null;
}

/** The metric part of a stat (what the first select picks): a ratio, a table-3 row or a table-4 key. */
export function statMetric(key: StatKey): string {
  const kind = statKind(key);
  if (!kind) return "new_received";
  return kind === "table3" ? key.slice(0, key.lastIndexOf(".")) : key;
}
export function statColumn(key: StatKey): Table3Column {
  return statKind(key) === "table3" ? (key.slice(key.lastIndexOf(".") + 1) as Table3Column) : "total";
}
export function composeStat(metric: string, column: Table3Column): StatKey {
  const kind = statKind(metric);
  if (kind === "ratio" || kind === "table4") return metric as StatKey;
  const key = `${metric}.${column}`;
  return statKind(key) ? (key as StatKey) : "new_received.total";
}
