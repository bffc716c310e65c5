// The bulk import (npm run import's code) on the seed reports: documents stored in groups, a
// document the database refuses failing alone with nothing of it left, re-runs skipping, and
// reader processes giving the same result as parsing in the importer's own thread.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { emptyDatabase, maintainedAndRecomputed, refuseTable3RowsOf, testPrisma } from "./db";
import { importFiles } from "@/lib/ingest/bulk";
import { readToPayload } from "@/lib/ingest/read-pool";
import { storeDocuments, storePayload, type DocumentPayload } from "@/lib/ingest/store";
import { sha256 } from "@/lib/ingest/hashing";

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

/** Every stored row but the clocks (upload and import times), in id order. */
const STORED = `
  SELECT json_build_object(
    'sources', (SELECT json_agg(to_jsonb(s) - 'uploaded_at' ORDER BY s.id) FROM source s),
    'agencies', (SELECT json_agg(to_jsonb(a) - 'created_at' ORDER BY a.id) FROM agency a),
    'reports', (SELECT json_agg(to_jsonb(r) - 'imported_at' ORDER BY r.id) FROM report r),
    'table3', (SELECT json_agg(t ORDER BY t.report_id, t.row) FROM table3_row t),
    'findings', (SELECT json_agg(f ORDER BY f.id) FROM finding f)
  ) AS s`;

async function payloadsOf(files: string[]): Promise<DocumentPayload[]> {
  const out: DocumentPayload[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(fs.readFileSync(f));
    const read = await readToPayload(bytes, path.basename(f), sha256(bytes));
    if ("payload" in read) out.push(read.payload);
  }
  return out;
}

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

  it("a group stored set-based is stored exactly as its documents one at a time, new versions and unchanged reports included", async () => {
    const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });
    try {
      const seeds = await payloadsOf(folder());
      // Then, one group each (two documents of one agency's years go one at a time): the history page again with a line of prose added (new content, the same
      // numbers: every report unchanged) and one of its years with other numbers (a new version).
      const history = fs.readFileSync(path.join(SEEDS, HISTORY), "utf8");
      const changed = history.replace(/(\n[^\n]*本年新收政府信息公开申请数量[^\d\n]*)(\d+)/, (_m, a: string, n: string) => `${a}${Number(n) + 1}`);
      expect(changed).not.toBe(history);
      // And a copy whose own pages break the carry-over (the parser finds it within the document).
      const carry = history.replace(/二、上年结转政府信息公开申请数量 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|/, "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |");
      expect(carry).not.toBe(history);
      const later = await payloadsOf(
        folder({ "again.txt": history + "\n本报告另行在门户网站公开。\n", "changed.txt": changed, "zcarry.txt": carry }).filter((f) => /again|changed|zcarry/.test(f)),
      );
      expect(later).toHaveLength(3);
      expect(later[2].reportsJson).toContain("carry_mismatch");

      const run = async (store: (docs: DocumentPayload[]) => Promise<unknown[]>) => {
        await emptyDatabase();
        // The agencies first, in key order, as a group creates them (one document at a time
        // creates them in document order): the same ids either way.
        const reports = [...seeds, ...later].flatMap((d) => JSON.parse(d.reportsJson));
        await pool.query("SELECT gongkai_lock_agencies($1::jsonb)", [JSON.stringify(reports)]);
        const results = [...(await store(seeds)), ...(await store([later[0]])), ...(await store([later[1]])), ...(await store([later[2]]))];
        const { rows } = await pool.query(STORED);
        return { results, stored: rows[0].s, summaries: await maintainedAndRecomputed() };
      };
      const grouped = await run((docs) => storeDocuments(pool, docs));
      const oneByOne = await run(async (docs) => {
        const out = [];
        for (const d of docs) out.push(await storePayload(prisma, d));
        return out;
      });
      const statuses = grouped.results.flatMap((r) => (r as { reports: { status: string }[] }).reports.map((x) => x.status));
      expect(statuses).toContain("unchanged");
      expect(statuses).toContain("new_version");
      expect(grouped.results).toEqual(oneByOne.results);
      expect(grouped.stored).toEqual(oneByOne.stored);
      expect(grouped.summaries.maintained).toEqual(oneByOne.summaries.maintained);
      expect(grouped.summaries.maintained).toEqual(grouped.summaries.recomputed);
    } finally {
      await pool.end();
    }
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
