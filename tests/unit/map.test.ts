// The map's pure pieces: which region a boundary is (code, name, merger), the colour classes
// (null is no data, never the class of 0), and the boundary files built from them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binOf, binsOf, fillOf, niceBreak, SEQUENTIAL } from "@/lib/geo/bins";
import { matchRegion, stem, withoutBoundary } from "@/lib/geo/match";
import { REGIONS } from "@/lib/regions/data";
import { valueOf } from "@/lib/queries/map";
import { mapLayer } from "@/lib/geo/shapes";
import { mapFrame } from "@/components/map/mapModel";

const childrenOf = (code: string) => REGIONS.filter((r) => r.parentCode === code);

describe("matchRegion", () => {
  it("takes a code that is a region under the parent", () => {
    expect(matchRegion("371500", "聊城市", childrenOf("370000"))).toBe("371500");
  });
  it("matches a renamed region by its name's stem (那曲地区 → 那曲市, 梁平县 → 梁平区)", () => {
    expect(matchRegion("542400", "那曲地区", childrenOf("540000"))).toBe("540600");
    expect(matchRegion("500228", "梁平县", childrenOf("500000"))).toBe("500155");
  });
  it("matches a boundary without a code by its exact name", () => {
    expect(matchRegion(undefined, "崇明区", childrenOf("310000"))).toBe("310151");
  });
  it("follows a merger (莱芜市 into 济南市)", () => {
    expect(matchRegion("371200", "莱芜市", childrenOf("370000"))).toBe("370100");
  });
  it("matches nothing rather than a wrong region", () => {
    expect(matchRegion("999999", "不存在市", childrenOf("370000"))).toBeNull();
    // a code of another province is not taken
    expect(matchRegion("110101", "东城区", childrenOf("370000"))).toBeNull();
  });
  it("stems names without losing short ones", () => {
    expect(stem("那曲地区")).toBe("那曲");
    expect(stem("哈密市")).toBe("哈密");
    expect(stem("北区")).toBe("北区");
  });
  it("lists the regions without a boundary", () => {
    const kids = childrenOf("370000");
    const missing = withoutBoundary(kids, new Set(kids.slice(1).map((r) => r.code)));
    expect(missing.map((r) => r.code)).toEqual([kids[0].code]);
  });
});

describe("colour classes", () => {
  it("makes at most five classes from quantiles, in the sequential scale", () => {
    const bins = binsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000]);
    expect(bins.length).toBe(5);
    expect(bins.map((b) => b.color)).toEqual(SEQUENTIAL[5]);
    expect(bins[0].lo).toBe(1);
    expect(bins.at(-1)!.hi).toBe(1000);
    for (let i = 1; i < bins.length; i++) expect(bins[i].lo).toBe(bins[i - 1].hi);
  });
  it("puts 0 in the lowest class and null in none (no data is not 0)", () => {
    const bins = binsOf([0, null, 5, 50, 500]);
    expect(binOf(0, bins)).toBe(0);
    expect(binOf(null, bins)).toBeNull();
    expect(fillOf(null, bins)).toBeNull();
    expect(fillOf(0, bins)).toBe(bins[0].color);
  });
  it("puts the largest value in the last class", () => {
    const bins = binsOf([1, 2, 3, 4, 5, 6]);
    expect(binOf(6, bins)).toBe(bins.length - 1);
  });
  it("makes fewer classes for fewer distinct values, none for no values", () => {
    expect(binsOf([7, 7, 7]).length).toBe(1);
    expect(binsOf([1, 9]).length).toBe(2);
    expect(binsOf([null, null])).toEqual([]);
  });
  it("rounds breaks to readable numbers", () => {
    expect(niceBreak(12345)).toBe(12000);
    expect(niceBreak(7)).toBe(7);
    expect(niceBreak(0.61234, "percent")).toBe(0.612);
    expect(niceBreak(2.345, "per100")).toBe(2.3);
  });
});

describe("valueOf (the roll-up row's statistic)", () => {
  const row = (over: Record<string, { sum: number; n: number }> = {}) =>
    ({
      reports: 3,
      ...Object.fromEntries(
        ["new_received", "granted", "partially_granted", "denied", "unable", "not_processed", "other_outcome", "total_processed", "review_total", "litigation_total"].map((c) => [c, { sum: 0, n: 0 }]),
      ),
      ...over,
    }) as Parameters<typeof valueOf>[1];
  it("is null when no report states the number, 0 when they state 0", () => {
    expect(valueOf("new_received.total", row()).value).toBeNull();
    expect(valueOf("new_received.total", row({ new_received: { sum: 0, n: 2 } })).value).toBe(0);
  });
  it("divides sums for a rate, with its base, and is null on a base of 0", () => {
    const v = valueOf("grant_rate", row({ granted: { sum: 30, n: 3 }, total_processed: { sum: 120, n: 3 } }));
    expect(v.value).toBeCloseTo(0.25);
    expect(v.base).toBe(120);
    expect(valueOf("grant_rate", row({ granted: { sum: 0, n: 3 }, total_processed: { sum: 0, n: 3 } })).value).toBeNull();
    expect(valueOf("litigation_per_100", row({ litigation_total: { sum: 3, n: 3 }, new_received: { sum: 150, n: 3 } })).value).toBeCloseTo(2);
  });
});

describe("boundary layers", () => {
  it("has a layer of provinces and one per province of the code table, keyed by its codes", () => {
    const dir = path.join(import.meta.dirname, "..", "..", "lib", "geo", "topo");
    const files = fs.readdirSync(dir);
    expect(files).toContain("provinces.json");
    for (const p of REGIONS.filter((r) => r.level === "province")) expect(files, p.name).toContain(`c${p.code.slice(0, 2)}.json`);
  });
  it("draws every province (and 台湾, 香港, 澳门) as a path with a GB/T 2260 code", async () => {
    const layer = (await mapLayer(null))!;
    const codes = layer.shapes.map((s) => s.code);
    for (const p of REGIONS.filter((r) => r.level === "province")) expect(codes, p.name).toContain(p.code);
    expect(codes).toEqual(expect.arrayContaining(["710000", "810000", "820000"]));
    expect(layer.height).toBeGreaterThan(200);
    for (const s of layer.shapes) expect(s.d).toMatch(/^M[\d.]+,[\d.]+/);
  });
  it("draws a province's cities and a 直辖市's districts", async () => {
    const shandong = (await mapLayer("370000"))!;
    expect(shandong.shapes.map((s) => s.code)).toEqual(expect.arrayContaining(["370100", "371500"]));
    expect(shandong.shapes.map((s) => s.code)).not.toContain("371200");
    const beijing = (await mapLayer("110000"))!;
    expect(beijing.shapes.map((s) => s.code)).toContain("110105");
  });
  it("frames a city on its province's map, outlined", () => {
    expect(mapFrame(null)).toEqual({ parent: null, highlight: null });
    expect(mapFrame("370000").parent?.code).toBe("370000");
    expect(mapFrame("371500")).toMatchObject({ parent: { code: "370000" }, highlight: "371500" });
    expect(mapFrame("371502")).toMatchObject({ parent: { code: "370000" }, highlight: "371500" });
  });
});
