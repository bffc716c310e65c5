// Issue 17, small items: the embedded Postgres's port taken by another program is said plainly
// (it once read "Embedded Postgres did not start …: undefined"), before anything is created.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureDatabase, startEmbedded, urlFor } from "@/lib/db/embedded";
import { watchDatabase } from "@/lib/db/watchdog";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A program on a loopback port that accepts connections and says nothing (not a Postgres). */
async function squatter(): Promise<number> {
  const server = net.createServer((socket) => socket.on("error", () => {}));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

describe("the embedded Postgres's port taken by another program", () => {
  it("is refused with the port and what to do, and no cluster is created", async () => {
    const port = await squatter();
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-port-")), "pg");
    cleanups.push(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      for (const start of [ensureDatabase, startEmbedded]) {
        const err = await start({ dataDir, port }).catch((e: Error) => e);
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).message).toContain(`Port ${port} is taken by another program`);
        expect((err as Error).message).toMatch(/GONGKAI_PG_PORT/);
        expect((err as Error).message).not.toContain("undefined");
      }
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  }, 30_000);

  it("the watchdog's start ignores DATABASE_URL (set by bootDatabase in the same process to this very server)", async () => {
    // ensureDatabase takes DATABASE_URL for a database of one's own and starts nothing; the
    // watchdog restarting a dead embedded server must not (it did: every restart "succeeded").
    const port = await squatter();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgresql://postgres:gongkai@127.0.0.1:${port}/gongkai`;
    try {
      expect((await ensureDatabase({ port })).embedded).toBe(false); // taken as given
      await expect(startEmbedded({ port, dataDir: path.join(os.tmpdir(), "gongkai-never-created") })).rejects.toThrow(/is taken by another program/); // really tries
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  }, 30_000);

  it("the watchdog, finding its server dead, really tries to start it (it once counted a restart that started nothing)", async () => {
    const port = await squatter(); // answers no Postgres: the server counts as dead, and cannot start
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-watch-"));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = urlFor(port); // as bootDatabase leaves it
    const lines: string[] = [];
    const watch = watchDatabase({ url: urlFor(port), embedded: true, dataDir, port, stop: async () => {} }, { intervalMs: 100, log: (m) => lines.push(m) });
    try {
      const until = Date.now() + 60_000;
      while (Date.now() < until && !lines.some((l) => /restarting the embedded Postgres failed/.test(l))) await new Promise((r) => setTimeout(r, 100));
      expect(lines.join("\n")).toMatch(/not answering: starting it again/);
      expect(lines.join("\n")).toMatch(/restarting the embedded Postgres failed \(Port \d+ is taken by another program/);
      expect(watch.restarts()).toBe(0);
    } finally {
      await watch.stop();
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  }, 90_000);
});
