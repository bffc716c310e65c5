// Corrections are versions stored by the ingest path: all or nothing, no lost update under
// concurrent corrections (the second writer is told), roll-ups equal to a recomputation after
// corrections, merges and their undo; aliases lead later uploads to the merged or renamed agency.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { emptyDatabase, maintainedAndRecomputed, testPrisma } from "./db";
import { storeDocument, type DocumentToStore } from "@/lib/ingest/store";
import { correctReport, ReviewError } from "@/lib/review/correct";
import { mergeAgencies, renameAgency, undoMerge } from "@/lib/review/agencies";
import { regionRef } from "@/lib/regions";
import { runChecks } from "@/lib/checks";
import type { ParsedReport } from "@/lib/model/report-schema";
import type { Level } from "@/lib/model/keys";

const golden = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", "001_6174489a5f7162cb.json"), "utf8"),
).reports as Array<{ year: number; table3: Record<string, number[]>; table4: number[]; table2: Record<string, number[]> }>;
const YEARS = golden.map((g) => g.year).sort();

function report(agency: string, code: string | null, level: Level, year: number, granted?: number): ParsedReport {
  const g = golden.find((r) => r.year === year)!;
  const table3 = structuredClone(g.table3);
  if (granted !== undefined) table3.granted = [granted, 0, 0, 0, 0, 0, granted];
  const r = { agency, year, region: code ? regionRef(code) : null, level, table3, table4: g.table4, table2: g.table2, provenance: {}, flags: [] } as ParsedReport;
  r.flags = runChecks(r);
  return r;
}

let n = 0;
const doc = (reports: ParsedReport[], text = `corrections document ${++n}`): DocumentToStore => ({
  bytes: new TextEncoder().encode(text),
  fileName: `${n}.txt`,
  format: "txt",
  text,
  reports,
  parserVersion: "test",
});

async function expectRollupsRight() {
  const state = await maintainedAndRecomputed();
  expect(state.maintained).toEqual(state.recomputed);
}

