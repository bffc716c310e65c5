// Keeps the embedded Postgres running: its process checked every few seconds, and started again (with
// backoff: 1, 2, 4 … 30 s between attempts) when it has died — killed, crashed, out of memory —
// so the app recovers without an operator. While it is down, pages answer 503 (proxy.ts) and
// uploads say the database is unavailable. Only for a server this process started: a
// DATABASE_URL of your own is yours to run.
import fs from "node:fs";
import path from "node:path";
import { canConnect, startEmbedded, type RunningDatabase } from "./embedded";

/**
 * Is the server's postmaster alive? Its pid file and the process, not a connection: on a busy
 * machine a connection can take longer than any sensible timeout, and a slow server is not a dead one.
 */
export function postmasterAlive(dataDir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return false;
  }
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

export interface Watchdog {
  /** The server now running (a restart replaces it). */
  current: () => RunningDatabase;
  /** Times the server was found dead and started again. */
  restarts: () => number;
  /** Stops watching and stops the server. */
  stop: () => Promise<void>;
}

export function watchDatabase(db: RunningDatabase, opts: { intervalMs?: number; log?: (m: string) => void } = {}): Watchdog {
  const log = opts.log ?? (() => {});
  const interval = opts.intervalMs ?? Number(process.env.GONGKAI_PG_WATCH_MS ?? 2_000);
  let current = db;
  let restarts = 0;
  let stopped = false;
  let misses = 0;
  let backoff = 1_000;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    if (stopped) return;
    // Dead = no postmaster process AND no connection within 5 s (either alone has misled: a busy
    // machine makes slow connections, and the pid file may not be readable by this user).
    if (!current.dataDir || postmasterAlive(current.dataDir) || (await canConnect(current.url, 5_000))) {
      misses = 0;
      backoff = 1_000;
    } else if (++misses >= 2 && !stopped) {
      // Gone twice in a row (not a restart caught half-way): start it again on the same data.
      log(`the embedded Postgres on port ${current.port} is not answering: starting it again`);
      try {
        // Not ensureDatabase: this process's DATABASE_URL names this very server, and taking it
        // as "a database of your own" started nothing (every restart "succeeded", none ran).
        const next = await startEmbedded({ dataDir: current.dataDir, port: current.port });
        if (stopped) await next.stop();
        else {
          // startEmbedded reuses a server that answers again by itself; only one we started is ours to stop.
          if (next.embedded) current = next;
          restarts++;
          misses = 0;
          backoff = 1_000;
          log(`the embedded Postgres is back (restart ${restarts})`);
        }
      } catch (e) {
        log(`restarting the embedded Postgres failed (${(e as Error).message}); trying again in ${backoff / 1000} s`);
        const wait = backoff;
        backoff = Math.min(30_000, backoff * 2);
        timer = setTimeout(loop, wait);
        return;
      }
    }
    timer = setTimeout(loop, interval);
  };
  const loop = () => void tick().catch(() => (timer = setTimeout(loop, interval)));
  timer = setTimeout(loop, interval);
  timer.unref?.();

  return {
    current: () => current,
    restarts: () => restarts,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current.stop();
    },
  };
}
