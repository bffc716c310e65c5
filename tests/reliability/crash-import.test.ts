// Crash safety of the bulk import: `npm run import` (scripts/import.ts) on a folder of report
// files, killed with SIGKILL half-way through, leaves only whole reports (each with its source,
// all its table-3 rows and headline columns that match them, no source without its reports);
// run again, it imports the rest and nothing twice.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/analyze";
import { pgPort, startDatabase, type TestDatabase } from "./app";
import { recordFigures } from "./figures";
import { reportOf } from "./report-texts";

const FILES = Number(process.env.CRASH_FILES ?? 900);
let db: TestDatabase;
let client: pg.Client;
let dir: string;
const shas = new Set<string>();
const count = async (sql: string) => Number((await client.query(sql)).rows[0].n);

function runImport() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", dir, "--concurrency", "4", "--quiet"], {
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
  return { child, exited, output: () => out };
}

/** Reports that are not whole, and sources stored without their reports. */
async function brokenRows(table3Rows: number) {
  return {
    withoutSource: await count("SELECT count(*) AS n FROM report r LEFT JOIN source s ON s.id = r.source_id WHERE s.id IS NULL OR s.text = ''"),
    wrongRowCount: await count(`SELECT count(*) AS n FROM report r WHERE (SELECT count(*) FROM table3_row t WHERE t.report_id = r.id) <> ${table3Rows}`),
    headlineMismatch: await count(
      "SELECT count(*) AS n FROM report r JOIN table3_row t ON t.report_id = r.id AND t.row = 'new_received' WHERE r.new_received IS DISTINCT FROM t.total",
    ),
    sourceWithoutReports: await count("SELECT count(*) AS n FROM source s WHERE NOT EXISTS (SELECT 1 FROM report r WHERE r.source_id = s.id)"),
  };
}

describe(`bulk import killed half-way (${FILES} files)`, () => {
  const table3Rows = Object.values(analyzeText(reportOf("样本局")).reports[0].table3).filter(Array.isArray).length;
  const none = { withoutSource: 0, wrongRowCount: 0, headlineMismatch: 0, sourceWithoutReports: 0 };
  let killedAt = 0;

  beforeAll(async () => {
    db = await startDatabase(pgPort(3));
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-crash-"));
    for (let i = 0; i < FILES; i++) {
      const text = reportOf(`崩溃测试市第${i}局`, 2020 + (i % 4));
      shas.add(crypto.createHash("sha256").update(text).digest("hex"));
      fs.writeFileSync(path.join(dir, `${String(i).padStart(4, "0")}.txt`), text);
    }
  });
  afterAll(async () => {
    await client?.end();
    await db?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("SIGKILL half-way: only whole reports are stored", async () => {
    const run = runImport();
    // Kill as soon as the first documents are in: the import commits them in groups of 64, and
    // a few groups are on their way at any moment, so waiting longer could let it finish first.
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && (await count("SELECT count(*) AS n FROM source")) === 0) {
      if (run.child.exitCode !== null) throw new Error(`the import ended before it could be killed:\n${run.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill("SIGKILL");
    expect((await run.exited).signal).toBe("SIGKILL");
    // Postgres finishes what the dead importer's connections had under way (a COMMIT already sent
    // still lands, the rest rolls back): count only once no connection but ours is left.
    const settled = Date.now() + 120_000;
    while ((await count("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) > 0) {
      if (Date.now() > settled) throw new Error("the killed import's connections are still open after 2 minutes");
      await new Promise((r) => setTimeout(r, 50));
    }
    killedAt = await count("SELECT count(*) AS n FROM report");
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(FILES);
    expect(await brokenRows(table3Rows)).toEqual(none);
    expect(await count("SELECT count(*) AS n FROM source")).toBe(killedAt);
  });

  it("run again: the rest imported, every file exactly once", async () => {
    const run = runImport();
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    const stored = (await client.query<{ sha256: string }>("SELECT sha256 FROM source")).rows.map((r) => r.sha256);
    const duplicates = stored.length - new Set(stored).size + (await count("SELECT count(*) - count(DISTINCT (agency_id, year)) AS n FROM report"));
    const lost = [...shas].filter((s) => !stored.includes(s)).length;
    recordFigures("crash-import", {
      what: `crash: import killed -9 at ${killedAt}/${FILES}, run again`,
      cases: FILES,
      lost,
      duplicates,
      note: `${stored.length} sources, ${await count("SELECT count(*) AS n FROM report")} reports after the second run`,
    });
    expect({ lost, duplicates }).toEqual({ lost: 0, duplicates: 0 });
    expect(await count("SELECT count(*) AS n FROM report")).toBe(FILES);
    expect(await brokenRows(table3Rows)).toEqual(none);
    expect(run.output()).toContain(`跳过已导入 ${killedAt} 个`);
  });
});
