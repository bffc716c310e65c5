// The web server's readers: every uploaded or pasted file is read (bytes → text → reports) in a
// reader process of ReadPool, never on the thread that serves pages, each within a budget:
//   EXTRACT_TIMEOUT_MS   time for one file (default 30 s), then its reader is killed
//   EXTRACT_MAX_MB       heap of one reader (default 1024 MB); a file that needs more kills it
//   EXTRACT_WORKERS      reader processes (default: one per core beyond the first, 1–4)
// Inside the budget the readers refuse what no report looks like before building it (pages,
// content-stream operators, zip parts, XML and HTML elements: lib/extract). A file over budget is
// refused with the reason in Chinese, and the server keeps serving.
import os from "node:os";
import { ReadPool, rethrowJobError, type ReadInput } from "./read-pool";
import type { PageReader } from "@/lib/fetch/document";
import type { ReadHints } from "./read";
import type { DocumentToStore } from "./store";

const numberEnv = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

export const extractBudget = () => ({
  timeoutMs: numberEnv("EXTRACT_TIMEOUT_MS", 30_000),
  maxOldSpaceMb: numberEnv("EXTRACT_MAX_MB", 1024),
  workers: numberEnv("EXTRACT_WORKERS", Math.max(1, Math.min(4, os.availableParallelism() - 1))),
});

const globalForPool = globalThis as unknown as { gongkaiExtractionPool?: ReadPool };

/** The process's reader pool, started on first use (kept on globalThis across Next's reloads). */
export function extractionPool(): ReadPool {
  if (!globalForPool.gongkaiExtractionPool) {
    const b = extractBudget();
    // One file per reader at a time: a reader that dies over its budget takes only that file. The
    // readers run at a lower priority, so pages are served first while a large file is read.
    globalForPool.gongkaiExtractionPool = new ReadPool(b.workers, { timeoutMs: b.timeoutMs, maxOldSpaceMb: b.maxOldSpaceMb, inFlight: 1, nice: 10 });
  }
  return globalForPool.gongkaiExtractionPool;
}

/** Reads an upload in a reader process; throws ExtractError / IngestError as reading here would. */
export async function readInPool(input: ReadInput, hints: ReadHints, maxBytes?: number): Promise<DocumentToStore> {
  const out = await extractionPool().run({ type: "read", input, hints, maxBytes });
  if ("error" in out) rethrowJobError(out.error);
  const bytes = input.kind === "file" ? input.bytes : new TextEncoder().encode(input.text);
  return { ...out.document, bytes };
}

/** Fetched pages and attachments (import by URL) read like uploads: in the readers, within the same budgets. */
export const pooledPageReader: PageReader = {
  read: (bytes, fileName, hints, maxBytes, mimeType) => readInPool({ kind: "file", bytes, fileName, mimeType }, hints ?? {}, maxBytes),
  attachments: async (bytes, contentType, url) => {
    const out = await extractionPool().run({ type: "links", bytes, contentType, url });
    if ("error" in out) rethrowJobError(out.error);
    return out.links;
  },
};

export async function closeExtractionPool() {
  const pool = globalForPool.gongkaiExtractionPool;
  globalForPool.gongkaiExtractionPool = undefined;
  await pool?.close();
}
