// Bulk import of many files. Content seen before is skipped on its sha256 without parsing (so a
// re-run resumes); the rest is parsed on this thread (and in reader processes, ReadPool, when
// there are cores for them) while the database stores the previous group. Documents go in
// groups of up to GROUP_DOCS in one transaction and one round trip (storeDocuments): that is
// what makes 10,000 reports in half a minute possible (npm run bench -- --only import). A group
// that fails is stored again one document per transaction, so a bad file fails alone with its
// reason, and the rest carry on.
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/db/client";
import { failureMessage } from "./errors";
import { sha256 } from "./hashing";
import { defaultReaders, ReadPool, readToPayload, type ReadOutcome } from "./read-pool";
import { storeDocuments, storePayload, type DocumentPayload, type StoreResult } from "./store";

/** Documents per transaction, and the bytes a group may hold (a few big PDFs go alone). */
const GROUP_DOCS = 64;
const GROUP_BYTES = 8 << 20;
/** Files read and looked up (one query for their sha256) at a time. */
const LOOKUP_FILES = 256;

export interface FileOutcome {
  file: string;
  result?: StoreResult;
  skipped?: boolean;
  error?: string;
}

export interface BulkProgress {
  done: number;
  total: number;
  reports: number;
  failed: number;
  elapsedMs: number;
}

export interface BulkSummary extends BulkProgress {
  outcomes: FileOutcome[];
}

interface Pending {
  file: string;
  payload: DocumentPayload;
}

export async function importFiles(
  prisma: PrismaClient,
  files: string[],
  /** concurrency: groups being stored at once (default 2); readers: reader processes parsing
   * beside this thread (0: this thread alone). */
  opts: { concurrency?: number; readers?: number; onFile?: (o: FileOutcome) => void; onProgress?: (p: BulkProgress) => void } = {},
): Promise<BulkSummary> {
  const started = Date.now();
  const outcomes: FileOutcome[] = [];
  const progress: BulkProgress = { done: 0, total: files.length, reports: 0, failed: 0, elapsedMs: 0 };
  const inFlight = new Set<Promise<void>>();
  const limit = Math.max(1, opts.concurrency ?? 2);
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: limit + 1 });
  const readers = opts.readers ?? defaultReaders();
  const readPool = readers > 0 ? new ReadPool(readers) : null;

  const record = (outcome: FileOutcome) => {
    outcomes.push(outcome);
    progress.done++;
    if (outcome.error) progress.failed++;
    if (outcome.result?.status === "stored") progress.reports += outcome.result.reports.filter((r) => r.status !== "unchanged").length;
    progress.elapsedMs = Date.now() - started;
    opts.onFile?.(outcome);
    opts.onProgress?.({ ...progress });
  };

  const storeGroup = async (group: Pending[]) => {
    let results: StoreResult[] | null = null;
    try {
      results = await storeDocuments(pool, group.map((g) => g.payload));
    } catch {
      // Something in the group could not be stored, so none of it was: one transaction each.
    }
    for (const [i, g] of group.entries()) {
      if (results) {
        record({ file: g.file, result: results[i] });
        continue;
      }
      try {
        record({ file: g.file, result: await storePayload(prisma, g.payload) });
      } catch (e) {
        record({ file: g.file, error: failureMessage(e) });
      }
    }
  };

  let group: Pending[] = [];
  let groupBytes = 0;
  const flush = async () => {
    if (group.length === 0) return;
    const job = storeGroup(group).finally(() => inFlight.delete(job));
    inFlight.add(job);
    group = [];
    groupBytes = 0;
    while (inFlight.size >= limit) await Promise.race(inFlight);
  };

  try {
    for (let at = 0; at < files.length; at += LOOKUP_FILES) {
      const chunk = files.slice(at, at + LOOKUP_FILES);
      const loaded = await Promise.all(
        chunk.map(async (file) => {
          try {
            const bytes = new Uint8Array(await fs.readFile(file));
            return { file, bytes, sha: sha256(bytes), error: null };
          } catch (e) {
            return { file, bytes: null, sha: null, error: `无法读取文件：${(e as Error).message}` };
          }
        }),
      );
      const hashes = loaded.flatMap((r) => (r.sha ? [r.sha] : []));
      const known = new Set(
        (await pool.query<{ sha256: string }>("SELECT sha256 FROM source WHERE sha256 = ANY($1::bpchar[])", [hashes])).rows.map((r) => r.sha256),
      );
      const toRead: { file: string; bytes: Uint8Array; sha: string }[] = [];
      for (const r of loaded) {
        if (!r.bytes || !r.sha) record({ file: r.file, error: r.error ?? "无法读取文件" });
        else if (known.has(r.sha)) record({ file: r.file, skipped: true });
        else toRead.push({ file: r.file, bytes: r.bytes, sha: r.sha });
      }
      // Lanes take the next file as they finish one: this thread's own, and two per reader process
      // (one being read, one on its way), so the readers never wait for this thread to parse.
      const lane = async (readOne: (bytes: Uint8Array, fileName: string, bytesSha256: string) => Promise<ReadOutcome>) => {
        for (let next = toRead.shift(); next; next = toRead.shift()) {
          const outcome = await readOne(next.bytes, path.basename(next.file), next.sha);
          if ("error" in outcome) {
            record({ file: next.file, error: outcome.error });
            continue;
          }
          group.push({ file: next.file, payload: outcome.payload });
          groupBytes += outcome.payload.bytes.byteLength + outcome.payload.text.length * 3;
          if (group.length >= GROUP_DOCS || groupBytes >= GROUP_BYTES) await flush();
        }
      };
      const readerLanes = readPool ? Array.from({ length: 2 * readers }, () => lane((b, f, sha) => readPool.read(b, f, sha))) : [];
      await Promise.all([lane(readToPayload), ...readerLanes]);
    }
    await flush();
    await Promise.all(inFlight);
  } finally {
    await Promise.all([pool.end(), readPool?.close()]);
  }
  progress.elapsedMs = Date.now() - started;
  return { ...progress, outcomes };
}
