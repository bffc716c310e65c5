import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // Sized for a busy 2-core machine: reading back 300 generated files took 31 s beside a build.
          testTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One embedded Postgres (or DATABASE_URL) for all integration files, run one at a time.
          globalSetup: ["tests/integration/global-setup.ts"],
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Hardening (issue 7): fuzzing, concurrency, crash safety, security, database outage.
          // Real servers and databases on their own ports (RELIABILITY_PORT_BASE); one file at a time.
          name: "reliability",
          include: ["tests/reliability/**/*.test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
