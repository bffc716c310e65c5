// applyCorrection: what the correction form shows live and what the server stores.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/analyze";
import { applyCorrection } from "@/lib/review/apply";

const seed = fs.readFileSync(path.join(process.cwd(), "prisma", "samples", "003_21c4dbd6a9801aef.txt"), "utf8");
const misprinted = seed.replace("| (一)予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |", "| (一)予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 5 |");

describe("applyCorrection", () => {
  const base = analyzeText(misprinted).reports[0];

  it("the misprinted cell's findings clear when it is corrected; the cell is marked corrected", () => {
    expect(base.flags.map((f) => f.code).sort()).toEqual(["outcome_sum_broken", "row_sum_broken"]);
    const out = applyCorrection(base, { "granted.total": 4 });
    expect(out.changed).toEqual(["granted.total"]);
    expect(out.report.flags).toEqual([]);
    expect(out.cleared.map((f) => f.code).sort()).toEqual(["outcome_sum_broken", "row_sum_broken"]);
    expect(out.report.provenance.granted).toEqual({ total: "corrected" });
    expect(base.table3.granted?.[6]).toBe(5); // the base is left as it was
  });

  it("a wrong correction brings its own findings", () => {
    const out = applyCorrection(base, { "granted.natural_person": 7 });
    expect(out.added.length).toBeGreaterThan(0);
    expect(out.report.flags.map((f) => f.code)).toContain("row_sum_broken");
  });

  it("the same value again changes nothing; a table-4 cell can be corrected", () => {
    expect(applyCorrection(base, { "granted.total": 5 }).changed).toEqual([]);
    const out = applyCorrection(base, { "review.upheld": 2 });
    expect(out.changed).toEqual(["review.upheld"]);
    expect(out.added.map((f) => f.code)).toContain("table4_sum_broken");
  });

  it("naming the agency settles agency_unknown", () => {
    const unknown = analyzeText(seed.replaceAll("缙云县人民政府办公室", "本机关")).reports[0];
    expect(unknown.flags.map((f) => f.code)).toContain("agency_unknown");
    const out = applyCorrection(unknown, {}, { agency: "缙云县人民政府办公室" });
    expect(out.report.flags.map((f) => f.code)).not.toContain("agency_unknown");
  });
});
