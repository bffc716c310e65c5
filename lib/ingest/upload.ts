// The upload flow, independent of how the bytes arrive (server action, API, CLI):
// preview = read + parse + check against what is stored; save = the same read, the person's
// edits applied, then one transaction (cells corrected in the preview: stored as a correction
// version beside the parsed report, in the same transaction).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ExtractError } from "@/lib/extract";
import { isDatabaseUnavailable, OUTAGE_MESSAGE } from "@/lib/db/outage";
import type { ParsedReport } from "@/lib/model/report-schema";
import { IngestError, sqlState, SQLSTATE_MESSAGES } from "./errors";
import { applyEdits } from "./edits";
import { normalizedTextSha256, numbersSha256, sha256 } from "./hashing";
import { pooledPageReader, readInPool } from "./extraction";
import { findImportedSource, storeDocument, type DocumentToStore, type StoreResult } from "./store";
import type { ReportEdit, UploadOptions } from "./upload-schema";
import { correctReport, ReviewError, type Db } from "@/lib/review/correct";
import { applyCorrection, type CorrectionOutcome } from "@/lib/review/apply";
import { readUrl } from "@/lib/fetch/from-url";
import { isFetchProblem } from "@/lib/fetch/document";

export type UploadInput =
  | { kind: "file"; bytes: Uint8Array; fileName: string; /** Token the page follows OCR's progress by (lib/ingest/ocr-progress.ts). */ progress?: string }
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
  /** The cells corrected in the options (edits[].cells): what saving would store in force, and the findings it settles or brings. */
  correction?: CorrectionOutcome;
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
  // and what it fetched (the page, its attachment) is read in the same readers, within the same budget.
  const doc =
    input.kind === "url"
      ? await readUrl(input.url, hints, maxUploadBytes(), { reader: pooledPageReader })
      : await readInPool(input.kind === "file" ? { kind: "file", bytes: input.bytes, fileName: input.fileName } : input, hints, maxUploadBytes(), input.kind === "file" ? input.progress : undefined);
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
        ? `这个文件是扫描件或图片（没有文字层），已用文字识别（OCR）读取 ${doc.ocrPages} 页，但没有读出年度报告的统计表（表三、表四），所以没有保存任何内容。请确认文件含有统计表、扫描清晰，或复制报告文字后粘贴上传。`
        : "没有在这份文件中找到政府信息公开年度报告的统计表。请确认上传的是年度报告。";
      return { ok: false, name, error };
    }
    const imported = await findImportedSource(prisma, sha256(doc.bytes), normalizedTextSha256(doc.text));
    const reports = await Promise.all(
      doc.reports.map(async (report, i) => {
        const cells = options.edits.find((e) => e.index === i)?.cells;
        return { report, existing: await existingFor(prisma, report), ...(cells && Object.keys(cells).length > 0 && { correction: applyCorrection(report, cells) }) };
      }),
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
    let result: StoreResult;
    if (!options.edits.some(hasCells)) result = await storeAndCorrect(prisma, doc, options.edits);
    else {
      // The parsed reports and the person's corrections of their cells: stored together or not at all.
      const inTransaction = () => prisma.$transaction((tx) => storeAndCorrect(tx, doc, options.edits), { maxWait: 10_000, timeout: 120_000 });
      try {
        result = await inTransaction();
      } catch (e) {
        // Another upload of the same content won the race (the unique index refused ours): once
        // more, now as the duplicate it is, whose stored reports the corrections then apply to.
        if (e instanceof ReviewError || !(await findImportedSource(prisma, sha256(doc.bytes), normalizedTextSha256(doc.text)))) throw e;
        result = await inTransaction();
      }
    }
    return { ok: true, name, result };
  } catch (e) {
    if (e instanceof ReviewError) return { ok: false, name, error: e.message, code: "correction_refused" };
    return failure(name, e);
  }
}

const hasCells = (e: ReportEdit) => !!e.cells && Object.keys(e.cells).length > 0;

/**
 * Stores the document, then what the person changed as corrections (new versions beside the
 * parsed ones, kind "corrected"): the cells typed in the preview; for a document imported before,
 * also the agency, year or region filled in (instead of dropping them). Each report of the
 * result is the version in force afterwards.
 */
async function storeAndCorrect(db: Db, doc: DocumentToStore, edits: ReportEdit[]): Promise<StoreResult> {
  const result = await storeDocument(db, doc);
  const duplicate = result.status === "duplicate";
  const reports = [...result.reports];
  let corrected = 0;
  for (const e of edits) {
    const meta = duplicate && (e.agency || e.year || e.regionCode);
    if (!meta && !hasCells(e)) continue;
    // A new document's reports come back in order; a duplicate's version in force is looked up.
    const reportId = duplicate
      ? (await db.report.findFirst({ where: { sourceId: result.sourceId, sourceIndex: e.index, inForce: true }, orderBy: { id: "desc" }, select: { id: true } }))?.id
      : result.reports[e.index]?.reportId;
    if (!reportId) continue;
    try {
      const stored = await correctReport(db, {
        reportId,
        ...(meta && { agency: e.agency, year: e.year, regionCode: e.regionCode }),
        cells: e.cells ?? {},
        reason: e.reason ?? "重新上传时填写了机关、年度或地区",
        by: e.by,
      });
      const at = reports.findIndex((r) => r.reportId === reportId);
      if (at >= 0) reports[at] = stored;
      else reports.push(stored);
      corrected++;
    } catch (err) {
      if (err instanceof ReviewError && /没有改动/.test(err.message)) continue; // the same as stored
      throw err;
    }
  }
  return duplicate && corrected === 0 ? result : { ...result, reports };
}
