// Everything a process needs before it touches the database: a server (DATABASE_URL or the
// embedded one), the schema migrated, and the GB/T 2260 region table filled.
import pg from "pg";
import { ensureDatabase, type EmbeddedOptions, type RunningDatabase } from "./embedded";
import { migrate } from "./migrate";
import { REGIONS } from "@/lib/regions";

export async function bootDatabase(opts: EmbeddedOptions = {}): Promise<RunningDatabase> {
  const db = await ensureDatabase(opts);
  try {
    await migrate(db.url, opts.log);
    await seedRegions(db.url);
  } catch (e) {
    await db.stop();
    throw e;
  }
  process.env.DATABASE_URL = db.url;
  return db;
}

/** Inserts the regions the table lacks (idempotent; a newer region list adds its new codes). */
export async function seedRegions(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM region");
    if (Number(rows[0].n) >= REGIONS.length) return;
    // Parents first, so the foreign key holds at every insert.
    const order: Record<string, number> = { province: 0, city: 1, county: 2, township: 3 };
    const sorted = [...REGIONS].sort((a, b) => order[a.level] - order[b.level]);
    await client.query("BEGIN");
    for (let i = 0; i < sorted.length; i += 1000) {
      const chunk = sorted.slice(i, i + 1000);
      await client.query(
        `INSERT INTO region (code, name, level, parent_code)
         SELECT * FROM unnest($1::char(6)[], $2::text[], $3::"Level"[], $4::char(6)[])
         ON CONFLICT (code) DO NOTHING`,
        [chunk.map((r) => r.code), chunk.map((r) => r.name), chunk.map((r) => r.level), chunk.map((r) => r.parentCode)],
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
