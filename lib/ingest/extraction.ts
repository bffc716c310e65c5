// The web server's readers: every uploaded or pasted file is read (bytes → text → reports) in a
// reader process of ReadPool, never on the thread that serves pages, each within a budget:
//   EXTRACT_TIMEOUT_MS   time for one file (default 30 s), then its reader is killed
//   EXTRACT_MAX_MB       heap of one reader (default 1024 MB); a file that needs more kills it
//   EXTRACT_WORKERS      reader processes (default: one per core beyond the first, 1–4)
// Inside the budget the readers refuse what no report looks like before building it (pages,
// content-stream operators, zip parts, XML and HTML elements: lib/extract). A file over budget is
// refused with the reason in Chinese, and the server keeps serving.
// Scans (a PDF without a text layer) and photos (PNG/JPEG) are read by OCR in a pool of their own,
// so a ten-page scan holds neither the readers of other uploads nor the server:
//   OCR_TIMEOUT_MS   time for one scan (default 600 s: ~10–30 s a page on one busy core)
//   OCR_WORKERS      OCR reader processes (default 1; each holds the models, ~700 MB resident)
//   OCR_THREADS      ONNX Runtime threads per OCR reader (default 1)
import { createHash } from "node:crypto";
import os from "node:os";
import { ExtractError } from "@/lib/extract/errors";
import { OCR_MISSING, ocrInstalled, type OcrProgress } from "@/lib/extract/ocr/engine";
import { clearOcrStatus, progressStatus, setOcrStatus } from "./ocr-progress";
import { ReadPool, rethrowJobError, type JobError, type ReadDocument, type ReadInput, type ReadJob } from "./read-pool";
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

export const ocrBudget = () => ({
  timeoutMs: numberEnv("OCR_TIMEOUT_MS", 600_000),
  maxOldSpaceMb: numberEnv("EXTRACT_MAX_MB", 1024),
  workers: numberEnv("OCR_WORKERS", 1),
});

const globalForPool = globalThis as unknown as { gongkaiExtractionPool?: ReadPool; gongkaiOcrPool?: ReadPool };

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

/** The OCR readers, started on first use: lower priority still, one scan each at a time. */
export function ocrPool(): ReadPool {
  if (!globalForPool.gongkaiOcrPool) {
    const b = ocrBudget();
    globalForPool.gongkaiOcrPool = new ReadPool(b.workers, { timeoutMs: b.timeoutMs, maxOldSpaceMb: b.maxOldSpaceMb, inFlight: 1, nice: 15 });
  }
  return globalForPool.gongkaiOcrPool;
}

const isImage = (b: Uint8Array) => (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) || (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff);
/** A job that failed only because the file is a scan (no text layer) or a photo. */
const wantsOcr = (e: JobError["error"], input: ReadInput) =>
  input.kind === "file" && e.kind === "extract" && (e.code === "no_text_layer" || (e.code === "unsupported" && isImage(input.bytes)));

// What OCR read, for the save that follows a preview (the same bytes and hints): OCR takes
// seconds a page, and the person pressing 保存 should not wait for it twice. A few, briefly.
const OCR_KEPT = 8;
const OCR_KEPT_MS = 30 * 60_000;
type ReadAnswer = { document: ReadDocument } | JobError;
/** A scan read (or being read) by OCR: its answer, and who waits for its progress. */
interface OcrRun {
  at: number;
  out: Promise<ReadAnswer>;
  last: OcrProgress | null;
  listeners: Set<(p: OcrProgress) => void>;
}
const ocrRead = new Map<string, OcrRun>();

