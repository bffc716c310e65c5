// The bench's generated reports, read back through the ingest path (bytes → text → reports):
// every number exactly as generated, in every layout and format. Keeps the generator honest and
// tests the parser on a few hundred varied reports.
import { describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/analyze";
import { extractText } from "@/lib/extract";
import { TABLE3_ROWS } from "@/lib/model/keys";
import { LAYOUT_NAMES, generateFiles } from "@/scripts/bench/generate-texts";

/** Findings a consistent, fully printed table must not raise. */
const WRONG = ["identity_broken", "outcome_sum_broken", "row_sum_broken", "table4_sum_broken", "carry_mismatch", "prose_table_mismatch", "agency_unknown", "year_unknown", "region_unknown", "table_missing"];

describe("generated reports read back exactly", () => {
  const files = [...generateFiles(300, 7)];

  it("cover every layout", () => {
    expect([...new Set(files.map((f) => f.layout))].sort()).toEqual([...LAYOUT_NAMES].sort());
  });

  it("same seed, same files", async () => {
    const again = [...generateFiles(20, 7)];
    // (The last agency of a shorter run may have fewer years: 20 reports, not 300.)
    expect(again.length).toBeGreaterThan(5);
    expect(again.slice(0, -1).map((f) => f.name)).toEqual(files.slice(0, again.length - 1).map((f) => f.name));
    expect(await again[3].bytes()).toEqual(await files[3].bytes());
  });

  it("every number, name, year and region as generated", async () => {
    const mismatches: string[] = [];
    for (const f of files) {
      const { text } = await extractText(await f.bytes(), { fileName: f.name });
      const { reports } = analyzeText(text);
      const got = reports.map((r) => ({
        agency: r.agency,
        year: r.year,
        regionCode: r.region?.code,
        level: r.level,
        table3: Object.fromEntries(TABLE3_ROWS.map((k) => [k, r.table3[k]])),
        table4: r.table4,
        table2: r.table2,
        wrong: r.flags.map((x) => x.code).filter((c) => WRONG.includes(c)),
      }));
      const want = f.reports.map((r) => ({ ...r, wrong: [] }));
      try {
        expect(got).toEqual(want);
      } catch (e) {
        mismatches.push(`${f.name} (${f.layout}): ${(e as Error).message.slice(0, 1500)}`);
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(mismatches.length).toBe(0);
  });
});
