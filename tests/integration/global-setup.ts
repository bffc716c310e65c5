// One database for all integration tests: TEST_DATABASE_URL when given (it is emptied!), else a
// fresh embedded Postgres in a temporary folder on its own port, stopped at the end.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { bootDatabase } from "@/lib/db/bootstrap";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const saved = process.env.DATABASE_URL;
  if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  else delete process.env.DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-test-pg-"));
  const db = await bootDatabase({
    dataDir,
    port: Number(process.env.GONGKAI_TEST_PG_PORT ?? 54339),
    fresh: true,
  });
  project.provide("databaseUrl", db.url);
  if (saved !== undefined) process.env.DATABASE_URL = saved;
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
