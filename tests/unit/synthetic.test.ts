// The bench's synthetic reports must pass the app's own arithmetic checks (row sums, outcome
// sums, the identity per column, table 4, the carry-over from the year before), or the bench
// would be measuring data no real report looks like.
import { describe, expect, it } from "vitest";
import { checkCarryOver, runChecks } from "@/lib/checks";
import { TABLE3_ROWS } from "@/lib/model/keys";
import { getRegion } from "@/lib/regions";
import { prng, syntheticAgencies, syntheticReport } from "@/scripts/bench/synthetic";

describe("synthetic bench reports", () => {
  const rng = prng(7);
  const agencies = syntheticAgencies(300, rng);

  it("are agencies over real regions with unique names per region", () => {
    expect(agencies).toHaveLength(300);
    expect(agencies.every((a) => getRegion(a.regionCode))).toBe(true);
    expect(new Set(agencies.map((a) => `${a.name}|${a.regionCode}`)).size).toBe(300);
    expect(new Set(agencies.map((a) => a.level)).size).toBeGreaterThanOrEqual(3);
  });

  it("satisfy every arithmetic rule of the template, across years too", () => {
    for (const a of agencies.slice(0, 100)) {
      let prev: ReturnType<typeof syntheticReport> | null = null;
      for (const year of [2019, 2020, 2021, 2022, 2023]) {
        const r = syntheticReport(rng, a, year, prev ? prev.table3.get("carried_forward")!.slice(0, 6) : null, year === 2023);
        const checkable = { year, table3: Object.fromEntries(r.table3), table4: r.table4 };
        expect([...r.table3.keys()]).toEqual([...TABLE3_ROWS]);
        expect(runChecks(checkable)).toEqual([]);
        if (prev) expect(checkCarryOver({ year: year - 1, table3: Object.fromEntries(prev.table3) }, checkable)).toEqual([]);
        prev = r;
      }
    }
  });

  it("are the same for the same seed", () => {
    const again = syntheticAgencies(300, prng(7));
    expect(again.map((a) => a.name)).toEqual(agencies.map((a) => a.name));
  });
});
