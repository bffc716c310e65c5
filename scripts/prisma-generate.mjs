// postinstall: generate the Prisma client without downloading Prisma's native engines
// (only the npm registry is reachable here). See prisma.config.ts for the engine stub.
import { spawnSync } from "node:child_process";

const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const r = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
