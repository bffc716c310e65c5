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
        const source = await tx.source.create({
          data: {
            sha256: bytesSha,
            textSha256: textSha,
            fileName: doc.fileName ?? null,
            format: doc.format,
            encoding: doc.encoding ?? null,
            byteSize: doc.bytes.byteLength,
            bytes: new Uint8Array(doc.bytes),
            text: doc.text,
          },
        });
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
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const again = await findImportedSource(prisma, bytesSha, textSha);
      if (again) return again;
    }
    throw e;
  }
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
  const source = await prisma.source.findFirst({
    where: { OR: [{ sha256: bytesSha }, { textSha256: textSha }] },
    orderBy: { id: "asc" },
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
  if (regionCode) {
    const region = await tx.region.findUnique({ where: { code: regionCode }, select: { code: true } });
    if (!region) throw new IngestError("region_not_found", `地区代码 ${regionCode} 不在行政区划表中。`);
  }
  const key = `${r.agency}|${regionCode ?? ""}`;
  // ON CONFLICT keeps concurrent imports of one agency from failing; FOR UPDATE then serialises
  // version numbering for that agency until this transaction ends.
  await tx.$executeRaw`INSERT INTO agency (name, key, region_code, level) VALUES (${r.agency}, ${key}, ${regionCode}, ${r.level}::"Level") ON CONFLICT (key) DO NOTHING`;
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM agency WHERE key = ${key} FOR UPDATE`;
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
  const current = await tx.report.findFirst({
    where: { agencyId, year: r.year, inForce: true },
    select: { id: true, version: true, numbersSha256: true },
  });
  if (current && current.numbersSha256 === fingerprint) {
    return { status: "unchanged", reportId: current.id, agencyId, agency: r.agency, year: r.year, version: current.version };
  }
  const last = await tx.report.aggregate({ where: { agencyId, year: r.year }, _max: { version: true } });
  const version = (last._max.version ?? 0) + 1;
  if (current) await tx.report.update({ where: { id: current.id }, data: { inForce: false } });

  const report = await tx.report.create({
    data: {
      agencyId,
      regionCode: r.region?.code ?? null,
      level: r.level ?? null,
      year: r.year,
      version,
      inForce: true,
      sourceId,
      sourceIndex,
      spanStart: r.span?.start ?? null,
      spanEnd: r.span?.end ?? null,
      parserVersion,
      numbersSha256: fingerprint,
      table4: r.table4 ?? [],
      table2: Object.entries(r.table2).map(([label, values]) => ({ label, values })),
      findingCount: r.flags.length,
      ...reportSummary(r),
    },
  });
  await tx.table3Row.createMany({ data: table3Rows(report.id, r) });
  if (r.flags.length) {
    await tx.finding.createMany({
      data: r.flags.map((f) => ({
        reportId: report.id,
        code: f.code,
        message: f.message,
        evidence: f.evidence ?? "",
        cells: f.cells ?? [],
      })),
    });
  }
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

function table3Rows(reportId: number, r: ParsedReport) {
  return Object.entries(r.table3)
    .filter((e): e is [string, number[]] => Array.isArray(e[1]))
    .map(([row, v]) => {
      const prov = (r.provenance?.[row as keyof typeof r.provenance] ?? {}) as Partial<Record<Table3Column, string>>;
      const cols = (kind: string) => TABLE3_COLUMNS.filter((c) => prov[c] === kind);
      return {
        reportId,
        row,
        naturalPerson: v[0],
        commercial: v[1],
        research: v[2],
        socialOrg: v[3],
        legalService: v[4],
        otherOrg: v[5],
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