function runOcr(job: ReadJob & { type: "read" }, progress?: string): Promise<ReadAnswer> {
  const input = job.input as Extract<ReadInput, { kind: "file" }>;
  const key = `${createHash("sha256").update(input.bytes).digest("hex")}|${job.maxBytes}|${JSON.stringify(job.hints ?? {})}`;
  const now = Date.now();
  for (const [k, v] of ocrRead) if (now - v.at > OCR_KEPT_MS) ocrRead.delete(k);
  let run = ocrRead.get(key);
  if (!run) {
    const fresh: OcrRun = { at: now, out: null!, last: null, listeners: new Set() };
    fresh.out = ocrPool().run(
      { ...job, ocr: true },
      {
        onProgress: (p) => {
          fresh.last = p;
          for (const l of fresh.listeners) l(p);
        },
      },
    );
    ocrRead.set(key, fresh);
    // A failure is not kept (it may be the budget on a busy machine); the oldest goes first.
    void fresh.out.then((o) => "error" in o && ocrRead.delete(key));
    while (ocrRead.size > OCR_KEPT) ocrRead.delete(ocrRead.keys().next().value!);
    run = fresh;
  }
  if (!progress) return run.out;
  // The person waiting on this upload follows the read, whoever started it.
  const listener = (p: OcrProgress) => setOcrStatus(progress, progressStatus(p));
  setOcrStatus(progress, progressStatus(run.last));
  run.listeners.add(listener);
  const r = run;
  return run.out.finally(() => {
    r.listeners.delete(listener);
    clearOcrStatus(progress);
  });
}

// What a reader read, for the save that follows a preview of the same bytes (the page sends the
// file again with 保存): the save does not wait on a reader a second time (readers run at nice 10,
// so on a busy machine that is the slowest part of a save). Keyed by a hash of the bytes the save
// itself carries, with its file name, hints and the readers' budget (a read within one budget may
// be refused by a smaller): the server's own reading of those bytes, never the page's. Small
// documents only, a few, briefly; OCR keeps its own (above).
const READ_KEPT = 8;
const READ_KEPT_MS = 10 * 60_000;
const READ_KEPT_CHARS = 1_000_000;
const readKept = new Map<string, { at: number; document: ReadDocument }>();

function readKey(input: ReadInput, hints: ReadHints, maxBytes?: number): string {
  const hash = createHash("sha256").update(input.kind === "file" ? input.bytes : input.text).digest("hex");
  const name = input.kind === "file" ? [input.fileName, input.mimeType ?? ""] : ["text"];
  const { timeoutMs, maxOldSpaceMb } = extractBudget();
  return JSON.stringify([hash, ...name, maxBytes ?? null, hints, timeoutMs, maxOldSpaceMb]);
}

function keptRead(key: string): ReadDocument | null {
  const now = Date.now();
  for (const [k, v] of readKept) if (now - v.at > READ_KEPT_MS) readKept.delete(k);
  const kept = readKept.get(key);
  return kept ? structuredClone(kept.document) : null; // a copy: the caller's edits stay its own
}

function keepRead(key: string, document: ReadDocument) {
  if (document.text.length > READ_KEPT_CHARS || document.ocrPages) return;
  readKept.delete(key);
  readKept.set(key, { at: Date.now(), document: structuredClone(document) });
  while (readKept.size > READ_KEPT) readKept.delete(readKept.keys().next().value!);
}

/** Reads an upload in a reader process; throws ExtractError / IngestError as reading here would.
 * A scan or a photo is read again by OCR in the OCR pool (when OCR is installed). */
export async function readInPool(input: ReadInput, hints: ReadHints, maxBytes?: number, /** A token the upload page follows OCR's progress by (lib/ingest/ocr-progress.ts). */ progress?: string): Promise<DocumentToStore> {
  const bytes = input.kind === "file" ? input.bytes : new TextEncoder().encode(input.text);
  const key = readKey(input, hints, maxBytes);
  const kept = keptRead(key);
  if (kept) return { ...kept, bytes };
  const job = { type: "read" as const, input, hints, maxBytes };
  const photo = input.kind === "file" && isImage(input.bytes) && ocrInstalled();
  let out: ReadAnswer = photo ? await runOcr(job, progress) : await extractionPool().run(job);
  if ("error" in out && wantsOcr(out.error, input)) {
    if (!ocrInstalled()) throw new ExtractError(out.error.code === "no_text_layer" ? "no_text_layer" : "unsupported", `这个文件是扫描件或图片，没有文字层。${OCR_MISSING}`);
    out = await runOcr(job, progress);
  }
  if ("error" in out) rethrowJobError(out.error);
  keepRead(key, out.document);
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
  const pools = [globalForPool.gongkaiExtractionPool, globalForPool.gongkaiOcrPool];
  globalForPool.gongkaiExtractionPool = undefined;
  globalForPool.gongkaiOcrPool = undefined;
  await Promise.all(pools.map((p) => p?.close()));
}
