// HTTP throughput and latency of the main pages on the production server: `npm start`'s own
// script (scripts/start.ts: builds when stale, starts the embedded Postgres) on BENCH_HTTP_PORT,
// over the import section's database (or 500 generated reports of its own), loaded with
// autocannon on loopback for a bounded time per page, then upload → chart drawn in Chromium
// (upload-chart.ts), then stopped with SIGTERM.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { urlFor } from "@/lib/db/embedded";
import { benchDataDir, benchPgPort, countReports, postgresCpuSeconds, postmasterPid, runImportCli, treeCpuSeconds } from "./import";
import { writeFiles } from "./generate-texts";
import type { BenchContext, BenchSection, Measure } from "./types";
import { benchDatabase, benchDbDir, benchDbPort } from "./generate-db";
import { waitUntilServing } from "../wait-until-serving";
import { uploadToChart } from "./upload-chart";

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const CONNECTIONS = 10;
/** Issue 20: every page's server time p95 ≤ 200 ms at 10 connections. */
const PAGE_GOAL_MS = 200;
const OWN_REPORTS = 500;

/** The pages to load, with ids taken from the database: its busiest agency, one of its reports, its region. */
async function pages(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ agency_id: number; report_id: number; region_code: string | null }>(`
      SELECT r.agency_id, max(r.id) AS report_id, a.region_code FROM report r JOIN agency a ON a.id = r.agency_id
      WHERE r.in_force GROUP BY r.agency_id, a.region_code ORDER BY count(*) DESC, r.agency_id LIMIT 3`);
    if (rows.length === 0) throw new Error("no reports in the bench database");
    const [top] = rows;
    const region = top.region_code ?? (await client.query("SELECT region_code FROM agency WHERE region_code IS NOT NULL LIMIT 1")).rows[0].region_code;
    return {
      "/": "/",
      "/agencies": "/agencies",
      "/agencies/[id]": `/agencies/${top.agency_id}`,
      "/compare": `/compare?a=${rows.map((r) => r.agency_id).join(",")}&s=granted.total`,
      "/reports/[id]": `/reports/${top.report_id}`,
      "/regions/[code]": `/regions/${region}`,
      "/data.csv": "/data.csv",
    };
  } finally {
    await client.end();
  }
}

/**
 * A page's latency while an 18 MB file is uploaded and read (issue 20 item 9): the file is read in
 * a reader process (lib/ingest/extraction.ts), so /agencies, loaded one request after another
 * beside it, should stay about as fast as alone.
 */
async function beside18MbUpload(base: string, ctx: { log: (l: string) => void }): Promise<Measure[]> {
  const line = "本附件为政府信息公开工作相关材料的说明文字，不含统计数据。\n";
  const text = Buffer.from(`某某市某某局2023年政府信息公开工作年度报告\n${line.repeat(Math.floor((18 * 1024 * 1024) / Buffer.byteLength(line)))}`);
  const latencies: number[] = [];
  let uploading = true;
  const started = performance.now();
  const upload = fetch(`${base}/api/reports?dryRun=1`, { method: "POST", headers: { "content-type": "text/plain; charset=utf-8" }, body: text })
    .then((r) => r.status)
    .finally(() => (uploading = false));
  while (uploading) {
    const t = performance.now();
    const r = await fetch(`${base}/agencies`);
    await r.arrayBuffer();
    latencies.push(performance.now() - t);
  }
  const status = await upload;
  const uploadMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const p50 = latencies[Math.floor(latencies.length / 2)] ?? 0;
  const max = latencies.at(-1) ?? 0;
  ctx.log(`http: /agencies beside an 18 MB upload: ${latencies.length} loads, p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms (upload ${(uploadMs / 1000).toFixed(1)} s, HTTP ${status})`);
  const note = `${latencies.length} loads one after another while an 18 MB text upload (preview, HTTP ${status}) took ${(uploadMs / 1000).toFixed(1)} s`;
  return [
    { section: "http", measure: "/agencies beside an 18 MB upload p50", value: p50, unit: "ms", note },
    { section: "http", measure: "/agencies beside an 18 MB upload max", value: max, unit: "ms", goal: { op: "<=", value: 3000 }, note },
  ];
}

async function generatedDatabase(ctx: BenchContext) {
  const g = await benchDatabase(ctx.scale, ctx.log);
  await g.stop();
  return { port: benchDbPort(), dataDir: benchDbDir(ctx.scale) };
}

