// The map's numbers (lib/queries/map.ts) from the region × year roll-up equal sums over the
// reports themselves: per province, per city, the province's own agencies (本级) apart, rates as
// sums of numerators over sums of bases, and a region without a report (or whose reports do not
// state the number) as null, never 0.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { emptyDatabase, testPrisma } from "./db";
import { storeDocument, type DocumentToStore } from "@/lib/ingest/store";
import { regionRef } from "@/lib/regions";
import { latestMapYear, mapValues } from "@/lib/queries/map";
import { regionInfo } from "@/lib/queries/scope";
import type { ParsedReport } from "@/lib/model/report-schema";
import type { Level } from "@/lib/model/keys";

const golden = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", "001_6174489a5f7162cb.json"), "utf8"),
).reports as Array<{ year: number; table3: Record<string, Array<number | null>>; table4: number[]; table2: Record<string, number[]> }>;
const Y = golden.at(-1)!.year;

function report(agency: string, code: string, level: Level, newReceived: number | null, granted: number, total: number): ParsedReport {
  const g = golden.find((r) => r.year === Y)!;
  const table3 = structuredClone(g.table3);
  table3.new_received = [newReceived, 0, 0, 0, 0, 0, newReceived];
  table3.granted = [granted, 0, 0, 0, 0, 0, granted];
  table3.total_processed = [total, 0, 0, 0, 0, 0, total];
  return { agency, year: Y, region: regionRef(code), level, table3, table4: g.table4, table2: g.table2, provenance: {}, flags: [] } as ParsedReport;
}

let n = 0;
const doc = (reports: ParsedReport[]): DocumentToStore => {
  const text = `map document ${++n}`;
  return { bytes: new TextEncoder().encode(text), fileName: `${n}.txt`, format: "txt", text, reports, parserVersion: "test" };
};

describe("map values from the roll-up", () => {
  const prisma = testPrisma();
  beforeAll(async () => {
    await emptyDatabase();
    await storeDocument(prisma, doc([report("聊城市教育局", "371500", "city", 100, 30, 90)]));
    await storeDocument(prisma, doc([report("聊城市东昌府区教育局", "371502", "county", 50, 10, 40)]));
    await storeDocument(prisma, doc([report("济南市教育局", "370100", "city", null, 5, 10)]));
    await storeDocument(prisma, doc([report("山东省教育厅", "370000", "province", 7, 1, 2)]));
    await storeDocument(prisma, doc([report("北京市朝阳区公安分局", "110105", "county", 20, 20, 20)]));
  });

  it("sums each province's reports; a province without reports is null", async () => {
    const { regions } = await mapValues(null, "new_received.total", Y);
    const by = new Map(regions.map((r) => [r.code, r]));
    expect(regions.length).toBe(31);
    expect(by.get("370000")).toMatchObject({ value: 157, reports: 4, stated: 3 });
    expect(by.get("110000")).toMatchObject({ value: 20, reports: 1 });
    expect(by.get("650000")).toMatchObject({ value: null, reports: 0 });
    expect(await latestMapYear(null)).toBe(Y);
  });

  it("gives a province's cities, a city whose reports do not state the number as null, and 本级 apart", async () => {
    const { regions, own } = await mapValues(regionInfo("370000"), "new_received.total", Y);
    const by = new Map(regions.map((r) => [r.code, r]));
    expect(by.get("371500")).toMatchObject({ value: 150, reports: 2 });
    expect(by.get("370100")).toMatchObject({ value: null, reports: 1, stated: 0 });
    expect(by.get("370200")).toMatchObject({ value: null, reports: 0 });
    expect(own).toMatchObject({ code: "370000", name: "山东省本级", value: 7, reports: 1 });
  });

  it("divides summed numerators by summed bases for a rate", async () => {
    const { regions } = await mapValues(regionInfo("370000"), "grant_rate", Y);
    const lc = regions.find((r) => r.code === "371500")!;
    expect(lc.value).toBeCloseTo(40 / 130);
    expect(lc.base).toBe(130);
    const beijing = (await mapValues(regionInfo("110000"), "grant_rate", Y)).regions.find((r) => r.code === "110105")!;
    expect(beijing.value).toBe(1);
  });

  it("refuses a statistic the roll-up does not keep", async () => {
    await expect(mapValues(null, "granted.natural_person", Y)).rejects.toThrow(/not a map statistic/);
  });
});
