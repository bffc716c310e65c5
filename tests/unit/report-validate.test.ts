// validateReport (the ingest path's validation) decides as ParsedReport does: its plain pass may
// accept a report only when zod accepts it and returns it unchanged; everything else goes to zod.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReports } from "@/lib/parser";
import { runChecks } from "@/lib/checks";
import { ParsedReport, validateReport } from "@/lib/model/report-schema";

const DIR = path.join(__dirname, "..", "fixtures", "seeds");
const parsed = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .flatMap((f) => parseReports(fs.readFileSync(path.join(DIR, f), "utf8")))
  .map((r) => ({ ...r, flags: [...r.flags, ...runChecks(r)] }));

/** The same decision and the same data as zod. */
function expectSameAsZod(r: unknown) {
  const z = ParsedReport.safeParse(structuredClone(r));
  const v = validateReport(r);
  expect(v.success).toBe(z.success);
  if (v.success && z.success) expect(v.data).toEqual(z.data);
}

const base = () => structuredClone(parsed[0]) as Record<string, any>;
const MUTATIONS: [string, (r: Record<string, any>) => void][] = [
  ["agency with spaces around it (zod trims)", (r) => (r.agency = ` ${r.agency} `)],
  ["empty agency", (r) => (r.agency = "")],
  ["agency of 201 characters", (r) => (r.agency = "局".repeat(201))],
  ["agency a number", (r) => (r.agency = 3)],
  ["year 2006", (r) => (r.year = 2006)],
  ["year 2024.5", (r) => (r.year = 2024.5)],
  ["year a string", (r) => (r.year = "2024")],
  ["an unknown key (zod strips it)", (r) => (r.extra = 1)],
  ["region code of five digits", (r) => (r.region = { code: "12345" })],
  ["region with an unknown key", (r) => (r.region = { code: "110000", x: 1 })],
  ["region a string", (r) => (r.region = "北京")],
  ["level unknown", (r) => (r.level = "village")],
  ["table3 unknown row", (r) => (r.table3 = { ...r.table3, nope: [0, 0, 0, 0, 0, 0, 0] })],
  ["table3 row of six cells", (r) => (r.table3 = { ...r.table3, new_received: [0, 0, 0, 0, 0, 0] })],
  ["table3 cell negative", (r) => (r.table3 = { ...r.table3, new_received: [-1, 0, 0, 0, 0, 0, 0] })],
  ["table3 cell NaN", (r) => (r.table3 = { ...r.table3, new_received: [NaN, 0, 0, 0, 0, 0, 0] })],
  ["table3 a Map", (r) => (r.table3 = new Map())],
  ["table4 of 14", (r) => (r.table4 = new Array(14).fill(0))],
  ["table4 with 1.5", (r) => (r.table4 = [1.5, ...new Array(14).fill(0)])],
  ["table2 with Infinity", (r) => (r.table2 = { 规章: [Infinity] })],
  ["provenance missing (zod fills {})", (r) => delete r.provenance],
  ["provenance unknown kind", (r) => (r.provenance = { new_received: { total: "guessed" } })],
  ["provenance unknown column", (r) => (r.provenance = { new_received: { nobody: "inferred" } })],
  ["finding without evidence (zod fills it)", (r) => (r.flags = [{ code: "year_unknown", message: "x" }])],
  ["finding with an unknown code", (r) => (r.flags = [{ code: "nope", message: "x", evidence: "" }])],
  ["finding with an unknown key", (r) => (r.flags = [{ code: "year_unknown", message: "x", evidence: "", y: 1 }])],
  ["finding cells not strings", (r) => (r.flags = [{ code: "year_unknown", message: "x", evidence: "", cells: [1] }])],
  ["prose NaN", (r) => (r.prose = { "new_received.total": NaN })],
  ["proseEvidence a number", (r) => (r.proseEvidence = { "new_received.total": 3 })],
  ["published day malformed", (r) => (r.published = { date: "2024-1-5", from: "header" })],
  ["published from unknown", (r) => (r.published = { date: "2024-01-05", from: "guess" })],
  ["published with an unknown key", (r) => (r.published = { date: "2024-01-05", from: "header", x: 1 })],
  ["span negative", (r) => (r.span = { start: -1, end: 3 })],
  ["span with an unknown key", (r) => (r.span = { start: 1, end: 3, x: 1 })],
  ["flags not an array", (r) => (r.flags = {})],
];

describe("validateReport", () => {
  it("accepts the parser's reports as they are, as zod does", () => {
    expect(parsed.length).toBeGreaterThanOrEqual(5);
    for (const r of parsed) {
      expectSameAsZod(r);
      const v = validateReport(r);
      expect(v.success && v.data).toBe(r); // the plain pass took it
    }
  });

  for (const [name, mutate] of MUTATIONS) {
    it(`decides as zod: ${name}`, () => {
      const r = base();
      mutate(r);
      expectSameAsZod(r);
    });
  }
});

describe("a report read by OCR", () => {
  it("has its boxes checked: a box outside its page is refused", () => {
    const base = { agency: "某县档案馆", year: 2023, region: null, level: null, table3: {}, table4: null, table2: {}, provenance: {}, flags: [] };
    const box = { page: 1, x: 0.4, y: 0.1, w: 0.02, h: 0.01, confidence: 0.97, text: "3" };
    expect(validateReport({ ...base, ocr: { pages: [1], cells: { "granted.total": box } } }).success).toBe(true);
    expect(validateReport({ ...base, ocr: { pages: [1], cells: { "granted.total": { ...box, x: 1.5 } } } }).success).toBe(false);
    expect(validateReport({ ...base, ocr: { pages: [1], cells: { "granted.total": { ...box, confidence: "high" } } } }).success).toBe(false);
  });
});
