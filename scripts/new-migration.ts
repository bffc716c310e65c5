// Makes a new migration from prisma/schema.prisma without Prisma's native engine:
// the Wasm schema engine diffs the schema of the last migration against the current one.
//   npm run db:new-migration -- add_something     write prisma/migrations/<stamp>_add_something/
//   npm run db:new-migration -- --check           exit 1 when schema.prisma has changes no migration holds
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { ensureDatabase } from "@/lib/db/embedded";
import { migrationsDir } from "@/lib/db/migrate";

const require = createRequire(import.meta.url);
const SCHEMA = path.join(process.cwd(), "prisma", "schema.prisma");

function loadEngine() {
  // Instantiate the Wasm once ourselves (no --experimental-wasm-modules needed).
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const wasmPath = path.join(pkgDir, "schema_engine_bg.wasm");
  const module = new WebAssembly.Module(fs.readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": bg as never });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  let panicMessage = "";
  (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
    get: () => panicMessage,
    set_message: (m: string) => {
      panicMessage = m;
    },
  };
  return bg.SchemaEngine;
}

function lastMigrationSchema(): string | null {
  const dir = migrationsDir();
  if (!fs.existsSync(dir)) return null;
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "schema.prisma"))).sort();
  return names.length ? fs.readFileSync(path.join(dir, names.at(-1)!, "schema.prisma"), "utf8") : null;
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const name = args.find((a) => !a.startsWith("--"));
  if (!check && !name) throw new Error("usage: npm run db:new-migration -- NAME   (or -- --check)");

  const db = await ensureDatabase({ log: () => {} });
  try {
    const u = new URL(db.url);
    const adapter = new PrismaPg({
      host: u.hostname,
      port: Number(u.port),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.slice(1),
    });
    const SchemaEngine = loadEngine();
    const current = fs.readFileSync(SCHEMA, "utf8");
    const engine = await SchemaEngine.new(
      { datamodels: [[SCHEMA, current]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(adapter as never),
    );
    const previous = lastMigrationSchema();
    const filters = { externalTables: [], externalEnums: [] };
    const result = await engine.diff({
      from: previous ? { tag: "schemaDatamodel", files: [{ path: SCHEMA, content: previous }] } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA, content: current }] },
      script: true,
      exitCode: null,
      filters,
    } as never);
    const sql = (result.stdout ?? "").trim();
    const empty = !sql || /^-- This is an empty migration\.?$/.test(sql);
    if (check) {
      if (!empty) {
        console.error("prisma/schema.prisma has changes that no migration holds:\n" + sql);
        process.exitCode = 1;
      } else console.log("migrations are up to date with prisma/schema.prisma");
      return;
    }
    if (empty) {
      console.log("no changes: prisma/schema.prisma matches the last migration");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir(), `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
    // Kept so the next diff starts from exactly what this migration produced.
    fs.writeFileSync(path.join(dir, "schema.prisma"), current);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  } finally {
    await db.stop();
  }
}

main()
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 50));
