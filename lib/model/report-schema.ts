// The one schema a parsed report must satisfy before anything stores it: shared by the
// import CLI, the upload action and the API.
import { z } from "zod";
import { FINDING_CODES, LEVELS, TABLE3_COLUMNS, TABLE3_KEYS, TABLE4_KEYS, type Table3Key } from "./keys";

const MAX_COUNT = 1e9;
const isCount = (x: unknown) => typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= MAX_COUNT;
/** A cell: a count, or null when the parser could not read it (never 0 for "unread"). */
const isCell = (x: unknown) => x === null || isCount(x);
/** `n` request counts, checked in one pass: a zod schema per cell cost ~40 µs a report over
 * table 3's 175 cells, most of the validation's time on the import path. */
const counts = (n: number) =>
  z.custom<Cell[]>((v) => Array.isArray(v) && v.length === n && v.every(isCell), {
    message: `应为 ${n} 个 0 至 10 亿之间的整数或空（未读出）`,
  });
/** null: the cell was not read (unreadable, ambiguous, not in the table); 0 only when the
 * source's table was read and the cell printed 0 or blank. */
export type Cell = number | null;
export const Table3RowValues = counts(TABLE3_COLUMNS.length);

/** How a cell got its value when it was not simply read where printed:
 * inferred — its position recovered from the arithmetic (blank cells dropped);
 * derived — computed from other cells because the report left it blank;
 * split — a glued digit run split into cells by the template's arithmetic;
 * prose — the figure stated in the prose, no table cell read;
 * ocr — read by OCR from an image;
 * corrected — set by a person (a correction version). */
export const Provenance = z.enum(["inferred", "derived", "split", "prose", "ocr", "corrected"]);

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

const TABLE3_KEY_SET = new Set<string>(TABLE3_KEYS);
const COLUMN_SET = new Set<string>(TABLE3_COLUMNS);
const PROVENANCE_SET = new Set<string>(Provenance.options);
const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `detailed` checked in one plain pass first: zod's record schemas cost ~25 µs a report over
 * table 3, table 2 and the provenance map, a sixth of the ingest path. Only a value the pass
 * refuses goes through `detailed`, whose issues (with their paths) are the ones reported.
 */
function quick<T extends z.ZodType>(detailed: T, accepts: (v: unknown) => boolean) {
  return z.unknown().transform((v, ctx): z.output<T> => {
    if (accepts(v)) return v as z.output<T>;
    const r = detailed.safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ ...issue, code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  });
}

/** Where OCR read one cell (lib/checks/ocr-cells.ts): its page (1-based), its box as fractions of
 * that page image's width and height (any rendering of the page maps it), how sure the recogniser
 * was (0–1), and the text it read there. */
export const OcrCellSource = z.object({
  page: z.number().int().min(1).max(1000),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().min(0).max(1),
  h: z.number().min(0).max(1),
  confidence: z.number().min(0).max(1),
  text: z.string().max(40),
});
export type OcrCellSource = z.infer<typeof OcrCellSource>;

/** A report read by OCR: the pages read (1-based page numbers of its source), and each cell's box
 * keyed as findings name cells ("new_received.total", "review.upheld"). */
export const OcrSource = z.object({
  pages: z.array(z.number().int().min(1).max(1000)).max(1000),
  cells: z.record(z.string().max(80), OcrCellSource),
});
export type OcrSource = z.infer<typeof OcrSource>;

const isRow = (v: unknown) => v === null || (Array.isArray(v) && v.length === TABLE3_COLUMNS.length && v.every(isCell));
const Table3 = quick(z.record(table3Key, Table3RowValues.nullable()), (v) => isPlainRecord(v) && Object.keys(v).every((k) => TABLE3_KEY_SET.has(k) && isRow(v[k])));
const Table2 = quick(z.record(z.string(), z.array(z.number())), (v) =>
  isPlainRecord(v) && Object.values(v).every((row) => Array.isArray(row) && row.every((x) => typeof x === "number" && Number.isFinite(x))),
);
const isColumnProvenance = (v: unknown) => isPlainRecord(v) && Object.keys(v).every((c) => COLUMN_SET.has(c) && PROVENANCE_SET.has(v[c] as string));
const ProvenanceMap = quick(z.record(table3Key, z.partialRecord(z.enum(TABLE3_COLUMNS), Provenance)), (v) =>
  isPlainRecord(v) && Object.keys(v).every((k) => TABLE3_KEY_SET.has(k) && isColumnProvenance(v[k])),
);

