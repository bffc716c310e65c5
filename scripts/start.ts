// npm start: build the app if its sources changed, start the database (DATABASE_URL or the
// embedded Postgres), migrate it, import the sample reports into an empty database, then serve
// the production app on PORT (default 3000). Ctrl-C / SIGTERM stop the server and the database.
//   npm start -- --dev    the same with `next dev`
//   --build-only          only build if stale (the reliability tests serve that build themselves)
import path from "node:path";
import { spawn } from "node:child_process";
import { bootDatabase } from "@/lib/db/bootstrap";
import { watchDatabase } from "@/lib/db/watchdog";
import { getPrisma, disconnectPrisma } from "@/lib/db/client";
import { importSamplesIfEmpty } from "@/lib/ingest/samples";
import { buildIfStale } from "./build-if-stale";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");
const log = (m: string) => console.log(`[gongkai] ${m}`);

async function main() {
  if (!dev && !buildIfStale(log)) {
    console.error("[gongkai] the build failed; see the messages above.");
    process.exit(1);
  }
  if (process.argv.includes("--build-only")) return;
  const db = await bootDatabase({
    fresh: process.env.GONGKAI_FRESH_DB === "1", // tests: start from an empty cluster
    log: (m) => (process.env.GONGKAI_PG_LOG ? log(m) : undefined),
  });
  log(
    db.embedded
      ? `embedded Postgres ready (port ${db.port}, data in ${db.dataDir})`
      : db.reused
        ? `reusing the embedded Postgres already running on port ${db.port} (left by an earlier run, so it keeps running after this server stops; it is watched and started again if it dies)`
        : "using the database at DATABASE_URL",
  );
  // An embedded server (started or reused) is watched and started again when it dies.
  const watch = db.embedded || db.reused ? watchDatabase(db, { log }) : null;
  try {
    await importSamplesIfEmpty(getPrisma(), log);
  } finally {
    await disconnectPrisma();
  }

  const child = spawn(nextBin, [dev ? "dev" : "start", "-p", port], {
    stdio: "inherit",
    env: { ...env, DATABASE_URL: db.url },
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", async (code, signal) => {
    await (watch ? watch.stop() : db.stop()).catch(() => {});
    log("stopped");
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch(async (e) => {
  console.error(`[gongkai] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
