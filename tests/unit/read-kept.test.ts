// The save that follows a preview does not read the same bytes again: the server keeps its own
// reading of them briefly (lib/ingest/extraction.ts), keyed by their hash, name and hints.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeExtractionPool, readInPool } from "@/lib/ingest/extraction";

const seed = fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "001_6174489a5f7162cb.txt"));
const pool = () => (globalThis as { gongkaiExtractionPool?: unknown }).gongkaiExtractionPool;

describe("a read kept for the save", () => {
  afterAll(() => closeExtractionPool(), 120_000);

  it("the same bytes, name and hints are answered without a reader, as a copy of what was read", async () => {
    const bytes = new Uint8Array(Buffer.concat([seed, Buffer.from(`\n${Date.now()}\n`)]));
    const first = await readInPool({ kind: "file", bytes, fileName: "seed.txt" }, {});
    expect(first.reports).toHaveLength(5);
    await closeExtractionPool();
    first.reports[0].agency = "改过的名字"; // what a caller does with its copy stays with it

    const again = await readInPool({ kind: "file", bytes: new Uint8Array(bytes), fileName: "seed.txt" }, {});
    expect(pool()).toBeUndefined(); // no reader was started for it
    expect(again.reports).toHaveLength(5);
    expect(again.reports[0].agency).not.toBe("改过的名字");
    expect(again.text).toBe(first.text);
  }, 120_000);

  it("other bytes, another file name, other hints or another budget are read again", async () => {
    const bytes = new Uint8Array(Buffer.concat([seed, Buffer.from(`\n${Date.now()}-b\n`)]));
    await readInPool({ kind: "file", bytes, fileName: "seed.txt" }, {});
    await closeExtractionPool();
    await readInPool({ kind: "file", bytes, fileName: "other.txt" }, {});
    expect(pool()).toBeDefined();
    await closeExtractionPool();
    await readInPool({ kind: "file", bytes, fileName: "seed.txt" }, { year: 2023 });
    expect(pool()).toBeDefined();
    await closeExtractionPool();
    const changed = new Uint8Array(bytes);
    changed[changed.length - 2] ^= 1;
    await readInPool({ kind: "file", bytes: changed, fileName: "seed.txt" }, {});
    expect(pool()).toBeDefined();
    await closeExtractionPool();
    const budget = process.env.EXTRACT_TIMEOUT_MS;
    process.env.EXTRACT_TIMEOUT_MS = String(Number(budget ?? 30_000) + 1);
    try {
      await readInPool({ kind: "file", bytes, fileName: "seed.txt" }, {});
      expect(pool()).toBeDefined();
    } finally {
      if (budget === undefined) delete process.env.EXTRACT_TIMEOUT_MS;
      else process.env.EXTRACT_TIMEOUT_MS = budget;
    }
  }, 120_000);
});