export const section: BenchSection = {
  name: "http",
  async run(ctx) {
    // `npm start`'s own script starts the database too (the import section's, in its data dir;
    // an empty one gets the samples) and stops it on SIGTERM.
    const port = Number(process.env.BENCH_HTTP_PORT ?? 3212);
    // With --scale, the pages are served from the generated database of that size (made first
    // when missing, then stopped so the server's own start takes its data dir over).
    const db = ctx.scaleGiven ? await generatedDatabase(ctx) : { port: benchPgPort(), dataDir: benchDataDir() };
    const dbUrl = urlFor(db.port);
    ctx.log(`http: starting the production server on ${port} (builds when stale)`);
    const server = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "start.ts")], {
      env: { ...process.env, DATABASE_URL: "", GONGKAI_PG_PORT: String(db.port), GONGKAI_PGDATA: db.dataDir, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let log = "";
      server.stdout!.on("data", (d) => (log = (log + d).slice(-4000)));
      server.stderr!.on("data", (d) => (log = (log + d).slice(-4000)));
      const base = `http://127.0.0.1:${port}`;
      await waitUntilServing(`${base}/`, server, 15 * 60_000).catch((e) => {
        throw new Error(`${e.message}\n${log}`);
      });
      if ((await countReports(dbUrl)) < OWN_REPORTS) {
        const dir = path.join(ctx.workDir, "http-files");
        await writeFiles(dir, OWN_REPORTS);
        const r = await runImportCli(dir, dbUrl);
        if (r.code !== 0) throw new Error(`import for the http bench failed:\n${r.tail}`);
      }
      const reports = await countReports(dbUrl);
      ctx.log(`http: ${reports} reports`);

      const rows: Measure[] = [];
      for (const [name, url] of Object.entries(await pages(dbUrl))) {
        const t = performance.now();
        const first = await fetch(base + url); // also warms the caches
        await first.arrayBuffer();
        const single = performance.now() - t;
        // CPU of the server's processes and of Postgres while loaded: what a request costs, whatever the machine's load.
        const postmaster = postmasterPid(db.dataDir);
        const skip = new Set(postmaster ? [postmaster] : []);
        const [node0, pg0] = [treeCpuSeconds(server.pid!, skip), postgresCpuSeconds(db.dataDir)];
        const r = await autocannon({ url: base + url, connections: CONNECTIONS, duration: SECONDS, timeout: 60 });
        const [nodeMs, pgMs] = [treeCpuSeconds(server.pid!, skip) - node0, postgresCpuSeconds(db.dataDir) - pg0].map((s) => (s * 1000) / Math.max(1, r.requests.total));
        const bad = r.non2xx + r.errors + r.timeouts;
        const under = `${CONNECTIONS} connections, ${SECONDS} s, ${reports.toLocaleString("en-US")} reports`;
        const note = `${under}${bad ? `; ${bad} FAILED requests (non-2xx, errors, timeouts)` : ""}${r.requests.total === 0 ? "; NO response within the window" : ""}`;
        ctx.log(`http: ${name} ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
        rows.push(
          { section: "http", measure: `${name} one request alone`, value: single, unit: "ms", note: `HTTP ${first.status}, first request, ${reports.toLocaleString("en-US")} reports` },
          { section: "http", measure: `${name} throughput`, value: r.requests.average, unit: "req/s", note },
        );
        if (r.requests.total > 0) {
          rows.push(
            { section: "http", measure: `${name} latency p50`, value: r.latency.p50, unit: "ms", note: under },
            { section: "http", measure: `${name} latency p99`, value: r.latency.p99, unit: "ms", note: under },
            // autocannon has no p95; p97.5 within the goal means p95 is too.
            { section: "http", measure: `${name} latency p97.5`, value: r.latency.p97_5, unit: "ms", goal: { op: "<=", value: PAGE_GOAL_MS }, note: under },
            {
              section: "http", measure: `${name} CPU per request`, value: nodeMs + pgMs, unit: "ms",
              note: `server ${nodeMs.toFixed(1)} ms + Postgres ${pgMs.toFixed(1)} ms: ${CONNECTIONS} connections on ${os.cpus().length} cores wait ≥ ${((CONNECTIONS * (nodeMs + pgMs)) / os.cpus().length).toFixed(0)} ms each`,
            },
          );
        }
      }
      rows.push(...(await beside18MbUpload(base, ctx)));
      try {
        rows.push(...(await uploadToChart(base, reports, ctx.log)));
      } catch (e) {
        const why = (e instanceof Error ? e.message : String(e)).split("\n")[0];
        rows.push({ section: "http", measure: "upload → chart drawn, median", value: NaN, unit: "ms", goal: { op: "<=", value: 2_000 }, note: `FAILED: ${why}` });
      }
      return rows;
    } finally {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGTERM");
        await exited;
      }
    }
  },
};
