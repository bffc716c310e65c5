// The arithmetic findings: each rule fires on a real break, names its cells, and stays quiet on a
// consistent report; numbers are never changed.
import { describe, expect, it } from "vitest";
import { checkCarryOver, checkIdentity, checkOutcomeSum, checkProse, checkRowSums, checkTable4, runChecks, type CheckableReport } from "@/lib/checks";
import { TABLE3_ROWS } from "@/lib/model/keys";
import * as B from "../helpers/report-builder";

function report(v: B.Values, extra: Partial<CheckableReport> = {}): CheckableReport {
  const table3: Record<string, number[]> = {};
  for (const k of TABLE3_ROWS) table3[k] = [...B.valuesOf(v, k)];
  return { year: 2023, table3, table4: [...B.TABLE4], ...extra };
}

describe("single-report checks", () => {
  it("a consistent report has no finding", () => {
    expect(runChecks(report(B.RICH, { prose: { "new_received.total": 30 } }))).toEqual([]);
  });

  it("identity: new + carried = processed + forward, per column", () => {
    const r = report(B.RICH);
    r.table3.carried_forward = [7, 1, 0, 0, 1, 0, 9];
    const f = checkIdentity(r);
    expect(f).toHaveLength(1);
    expect(f[0].code).toBe("identity_broken");
    expect(f[0].cells).toEqual(expect.arrayContaining(["carried_forward.natural_person", "carried_forward.total"]));
    expect(f[0].cells).not.toContain("carried_forward.commercial");
    expect(f[0].message).toMatch(/勾稽关系/);
    expect(f[0].evidence).toContain("自然人：25 + 2 = 27 ≠ 21 + 7 = 28");
    expect(r.table3.carried_forward).toEqual([7, 1, 0, 0, 1, 0, 9]);
  });

  it("outcome sum: (七)总计 = the outcome rows", () => {
    const r = report(B.RICH);
    r.table3.granted = [5, 1, 0, 0, 0, 0, 6];
    const f = checkOutcomeSum(r);
    expect(f.map((x) => x.code)).toEqual(["outcome_sum_broken"]);
    expect(f[0].cells).toEqual(["total_processed.natural_person", "total_processed.total"]);
  });

  it("outcome sum uses a group printed as one row instead of its items", () => {
    const r = report(B.RICH);
    for (const it of ["overdue_correction", "unpaid_fee", "other"]) r.table3[`other.${it}`] = null as unknown as number[];
    r.table3.other = [3, 0, 0, 0, 0, 0, 3];
    expect(checkOutcomeSum(r)).toEqual([]);
    r.table3.other = [4, 0, 0, 0, 0, 0, 4];
    expect(checkOutcomeSum(r)).toHaveLength(1);
  });

  it("row sums: total = the six applicant columns", () => {
    const r = report(B.RICH);
    r.table3.granted = [4, 1, 0, 0, 0, 0, 6];
    const f = checkRowSums(r);
    expect(f.map((x) => x.code)).toEqual(["row_sum_broken"]);
    expect(f[0].cells).toEqual(["granted.total"]);
    expect(f[0].evidence).toContain("予以公开");
  });

  it("a derived total is not checked against itself", () => {
    const r = report(B.RICH, { provenance: { granted: { total: "derived" } } });
    r.table3.granted = [4, 1, 0, 0, 0, 0, 6];
    expect(checkRowSums(r)).toEqual([]);
  });

  it("table 4: each group's total = upheld + corrected + other + pending", () => {
    const r = report(B.RICH, { table4: [1, 0, 0, 0, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0] });
    const f = checkTable4(r);
    expect(f.map((x) => x.code)).toEqual(["table4_sum_broken"]);
    expect(f[0].cells).toEqual(["review.total"]);
    expect(checkTable4(report(B.RICH, { table4: null }))).toEqual([]);
  });

  it("prose vs table: 共收到申请2件 against 本年新收 3", () => {
    const f = checkProse(report(B.SPARSE, { prose: { "new_received.total": 2 }, proseEvidence: { "new_received.total": "共收到信息公开申请2件" } }));
    expect(f.map((x) => x.code)).toEqual(["prose_table_mismatch"]);
    expect(f[0].evidence).toContain("共收到信息公开申请2件");
    expect(checkProse(report(B.SPARSE, { prose: { "new_received.total": 4 } }))).toEqual([]);
    // "收到" counting last year's carried-over requests too is not a contradiction.
    expect(checkProse(report(B.RICH, { prose: { "new_received.total": 32 } }))).toEqual([]);
  });

  it("a report whose tables are missing is not added up", () => {
    expect(runChecks({ table3: { new_received: [0, 0, 0, 0, 0, 0, 5] }, flags: [{ code: "table_missing" }] })).toEqual([]);
  });
});

describe("carry-over across years", () => {
  it("carried_over of Y = carried_forward of Y−1", () => {
    const prev = report(B.RICH, { year: 2022 });
    const cur = report(B.RICH, { year: 2023 });
    prev.table3.carried_forward = [2, 0, 0, 0, 0, 0, 2];
    expect(checkCarryOver(prev, cur)).toEqual([]);
    prev.table3.carried_forward = [1, 1, 0, 0, 0, 0, 2];
    const f = checkCarryOver(prev, cur);
    expect(f).toHaveLength(1);
    expect(f[0].code).toBe("carry_mismatch");
    expect(f[0].cells).toEqual(["carried_over.natural_person", "carried_over.commercial"]);
    expect(f[0].evidence).toMatch(/^2022→2023/);
  });

  it("missing rows: nothing to compare", () => {
    expect(checkCarryOver({ table3: {} }, report(B.RICH))).toEqual([]);
  });
});
