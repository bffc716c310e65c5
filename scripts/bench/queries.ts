// Section "queries": the REAL query functions the pages call, on the bench database of
// ctx.scale synthetic reports (scripts/bench/generate-db.ts): p50/p95 over seeded random picks.
import v8 from "node:v8";
import vm from "node:vm";
import pg from "pg";
import type { BenchContext, BenchSection, Measure } from "./types";
import { benchDatabase, benchDbDir } from "./generate-db";
import { prng } from "./synthetic";
import { postgresCpuSeconds } from "./import";

const RUNS = 60;
const WARMUP = 5;
const PAGE_GOAL = 100;
const ROLLUP_GOAL = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))];
}

async function run(ctx: BenchContext): Promise<Measure[]> {
  const db = await benchDatabase(ctx.scale, ctx.log);
  process.env.DATABASE_URL = db.url;
  const out: Measure[] = [];
  const size = `${ctx.scale.toLocaleString("en-US")} reports`;
  out.push({ section: "queries", measure: db.reused ? "bench database reused" : "bench database generated", value: db.seconds, unit: "s", note: size });
  // Imported after DATABASE_URL is set: the app's own modules, unchanged.
  const { getAgency, directoryPage } = await import("@/lib/queries/agencies");
  const { reviewQueue, reviewCount } = await import("@/lib/queries/review");
  const { getCompare } = await import("@/lib/queries/compare");
  const { totalsPerYear, agenciesInScope, topAgencies, latestReports, availableYears } = await import("@/lib/queries/overview");
  const { childRollup, getCoverage } = await import("@/lib/queries/coverage");
  const { mapValues } = await import("@/lib/queries/map");
  const { regionInfo } = await import("@/lib/queries/scope");
  const { csvLines } = await import("@/lib/queries/csv");
  const { yearCoverage, missingAgencies, reportedAgencies, scorecard } = await import("@/lib/queries/coverage-year");
  const { disconnectPrisma } = await import("@/lib/db/client");

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const maxAgency = Number((await client.query("SELECT max(id) AS m FROM agency")).rows[0].m);
    const regions = async (level: string) =>
      (await client.query<{ code: string }>(`SELECT DISTINCT g.code FROM region g JOIN region_year y ON y.region_code = g.code WHERE g.level = $1 AND y.reports > 0`, [level])).rows.map((r) => r.code.trim());
    const provinces = await regions("province");
    const cities = await regions("city");
    const inForce = Number((await client.query("SELECT sum(reports) AS n FROM region_year WHERE region_code = '000000'")).rows[0].n);
    const rng = prng(42);
    const agency = () => rng.int(1, maxAgency);

    const time = async (measure: string, goal: number, fn: () => Promise<unknown>, note = "") => {
      for (let i = 0; i < WARMUP; i++) await fn();
      const ms: number[] = [];
      // CPU of Postgres and of this process over the timed runs: what a call costs, whatever the
      // machine's load — beside a p95 over its goal, it says whether the work or the wait is the cause.
      const [pg0, node0] = [postgresCpuSeconds(benchDbDir(ctx.scale)), process.cpuUsage()];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await fn();
        ms.push(performance.now() - t);
      }
      const pgMs = ((postgresCpuSeconds(benchDbDir(ctx.scale)) - pg0) * 1000) / RUNS;
      const nodeCpu = process.cpuUsage(node0);
      const nodeMs = (nodeCpu.user + nodeCpu.system) / 1000 / RUNS;
      ms.sort((a, b) => a - b);
      const cond = `${size}, ${RUNS} runs${note ? `, ${note}` : ""}`;
      const p95 = percentile(ms, 0.95);
      out.push({ section: "queries", measure: `${measure} p50`, value: percentile(ms, 0.5), unit: "ms", note: cond });
      out.push({ section: "queries", measure: `${measure} p95`, value: p95, unit: "ms", goal: { op: "<=", value: goal }, note: cond });
      if (p95 > goal) {
        const wall = ms.reduce((a, b) => a + b, 0) / RUNS;
        out.push({
          section: "queries", measure: `${measure}: CPU per call`, value: pgMs + nodeMs, unit: "ms",
          note: `over its goal: Postgres (all its processes) ${pgMs.toFixed(1)} ms + this process ${nodeMs.toFixed(1)} ms of CPU per call against ${wall.toFixed(1)} ms of wall time on average; the rest is waiting (for a core, the disk, locks)`,
        });
      }
      ctx.log(`  ${measure}: p50 ${percentile(ms, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, CPU ${pgMs.toFixed(1)} + ${nodeMs.toFixed(1)} ms a call`);
    };

    await time("agency page", PAGE_GOAL, () => getAgency(agency()), "random agency");
    const stats = ["new_received.total", "granted.total", "denied.third_party_rights.total", "unable.natural_person", "review.total", "grant_rate"] as const;
    await time("compare 10 agencies x 7 years", PAGE_GOAL, () =>
      getCompare({ agencies: Array.from({ length: 10 }, agency), stat: rng.pick(stats), from: 2019, to: 2025 }), "random agencies and statistic");

    await time("region x year roll-up, national", ROLLUP_GOAL, () => totalsPerYear({}));
    await time("region x year roll-up, a province", ROLLUP_GOAL, () => totalsPerYear({ region: rng.pick(provinces) }), "random province");
    await time("region x year roll-up, a city", ROLLUP_GOAL, () => totalsPerYear({ region: rng.pick(cities), from: 2021, to: 2025 }), "random city, 2021-2025");
    await time("map: provinces", ROLLUP_GOAL, () => mapValues(null, rng.pick(["new_received.total", "grant_rate"] as const), 2023), "one statistic, one year");
    await time("map: a province's cities", ROLLUP_GOAL, () => mapValues(regionInfo(rng.pick(provinces)), "grant_rate", 2023), "random province");
    await time("region x year roll-up, a province, one level", ROLLUP_GOAL, () => totalsPerYear({ region: rng.pick(provinces), level: "county" }), "no roll-up for level: sums reports");

    // Every query of a page at once, as the page runs them.
    await time("overview page (all its queries)", ROLLUP_GOAL, () =>
      Promise.all([availableYears(), totalsPerYear({}), agenciesInScope({}), topAgencies({}), latestReports({})]), "national");
    await time("region page (all its queries)", ROLLUP_GOAL, () => {
      const region = rng.pick(provinces);
      const scope = { region, from: null, to: null };
      return Promise.all([totalsPerYear(scope), agenciesInScope({ region }), directoryPage({ ...scope, sort: "-apps", pageSize: 20 }), childRollup(region, scope), availableYears()]);
    }, "random province");

    const sorts = ["-apps", "-grant", "-refuse", "-lit", "name"] as const;
    await time("directory, national, sorted, pages 1-5", PAGE_GOAL, () => directoryPage({ sort: rng.pick(sorts), page: rng.int(1, 5) }), "random sort");
    await time("directory, province + level + sort", PAGE_GOAL, () =>
      directoryPage({ region: rng.pick(provinces), level: rng.pick(["county", "township", "city"] as const), sort: rng.pick(sorts), page: rng.int(1, 3) }));
    await time("directory, city + years + sort", PAGE_GOAL, () =>
      directoryPage({ region: rng.pick(cities), from: 2022, to: 2024, sort: rng.pick(sorts), page: rng.int(1, 2) }));
    await time("directory, province + years + level", PAGE_GOAL, () =>
      directoryPage({ region: rng.pick(provinces), level: "county", from: 2023, to: 2025, sort: "-apps", page: rng.int(1, 3) }));
    const names = ["公安局", "教育局", "自然资源", "人民政府办公", "街道", "卫生健康"];
    await time("directory, name search national", PAGE_GOAL, () => directoryPage({ q: rng.pick(names), sort: rng.pick(sorts), page: rng.int(1, 3) }));
    await time("directory, name search + province + years", PAGE_GOAL, () =>
      directoryPage({ q: rng.pick(names), region: rng.pick(provinces), from: 2020, to: 2024, sort: "-apps" }));
    await time("directory, national + years (worst case)", PAGE_GOAL, () =>
      directoryPage({ from: 2023, to: 2025, sort: rng.pick(sorts), page: rng.int(1, 3) }), "agency_span: one index scan");
    await time("directory, national + years, ascending", PAGE_GOAL, () =>
      directoryPage({ from: 2021, to: 2025, sort: rng.pick(["apps", "grant", "refuse", "lit"] as const), page: 1 }), "agency_span, sorted in full");
    await time("coverage, national, pages 1-20", PAGE_GOAL, () => getCoverage({ page: rng.int(1, 20) }));
    await time("review queue, national, pages 1-5", PAGE_GOAL, () => reviewQueue({ page: rng.int(1, 5) }));
    await time("review queue, province + years + finding code", PAGE_GOAL, () =>
      reviewQueue({ region: rng.pick(provinces), from: 2022, to: 2024, code: rng.pick(["carry_mismatch", "row_sum_broken", "columns_inferred"]) }));
    await time("review queue, national, a finding code", PAGE_GOAL, () =>
      reviewQueue({ code: rng.pick(["carry_mismatch", "row_sum_broken", "cell_unreadable", "columns_inferred"]), page: rng.int(1, 3) }));
    await time("review queue, national, a deep page", PAGE_GOAL, () => reviewQueue({ page: rng.int(100, 200) }), "pages 100-200 (offset 5,000-10,000)");
    await time("review count (header)", PAGE_GOAL, () => reviewCount(), "region_year_review roll-up");

    // Coverage by year and scorecards (issue 16): one city in ten has an imported roster.
    const rostered = (await client.query<{ code: string }>("SELECT region_code AS code FROM roster ORDER BY 1")).rows.map((r) => r.code.trim());
    const year = () => rng.int(2020, 2025);
    await time("coverage by year, national", PAGE_GOAL, () => yearCoverage(null, year()), "expected / reported / on time per province");
    await time("coverage by year, a province", PAGE_GOAL, () => yearCoverage(rng.pick(provinces), year()), "random province (some of its cities rostered)");
    await time("coverage by year, a rostered city", PAGE_GOAL, () => yearCoverage(rng.pick(rostered), year()), "random rostered city");
    await time("coverage page, national (all its queries)", PAGE_GOAL, () => {
      const y = year();
      return Promise.all([yearCoverage(null, y), missingAgencies(null, y, { limit: 100 }), availableYears()]);
    }, "counts + first 100 missing");
    await time("missing list, a province, first 100", PAGE_GOAL, () => missingAgencies(rng.pick(provinces), year(), { limit: 100 }));
    await time("missing list, a rostered city, all", PAGE_GOAL, () => missingAgencies(rng.pick(rostered), year()));
    await time("reported list, national, late, first 100", PAGE_GOAL, () => reportedAgencies(null, year(), { late: true, limit: 100 }));
    const trend = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
    await time("scorecard, national, 7-year trend", PAGE_GOAL, () => scorecard(null, year(), trend));
    await time("scorecard, a province, 7-year trend", PAGE_GOAL, () => scorecard(rng.pick(provinces), year(), trend), "random province");
    await time("scorecard, a rostered city, 7-year trend", PAGE_GOAL, () => scorecard(rng.pick(rostered), year(), trend), "random rostered city");

    // /data.csv streams in batches: rows per second, and the heap still held after a garbage
    // collection every 20 batches (what grows with the export, not garbage waiting to go).
    const limit = Math.min(inForce, 200_000);
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    let peak = heap0;
    let rows = -1;
    let batches = 0;
    const t = performance.now();
    for await (const chunk of csvLines()) {
      rows += chunk.split("\r\n").length - 1;
      if (++batches % 20 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      if (rows >= limit) break;
    }
    const s = (performance.now() - t) / 1000;
    const note = `first ${rows.toLocaleString("en-US")} of ${inForce.toLocaleString("en-US")} rows`;
    out.push({ section: "queries", measure: "/data.csv stream rate", value: rows / s, unit: "rows/s", note });
    out.push({ section: "queries", measure: "/data.csv heap retained while streaming", value: (peak - heap0) / 2 ** 20, unit: "MB", goal: { op: "<=", value: 50 }, note: `${note}, gc every 20 batches` });
  } finally {
    await client.end();
    await disconnectPrisma();
    await db.stop();
  }
  return out;
}

export const section: BenchSection = { name: "queries", run };
