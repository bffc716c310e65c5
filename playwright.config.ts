import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's chromium when present (no browser download needed); a normal Playwright install
// otherwise. CHROMIUM_PATH overrides both.
const chromium = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The fixture website e2e/import-url.spec.ts serves on loopback; the app may fetch from it alone. */
const FIXTURE_PORT = Number(process.env.E2E_FIXTURE_PORT ?? PORT + 5);

export default defineConfig({
  testDir: "e2e",
  // Sized for a busy 2-core machine (other builds beside it): a page load there can take 15 s.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: chromium
        ? ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
        : [],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // The production app with its own fresh embedded Postgres (separate data dir and port).
    command: "node --import tsx scripts/start.ts",
    url: `http://127.0.0.1:${PORT}/agencies`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(PORT),
      GONGKAI_PGDATA: process.env.E2E_PGDATA ?? ".data/e2e-pg",
      GONGKAI_PG_PORT: process.env.E2E_PG_PORT ?? "54349",
      GONGKAI_FRESH_DB: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      GONGKAI_FETCH_ALLOW_HOSTS: `127.0.0.1:${FIXTURE_PORT}`,
    },
  },
});