export const ParsedReport = z.object({
  agency: z.string().trim().min(1).max(200).nullable(),
  year: z.number().int().min(2007).max(2100).nullable(),
  region: RegionRef.nullable(),
  level: z.enum(LEVELS).nullable(),
  /** Row key → 7 numbers (columns of TABLE3_COLUMNS); null when the report does not print the row. */
  table3: Table3,
  /** The 15 numbers of table 4 (TABLE4_KEYS order); null when the table is missing. */
  table4: counts(15).nullable(),
  /** Table 2 as printed: label → numbers (may be negative: 本年增/减; may be decimal: 万元). */
  table2: Table2,
  /** Cells whose value was not read where printed: row → column → how it was obtained.
   * (partialRecord: zod 4's record over an enum would demand all seven columns.) */
  provenance: ProvenanceMap.default({}),
  flags: z.array(Finding),
  /** Figures the prose states, keyed "row.column" ("new_received.total"): checked against the tables. */
  prose: z.record(z.string(), z.number()).optional(),
  /** The words each prose figure was read from (shortened). */
  proseEvidence: z.record(z.string(), z.string()).optional(),
  /** When the report was published, as the document says (a crawled page's 发布时间, the date of
   * the 落款 under the text, a date in the title or file name); absent when it does not say. */
  published: z
    .object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "发布日期应为 YYYY-MM-DD"),
      from: z.enum(["header", "signature", "title", "file_name"]),
    })
    .nullable()
    .optional(),
  /** Set when the report was read by OCR from page images: where each value was read, and how surely. */
  ocr: OcrSource.optional(),
  /** Where this report sits in the document's text (character offsets, end exclusive). */
  span: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
});
export type ParsedReport = z.infer<typeof ParsedReport>;
export type ParsedTable3 = Partial<Record<Table3Key, Cell[] | null>>;

export const ParseResult = z.object({ reports: z.array(ParsedReport) });
export type ParseResult = z.infer<typeof ParseResult>;

/** Table 4 as stored (JSON): its 15 cells, or null when the report has none. */
export function table4Cells(stored: unknown): Cell[] | null {
  return Array.isArray(stored) && stored.length === 15 ? (stored as Cell[]) : null;
}

/** Table 4 by key (TABLE4_KEYS), or null when the report has none. */
export function table4Record(stored: unknown): Record<string, Cell> | null {
  const t4 = table4Cells(stored);
  return t4 ? Object.fromEntries(TABLE4_KEYS.map((k, i) => [k, t4[i]])) : null;
}

export function isTable3Key(k: string): k is Table3Key {
  return (TABLE3_KEYS as readonly string[]).includes(k);
}

