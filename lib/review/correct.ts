// Stores a person's correction of a report as a new version (kind "corrected", who, why, the
// version it was based on), through the same database path as ingest (gongkai_store_reports:
// versions, roll-ups and the carry check in one transaction). Nothing is overwritten: the parsed
// version stays, out of force, beside the corrected one.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { isFindingCode, type Level } from "@/lib/model/keys";
import { OcrSource, ParsedReport, table4Cells, type Cell, type Finding } from "@/lib/model/report-schema";
import { getRegion, regionRef } from "@/lib/regions";
import { IngestError } from "@/lib/ingest/errors";
import { toRow, validate, type StoredReport } from "@/lib/ingest/store";
import { applyCorrection, type MetaEdits } from "./apply";
import type { CorrectionInput } from "./schema";

/** The client or a transaction of it (an upload stores its report and its correction in one). */
export type Db = Pick<PrismaClient, "report" | "$queryRaw">;

export class ReviewError extends Error {
  constructor(
    message: string,
    /** The version in force now, when someone else changed the report first. */
    readonly current?: number,
  ) {
    super(message);
  }
}

export interface CorrectableReport {
  id: number;
  inForce: boolean;
  sourceId: number;
  parserVersion: string;
  agencyId: number;
  report: ParsedReport;
}

/** A stored report as the parser's ParsedReport (what the correction form edits). */
export async function loadCorrectable(prisma: Db, id: number): Promise<CorrectableReport | null> {
  const r = await prisma.report.findUnique({ where: { id }, include: { agency: true, table3: true, findings: { orderBy: { id: "asc" } } } });
  if (!r) return null;
  const table3: Record<string, Cell[]> = {};
  const provenance: Record<string, Record<string, string>> = {};
  for (const t of r.table3) {
    table3[t.row] = [t.naturalPerson, t.commercial, t.research, t.socialOrg, t.legalService, t.otherOrg, t.total];
    const p = (t.provenance ?? {}) as Record<string, string>;
    if (Object.keys(p).length) provenance[t.row] = p;
  }
  const table2 = Array.isArray(r.table2) ? (r.table2 as Array<{ label: string; values: number[] }>) : [];
  const code = r.agency.regionCode?.trim() || null;
  const ocr = OcrSource.safeParse(r.ocr);
  const report = {
    agency: r.agency.name,
    year: r.year,
    region: code ? regionRef(code) : null,
    level: (r.agency.level ?? r.level ?? null) as Level | null,
    table3,
    table4: table4Cells(r.table4),
    table2: Object.fromEntries(table2.map((t) => [t.label, t.values])),
    provenance,
    flags: r.findings
      .filter((f) => isFindingCode(f.code))
      .map((f) => ({ code: f.code, message: f.message, evidence: f.evidence, cells: f.cells }) as Finding),
    span: r.spanStart !== null && r.spanEnd !== null ? { start: r.spanStart, end: r.spanEnd } : undefined,
    // A correction keeps where OCR read each value: the page still shows where it was printed.
    ...(ocr.success && { ocr: ocr.data }),
  } as ParsedReport;
  return { id: r.id, inForce: r.inForce, sourceId: r.sourceId, parserVersion: r.parserVersion, agencyId: r.agencyId, report };
}

/** Who a correction is by: the name given, else the upload token's label. */
export function correctorName(given: string | undefined): string {
  return given?.trim() || process.env.UPLOAD_TOKEN_LABEL || (process.env.UPLOAD_TOKEN ? "上传口令持有人" : "未署名");
}

export async function correctReport(prisma: Db, input: CorrectionInput): Promise<StoredReport> {
  const base = await loadCorrectable(prisma, input.reportId);
  if (!base) throw new ReviewError("找不到这份报告。");
  if (!base.inForce) {
    const current = await prisma.report.findFirst({ where: { agencyId: base.agencyId, year: base.report.year!, inForce: true }, select: { id: true, version: true } });
    throw new ReviewError(`这份报告已有更新的版本${current ? `（第 ${current.version} 版）` : ""}，请在在用的版本上更正。`, current?.id);
  }

  const meta: MetaEdits = {};
  if (input.agency !== undefined && input.agency !== base.report.agency) meta.agency = input.agency;
  if (input.year !== undefined && input.year !== base.report.year) meta.year = input.year;
  if (input.regionCode !== undefined && input.regionCode !== base.report.region?.code) {
    const region = getRegion(input.regionCode);
    if (!region) throw new ReviewError(`地区代码 ${input.regionCode} 不在行政区划表中。`);
    meta.region = regionRef(input.regionCode);
    meta.level = base.report.level === "township" ? "township" : region.level;
  }
  const outcome = applyCorrection(base.report, input.cells ?? {}, meta);
  if (outcome.changed.length === 0 && Object.keys(meta).length === 0) throw new ReviewError("没有改动：请先修改数字、机关、年度或地区。");

  let row;
  try {
    row = { ...toRow(validate(outcome.report, 0, 1)), correction: { based_on: base.id, by: correctorName(input.by), reason: input.reason } };
  } catch (e) {
    if (e instanceof IngestError) throw new ReviewError(e.message);
    throw e;
  }
  try {
    const [res] = await prisma.$queryRaw<{ result: StoredReport[] }[]>`
      SELECT gongkai_store_reports(${base.sourceId}, ${JSON.stringify([row])}::jsonb, ${base.parserVersion}) AS result`;
    return res.result[0];
  } catch (e) {
    throw conflict(e) ?? e;
  }
}

/** GK409 from the database: someone changed the report first, or the target already has a report. */
function conflict(e: unknown): ReviewError | null {
  const message = databaseMessage(e);
  const m = message?.match(/(report_changed|target_taken):(\d*)/);
  if (!m) return null;
  const id = m[2] ? Number(m[2]) : undefined;
  return m[1] === "report_changed"
    ? new ReviewError("这份报告刚被其他人更正过，你的改动未保存。请打开新版本，在它上面重新更正。", id)
    : new ReviewError(`该机关在这一年度已有在用的报告（#${id}），未保存。若两者是同一机关的两个名称，请先合并机关。`, id);
}

/** The message of an error raised in a database function (through Prisma's driver adapter). */
export function databaseMessage(e: unknown): string | null {
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    const meta = e.meta as { driverAdapterError?: { cause?: { originalMessage?: string; message?: string } } } | undefined;
    return meta?.driverAdapterError?.cause?.originalMessage ?? meta?.driverAdapterError?.cause?.message ?? e.message;
  }
  return e instanceof Error ? e.message : null;
}
