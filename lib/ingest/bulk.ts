// Bulk import of many files: a few at a time (parsing overlaps the database's round trips),
// content seen before skipped on its sha256 without parsing (so a re-run resumes), one file's
// failure recorded and the rest carried on.
import fs from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ExtractError } from "@/lib/extract";
import { IngestError } from "./errors";
import { sha256 } from "./hashing";
import { readFile } from "./read";
import { storeDocument, type StoreResult } from "./store";

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

export async function importFiles(
  prisma: PrismaClient,
  files: string[],
  opts: { concurrency?: number; onFile?: (o: FileOutcome) => void; onProgress?: (p: BulkProgress) => void } = {},
): Promise<BulkSummary> {
  const started = Date.now();
  const outcomes: FileOutcome[] = [];
  const progress: BulkProgress = { done: 0, total: files.length, reports: 0, failed: 0, elapsedMs: 0 };
  let next = 0;

  const one = async (file: string): Promise<FileOutcome> => {
    try {
      const bytes = new Uint8Array(await fs.readFile(file));
      const known = await prisma.$queryRaw<unknown[]>`SELECT 1 FROM source WHERE sha256 = ${sha256(bytes)}`;
      if (known.length) return { file, skipped: true };
      const result = await storeDocument(prisma, await readFile(bytes, path.basename(file)));
      return { file, result };
    } catch (e) {
      const error = e instanceof IngestError || e instanceof ExtractError ? e.message : `内部错误：${(e as Error).message}`;
      return { file, error };
    }
  };

  const worker = async () => {
    while (next < files.length) {
      const outcome = await one(files[next++]);
      outcomes.push(outcome);
      progress.done++;
      if (outcome.error) progress.failed++;
      if (outcome.result?.status === "stored") progress.reports += outcome.result.reports.filter((r) => r.status !== "unchanged").length;
      progress.elapsedMs = Date.now() - started;
      opts.onFile?.(outcome);
      opts.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  progress.elapsedMs = Date.now() - started;
  return { ...progress, outcomes };
}
