// The upload flow, independent of how the bytes arrive (server action, API, CLI):
// preview = read + parse + check against what is stored; save = the same read, the person's
// edits applied, then one transaction.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ExtractError } from "@/lib/extract";
import { isDatabaseUnavailable, OUTAGE_MESSAGE } from "@/lib/db/outage";
import type { ParsedReport } from "@/lib/model/report-schema";
import { IngestError, sqlState, SQLSTATE_MESSAGES } from "./errors";
import { applyEdits } from "./edits";
import { normalizedTextSha256, numbersSha256, sha256 } from "./hashing";
import { readInPool } from "./extraction";
import { findImportedSource, storeDocument, type DocumentToStore, type StoreResult } from "./store";
import type { UploadOptions } from "./upload-schema";
import { correctReport, ReviewError } from "@/lib/review/correct";
import { forgetReviewCount } from "@/lib/queries/review";
import { readUrl } from "@/lib/fetch/from-url";
import { isFetchProblem } from "@/lib/fetch/document";

export type UploadInput =
  | { kind: "file"; bytes: Uint8Array; fileName: string }
  | { kind: "text"; text: string }
  | { kind: "url"; url: string };

export interface ExistingReport {
  reportId: number;
  version: number;
  /** The stored version in force has the same numbers: saving changes nothing for this report. */
  sameNumbers: boolean;
}

export interface PreviewReport {
  report: ParsedReport;
  existing: ExistingReport | null;
}

export type UploadPreview =
  | {
      ok: true;
      name: string;
      format: string;
      encoding: string | null;
      text: string;
      /** Where it was fetched from, for a URL: the file's URL, and the page that linked it. */
      origin?: { url: string; pageUrl: string | null } | null;
      /** Set when this exact content was imported before. */
      duplicateOf: { sourceId: number; reportIds: number[] } | null;
      reports: PreviewReport[];
    }
  | UploadFailure;

/** `outage`: the database was unreachable (the API answers 503). `code`: what to fix (IngestError's code, e.g. agency_missing). */
export type UploadFailure = { ok: false; name: string; error: string; outage?: true; code?: string };

export type UploadSave = { ok: true; name: string; result: StoreResult } | UploadFailure;

const nameOf = (input: UploadInput) => (input.kind === "file" ? input.fileName : input.kind === "url" ? input.url : "粘贴的文字");

export const maxUploadBytes = () => Number(process.env.UPLOAD_MAX_BYTES ?? 20 * 1024 * 1024);

/** The file is read in a reader process within its budget (lib/ingest/extraction.ts), never here. */
async function read(input: UploadInput, options: UploadOptions): Promise<DocumentToStore> {
  const hints = { agency: options.agency, year: options.year, regionCode: options.regionCode };
  // A file or pasted text is read in a reader process within its budget; a URL is fetched here
  // and read as lib/fetch reads it.
  const doc = input.kind === "url" ? await readUrl(input.url, hints, maxUploadBytes()) : await readInPool(input, hints, maxUploadBytes());
  return { ...doc, reports: applyEdits(doc.reports, options.edits) };
}

/** Errors the person can act on become a sentence; anything else is logged and reported as ours. */
function failure(name: string, e: unknown): UploadFailure {
  if (e instanceof IngestError) return { ok: false, name, error: e.message, code: e.code };
  if (e instanceof ExtractError || isFetchProblem(e)) return { ok: false, name, error: e.message };
  if (isDatabaseUnavailable(e)) return { ok: false, name, error: `文件未保存：${OUTAGE_MESSAGE}`, outage: true };
  const state = sqlState(e);
  if (state && SQLSTATE_MESSAGES[state]) {
    console.warn(`[upload] ${name.slice(0, 100)}: refused by the database (SQLSTATE ${state})`); // one line, no stack
    return { ok: false, name, error: SQLSTATE_MESSAGES[state] };
  }
  console.error("[upload] unexpected error", e);
  return { ok: false, name, error: "服务器处理这个文件时出错，文件未保存。请稍后再试；若一再出现，请把文件发给我们。" };
}

export async function previewUpload(prisma: PrismaClient, input: UploadInput, options: UploadOptions): Promise<UploadPreview> {
  const name = nameOf(input);
  try {
    const doc = await read(input, options);
    if (doc.reports.length === 0) {
      const error = doc.ocrPages
        ? `这个文件没有文字层（扫描件或图片），已用文字识别（OCR）读取 ${doc.ocrPages} 页，但没有找到政府信息公开年度报告的统计表。请确认上传的是年度报告，扫描是否清晰，或复制报告文字后粘贴上传。`
        : "没有在这份文件中找到政府信息公开年度报告的统计表。请确认上传的是年度报告。";
      return { ok: false, name, error };
    }
    const imported = await findImportedSource(prisma, sha256(doc.bytes), normalizedTextSha256(doc.text));
    const reports = await Promise.all(
      doc.reports.map(async (report) => ({ report, existing: await existingFor(prisma, report) })),
    );
    return {
      ok: true,
      name,
      format: doc.format,
      encoding: doc.encoding ?? null,
      text: doc.text,
      origin: doc.origin ? { url: doc.origin.url, pageUrl: doc.origin.pageUrl ?? null } : null,
      duplicateOf: imported ? { sourceId: imported.sourceId, reportIds: imported.reports.map((r) => r.reportId) } : null,
      reports,
    };
  } catch (e) {
    return failure(name, e);
  }
}

async function existingFor(prisma: PrismaClient, r: ParsedReport): Promise<ExistingReport | null> {
  if (!r.agency || !r.year) return null;
  const current = await prisma.report.findFirst({
    where: { year: r.year, inForce: true, agency: { name: r.agency, regionCode: r.region?.code ?? null } },
    select: { id: true, version: true, numbersSha256: true },
  });
  return current ? { reportId: current.id, version: current.version, sameNumbers: current.numbersSha256 === numbersSha256(r) } : null;
}

export async function saveUpload(prisma: PrismaClient, input: UploadInput, options: UploadOptions): Promise<UploadSave> {
  const name = nameOf(input);
  try {
    const doc = await read(input, options);
    const result = await storeDocument(prisma, doc);
    forgetReviewCount();
    if (result.status === "duplicate") {
      // Imported before: what the person filled in (agency, year, region) is a correction of the
      // stored reports, made as a version like any other, instead of being dropped.
      const corrected = await correctFromEdits(prisma, result.sourceId, options.edits);
      if (corrected.length) return { ok: true, name, result: { ...result, reports: corrected.map((c) => c.stored) } };
    }
    return { ok: true, name, result };
  } catch (e) {
    if (e instanceof ReviewError) return { ok: false, name, error: e.message };
    return failure(name, e);
  }
}

async function correctFromEdits(prisma: PrismaClient, sourceId: number, edits: UploadOptions["edits"]) {
  const out: Array<{ index: number; stored: Awaited<ReturnType<typeof correctReport>> }> = [];
  for (const e of edits) {
    if (!e.agency && !e.year && !e.regionCode) continue;
    const current = await prisma.report.findFirst({ where: { sourceId, sourceIndex: e.index, inForce: true }, orderBy: { id: "desc" }, select: { id: true } });
    if (!current) continue;
    try {
      const stored = await correctReport(prisma, {
        reportId: current.id,
        agency: e.agency,
        year: e.year,
        regionCode: e.regionCode,
        cells: {},
        reason: "重新上传时填写了机关、年度或地区",
      });
      out.push({ index: e.index, stored });
    } catch (err) {
      if (err instanceof ReviewError && /没有改动/.test(err.message)) continue; // the same as stored
      throw err;
    }
  }
  return out;
}
