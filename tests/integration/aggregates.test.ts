// The roll-ups ingest keeps (region_year, the agency summary columns) must always equal a
// recomputation from the report table: after new reports, new versions, duplicates, reparses and
// concurrent imports. And the pages' queries must give the same numbers from the roll-ups as from
// the reports.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { emptyDatabase, maintainedAndRecomputed, testPrisma } from "./db";
import { reparseSource, storeDocument, type DocumentToStore } from "@/lib/ingest/store";
import { regionRef } from "@/lib/regions";
import { totalsPerYear } from "@/lib/queries/overview";
import { childRollup } from "@/lib/queries/coverage";
import { directoryPage } from "@/lib/queries/agencies";
import type { ParsedReport } from "@/lib/model/report-schema";
import type { Level } from "@/lib/model/keys";

const golden = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", "001_6174489a5f7162cb.json"), "utf8"),
).reports as Array<{ year: number; table3: Record<string, number[]>; table4: number[]; table2: Record<string, number[]> }>;
const YEARS = golden.map((g) => g.year);

function report(agency: string, code: string | null, level: Level, year: number, granted?: number): ParsedReport {
  const g = golden.find((r) => r.year === year)!;
  const table3 = structuredClone(g.table3);
  if (granted !== undefined) table3.granted = [granted, 0, 0, 0, 0, 0, granted];
  const region = code ? regionRef(code) : null;
  return { agency, year, region, level, table3, table4: g.table4, table2: g.table2, provenance: {}, flags: [] } as ParsedReport;
}

let n = 0;
const doc = (reports: ParsedReport[], text = `aggregates document ${++n}`): DocumentToStore => ({
  bytes: new TextEncoder().encode(text),
  fileName: `${n}.txt`,
  format: "txt",
  text,
  reports,
  parserVersion: "test",
});

