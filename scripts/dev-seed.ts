// DEV ONLY — never run by `npm start`, tests or CI. Fills a database with SYNTHETIC agencies and
// reports across many regions and years, so the dashboard can be looked at (and timed) with more
// than the nine sample reports. Every synthetic agency's name starts with "（示例）" and its source
// text says it is synthetic; `--clear` removes them again.
//
//   GONGKAI_PGDATA=.data/dash-pg GONGKAI_PG_PORT=54359 npx tsx scripts/dev-seed.ts [--agencies 1500] [--clear]
//
// Uses the same database as `npm start` with those variables (or DATABASE_URL).
import crypto from "node:crypto";
import pg from "pg";
import { bootDatabase } from "@/lib/db/bootstrap";
import { REGIONS, type Region } from "@/lib/regions/data";
import { TABLE3_COLUMNS } from "@/lib/model/keys";
import { rebuildAggregates } from "@/lib/ingest/aggregates";
import { prng, split } from "./bench/synthetic";

const PREFIX = "（示例）";
const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const AGENCIES = arg("agencies", 1500);
const SEED = arg("seed", 20240101);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

const { rand, pick, int, count } = prng(SEED);

const DEPTS = ["人民政府办公室", "教育局", "公安局", "自然资源局", "住房和城乡建设局", "生态环境局", "人力资源和社会保障局", "市场监督管理局", "财政局", "交通运输局", "卫生健康委员会", "机关事务管理局"];
const PROVINCE_DEPTS = ["人民政府办公厅", "教育厅", "公安厅", "自然资源厅", "住房和城乡建设厅", "生态环境厅", "人力资源和社会保障厅", "市场监督管理局", "财政厅", "交通运输厅", "卫生健康委员会", "机关事务管理局"];
const MEDIAN: Record<string, number> = { province: 120, city: 45, county: 12 };

