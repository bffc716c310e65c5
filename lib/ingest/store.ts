// Stores one document (its source, verbatim, and every report parsed from it) in ONE
// transaction: it is stored whole or not at all. Nothing stored is ever overwritten: a changed
// report becomes a new version in force, the earlier one stays. The steps run in the database
// (gongkai_store_document, prisma/migrations/*_ingest_functions); this file checks and shapes
// what it is given.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { validateReport, type Cell, type ParsedReport } from "@/lib/model/report-schema";
import { IngestError } from "./errors";
import { normalizedTextSha256, numbersSha256, sha256 } from "./hashing";
import { reportSummary } from "./summary";
import { getRegion } from "@/lib/regions";

export interface DocumentToStore {
  /** The bytes as uploaded (UTF-8 of the text when pasted). */
  bytes: Uint8Array;
  fileName?: string | null;
  format: string;
  encoding?: string | null;
  /** The text the parser read. */
  text: string;
  reports: ParsedReport[];
  parserVersion: string;
  /** Where it was fetched from, when it came from the web (lib/fetch). */
  origin?: DocumentOrigin | null;
  /** Pages read by OCR (a scan or a photo): not stored, told to the person uploading. */
  ocrPages?: number;
}

export interface DocumentOrigin {
  /** The URL the bytes came from (after redirects). */
  url: string;
  /** The report page that linked this attachment. */
  pageUrl?: string | null;
  fetchedAt: Date;
  /** etag, last-modified, content-type, … as the server sent them. */
  headers: Record<string, string>;
}

export type StoredReportStatus = "stored" | "new_version" | "unchanged" | "corrected";

export interface StoredReport {
  status: StoredReportStatus;
  reportId: number;
  agencyId: number;
  agency: string;
  year: number;
  version: number;
}

export type DuplicateResult = { status: "duplicate"; sourceId: number; reports: StoredReport[] };
export type StoreResult = DuplicateResult | { status: "stored"; sourceId: number; reports: StoredReport[] };

/**
 * A document as the database functions read it: checked, shaped (snake_case), and its JSON
 * already written — the bulk import's reader processes do that part, so its main thread only
 * joins strings.
 */
export interface DocumentPayload {
  bytes: Buffer;
  text: string;
  sha256: string;
  textSha256: string;
  /** { sha256, text_sha256, file_name, format, encoding } */
  sourceJson: string;
  /** [toRow(report), …] */
  reportsJson: string;
  parserVersion: string;
}

/**
 * Checks a document (a clear IngestError when it cannot be stored) and shapes it for the database.
 * `asParsed`: its reports come straight from analyzeText, which has validated them with the same
 * schema (the bulk import; an upload's reports may carry a person's edits and are validated here).
 */
export function documentPayload(doc: DocumentToStore, opts: { asParsed?: boolean; bytesSha256?: string } = {}): DocumentPayload {
  if (doc.reports.length === 0) throw new IngestError("no_report_found", "没有在这份文件中找到年度报告的统计表。");
  const reports = doc.reports.map((r, i) => toRow(validate(r, i, doc.reports.length, opts.asParsed)));
  const source = {
    sha256: opts.bytesSha256 ?? sha256(doc.bytes), // the bulk import has it from its lookup
    text_sha256: normalizedTextSha256(doc.text),
    file_name: doc.fileName ?? null,
    format: doc.format,
    encoding: doc.encoding ?? null,
    // The database stores the source only if its bytes have this length and sha256 (GK001).
    byte_size: doc.bytes.byteLength,
    ...(doc.origin && {
      source_url: doc.origin.url,
      page_url: doc.origin.pageUrl ?? null,
      fetched_at: doc.origin.fetchedAt.toISOString(),
      http_headers: doc.origin.headers,
    }),
  };
  return {
    bytes: Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength),
    text: doc.text,
    sha256: source.sha256,
    textSha256: source.text_sha256,
    sourceJson: JSON.stringify(source),
    reportsJson: JSON.stringify(reports),
    parserVersion: doc.parserVersion,
  };
}

export async function storeDocument(prisma: Pick<PrismaClient, "$queryRaw">, doc: DocumentToStore): Promise<StoreResult> {
  return storePayload(prisma, documentPayload(doc));
}

export async function storePayload(prisma: Pick<PrismaClient, "$queryRaw">, p: DocumentPayload): Promise<StoreResult> {
  try {
    // One statement, so one round trip and one transaction (the bulk import is bound by round
    // trips): the database function takes the text lock, checks for the same content, stores.
    const [row] = await prisma.$queryRaw<{ result: StoreResult }[]>`
      SELECT gongkai_store_document(${p.bytes}, ${p.text}, ${p.sourceJson}::jsonb, ${p.reportsJson}::jsonb, ${p.parserVersion}) AS result`;
    return row.result;
  } catch (e) {
    // Another upload of the same bytes won the race: report it as the duplicate it is.
    if (isUniqueViolation(e)) {
      const again = await findImportedSource(prisma, p.sha256, p.textSha256);
      if (again) return again;
    }
    throw e;
  }
}

/** Something that runs SQL with positional parameters (a pg client or pool). */
export interface SqlClient {
  query: <R>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;
}

/**
 * The bulk import's path: several documents in one transaction and one round trip
 * (gongkai_store_packed → gongkai_store_documents), each stored as storeDocument would store it. Throws when any of them
 * cannot be stored, and then nothing of the group is: the caller stores them one by one.
 */
