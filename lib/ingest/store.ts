// Stores one document (its source, verbatim, and every report parsed from it) in ONE
// transaction: it is stored whole or not at all. Nothing stored is ever overwritten: a changed
// report becomes a new version in force, the earlier one stays.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { TABLE3_COLUMNS, type Table3Column } from "@/lib/model/keys";
import { ParsedReport } from "@/lib/model/report-schema";
import { IngestError } from "./errors";
import { normalizedTextSha256, numbersSha256, sha256 } from "./hashing";
import { reportSummary } from "./summary";
import { refreshCarryFindings } from "./carry";
import { syncAggregates } from "./aggregates";
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
}

export type StoredReportStatus = "stored" | "new_version" | "unchanged";

export interface StoredReport {
  status: StoredReportStatus;
  reportId: number;
  agencyId: number;
  agency: string;
  year: number;
  version: number;
}

export type StoreResult =
  | { status: "duplicate"; sourceId: number; reports: StoredReport[] }
  | { status: "stored"; sourceId: number; reports: StoredReport[] };

type Tx = Prisma.TransactionClient;

export async function storeDocument(prisma: PrismaClient, doc: DocumentToStore): Promise<StoreResult> {
  if (doc.reports.length === 0) throw new IngestError("no_report_found", "没有在这份文件中找到年度报告的统计表。");
  const reports = doc.reports.map((r, i) => validate(r, i, doc.reports.length));
  const bytesSha = sha256(doc.bytes);
  const textSha = normalizedTextSha256(doc.text);

  const existing = await findImportedSource(prisma, bytesSha, textSha);
  if (existing) return existing;

  try {
    return await prisma.$transaction(
      async (tx) => {
        // The same text as other bytes (UTF-8 and GBK, CRLF) passes both the check above and the
        // unique sha256 when uploaded at the same moment: one such document at a time, then look again.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${textSha}, 0))`;
        const raced = await findImportedSource(tx, bytesSha, textSha);
        if (raced) return raced;
        const [source] = await tx.$queryRaw<{ id: number }[]>`
          INSERT INTO source (sha256, text_sha256, file_name, format, encoding, byte_size, bytes, text)
          VALUES (${bytesSha}, ${textSha}, ${doc.fileName ?? null}, ${doc.format}, ${doc.encoding ?? null}, ${doc.bytes.byteLength}, ${Buffer.from(doc.bytes)}, ${doc.text})
          RETURNING id`;
        const stored: StoredReport[] = [];
        for (const [index, report] of reports.entries()) {
          stored.push(await storeReport(tx, report, source.id, index, doc.parserVersion));
        }
        await syncAggregates(tx, stored);
        return { status: "stored" as const, sourceId: source.id, reports: stored };
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (e) {
    // Another upload of the same bytes won the race: report it as the duplicate it is.
    if (isUniqueViolation(e)) {
      const again = await findImportedSource(prisma, bytesSha, textSha);
      if (again) return again;
    }
    throw e;
  }
}

/** A unique index refused the row: P2002 from a Prisma query, P2010 + SQLSTATE 23505 from raw SQL. */
function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (e.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
  return e.code === "P2002" || (e.code === "P2010" && cause?.originalCode === "23505");
}

function validate(r: ParsedReport, index: number, count: number): ParsedReport & { agency: string; year: number } {
  const where = count > 1 ? `第 ${index + 1} 份报告` : "报告";
  const parsed = ParsedReport.safeParse(r);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IngestError("invalid_report", `${where}的数据不合格式：${issue.path.join(".")} ${issue.message}`);
  }
  if (!parsed.data.agency) throw new IngestError("agency_missing", `${where}缺少机关名称，请填写后再保存。`);
  if (!parsed.data.year) throw new IngestError("year_missing", `${where}缺少年度，请填写后再保存。`);
  return parsed.data as ParsedReport & { agency: string; year: number };
}

/** The source already holding this content (same bytes, or same text but for white space). */
export async function findImportedSource(prisma: PrismaClient | Tx, bytesSha: string, textSha: string) {
  // Raw SQL where it runs once a document: a Prisma query costs ~0.7 ms of CPU, raw ~0.3 ms, and
  // the bulk import runs thousands (npm run bench → import).
  const hit = await prisma.$queryRaw<{ id: number }[]>`SELECT id FROM source WHERE sha256 = ${bytesSha} OR text_sha256 = ${textSha} ORDER BY id LIMIT 1`;
  if (hit.length === 0) return null;
  const source = await prisma.source.findUnique({
    where: { id: hit[0].id },
    include: { reports: { include: { agency: true }, orderBy: { sourceIndex: "asc" } } },
  });
  if (!source) return null;
  return {
    status: "duplicate" as const,
    sourceId: source.id,
    reports: source.reports.map((r) => ({
      status: "unchanged" as const,
      reportId: r.id,
      agencyId: r.agencyId,
      agency: r.agency.name,
      year: r.year,
      version: r.version,
    })),
  };
}

async function upsertAgency(tx: Tx, r: ParsedReport & { agency: string }): Promise<number> {
  const regionCode = r.region?.code ?? null;
  // The region table is lib/regions' GB/T 2260 list, seeded at every boot: checked in memory.
  if (regionCode && !getRegion(regionCode)) throw new IngestError("region_not_found", `地区代码 ${regionCode} 不在行政区划表中。`);
  const key = `${r.agency}|${regionCode ?? ""}`;
  // ON CONFLICT DO UPDATE keeps concurrent imports of one agency from failing and locks its row,
  // which serialises version numbering for that agency until this transaction ends.
  const rows = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO agency (name, key, region_code, level) VALUES (${r.agency}, ${key}, ${regionCode}, ${r.level}::"Level")
    ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id`;
  return rows[0].id;
}

async function storeReport(
  tx: Tx,
  r: ParsedReport & { agency: string; year: number },
  sourceId: number,
  sourceIndex: number,
  parserVersion: string,
): Promise<StoredReport> {
  const agencyId = await upsertAgency(tx, r);
  const fingerprint = numbersSha256(r);
  const versions = await tx.$queryRaw<{ id: number; version: number; in_force: boolean; numbers_sha256: string }[]>`
    SELECT id, version, in_force, numbers_sha256 FROM report WHERE agency_id = ${agencyId} AND year = ${r.year}`;
  const current = versions.find((v) => v.in_force);
  if (current && current.numbers_sha256 === fingerprint) {
    return { status: "unchanged", reportId: current.id, agencyId, agency: r.agency, year: r.year, version: current.version };
  }
  const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
  if (current) await tx.$executeRaw`UPDATE report SET in_force = false WHERE id = ${current.id}`;

  // The report, its table-3 rows and its findings in one statement (one round trip).
  const row = {
    agency_id: agencyId,
    region_code: r.region?.code ?? null,
    level: r.level ?? null,
    year: r.year,
    version,
    in_force: true,
    source_id: sourceId,
    source_index: sourceIndex,
    span_start: r.span?.start ?? null,
    span_end: r.span?.end ?? null,
    parser_version: parserVersion,
    numbers_sha256: fingerprint,
    table4: r.table4 ?? [],
    table2: Object.entries(r.table2).map(([label, values]) => ({ label, values })),
    finding_count: r.flags.length,
    ...Object.fromEntries(Object.entries(reportSummary(r)).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v])),
  };
  const columns = Prisma.raw(Object.keys(row).join(", ")); // the code's own column names, no input
  const findings = r.flags.map((f) => ({ code: f.code, message: f.message, evidence: f.evidence ?? "", cells: f.cells ?? [] }));
  const [report] = await tx.$queryRaw<{ id: number }[]>`
    WITH rep AS (
      INSERT INTO report (${columns}) SELECT ${columns} FROM jsonb_populate_record(NULL::report, ${JSON.stringify(row)}::jsonb) RETURNING id
    ), rows AS (
      INSERT INTO table3_row (report_id, row, natural_person, commercial, research, social_org, legal_service, other_org, total, inferred, derived)
      SELECT rep.id, x.* FROM rep, jsonb_to_recordset(${JSON.stringify(table3Rows(r))}::jsonb)
        AS x(row text, natural_person int, commercial int, research int, social_org int, legal_service int, other_org int, total int, inferred text[], derived text[])
    ), found AS (
      INSERT INTO finding (report_id, code, message, evidence, cells)
      SELECT rep.id, x.* FROM rep, jsonb_to_recordset(${JSON.stringify(findings)}::jsonb) AS x(code text, message text, evidence text, cells text[])
    )
    SELECT id FROM rep`;
  await refreshCarryFindings(tx, agencyId, r.year);
  return {
    status: current ? "new_version" : "stored",
    reportId: report.id,
    agencyId,
    agency: r.agency,
    year: r.year,
    version,
  };
}

/** Table 3 as rows of the table3_row table (snake_case: read by jsonb_to_recordset). */
function table3Rows(r: ParsedReport) {
  return Object.entries(r.table3)
    .filter((e): e is [string, number[]] => Array.isArray(e[1]))
    .map(([row, v]) => {
      const prov = (r.provenance?.[row as keyof typeof r.provenance] ?? {}) as Partial<Record<Table3Column, string>>;
      const cols = (kind: string) => TABLE3_COLUMNS.filter((c) => prov[c] === kind);
      return {
        row,
        natural_person: v[0],
        commercial: v[1],
        research: v[2],
        social_org: v[3],
        legal_service: v[4],
        other_org: v[5],
        total: v[6],
        inferred: cols("inferred"),
        derived: cols("derived"),
      };
    });
}

/**
 * Re-reads a stored source with the current parser (`npm run reparse`): a report whose numbers
 * changed becomes a new version, in force; the others are left as they are.
 */
export async function reparseSource(
  prisma: PrismaClient,
  sourceId: number,
  reports: ParsedReport[],
  parserVersion: string,
): Promise<StoredReport[]> {
  const valid = reports.filter((r) => r.agency && r.year).map((r, i, all) => validate(r, i, all.length));
  return prisma.$transaction(
    async (tx) => {
      const out: StoredReport[] = [];
      for (const [index, report] of valid.entries()) out.push(await storeReport(tx, report, sourceId, index, parserVersion));
      await syncAggregates(tx, out);
      return out;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
