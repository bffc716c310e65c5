// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, recorded in
// a table, under an advisory lock so two processes starting at once do not race.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";

const LOCK_ID = 7_402_119; // arbitrary, constant: "gongkai migrations"

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir() {
  return path.join(process.cwd(), "prisma", "migrations");
}

/** Database functions (prisma/functions/*.sql): re-applied whenever a file changes, after the migrations. */
export function functionsDir() {
  return path.join(process.cwd(), "prisma", "functions");
}

function readSqlFile(name: string, file: string): MigrationFile {
  const sql = fs.readFileSync(file, "utf8");
  return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
}

export function listFunctionFiles(dir = functionsDir()): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".sql"))
    .sort()
    .map((n) => readSqlFile(n, path.join(dir, n)));
}

export function listMigrations(dir = migrationsDir()): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => readSqlFile(name, path.join(dir, name, "migration.sql")));
}

async function applyInTransaction(client: pg.Client, m: MigrationFile, record: string, what: string) {
  await client.query("BEGIN");
  try {
    await client.query(m.sql);
    await client.query(record, [m.name, m.checksum]);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw new Error(`${what} ${m.name} failed: ${(e as Error).message}`);
  }
}

/** Returns the names of the migrations (and function files) it applied. */
export async function migrate(url: string, log: (m: string) => void = () => {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS _gongkai_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (await client.query("SELECT name, checksum FROM _gongkai_migrations")).rows.map((r) => [r.name, r.checksum]),
    );
    for (const m of listMigrations()) {
      if (done.has(m.name)) {
        if (done.get(m.name) !== m.checksum)
          log(`warning: migration ${m.name} changed after it was applied (checksum differs)`);
        continue;
      }
      await applyInTransaction(client, m, "INSERT INTO _gongkai_migrations (name, checksum) VALUES ($1, $2)", "migration");
      applied.push(m.name);
      log(`applied migration ${m.name}`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS _gongkai_functions (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const current = new Map(
      (await client.query("SELECT name, checksum FROM _gongkai_functions")).rows.map((r) => [r.name, r.checksum]),
    );
    for (const f of listFunctionFiles()) {
      if (current.get(f.name) === f.checksum) continue;
      await applyInTransaction(
        client,
        f,
        `INSERT INTO _gongkai_functions (name, checksum) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
        "database functions",
      );
      applied.push(`functions/${f.name}`);
      log(`applied database functions ${f.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
  return applied;
}
