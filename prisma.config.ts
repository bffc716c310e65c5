// Prisma CLI configuration. Only `prisma generate` runs through the CLI here; migrations are
// plain SQL files applied by lib/db/migrate.ts (see scripts/new-migration.ts for how they are made).
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's native schema engine is downloaded from Prisma's own host, which may be unreachable.
// `generate` does not need it: point the CLI at a stub that fails fast unless a real one exists.
const enginesDir = path.join(process.cwd(), "node_modules", "@prisma", "engines");
const hasNativeEngine =
  fs.existsSync(enginesDir) && fs.readdirSync(enginesDir).some((f) => f.startsWith("schema-engine-"));
if (!hasNativeEngine && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(process.cwd(), "scripts", "no-schema-engine.sh");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
