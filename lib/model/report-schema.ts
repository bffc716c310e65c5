// The one schema a parsed report must satisfy before anything stores it: shared by the
// import CLI, the upload action and the API.
import { z } from "zod";
import { FINDING_CODES, LEVELS, TABLE3_COLUMNS, TABLE3_KEYS, type Table3Key } from "./keys";

const MAX_COUNT = 1e9;
const isCount = (x: unknown) => typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= MAX_COUNT;
/** `n` request counts, checked in one pass: a zod schema per cell cost ~40 µs a report over
 * table 3's 175 cells, most of the validation's time on the import path. */
const counts = (n: number) =>
  z.custom<number[]>((v) => Array.isArray(v) && v.length === n && v.every(isCount), { message: `应为 ${n} 个 0 至 10 亿之间的整数` });
export const Table3RowValues = counts(TABLE3_COLUMNS.length);

export const Provenance = z.enum(["inferred", "derived"]);

export const Finding = z.object({
  code: z.enum(FINDING_CODES),
  message: z.string(),
  evidence: z.string().default(""),
  /** Cells the finding is about, as "row.column" (e.g. "new_received.total"). */
  cells: z.array(z.string()).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const RegionRef = z.object({
  province: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  county: z.string().nullable().optional(),
  code: z
    .string()
    .regex(/^\d{6}$/, "地区代码应为六位数字（GB/T 2260）")
    .nullable()
    .optional(),
});
export type RegionRef = z.infer<typeof RegionRef>;

const table3Key = z.string().refine((k) => (TABLE3_KEYS as readonly string[]).includes(k), {
  message: "未知的表三行",
});

export const ParsedReport = z.object({
  agency: z.string().trim().min(1).max(200).nullable(),
  year: z.number().int().min(2007).max(2100).nullable(),
  region: RegionRef.nullable(),
  level: z.enum(LEVELS).nullable(),
  /** Row key → 7 numbers (columns of TABLE3_COLUMNS); null when the report does not print the row. */
  table3: z.record(table3Key, Table3RowValues.nullable()),
  /** The 15 numbers of table 4 (TABLE4_KEYS order); null when the table is missing. */
  table4: counts(15).nullable(),
  /** Table 2 as printed: label → numbers (may be negative: 本年增/减; may be decimal: 万元). */
  table2: z.record(z.string(), z.array(z.number())),
  /** Cells whose value was not read where printed: row → column → how it was obtained.
   * (partialRecord: zod 4's record over an enum would demand all seven columns.) */
  provenance: z.record(table3Key, z.partialRecord(z.enum(TABLE3_COLUMNS), Provenance)).default({}),
  flags: z.array(Finding),
  /** Figures the prose states, keyed "row.column" ("new_received.total"): checked against the tables. */
  prose: z.record(z.string(), z.number()).optional(),
  /** The words each prose figure was read from (shortened). */
  proseEvidence: z.record(z.string(), z.string()).optional(),
  /** Where this report sits in the document's text (character offsets, end exclusive). */
  span: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
});
export type ParsedReport = z.infer<typeof ParsedReport>;
export type ParsedTable3 = Partial<Record<Table3Key, number[] | null>>;

export const ParseResult = z.object({ reports: z.array(ParsedReport) });
export type ParseResult = z.infer<typeof ParseResult>;

export function isTable3Key(k: string): k is Table3Key {
  return (TABLE3_KEYS as readonly string[]).includes(k);
}