describe("roll-ups kept by ingest", () => {
  const prisma = testPrisma();
  beforeEach(() => emptyDatabase());

  it("equal a recomputation after reports, new versions, duplicates and a reparse", async () => {
    const county = (y: number, g?: number) => report("聊城市东昌府区教育局", "371502", "county", y, g);
    const city = (y: number, g?: number) => report("聊城市教育局", "371500", "city", y, g);
    const district = (y: number, g?: number) => report("北京市朝阳区公安分局", "110105", "county", y, g);
    const nowhere = (y: number, g?: number) => report("某某管理局", null, "county", y, g);

    await storeDocument(prisma, doc(YEARS.map((y) => county(y))));
    await storeDocument(prisma, doc([city(YEARS[0]), district(YEARS[0]), nowhere(YEARS[0])]));
    let state = await maintainedAndRecomputed();
    expect(state.maintained.regionYear.length).toBeGreaterThan(0);
    expect(state.maintained).toEqual(state.recomputed);

    // New versions (two in one document for the same agency and year), an unchanged copy, a duplicate file.
    await storeDocument(prisma, doc([county(YEARS[0], 7), county(YEARS[0], 9), city(YEARS[0])]));
    const dup = doc([district(YEARS[0], 3)], "same bytes twice");
    await storeDocument(prisma, dup);
    expect((await storeDocument(prisma, dup)).status).toBe("duplicate");
    state = await maintainedAndRecomputed();
    expect(state.maintained).toEqual(state.recomputed);
    const inForce = await prisma.report.findFirst({ where: { agency: { name: "聊城市东昌府区教育局" }, year: YEARS[0], inForce: true } });
    expect(inForce?.granted).toBe(9);

    // A reparse that changes one report's numbers.
    const source = await prisma.source.findFirstOrThrow({ where: { reports: { some: { agency: { name: "北京市朝阳区公安分局" } } } }, orderBy: { id: "asc" } });
    await reparseSource(prisma, source.id, [district(YEARS[0], 11)], "test-2");
    state = await maintainedAndRecomputed();
    expect(state.maintained).toEqual(state.recomputed);
  });

  it("stay right under concurrent imports touching the same regions and years in different orders", async () => {
    const names = ["聊城市财政局", "聊城市公安局", "聊城市民政局", "聊城市商务局", "聊城市统计局", "聊城市审计局"];
    await Promise.all(
      names.map((name, i) => {
        const years = i % 2 ? [...YEARS].reverse() : YEARS;
        return storeDocument(prisma, doc(years.map((y) => report(name, "371500", "city", y, i + y))));
      }),
    );
    const state = await maintainedAndRecomputed();
    expect(state.maintained.regionYear.filter((r: { region_code: string }) => r.region_code === "371500").length).toBe(YEARS.length);
    expect(state.maintained).toEqual(state.recomputed);
  });

  it("give the pages the same numbers as summing the reports", async () => {
    await storeDocument(prisma, doc(YEARS.map((y) => report("聊城市东昌府区教育局", "371502", "county", y))));
    await storeDocument(prisma, doc([report("聊城市教育局", "371500", "city", YEARS[1], 5), report("山东省教育厅", "370000", "province", YEARS[1])]));
    await storeDocument(prisma, doc([report("聊城市教育局", "371500", "city", YEARS[1], 8)]));
    for (const region of [null, "370000", "371500", "371502"]) {
      for (const level of [null, "county", "city"] as const) {
        // With a level there is no roll-up: those totals come straight from the reports.
        const got = await totalsPerYear({ region, level });
        const prefix = region?.replace(/0+$/, "");
        const summed = await prisma.report.groupBy({
          by: ["year"],
          where: { inForce: true, ...(level ? { level } : {}), ...(prefix ? { regionCode: { startsWith: prefix } } : {}) },
          _count: true,
          _sum: { newReceived: true, granted: true, totalProcessed: true },
          orderBy: { year: "asc" },
        });
        expect(got.map((y) => [y.year, y.reports, y.newReceived, y.granted, y.totalProcessed])).toEqual(
          summed.map((s) => [s.year, s._count, s._sum.newReceived, s._sum.granted, s._sum.totalProcessed]),
        );
      }
    }
    // The child roll-up from the summaries equals the one summed from the reports (all years either way).
    expect(await childRollup("370000", {})).toEqual(await childRollup("370000", { from: 1900, to: 2100 }));
    const all = await directoryPage({});
    const ranged = await directoryPage({ from: 1900, to: 2100 });
    expect(all.items.map((a) => [a.id, a.newReceived, a.years, a.grantRate])).toEqual(ranged.items.map((a) => [a.id, a.newReceived, a.years, a.grantRate]));
    expect(all.total).toBe(ranged.total);
  });

  it("give the directory of a year range the same page from the spans as from the reports", async () => {
    // Three agencies with different years and sizes, one renamed, one merged into another.
    await storeDocument(prisma, doc(YEARS.map((y) => report("聊城市东昌府区教育局", "371502", "county", y, y - 2000))));
    await storeDocument(prisma, doc(YEARS.slice(1, 3).map((y) => report("聊城市教育局", "371500", "city", y, 5))));
    await storeDocument(prisma, doc([report("山东省教育厅", "370000", "province", YEARS[2]), report("某某管理局", null, "county", YEARS[0], 0)]));
    await storeDocument(prisma, doc([report("聊城市教育局", "371500", "city", YEARS[1], 8)]));
    const rename = await prisma.agency.findFirstOrThrow({ where: { name: "山东省教育厅" } });
    await prisma.$executeRaw`SELECT gongkai_rename_agency(${rename.id}, '山东省教育厅（更名）')`;
    const state = await maintainedAndRecomputed();
    expect(state.maintained.spans.length).toBeGreaterThan(0);
    expect(state.maintained).toEqual(state.recomputed);

    const window = await prisma.agencySpanWindow.findFirstOrThrow();
    expect(window.yMax).toBe(Math.max(...YEARS));
    const [lo, hi] = [Math.min(...YEARS), Math.max(...YEARS)];
    const ranges: Array<[number | null, number | null]> = [[lo, hi], [lo + 1, hi - 1], [hi, hi], [lo, lo], [null, lo + 1], [lo + 1, null], [hi, lo], [1900, hi]];
    const sorts = ["-apps", "apps", "-grant", "refuse", "-lit", "name"] as const;
    const pages = async () => {
      const out: unknown[] = [];
      for (const [from, to] of ranges) for (const sort of sorts) out.push([from, to, sort, await directoryPage({ from, to, sort })]);
      return out;
    };
    const fromSpans = await pages();
    // They did come from the spans: a mark put on the spans shows in the page.
    await prisma.$executeRaw`UPDATE agency_span SET apps = apps + 0.5`;
    expect((await directoryPage({ from: lo, to: hi })).items.every((a) => a.newReceived! % 1 === 0.5)).toBe(true);
    await prisma.$executeRaw`UPDATE agency_span SET apps = apps - 0.5`;
    // Without the window the directory aggregates the reports: the reference.
    await prisma.$executeRaw`DELETE FROM agency_span_window`;
    expect(await pages()).toEqual(fromSpans);
  });
});
