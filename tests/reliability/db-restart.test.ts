// The embedded Postgres killed (-9) under `npm start`: the watchdog (lib/db/watchdog.ts) starts it
// again by itself, pages answer 503 with the message and Retry-After while it is down and while it
// recovers (not 500), and the same server serves and stores again after — no operator, and no
// report stored before a kill lost. Twice.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntilServing } from "@/scripts/wait-until-serving";
import { appPort, pgPort } from "./app";
import { recordFigures } from "./figures";
import { reportOf } from "./report-texts";

const ROUNDS = 2;
const port = appPort(5);
const url = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-rel-restart-"));
fs.chmodSync(dataDir, 0o755); // as root the server runs as `postgres`
let server: ChildProcess;
let log = "";
let survived = 0;

const get = (p: string) => fetch(`${url}${p}`, { headers: { accept: "text/html" } }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), text: await r.text() }), () => null);
const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

const store = async (agency: string) => {
  const r = await fetch(`${url}/api/reports`, { method: "POST", headers: { "content-type": "text/plain" }, body: reportOf(agency) });
  return { status: r.status, body: await r.text() };
};
const stored: string[] = [];

describe("the embedded Postgres killed under npm start", () => {
  beforeAll(async () => {
    server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: "",
        PORT: String(port),
        GONGKAI_PG_PORT: String(pgPort(5)),
        GONGKAI_PGDATA: path.join(dataDir, "pg"),
        GONGKAI_FRESH_DB: "1",
        GONGKAI_PG_WATCH_MS: "1000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    delete (server as { env?: unknown }).env;
    server.stdout!.on("data", (d) => (log += d));
    server.stderr!.on("data", (d) => (log += d));
    await waitUntilServing(`${url}/agencies`, server, 900_000).catch((e) => {
      throw new Error(`${e.message}\n${log}`);
    });
  }, 960_000); // npm start builds first when the sources changed since the last build
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    recordFigures("db-restart", { what: "Postgres killed -9 under npm start: restarted by itself", cases: ROUNDS, note: `${survived} restarts survived; 503 + Retry-After while down`, dbRestarts: survived });
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: 503 while down, then served and stored again without an operator`, async () => {
      expect((await get("/agencies"))?.status).toBe(200);
      // Stored (committed) just before the kill: it must be there after.
      const before = await store(`重启前${round}局`);
      expect(before.status, before.body.slice(0, 300)).toBe(200);
      stored.push(`重启前${round}局`);
      process.kill(postmasterPid(), "SIGKILL");
      const killedAt = Date.now();
      // While it is down: 503, the message, a retry hint. Then back by itself.
      let saw503 = false;
      let back = false;
      const until = Date.now() + 120_000;
      while (Date.now() < until) {
        const r = await get("/agencies");
        if (r?.status === 503) {
          saw503 = true;
          expect(r.retryAfter).toBe("10");
          expect(r.text).toContain("数据库暂时无法连接");
        } else if (r?.status === 200 && saw503) {
          back = true;
          break;
        } else if (Date.now() - killedAt > 2_500) {
          // (A page already past proxy.ts's check — it asks at most every second — when the
          // database dies is answered by the error page: that moment only.)
          expect(r?.status, `a page answered ${r?.status} during the outage:\n${log.slice(-2000)}`).not.toBe(500);
        }
        await new Promise((res) => setTimeout(res, 200));
      }
      expect(saw503, log.slice(-3000)).toBe(true);
      expect(back, log.slice(-3000)).toBe(true);
      const after = await store(`重启测试${round}局`);
      expect(after.status, after.body.slice(0, 300)).toBe(200);
      stored.push(`重启测试${round}局`);
      // Every report stored in every round so far, before and after each kill.
      const directory = (await get("/agencies"))?.text ?? "";
      for (const agency of stored) expect(directory, `${agency} lost`).toContain(agency);
      expect(server.exitCode).toBeNull();
      expect(log).toContain("starting it again");
      survived++;
    }, 300_000);
  }
});
