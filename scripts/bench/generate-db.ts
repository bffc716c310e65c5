// The bench database: its own embedded Postgres (BENCH_PG_PORT, data in .data/bench-<scale>/),
// migrated with the app's migrations, filled with `scale` SYNTHETIC reports by COPY, and the
// roll-ups built by the same SQL that ingest's are checked against. A database already generated
// for the same scale, generator and migrations is reused (the marker table says which).
import path from "node:path";
import crypto from "node:crypto";
import { once } from "node:events";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { bootDatabase } from "@/lib/db/bootstrap";
import { ensureDatabase } from "@/lib/db/embedded";
import { listMigrations } from "@/lib/db/migrate";
import { rebuildAggregates } from "@/lib/ingest/aggregates";
import { reportSummary } from "@/lib/ingest/summary";
import type { ParsedReport } from "@/lib/model/report-schema";
import { prng, syntheticAgencies, syntheticReport, type SyntheticAgency } from "./synthetic";

/** Bump when the generated data changes, so old bench databases are regenerated. */
export const GENERATOR_VERSION = "3";
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

export interface BenchDatabase {
  url: string;
  stop: () => Promise<void>;
  reused: boolean;
  seconds: number;
}

export const benchDbDir = (scale: number) => path.join(process.cwd(), ".data", `bench-${scale}`);
export const benchDbPort = () => Number(process.env.BENCH_PG_PORT ?? 54349);

export async function benchDatabase(scale: number, log: (l: string) => void): Promise<BenchDatabase> {
  // The bench never touches the app's own database, whatever DATABASE_URL says.
  delete process.env.DATABASE_URL;
  const started = Date.now();
  const where = { dataDir: benchDbDir(scale), port: benchDbPort(), log: () => {} };
  const marker = `${GENERATOR_VERSION}|${listMigrations().at(-1)?.name ?? ""}`;
  const existing = await ensureDatabase(where);
  if (await hasMarker(existing.url, scale, marker)) {
    log(`bench database for ${scale.toLocaleString("en-US")} reports reused (generator ${marker})`);
    return { url: existing.url, stop: existing.stop, reused: true, seconds: (Date.now() - started) / 1000 };
  }
  // Anything else in the data dir (another generator, older migrations) is thrown away.
  await existing.stop();
  const db = await bootDatabase({ ...where, fresh: true });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    log(`generating ${scale.toLocaleString("en-US")} synthetic reports…`);
    const reports = await generate(client, scale, log);
    await client.query("CREATE TABLE _bench_marker (scale int NOT NULL, version text NOT NULL, reports int NOT NULL, made_at timestamptz NOT NULL DEFAULT now())");
    await client.query("INSERT INTO _bench_marker (scale, version, reports) VALUES ($1, $2, $3)", [scale, marker, reports]);
    const seconds = (Date.now() - started) / 1000;
    log(`generated ${reports.toLocaleString("en-US")} reports in ${seconds.toFixed(0)} s`);
    return { url: db.url, stop: db.stop, reused: false, seconds };
  } catch (e) {
    await db.stop();
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

async function hasMarker(url: string, scale: number, marker: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT to_regclass('_bench_marker') IS NOT NULL AS ok");
    if (!rows[0].ok) return false;
    return (await client.query("SELECT 1 FROM _bench_marker WHERE scale = $1 AND version = $2", [scale, marker])).rows.length > 0;
  } finally {
    await client.end();
  }
}

/** One COPY FROM STDIN on its own connection, written line by line with back-pressure. */
async function copier(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const stream = client.query(copyFrom(sql));
  let buffer = "";
  return {
    async write(line: string) {
      buffer += line;
      if (buffer.length < 1 << 16) return;
      const ok = stream.write(buffer);
      buffer = "";
      if (!ok) await once(stream, "drain");
    },
    async end() {
      if (buffer) stream.write(buffer);
      stream.end();
      await once(stream, "finish");
      await client.end();
    },
  };
}

const DATA_TABLES = ["finding", "table3_row", "report", "source", "agency", "region_year"];

