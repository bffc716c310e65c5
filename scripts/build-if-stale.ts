// The production build, made only when a source is newer than the last one: `npm start` and the
// bench's http and bundle sections.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "tsconfig.json", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)));
  return max;
}

/** Builds when stale; false when the build failed (its messages went to the terminal). */
export function buildIfStale(log: (m: string) => void): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (built && SOURCES.every((s) => newestMtime(s) <= built)) return true;
  log(built ? "sources changed since the last build: building…" : "building the app (first start)…");
  const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");
  const r = spawnSync(nextBin, ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" } });
  return r.status === 0;
}