// The ingest path's validation: a plain pass over a report as the parser makes it (~10 µs),
// zod (~50 µs: every nested schema, record and string check, and a copy of the whole report)
// only for what the pass does not accept. The pass accepts a subset of what ParsedReport
// accepts, and only values zod would return unchanged (no key it strips, no default it fills,
// no string it trims): tests/unit/report-validate.test.ts holds the two to that.
const FINDING_CODE_SET = new Set<string>(FINDING_CODES);
const LEVEL_SET = new Set<string>(LEVELS);
const PUBLISHED_FROM = new Set(["header", "signature", "title", "file_name"]);
const REPORT_KEYS = new Set(Object.keys(ParsedReport.shape));
const FINDING_KEYS = new Set(["code", "message", "evidence", "cells"]);
const REGION_KEYS = new Set(["province", "city", "county", "code"]);
const SIX_DIGITS = /^\d{6}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const onlyKeys = (v: Record<string, unknown>, keys: Set<string>) => {
  for (const k in v) if (!keys.has(k)) return false;
  return true;
};
const isOptionalText = (v: unknown) => v === undefined || v === null || typeof v === "string";
const isNonNegativeInt = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** An object literal's kind of object (a Map or a Date is not one). */
const isLiteral = (v: unknown): v is Record<string, unknown> => {
  if (!isPlainRecord(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

function isPlainFinding(f: unknown): boolean {
  if (!isLiteral(f) || !onlyKeys(f, FINDING_KEYS)) return false;
  if (!FINDING_CODE_SET.has(f.code as string) || typeof f.message !== "string" || typeof f.evidence !== "string") return false;
  return f.cells === undefined || (Array.isArray(f.cells) && f.cells.every((c) => typeof c === "string"));
}

function isPlainRegion(r: unknown): boolean {
  if (r === null) return true;
  if (!isLiteral(r) || !onlyKeys(r, REGION_KEYS)) return false;
  if (!isOptionalText(r.province) || !isOptionalText(r.city) || !isOptionalText(r.county)) return false;
  return r.code === undefined || r.code === null || (typeof r.code === "string" && SIX_DIGITS.test(r.code));
}

function isRecordOf(v: unknown, item: (x: unknown) => boolean): boolean {
  if (v === undefined) return true;
  if (!isLiteral(v)) return false;
  for (const k in v) if (!item(v[k])) return false;
  return true;
}

/** True when `r` is a report ParsedReport accepts and would return as it is. */
function acceptsAsIs(r: unknown): r is ParsedReport {
  if (!isLiteral(r) || !onlyKeys(r, REPORT_KEYS)) return false;
  const { agency, year, published, span } = r;
  if (agency !== null && (typeof agency !== "string" || agency.length === 0 || agency.length > 200 || agency.trim() !== agency)) return false;
  if (year !== null && (typeof year !== "number" || !Number.isInteger(year) || year < 2007 || year > 2100)) return false;
  if (!isPlainRegion(r.region)) return false;
  if (r.level !== null && !LEVEL_SET.has(r.level as string)) return false;
  if (!isLiteral(r.table3) || !Object.keys(r.table3).every((k) => TABLE3_KEY_SET.has(k) && isRow((r.table3 as Record<string, unknown>)[k]))) return false;
  if (r.table4 !== null && !(Array.isArray(r.table4) && r.table4.length === 15 && r.table4.every(isCell))) return false;
  if (!isLiteral(r.table2) || !Object.values(r.table2).every((row) => Array.isArray(row) && row.every((x) => typeof x === "number" && Number.isFinite(x)))) return false;
  // Absent: zod fills the default ({}), so it goes through zod.
  if (!isLiteral(r.provenance) || !Object.keys(r.provenance).every((k) => TABLE3_KEY_SET.has(k) && isColumnProvenance((r.provenance as Record<string, unknown>)[k]))) return false;
  if (!Array.isArray(r.flags) || !r.flags.every(isPlainFinding)) return false;
  if (!isRecordOf(r.prose, (x) => typeof x === "number" && Number.isFinite(x))) return false;
  if (!isRecordOf(r.proseEvidence, (x) => typeof x === "string")) return false;
  if (published !== undefined && published !== null) {
    if (!isLiteral(published) || !onlyKeys(published, new Set(["date", "from"]))) return false;
    if (typeof published.date !== "string" || !ISO_DAY.test(published.date) || !PUBLISHED_FROM.has(published.from as string)) return false;
  }
  if (span !== undefined) {
    if (!isLiteral(span) || !onlyKeys(span, new Set(["start", "end"])) || !isNonNegativeInt(span.start) || !isNonNegativeInt(span.end)) return false;
  }
  // A report read by OCR (its boxes and confidences) is checked by zod: few, and nested.
  if (r.ocr !== undefined) return false;
  return true;
}

/** ParsedReport.safeParse, with the plain pass first (the parser's own reports on the ingest path). */
export function validateReport(r: unknown): { success: true; data: ParsedReport } | { success: false; error: z.ZodError } {
  if (acceptsAsIs(r)) return { success: true, data: r };
  const parsed = ParsedReport.safeParse(r);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, error: parsed.error };
}
