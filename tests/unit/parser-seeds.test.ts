// Every seed's hand-checked golden, reproduced exactly: agency, year, region, level, every
// table-3 cell, table 4, table 2, the expected findings and no unexpected one.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/analyze";
import { ParsedReport } from "@/lib/model/report-schema";

const DIR = path.join(__dirname, "..", "fixtures", "seeds");
const SCORED_FLAGS = new Set([
  "columns_inferred", "value_derived", "prose_table_mismatch", "region_unknown", "identity_broken", "outcome_sum_broken",
  "row_sum_broken", "table4_sum_broken", "agency_unknown", "year_unknown", "table_missing",
]);

interface Golden {
  agency: string;
  year: number;
  region: Record<string, string> | null;
  level: string;
  table3: Record<string, number[]>;
  table3_not_stated?: string[];
  table4: number[];
  table2: Record<string, number[]>;
  expected_flags: string[];
}

const seeds = fs.readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();

describe("seed reports", () => {
  it("has the five seeds and their goldens", () => {
    expect(seeds).toHaveLength(5);
    for (const s of seeds) expect(fs.existsSync(path.join(DIR, "expected", s.replace(/\.txt$/, ".json")))).toBe(true);
  });

  for (const file of seeds) {
    const golden = JSON.parse(fs.readFileSync(path.join(DIR, "expected", file.replace(/\.txt$/, ".json")), "utf8")) as { reports: Golden[] };
    const { reports } = analyzeText(fs.readFileSync(path.join(DIR, file), "utf8"));

    it(`${file}: finds exactly the golden's reports`, () => {
      expect(reports.map((r) => [r.agency, r.year])).toEqual(golden.reports.map((g) => [g.agency, g.year]));
      for (const r of reports) expect(ParsedReport.safeParse(r).success).toBe(true);
    });

    for (const g of golden.reports) {
      describe(`${file} ${g.agency} ${g.year}`, () => {
        const r = reports.find((x) => x.agency === g.agency && x.year === g.year);
        it("agency, year, region, level", () => {
          expect(r).toBeDefined();
          for (const [k, v] of Object.entries(g.region ?? {})) expect(r!.region?.[k as "province"]).toBe(v);
          if (g.region === null) expect(r!.region).toBeNull();
          expect(r!.level).toBe(g.level);
        });
        it("every table-3 cell", () => {
          for (const [key, want] of Object.entries(g.table3)) {
            if (g.table3_not_stated?.includes(key)) continue;
            expect([key, r!.table3[key]]).toEqual([key, want]);
          }
        });
        it("table 4 and table 2", () => {
          expect(r!.table4).toEqual(g.table4);
          expect(r!.table2).toEqual(g.table2);
        });
        it("the expected findings, and no other", () => {
          const codes = new Set(r!.flags.map((f) => f.code).filter((c) => SCORED_FLAGS.has(c)));
          expect([...codes].sort()).toEqual([...g.expected_flags].sort());
          for (const f of r!.flags) expect(f.message.length).toBeGreaterThan(5);
        });
      });
    }
  }

  it("marks the derived and inferred cells of 2019 (blank 总计 row, collapsed blanks)", () => {
    const { reports } = analyzeText(fs.readFileSync(path.join(DIR, "001_6174489a5f7162cb.txt"), "utf8"));
    const r2019 = reports.find((r) => r.year === 2019)!;
    expect(r2019.provenance.total_processed?.total).toBe("derived");
    expect(r2019.provenance.new_received?.natural_person).toBe("inferred");
    expect(r2019.table3.other).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const r2023 = reports.find((r) => r.year === 2023)!;
    expect(r2023.prose?.["new_received.total"]).toBe(2);
    expect(r2023.flags.find((f) => f.code === "prose_table_mismatch")?.cells).toEqual(["new_received.total"]);
  });

  it("keeps the single (六)其他处理 row as the group and as other.other (000)", () => {
    const { reports } = analyzeText(fs.readFileSync(path.join(DIR, "000_618cafc3c164b440.txt"), "utf8"));
    expect(reports[0].table3.other).toEqual([4, 0, 0, 0, 0, 0, 4]);
    expect(reports[0].table3["other.other"]).toEqual([4, 0, 0, 0, 0, 0, 4]);
    expect(reports[0].table3["other.overdue_correction"]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(reports[0].table3.denied).toBeUndefined();
  });
});