describe("corrections", () => {
  const prisma = testPrisma();
  beforeEach(() => emptyDatabase());

  it("a corrected cell is a new version in force; the finding it settles goes, the parsed version stays", async () => {
    const y = YEARS[1];
    const good = golden.find((g) => g.year === y)!.table3.granted[6];
    const stored = await storeDocument(prisma, doc([report("聊城市教育局", "371500", "city", y, good + 5)]));
    const first = stored.reports[0];
    const before = await prisma.report.findUniqueOrThrow({ where: { id: first.reportId }, include: { findings: true } });
    expect(before.findings.map((f) => f.code)).toContain("outcome_sum_broken");
    expect(before.reviewSeverity).toBe(3);

    const out = await correctReport(prisma, { reportId: first.reportId, cells: { "granted.total": good, "granted.natural_person": good }, reason: "原表予以公开为 " + good, by: "张三" });
    expect(out.status).toBe("corrected");
    expect(out.version).toBe(2);
    const after = await prisma.report.findUniqueOrThrow({ where: { id: out.reportId }, include: { findings: true, table3: true } });
    expect(after).toMatchObject({ kind: "corrected", correctedBy: "张三", basedOnReportId: first.reportId, inForce: true, granted: good, sourceId: before.sourceId });
    expect(after.findings.map((f) => f.code)).not.toContain("outcome_sum_broken");
    expect(after.table3.find((t) => t.row === "granted")?.provenance).toEqual({ total: "corrected", natural_person: "corrected" });
    const parsed = await prisma.report.findUniqueOrThrow({ where: { id: first.reportId }, include: { table3: true } });
    expect(parsed).toMatchObject({ inForce: false, kind: "parsed", granted: good + 5 });
    await expectRollupsRight();
  });

  it("bad input is refused with nothing stored", async () => {
    const stored = await storeDocument(prisma, doc([report("聊城市教育局", "371500", "city", YEARS[0])]));
    const id = stored.reports[0].reportId;
    await expect(correctReport(prisma, { reportId: id, cells: {}, reason: "没有改动" })).rejects.toThrow(ReviewError);
    await expect(correctReport(prisma, { reportId: id, regionCode: "999999", cells: {}, reason: "错的地区" })).rejects.toThrow(/不在行政区划表/);
    expect(await prisma.report.count()).toBe(1);
  });

  it("two corrections of one report at once: one is stored, the other is told the report changed", async () => {
    const stored = await storeDocument(prisma, doc([report("聊城市财政局", "371500", "city", YEARS[2])]));
    const id = stored.reports[0].reportId;
    const results = await Promise.allSettled(
      [11, 12, 13, 14].map((v) => correctReport(prisma, { reportId: id, cells: { "granted.total": v }, reason: `更正为 ${v}` })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(ReviewError);
      expect(String(r.reason.message)).toMatch(/其他人更正|更新的版本/);
    }
    const versions = await prisma.report.findMany({ where: { agency: { name: "聊城市财政局" } }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.inForce])).toEqual([
      [1, false],
      [2, true],
    ]);
    await expectRollupsRight();
  });

  it("a corrected agency and region move the report; roll-ups follow", async () => {
    const stored = await storeDocument(prisma, doc([report("平潭综合实验区党工委管委会政府", "350000", "province", YEARS[0])]));
    const out = await correctReport(prisma, { reportId: stored.reports[0].reportId, agency: "平潭综合实验区管委会", regionCode: "350128", cells: {}, reason: "机关名称与地区读错" });
    const moved = await prisma.report.findUniqueOrThrow({ where: { id: out.reportId }, include: { agency: true } });
    expect(moved.agency.name).toBe("平潭综合实验区管委会");
    expect(moved.regionCode).toBe("350128");
    const old = await prisma.agency.findFirstOrThrow({ where: { name: "平潭综合实验区党工委管委会政府" } });
    expect(old.reportsInForce).toBe(0);
    await expectRollupsRight();
  });

  it("merging two agencies gives one agency with both histories; uploads under either name land there; undo puts it back", async () => {
    await storeDocument(prisma, doc(YEARS.slice(0, 2).map((y) => report("市国资委", "371500", "city", y))));
    await storeDocument(prisma, doc(YEARS.slice(1).map((y) => report("聊城市国资委", "371500", "city", y, 3))));
    const short = await prisma.agency.findFirstOrThrow({ where: { name: "市国资委" } });
    const full = await prisma.agency.findFirstOrThrow({ where: { name: "聊城市国资委" } });
    const merge = await mergeAgencies(prisma, { fromId: short.id, intoId: full.id, reason: "同一机关的简称" });
    const all = await prisma.report.findMany({ where: { agencyId: full.id }, orderBy: [{ year: "asc" }, { version: "asc" }] });
    expect(new Set(all.map((r) => r.year))).toEqual(new Set(YEARS));
    expect(all.filter((r) => r.inForce).map((r) => r.year)).toEqual(YEARS);
    expect(await prisma.report.count({ where: { agencyId: short.id } })).toBe(0);
    await expectRollupsRight();

    // The short name now leads to the merged agency.
    const later = await storeDocument(prisma, doc([report("市国资委", "371500", "city", YEARS[0], 9)]));
    expect(later.reports[0].agencyId).toBe(full.id);
    await expectRollupsRight();
    await expect(undoMerge(prisma, merge)).rejects.toThrow(/新版本/);

    // Undo of a merge with nothing stored since.
    const again = await mergeAgencies(prisma, { fromId: (await prisma.agency.create({ data: { name: "甲", key: "甲|" } })).id, intoId: full.id, reason: "试一下" });
    await undoMerge(prisma, again);
    await expectRollupsRight();
  });

  it("undo restores both agencies as they were", async () => {
    await storeDocument(prisma, doc(YEARS.slice(0, 3).map((y) => report("区公安局", "350128", "county", y))));
    await storeDocument(prisma, doc(YEARS.slice(2).map((y) => report("平潭综合实验区公安局", "350128", "county", y, 2))));
    const snapshot = () => prisma.report.findMany({ orderBy: { id: "asc" }, select: { id: true, agencyId: true, version: true, inForce: true, regionCode: true } });
    const before = await snapshot();
    const a = await prisma.agency.findFirstOrThrow({ where: { name: "区公安局" } });
    const b = await prisma.agency.findFirstOrThrow({ where: { name: "平潭综合实验区公安局" } });
    const merge = await mergeAgencies(prisma, { fromId: a.id, intoId: b.id, reason: "简称" });
    expect((await prisma.agency.findUniqueOrThrow({ where: { id: b.id } })).reportsInForce).toBe(YEARS.length);
    await undoMerge(prisma, merge);
    expect(await snapshot()).toEqual(before);
    expect((await prisma.agency.findUniqueOrThrow({ where: { id: a.id } })).mergedInto).toBeNull();
    await expectRollupsRight();
  });

  it("a renamed agency keeps its old name as an alias", async () => {
    const stored = await storeDocument(prisma, doc([report("聊城市机关事务局", "371500", "city", YEARS[0])]));
    await renameAgency(prisma, { agencyId: stored.reports[0].agencyId, name: "聊城市机关事务管理局" });
    const later = await storeDocument(prisma, doc([report("聊城市机关事务局", "371500", "city", YEARS[1])]));
    expect(later.reports[0].agencyId).toBe(stored.reports[0].agencyId);
    expect(await prisma.agency.count()).toBe(1);
    await expectRollupsRight();
  });
});