async function generate(client: pg.Client, scale: number, log: (l: string) => void): Promise<number> {
  // Foreign keys are checked once at the end (a join) rather than per row of 25 million.
  const fks = (
    await client.query<{ table: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY($1)`,
      [DATA_TABLES],
    )
  ).rows;
  for (const fk of fks) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);

  const url = (client as unknown as { connectionParameters: { user: string; password: string; host: string; port: number; database: string } }).connectionParameters;
  const dsn = `postgresql://${url.user}:${url.password}@${url.host}:${url.port}/${url.database}`;
  const rng = prng(20_260_101 + scale);
  const agencies = syntheticAgencies(Math.max(10, Math.round(scale / 6)), rng);

  const agencyOut = await copier(dsn, "COPY agency (id, name, key, region_code, level) FROM STDIN");
  const sourceOut = await copier(dsn, "COPY source (id, sha256, text_sha256, file_name, format, byte_size, bytes, text) FROM STDIN");
  const reportOut = await copier(
    dsn,
    `COPY report (id, agency_id, region_code, level, year, version, in_force, source_id, source_index, parser_version, numbers_sha256, table4, table2,
      new_received, carried_over, granted, partially_granted, denied, unable, not_processed, other_outcome, total_processed, carried_forward,
      review_total, litigation_total, published_on, published_from, finding_count) FROM STDIN`,
  );
  const t3Out = await copier(dsn, "COPY table3_row (report_id, row, natural_person, commercial, research, social_org, legal_service, other_org, total) FROM STDIN");
  const findingOut = await copier(dsn, "COPY finding (report_id, code, message, evidence, cells) FROM STDIN");

  let reportId = 0;
  let lastLog = Date.now();
  const hex = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
  for (const a of agencies) {
    if (reportId >= scale) break;
    await agencyOut.write(`${a.id}\t${a.name}\t${a.name}|${a.regionCode}\t${a.regionCode}\t${a.level}\n`);
    // One source per agency: a page with its whole history, as many agencies publish them.
    const text = `（合成数据，仅供基准测试）${a.name}政府信息公开工作年度报告 2019–2025`;
    await sourceOut.write(`${a.id}\t${hex(`b${a.id}`)}\t${hex(`t${a.id}`)}\tbench-${a.id}.txt\ttxt\t${Buffer.byteLength(text)}\t\\\\x${Buffer.from(text).toString("hex")}\t${text}\n`);
    reportId = await agencyReports(rng, a, reportId, { reportOut, t3Out, findingOut }, hex);
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  ${reportId.toLocaleString("en-US")} reports…`);
    }
  }
  for (const out of [agencyOut, sourceOut, reportOut, t3Out, findingOut]) await out.end();
  log("  restoring foreign keys, building the roll-ups…");
  await client.query("SET maintenance_work_mem = '512MB'");
  for (const fk of fks) await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.def}`);
  await rebuildAggregates(client);
  // The review queue's order (ingest keeps it with the findings; COPY does not).
  await client.query("SELECT gongkai_recount_findings(ARRAY(SELECT id FROM report WHERE finding_count > 0 OR region_code IS NULL))");
  for (const [table, seq] of [["agency", "agency_id_seq"], ["source", "source_id_seq"], ["report", "report_id_seq"], ["finding", "finding_id_seq"]]) {
    await client.query(`SELECT setval('${seq}', coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`);
  }
  await benchRosters(client, rng);
  await client.query("VACUUM ANALYZE");
  return reportId;
}

/** A publication date: most stated by the document (a few weeks around the deadline, some late), the rest dated by upload. */
function publication(rng: ReturnType<typeof prng>, year: number): [string, string] {
  const r = rng.rand();
  if (r < 0.3) return [`2026-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, "upload"];
  const month = r < 0.85 ? 1 : rng.pick([2, 3, 4]);
  return [`${year + 1}-0${month}-${String(rng.int(5, 28)).padStart(2, "0")}`, rng.pick(["header", "signature", "header"])];
}

/** Rosters for one city in ten: its agencies that have reports, less one in twenty, plus a few that have none. */
async function benchRosters(client: pg.Client, rng: ReturnType<typeof prng>) {
  const cities = (await client.query<{ code: string }>("SELECT code FROM region WHERE level = 'city' ORDER BY code")).rows.filter((_, i) => i % 10 === 3);
  for (const { code } of cities) {
    const [lo, hi] = [code.slice(0, 4) + "00", code.slice(0, 4) + "99"];
    const { rows } = await client.query<{ id: number }>("INSERT INTO roster (region_code, file_name) VALUES ($1, 'bench.csv') RETURNING id", [code]);
    await client.query(
      `INSERT INTO roster_entry (roster_id, agency_id, name, region_code, level)
       SELECT $1, a.id, a.name, a.region_code, a.level FROM agency a WHERE a.region_code BETWEEN $2 AND $3 AND a.id % 20 <> 7`,
      [rows[0].id, lo, hi],
    );
    for (let i = 0; i < 3 + rng.int(0, 5); i++) {
      const name = `（合成）名单机关${code}-${i}`;
      const a = await client.query<{ id: number }>(
        "INSERT INTO agency (name, key, region_code, level) VALUES ($1, $2, $3, 'city') ON CONFLICT (key) DO NOTHING RETURNING id",
        [name, `${name}|${code}`, code],
      );
      if (a.rows[0]) await client.query("INSERT INTO roster_entry (roster_id, agency_id, name, region_code, level, aliases) VALUES ($1, $2, $3, $4, 'city', $5)", [rows[0].id, a.rows[0].id, name, code, [`${name}（别名）`]]);
    }
  }
}

type Outs = Record<"reportOut" | "t3Out" | "findingOut", Awaited<ReturnType<typeof copier>>>;

const arr = (v: unknown[]) => `{${v.join(",")}}`;
const nul = (v: number | null) => (v === null ? "\\N" : String(v));

/** An agency's reports 2019–2025: a few years missing, a few earlier versions not in force, a few findings. */
async function agencyReports(rng: ReturnType<typeof prng>, a: SyntheticAgency, firstId: number, outs: Outs, hex: (s: string) => string): Promise<number> {
  let id = firstId;
  let carried: number[] | null = null;
  let prev: { id: number; findings: string[] } | null = null;
  const start = rng.pick([2019, 2019, 2019, 2020, 2021]);
  const pending: Array<{ id: number; line: string[]; findings: string[] }> = [];
  for (const [i, year] of YEARS.entries()) {
    if (year < start || rng.rand() < 0.06) {
      carried = null;
      prev = null;
      continue;
    }
    // ~2%: last year's carried_forward not carried over (a cross-year finding on both reports).
    const breakCarry = prev !== null && rng.rand() < 0.02;
    const versions = rng.rand() < 0.03 ? 2 : 1;
    let report = syntheticReport(rng, a, year, breakCarry ? null : carried, i === YEARS.length - 1);
    for (let v = 1; v <= versions; v++) {
      if (v > 1) report = syntheticReport(rng, a, year, breakCarry ? null : carried, i === YEARS.length - 1);
      id++;
      const inForce = v === versions;
      const findings: string[] = [];
      if (inForce && breakCarry && prev) {
        const ev = `${year - 1}→${year}：上年结转与上一年度结转下年度不一致（合成）`;
        findings.push(`carry_mismatch\t本年“上年结转”与 ${year - 1} 年报告的“结转下年度继续办理”不一致。\t${ev}\t{carried_over.total}`);
        prev.findings.push(`carry_mismatch\t“结转下年度继续办理”与 ${year} 年报告的“上年结转”不一致。\t${ev}\t{carried_forward.total}`);
      }
      if (rng.rand() < 0.015) findings.push(`columns_inferred\t新收申请一行的空白单元格位置由算术关系推定。\t\t{new_received.commercial}`);
      const t3 = Object.fromEntries(report.table3);
      const s = reportSummary({ table3: t3, table4: report.table4 } as unknown as ParsedReport);
      const line = [
        id, a.id, a.regionCode, a.level, year, v, inForce ? "t" : "f", a.id, 0, "bench-1", hex(`n${id}`), JSON.stringify(report.table4), JSON.stringify(report.table2),
        s.newReceived, s.carriedOver, s.granted, s.partiallyGranted, s.denied, s.unable, s.notProcessed, s.otherOutcome, s.totalProcessed,
        s.carriedForward, s.reviewTotal, s.litigationTotal, ...publication(rng, year),
      ].map((x) => (typeof x === "number" || x === null ? nul(x as number | null) : String(x)));
      pending.push({ id, line, findings });
      for (const [row, values] of report.table3) await outs.t3Out.write(`${id}\t${row}\t${values.join("\t")}\n`);
      if (inForce) prev = pending.at(-1)!;
    }
    carried = report.table3.get("carried_forward")!.slice(0, 6);
  }
  // Written last: a later year can add a finding to an earlier report.
  for (const p of pending) {
    await outs.reportOut.write(`${[...p.line, p.findings.length].join("\t")}\n`);
    for (const f of p.findings) await outs.findingOut.write(`${p.id}\t${f}\n`);
  }
  return id;
}
