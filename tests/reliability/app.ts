// A real gongkai for the reliability tests: its own embedded Postgres (fresh, in a temporary
// folder) and the production server (`next start` on the last build, which scripts/reliability.mjs
// and npm test make first), on loopback ports of its own. The database can be stopped and
// started again under the running server.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bootDatabase } from "@/lib/db/bootstrap";
import { ensureDatabase, type RunningDatabase } from "@/lib/db/embedded";
import { waitUntilServing } from "@/scripts/wait-until-serving";

/** Ports: RELIABILITY_APP_PORT / RELIABILITY_PG_PORT and the few after them, one per test file. */
export const appPort = (offset: number) => Number(process.env.RELIABILITY_APP_PORT ?? 3240) + offset;
export const pgPort = (offset: number) => Number(process.env.RELIABILITY_PG_PORT ?? 54370) + offset;

export interface TestDatabase {
  url: string;
  dataDir: string;
  port: number;
  stop: () => Promise<void>;
  /** Starts the stopped server again on the same data and port. */
  restart: () => Promise<void>;
  /** Stops the server and removes its data. */
  dispose: () => Promise<void>;
}

/** A fresh, migrated embedded Postgres on `port`. */
export async function startDatabase(port: number): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-rel-pg-"));
  delete process.env.DATABASE_URL; // ensureDatabase would use it instead of starting one
  let running: RunningDatabase = await bootDatabase({ dataDir, port, fresh: true });
  const db: TestDatabase = {
    url: running.url,
    dataDir,
    port,
    stop: () => running.stop(),
    restart: async () => {
      delete process.env.DATABASE_URL;
      running = await ensureDatabase({ dataDir, port });
    },
    dispose: async () => {
      await running.stop().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return db;
}

export interface TestApp {
  url: string;
  db: TestDatabase;
  server: ChildProcess;
  /** The server's output so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startApp(offset: number, env: Record<string, string> = {}): Promise<TestApp> {
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run test:reliability` (it builds first) or `npm run build`.");
  }
  const db = await startDatabase(pgPort(offset));
  const port = appPort(offset);
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const server = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", DATABASE_URL: db.url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const app: TestApp = {
    url,
    db,
    server,
    output: () => log,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (server.exitCode === null) server.kill("SIGKILL");
      }
      await db.dispose();
    },
  };
  try {
    await waitUntilServing(`${url}/agencies`, server, 120_000);
    return app;
  } catch (e) {
    await app.stop();
    throw new Error(`${(e as Error).message}:\n${log}`);
  }
}

/** The id Next gave a server action (from the build's manifest), to call it as the browser does. */
export function actionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8"));
  const found = Object.entries(manifest.node as Record<string, { exportedName: string }>).find(([, a]) => a.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in the build`);
  return found[0];
}

/**
 * Calls a server action taking one FormData the way React's client does (encodeReply): the
 * form.s fields prefixed "_1_", argument list ["$K1"] in field "0", the action id in Next-Action.
 * Returns the decoded result (the flight row that holds it).
 */
export async function callAction<T>(app: TestApp, page: string, name: string, fields: Record<string, string | Blob>): Promise<{ status: number; result: T | null; body: string }> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v as string);
  body.append("0", JSON.stringify(["$K1"]));
  const res = await fetch(`${app.url}${page}`, {
    method: "POST",
    headers: { "Next-Action": actionId(name), Accept: "text/x-component", Origin: app.url },
    body,
  });
  const text = await res.text();
  // Flight rows are "id:json"; the action's return value is the row with its `ok` field.
  let result: T | null = null;
  for (const line of text.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    try {
      const v = JSON.parse(json);
      if (v && typeof v === "object" && "ok" in v) result = v as T;
    } catch {
      /* not a JSON row */
    }
  }
  return { status: res.status, result, body: text };
}
