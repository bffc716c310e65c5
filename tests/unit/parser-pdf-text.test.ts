// PDF copies of the seeds (tests/fixtures/pdf-text, see its README): the same agency, year and
// numbers as the text they were printed from — through the project's PDF reader and pdftotext.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/analyze";
import type { ParsedReport } from "@/lib/model/report-schema";

const DIR = path.join(process.cwd(), "tests", "fixtures", "pdf-text");
const EXPECTED = path.join(process.cwd(), "tests", "fixtures", "seeds", "expected");
interface Golden {
  agency: string;
  year: number;
  table3: Record<string, number[]>;
  table3_not_stated?: string[];
  table4: number[];
}
const goldensOf = (seed: string): Golden[] => {
  const f = fs.readdirSync(EXPECTED).find((x) => x.startsWith(seed))!;
  return JSON.parse(fs.readFileSync(path.join(EXPECTED, f), "utf8")).reports;
};
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();
/** Flags that say "these numbers are not to be trusted as read". */
const DOUBT = ["outcome_sum_broken", "row_sum_broken", "identity_broken", "table_unreadable", "split_ambiguous", "columns_inferred", "table4_sum_broken"];

/** Cells that differ from the golden; with `readOnly`, only cells that hold a number (an unread
 * cell, null, is honest). */
function wrongCells(r: ParsedReport, g: Golden, readOnly = false): string[] {
  const differs = (got: (number | null)[] | null | undefined, want: number[]) =>
    readOnly ? want.some((w, i) => got?.[i] !== undefined && got[i] !== null && got[i] !== w) : JSON.stringify(got) !== JSON.stringify(want);
  const out: string[] = [];
  for (const [row, want] of Object.entries(g.table3)) {
    if (g.table3_not_stated?.includes(row)) continue;
    if (differs(r.table3[row], want)) out.push(`${row}: want ${want} got ${r.table3[row]}`);
  }
  if (differs(r.table4, g.table4)) out.push(`table4: want ${g.table4} got ${r.table4}`);
  return out;
}

describe("PDF copies of the seeds", () => {
  it("has the three conversions of the five seeds", () => expect(files).toHaveLength(15));

  for (const f of files) {
    const seed = f.slice(4, 7);
    const raw = f.endsWith(".pdftotext.txt");
    it(`${f}: every report under its agency and year${raw ? "; a wrong cell never unflagged" : ", every cell as the seed"}`, () => {
      const { reports } = analyzeText(fs.readFileSync(path.join(DIR, f), "utf8"), { fileName: f });
      const goldens = goldensOf(seed);
      expect(reports.map((r) => `${r.agency} ${r.year}`).sort()).toEqual(goldens.map((g) => `${g.agency} ${g.year}`).sort());
      for (const g of goldens) {
        const r = reports.find((x) => x.agency === g.agency && x.year === g.year)!;
        const wrong = wrongCells(r, g, raw);
        if (!raw) expect(wrong, `${g.agency} ${g.year}`).toEqual([]);
        else if (wrong.length) expect(r.flags.map((x) => x.code).some((c) => DOUBT.includes(c)), `${g.year}: ${wrong.join("; ")}`).toBe(true);
      }
    });
  }
});
