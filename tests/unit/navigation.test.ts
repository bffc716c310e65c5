// URL normalisation and name search words (issue 14's navigation items).
import { describe, expect, it } from "vitest";
import { normalisedRangeQuery, orderedYears } from "@/lib/chart-state";
import { searchWords } from "@/lib/queries/scope";

describe("reversed year range", () => {
  it("is swapped, other parameters kept", () => {
    const q = normalisedRangeQuery(new URLSearchParams("from=2022&to=2020&mix=pct"));
    expect(q?.get("from")).toBe("2020");
    expect(q?.get("to")).toBe("2022");
    expect(q?.get("mix")).toBe("pct");
  });
  it("is left alone when in order, open or invalid", () => {
    for (const s of ["from=2020&to=2022", "from=2021&to=2021", "from=2022", "to=2020", "from=abc&to=2020", ""])
      expect(normalisedRangeQuery(new URLSearchParams(s))).toBeNull();
  });
  it("a control choosing a year past the other end swaps them", () => {
    expect(orderedYears(2023, 2020)).toEqual({ from: 2020, to: 2023 });
    expect(orderedYears(2019, null)).toEqual({ from: 2019, to: null });
  });
});

describe("name search", () => {
  it("splits on half- and full-width spaces", () => {
    expect(searchWords("聊城 机关")).toEqual(["聊城", "机关"]);
    expect(searchWords("  聊城\u3000机关  事务 ")).toEqual(["聊城", "机关", "事务"]);
    expect(searchWords("   ")).toEqual([]);
  });
});
