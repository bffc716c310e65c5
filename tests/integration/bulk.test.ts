// The bulk import (npm run import's code) on the seed reports: documents stored in groups, a
// document the database refuses failing alone with nothing of it left, re-runs skipping, and
// reader processes giving the same result as parsing in the importer's own thread.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyDatabase, refuseTable3RowsOf, testPrisma } from "./db";
import { importFiles } from "@/lib/ingest/bulk";

const SEEDS = path.join(process.cwd(), "tests", "fixtures", "seeds");
const seedFiles = fs.readdirSync(SEEDS).filter((f) => f.endsWith(".txt"));
const HISTORY = "001_6174489a5f7162cb.txt"; // 聊城市机关事务管理局, five years on one page

/** The seeds copied into a fresh folder, plus `extra` files (name → bytes). */
function folder(extra: Record<string, string> = {}): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-bulk-"));
  for (const f of seedFiles) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  dirs.push(dir);
  return fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
}
const dirs: string[] = [];

describe("bulk import", () => {
  const prisma = testPrisma();
  beforeEach(() => emptyDatabase());
  let undo = async () => {};
  afterEach(() => undo());
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("stores every report of a folder, says why a file failed, and skips everything on a re-run", async () => {
    const files = folder({ "notes.txt": "会议纪要：本周无事。" });
    const first = await importFiles(prisma, files, { readers: 0 });
    expect(first.reports).toBe(9);
    expect(first.failed).toBe(1);
    expect(first.outcomes.find((o) => o.file.endsWith("notes.txt"))?.error).toMatch(/没有在这份文件中找到/);
    expect(await prisma.source.count()).toBe(5);
    expect(await prisma.report.count()).toBe(9);
    // The summaries were kept in the same transactions: five years of one agency, in force.
    const agency = await prisma.agency.findFirstOrThrow({ where: { name: "聊城市机关事务管理局" } });
    expect(agency.yearsInForce).toEqual([2019, 2020, 2021, 2022, 2023]);

    const again = await importFiles(prisma, files, { readers: 0 });
    expect(again.outcomes.filter((o) => o.skipped)).toHaveLength(5);
    expect(again.reports).toBe(0);
    expect(await prisma.report.count()).toBe(9);
  });

  it("a document the database refuses half-way fails alone, and nothing of it is stored", async () => {
    // Refuse the second report of the history page, after its source and first report are written.
    undo = await refuseTable3RowsOf("source_index = 1");
    const summary = await importFiles(prisma, folder(), { readers: 0 });
    const failed = summary.outcomes.filter((o) => o.error);
    expect(failed.map((o) => path.basename(o.file))).toEqual([HISTORY]);
    expect(failed[0].error).toMatch(/refused for the test/);
    // The other four documents are stored (their group was retried one document at a time) …
    expect(await prisma.source.count()).toBe(4);
    expect(await prisma.report.count()).toBe(4);
    // … and of the refused one, not its source, not its first report, not its agency.
    expect(await prisma.source.count({ where: { fileName: HISTORY } })).toBe(0);
    expect(await prisma.agency.count({ where: { name: "聊城市机关事务管理局" } })).toBe(0);
    expect(await prisma.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM region_year WHERE year = 2019")).toEqual([{ n: 0 }]);
  });

  it("stores one of two identical files in the same group, the other as a duplicate", async () => {
    const files = folder({ "copy.txt": fs.readFileSync(path.join(SEEDS, HISTORY), "utf8") });
    const summary = await importFiles(prisma, files, { readers: 0 });
    const statuses = summary.outcomes.filter((o) => /copy\.txt|001_/.test(o.file)).map((o) => o.result?.status).sort();
    expect(statuses).toEqual(["duplicate", "stored"]);
    expect(await prisma.source.count()).toBe(5);
    expect(await prisma.report.count()).toBe(9);
  });

  it("reads the same with reader processes as in its own thread", async () => {
    const files = folder({ "notes.txt": "会议纪要：本周无事。" });
    const summary = await importFiles(prisma, files, { readers: 2 });
    expect(summary.reports).toBe(9);
    expect(summary.outcomes.find((o) => o.file.endsWith("notes.txt"))?.error).toMatch(/没有在这份文件中找到/);
    const viaReaders = await prisma.report.findMany({ select: { year: true, numbersSha256: true, findingCount: true }, orderBy: [{ numbersSha256: "asc" }] });

    await emptyDatabase();
    await importFiles(prisma, files, { readers: 0 });
    const here = await prisma.report.findMany({ select: { year: true, numbersSha256: true, findingCount: true }, orderBy: [{ numbersSha256: "asc" }] });
    expect(viaReaders).toEqual(here);
  });
});
