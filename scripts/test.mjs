// npm test: type check, unit and integration tests (vitest, real embedded Postgres), the
// reliability tests (tests/reliability, with 1 000 fuzz cases instead of test:reliability's
// 10 000), then the end-to-end tests in a real Chromium (Playwright); both serve the production
// build, so it is built first. Ends with the reliability figures and one line
// "tests: N passed, N failed" over all of them, naming each failed step.
//
// A step passes only when its exit code, its runner's JSON report and the test files on disk
// agree (scripts/test-checks.mjs): zero tests, a global setup that threw, or a test file that ran
// no test fail it, whatever the exit code says.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { printFigures } from "./reliability-table.mjs";
import { checkPlaywright, checkVitest, lastError } from "./test-checks.mjs";

const root = process.cwd();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-test-"));
const figures = path.join(tmp, "figures");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", RELIABILITY_FIGURES: figures, FUZZ_SEED: process.env.FUZZ_SEED ?? "20261123" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (step) => only.length === 0 || only.includes(step);

let passed = 0;
let failed = 0;
/** step → why it failed */
const failedSteps = new Map();
/** Each failed test, named: "file > test: error". */
const failedTests = [];

/** Runs a step with its output shown as it comes; resolves to { ok, stderr } (the stderr's tail kept for the summary). */
function run(step, cmd, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n=== ${step}: ${[path.basename(cmd), ...args].join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["inherit", "inherit", "pipe"], env: { ...env, ...extraEnv } });
    let stderr = "";
    child.stderr.on("data", (d) => {
      process.stderr.write(d);
      stderr = (stderr + d).slice(-64_000);
    });
    const done = (status) => {
      console.log(`=== ${step}: ${status === 0 ? "exit 0" : `exit ${status}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve({ ok: status === 0, stderr });
    };
    child.on("error", (e) => {
      stderr += `\nError: ${e.message}`;
      done(e.code ?? "error");
    });
    child.on("close", (code, signal) => done(code ?? signal));
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Adds one part's judged counts; a part with problems but no failed test counts as one failure. */
function tally(step, { passed: ok, failed: bad, problems, failedTests: named = [] }, stderr) {
  passed += ok;
  failed += bad;
  failedTests.push(...named.map((t) => `${step}: ${t}`));
  if (problems.length) {
    const error = lastError(stderr);
    const why = problems.join("; ") + (error && problems.some((p) => /setup|0 tests|no JSON|non-zero/.test(p)) ? ` — ${error}` : "");
    console.log(`=== ${step}: FAILED: ${why}`);
    failedSteps.set(step, why);
    if (bad === 0) failed += 1;
  } else if (bad) failedSteps.set(step, `${bad} failed`);
  else console.log(`=== ${step}: ok, ${ok} passed`);
}

if (want("types")) {
  const { ok, stderr } = await run("types", bin("tsc"), ["--noEmit", "-p", "."]);
  tally("types", ok ? { passed: 1, failed: 0, problems: [] } : { passed: 0, failed: 1, problems: [] }, stderr);
  if (!ok) failedSteps.set("types", "type errors");
}

// Built here, not inside Playwright's web server start (whose time limit a build on a busy
// machine can use up), nor inside a reliability test.
if (want("reliability") || want("e2e")) {
  const { ok, stderr } = await run("build", process.execPath, ["--import", "tsx", "scripts/start.ts", "--build-only"]);
  if (!ok) tally("build", { passed: 0, failed: 0, problems: ["the production build failed"] }, stderr);
}

// One vitest run per part, so a part's global setup failing (the integration tests' database)
// cannot hide or stop another part's tests, and the summary names the part.
for (const part of ["unit", "integration", "reliability"].filter(want)) {
  const out = path.join(tmp, `vitest-${part}.json`);
  const { ok, stderr } = await run(part, bin("vitest"), ["run", "--project", part, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  tally(part, checkVitest(readJson(out), [part], root, ok)[part], stderr);
}

if (want("e2e")) {
  const out = path.join(tmp, "playwright.json");
  const { ok, stderr } = await run("e2e", bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  tally("e2e", checkPlaywright(readJson(out), root, ok), stderr);
}

printFigures(figures);
fs.rmSync(tmp, { recursive: true, force: true });
const steps = [...failedSteps].map(([step, why]) => `${step} (${why})`);
console.log(`\ntests: ${passed} passed, ${failed} failed${steps.length ? ` — failed: ${steps.join("; ")}` : ""}`);
for (const t of failedTests) console.log(`  failed: ${t}`);
process.exit(failedSteps.size || failed ? 1 : 0);