async function main() {
  const db = await bootDatabase({});
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const old = await client.query<{ id: number }>(`SELECT id FROM agency WHERE name LIKE $1`, [`${PREFIX}%`]);
    if (old.rows.length) {
      const ids = old.rows.map((r) => r.id);
      const srcs = await client.query<{ source_id: number }>(`SELECT DISTINCT source_id FROM report WHERE agency_id = ANY($1)`, [ids]);
      await client.query(`DELETE FROM report WHERE agency_id = ANY($1)`, [ids]);
      await client.query(`DELETE FROM agency WHERE id = ANY($1)`, [ids]);
      await client.query(`DELETE FROM source s WHERE s.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM report r WHERE r.source_id = s.id)`, [srcs.rows.map((r) => r.source_id)]);
      console.log(`removed ${ids.length} synthetic agencies`);
    }
    if (args.includes("--clear")) {
      await rebuildAggregates(client);
      await client.query("COMMIT");
      return;
    }

    const byLevel = { province: REGIONS.filter((r) => r.level === "province"), city: REGIONS.filter((r) => r.level === "city"), county: REGIONS.filter((r) => r.level === "county") };
    const text = "（示例数据）这是开发用的合成年报，不是真实机关发布的报告。数字由 scripts/dev-seed.ts 随机生成。";
    const src = await client.query<{ id: number }>(
      `INSERT INTO source (sha256, text_sha256, file_name, format, byte_size, bytes, text) VALUES ($1, $2, 'dev-seed.txt', 'txt', $3, $4, $5) RETURNING id`,
      [crypto.randomBytes(32).toString("hex"), crypto.randomBytes(32).toString("hex"), Buffer.byteLength(text), Buffer.from(text), text],
    );
    const sourceId = src.rows[0].id;

    let reports = 0;
    const seen = new Set<string>();
    for (let n = 0; n < AGENCIES; n++) {
      const level = rand() < 0.1 ? "province" : rand() < 0.4 ? "city" : "county";
      const region: Region = pick(byLevel[level]);
      const name = `${PREFIX}${region.name}${pick(level === "province" ? PROVINCE_DEPTS : DEPTS)}`;
      const key = `${name}|${region.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const a = await client.query<{ id: number }>(`INSERT INTO agency (name, key, region_code, level) VALUES ($1, $2, $3, $4::"Level") RETURNING id`, [name, key, region.code, level]);
      const agencyId = a.rows[0].id;
      const base = Math.max(1, count(MEDIAN[level]));
      const start = pick([2019, 2019, 2019, 2020, 2021]);
      let carried = 0;
      const rows: unknown[][] = [];
      for (const year of YEARS) {
        if (year < start || rand() < 0.08) continue; // some years missing: coverage gaps
        const nr = count(base);
        const cols = split(nr, [85, 7, 1, 1, 4, 2]);
        const handled = nr + carried;
        const forward = year === 2024 ? 0 : Math.min(handled, int(0, Math.max(0, Math.round(handled * 0.05))));
        const processed = handled - forward;
        const [granted, partial, denied, unable, notProcessed, other] = split(processed, [45 + int(0, 20), 10, 4 + int(0, 8), 20 + int(0, 10), 6, 4]);
        const deniedItems = split(denied, [0.5, 1, 0.5, 2, 1, 3, 1, 1]);
        const review = int(0, Math.round(nr / 25));
        const litDirect = int(0, Math.round(nr / 40));
        const litAfter = int(0, Math.round(review / 3));
        const four = (t: number) => {
          const [u, c, o, p] = split(t, [6, 2, 1, 1]);
          return [u, c, o, p, t];
        };
        const table4 = [...four(review), ...four(litDirect), ...four(litAfter)];
        const r = await client.query<{ id: number }>(
          `INSERT INTO report (agency_id, year, version, in_force, source_id, source_index, parser_version, numbers_sha256, table4,
             new_received, carried_over, granted, partially_granted, denied, unable, not_processed, other_outcome, total_processed, carried_forward, review_total, litigation_total)
           VALUES ($1, $2, 1, true, $3, 0, 'dev-seed', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
          [agencyId, year, sourceId, crypto.randomBytes(32).toString("hex"), JSON.stringify(table4), nr, carried, granted, partial, denied, unable, notProcessed, other, processed, forward, review, litDirect + litAfter],
        );
        const id = r.rows[0].id;
        const put = (row: string, total: number, c = split(total, [1, 0, 0, 0, 0, 0])) => rows.push([id, row, ...c, total]);
        put("new_received", nr, cols);
        put("carried_over", carried);
        put("granted", granted);
        put("partially_granted", partial);
        ["state_secret", "prohibited_by_law", "three_safeties_one_stability", "third_party_rights", "internal_affairs", "process_information", "law_enforcement_files", "administrative_query"].forEach((k, i) =>
          put(`denied.${k}`, deniedItems[i]),
        );
        put("unable.not_held", unable);
        put("not_processed.duplicate", notProcessed);
        put("other.other", other);
        put("total_processed", processed);
        put("carried_forward", forward);
        carried = forward;
        reports++;
      }
      if (rows.length) {
        const col = (i: number) => rows.map((r) => r[i]);
        await client.query(
          `INSERT INTO table3_row (report_id, row, natural_person, commercial, research, social_org, legal_service, other_org, total)
           SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])`,
          [col(0), col(1), ...TABLE3_COLUMNS.map((_, i) => col(2 + i))],
        );
      }
    }
    // The roll-ups ingest keeps, rebuilt for the rows inserted behind its back.
    await client.query(`UPDATE report r SET region_code = a.region_code, level = a.level FROM agency a WHERE a.id = r.agency_id AND r.region_code IS DISTINCT FROM a.region_code`);
    await rebuildAggregates(client);
    await client.query("COMMIT");
    console.log(`inserted ${seen.size} synthetic agencies and ${reports} reports (names start with ${PREFIX})`);
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
