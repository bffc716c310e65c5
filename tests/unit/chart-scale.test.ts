import { describe, expect, it } from "vitest";
import { belowMinBase, scaleRows, scaledUnit, withMinBase } from "@/lib/chart-scale";
import { wrapText, textWidth } from "@/components/charts/export";
import { formatValue } from "@/lib/format";

const rows = [
  { year: 2019, a: 200, b: null },
  { year: 2020, a: 100, b: 4 },
  { year: 2021, a: 0, b: 8 },
  { year: 2023, a: 50, b: 2 },
];

describe("chart scales", () => {
  it("index: each series' first year with a value is 100, gaps stay gaps", () => {
    const out = scaleRows(rows, ["a", "b"], "index");
    expect(out.map((r) => r.a)).toEqual([100, 50, 0, 25]);
    expect(out.map((r) => r.b)).toEqual([null, 100, 200, 50]);
  });

  it("yoy: change on the calendar year before; no year before or a 0 before is a gap, not 0", () => {
    const out = scaleRows(rows, ["a", "b"], "yoy");
    expect(out.map((r) => r.a)).toEqual([null, -0.5, -1, null]);
    expect(out.map((r) => r.b)).toEqual([null, null, 1, null]);
  });

  it("log drops values it cannot draw (0), linear keeps everything", () => {
    expect(scaleRows(rows, ["a"], "log").map((r) => r.a)).toEqual([200, 100, null, 50]);
    expect(scaleRows(rows, ["a"], "linear")).toBe(rows);
  });

  it("units follow the scale", () => {
    expect(scaledUnit("count", "index")).toBe("index");
    expect(scaledUnit("percent", "yoy")).toBe("change");
    expect(scaledUnit("percent", "log")).toBe("percent");
    expect(formatValue(-0.5, "change")).toBe("-50%");
    expect(formatValue(0.25, "change")).toBe("+25%");
    expect(formatValue(125, "index")).toBe("125");
  });
});

describe("rates with their base", () => {
  const rates = [
    { year: 2020, x: 1, y: 0.6 },
    { year: 2021, x: 0.5, y: null },
  ];
  const bases = [
    { year: 2020, x: 1, y: 1000 },
    { year: 2021, x: null, y: 12 },
  ];
  it("a rate on fewer cases than the minimum (or an unknown base) is left out", () => {
    expect(withMinBase(rates, bases, ["x", "y"], 30)).toEqual([
      { year: 2020, x: null, y: 0.6 },
      { year: 2021, x: null, y: null },
    ]);
  });
  it("no minimum keeps every rate", () => {
    expect(withMinBase(rates, bases, ["x", "y"], 0)).toBe(rates);
    expect(belowMinBase(1, 0)).toBe(false);
    expect(belowMinBase(null, 10)).toBe(true);
    expect(belowMinBase(10, 10)).toBe(false);
  });
});

describe("export text", () => {
  it("wraps Chinese text to the width, losing nothing", () => {
    const s = "单位：件 · 来源：聊城市机关事务管理局 5 份年报（2019–2023 年）（政府信息公开工作年度报告），公开 gongkai 整理 · 数据更新于 2026年12月1日";
    const lines = wrapText(s, 12, 300);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("")).toBe(s);
    for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(300);
  });
});