export async function storeDocuments(db: SqlClient, docs: DocumentPayload[]): Promise<StoreResult[]> {
  const versions = new Set(docs.map((d) => d.parserVersion));
  if (versions.size > 1) throw new Error("storeDocuments: one parser version per call");
  // Bytes and texts packed, one bytea each (sent as binary), with the lengths of the parts:
  // arrays of them would be written out as escaped literals (gongkai_store_packed).
  const texts = docs.map((d) => Buffer.from(d.text, "utf8"));
  const { rows } = await db.query<{ result: StoreResult[] }>(
    "SELECT gongkai_store_packed($1::bytea, $2::int[], $3::bytea, $4::int[], $5::jsonb, $6::jsonb, $7) AS result",
    [
      Buffer.concat(docs.map((d) => d.bytes)),
      docs.map((d) => d.bytes.byteLength),
      Buffer.concat(texts),
      texts.map((t) => t.byteLength),
      `[${docs.map((d) => d.sourceJson).join(",")}]`,
      `[${docs.map((d) => d.reportsJson).join(",")}]`,
      docs[0]?.parserVersion ?? "",
    ],
  );
  return rows[0].result;
}

/** A unique index refused the row: P2002 from a Prisma query, P2010 + SQLSTATE 23505 from raw SQL. */
function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (e.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
  return e.code === "P2002" || (e.code === "P2010" && cause?.originalCode === "23505");
}

export function validate(r: ParsedReport, index: number, count: number, asParsed = false): ParsedReport & { agency: string; year: number } {
  const where = count > 1 ? `第 ${index + 1} 份报告` : "报告";
  let data = r;
  if (!asParsed) {
    const parsed = validateReport(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new IngestError("invalid_report", `${where}的数据不合格式：${issue.path.join(".")} ${issue.message}`);
    }
    data = parsed.data;
  }
  if (!data.agency) throw new IngestError("agency_missing", `${where}缺少机关名称，请填写后再保存。`);
  if (!data.year) throw new IngestError("year_missing", `${where}缺少年度，请填写后再保存。`);
  return data as ParsedReport & { agency: string; year: number };
}

/** The source already holding this content (same bytes, or same text but for white space). */
export async function findImportedSource(prisma: Pick<PrismaClient, "$queryRaw">, bytesSha: string, textSha: string): Promise<DuplicateResult | null> {
  const [row] = await prisma.$queryRaw<{ result: DuplicateResult | null }[]>`SELECT gongkai_imported_source(${bytesSha}, ${textSha}) AS result`;
  return row.result;
}

/** A report as gongkai_store_reports reads it (snake_case: the table's own column names). */
export function toRow(r: ParsedReport & { agency: string; year: number }) {
  const regionCode = r.region?.code ?? null;
  // The region table is lib/regions' GB/T 2260 list, seeded at every boot: checked in memory.
  if (regionCode && !getRegion(regionCode)) throw new IngestError("region_not_found", `地区代码 ${regionCode} 不在行政区划表中。`);
  const summary = Object.entries(reportSummary(r)).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]);
  return {
    agency: r.agency,
    key: `${r.agency}|${regionCode ?? ""}`, // one agency per name within a region
    region_code: regionCode,
    level: r.level ?? null,
    year: r.year,
    numbers_sha256: numbersSha256(r),
    row: {
      span_start: r.span?.start ?? null,
      span_end: r.span?.end ?? null,
      table4: r.table4 ?? null,
      table2: Object.entries(r.table2).map(([label, values]) => ({ label, values })),
      finding_count: r.flags.length,
      // The date the document states; none: the database dates it by the upload day (from = upload).
      published_on: r.published?.date ?? null,
      published_from: r.published?.from ?? null,
      // Where OCR read each value (box, confidence): kept with the report, shown over the page image.
      ocr: r.ocr ?? null,
      ...Object.fromEntries(summary),
    },
    table3: table3Rows(r),
    findings: r.flags.map((f) => ({ code: f.code, message: f.message, evidence: f.evidence ?? "", cells: f.cells ?? [] })),
  };
}

/** Table 3 as rows of the table3_row table (snake_case: read by jsonb_to_recordset). */
function table3Rows(r: ParsedReport) {
  return Object.entries(r.table3)
    .filter((e): e is [string, Cell[]] => Array.isArray(e[1]))
    .map(([row, v]) => {
      return {
        row,
        natural_person: v[0],
        commercial: v[1],
        research: v[2],
        social_org: v[3],
        legal_service: v[4],
        other_org: v[5],
        total: v[6],
        provenance: r.provenance?.[row as keyof typeof r.provenance] ?? {},
      };
    });
}

/**
 * Re-reads a stored source with the current parser (`npm run reparse`): a report whose numbers
 * changed becomes a new version, in force; the others are left as they are. One statement.
 */
export async function reparseSource(
  prisma: PrismaClient,
  sourceId: number,
  reports: ParsedReport[],
  parserVersion: string,
): Promise<StoredReport[]> {
  const rows = reports.filter((r) => r.agency && r.year).map((r, i, all) => toRow(validate(r, i, all.length)));
  const [row] = await prisma.$queryRaw<{ result: StoredReport[] }[]>`
    SELECT gongkai_store_reports(${sourceId}, ${JSON.stringify(rows)}::jsonb, ${parserVersion}) AS result`;
  return row.result;
}
