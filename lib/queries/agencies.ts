// Reads for the agency directory and the agency page. Only reports in force count, except in the
// list of versions.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { TABLE3_COLUMNS, TABLE3_GROUPS, type Table3Column } from "@/lib/model/keys";
import { table4Record } from "@/lib/model/report-schema";
import type { Sort } from "@/lib/chart-state";
import { agencyWhere, hasYears, nameMatches, num, regionName, regionPathOf, reportsInScope, reportWhere, type RegionInfo, type Scope } from "./scope";
import { agenciesInScope } from "./overview";
import type { OutcomeCounts } from "./outcome-counts";

export const PAGE_SIZE = 50;

export interface AgencyListItem {
  id: number;
  name: string;
  level: string | null;
  regionCode: string | null;
  regionName: string;
  /** Years with a report in force within the scope's years. */
  years: number[];
  newReceived: number | null;
  grantRate: number | null;
  refusalRate: number | null;
  /** The rates' base n: 办理结果总计 summed over the years in scope. */
  rateBase: number | null;
  litigation: number | null;
  /** new_received per year, for the sparkline. */
  spark: Array<{ year: number; value: number | null }>;
}

/**
 * A rate's sort key with a minimum base: rates on fewer cases sort last (as if unknown). With no
 * minimum the plain expression, which the national sort's expression index serves.
 */
function rateOrder(rate: Prisma.Sql, base: Prisma.Sql, minBase: number): Prisma.Sql {
  return minBase > 0 ? Prisma.sql`CASE WHEN ${base} >= ${minBase} THEN ${rate} END` : rate;
}

/** The directory's sort keys: over the aggregated reports `agg`, and over an agency's running totals. */
const ORDER: Record<string, { reports: Prisma.Sql; agency: Prisma.Sql; span: Prisma.Sql }> = {
  apps: { reports: Prisma.sql`agg.apps`, agency: Prisma.sql`a.sum_new_received`, span: Prisma.sql`s.apps` },
  grant: { reports: Prisma.sql`agg.g / NULLIF(agg.tp, 0)`, agency: Prisma.sql`a.sum_granted::float8 / NULLIF(a.sum_total_processed, 0)`, span: Prisma.sql`s.grant_rate` },
  refuse: { reports: Prisma.sql`agg.d / NULLIF(agg.tp, 0)`, agency: Prisma.sql`a.sum_denied::float8 / NULLIF(a.sum_total_processed, 0)`, span: Prisma.sql`s.refusal_rate` },
  lit: { reports: Prisma.sql`agg.lit`, agency: Prisma.sql`a.sum_litigation_total`, span: Prisma.sql`s.litigation` },
  name: { reports: Prisma.sql`a.name`, agency: Prisma.sql`a.name`, span: Prisma.sql`s.name` },
};

export interface AgencyPage {
  items: AgencyListItem[];
  total: number;
  page: number;
  pages: number;
}

/** The first agencies of the directory by name (at most 500): for scripts and tests. */
export async function listAgencies(s: Scope = {}): Promise<AgencyListItem[]> {
  return (await directoryPage({ ...s, sort: "name", pageSize: 500 })).items;
}

/** One page of the directory: agencies with a report in force in the scope, aggregated in SQL. */
export async function directoryPage(
  s: Scope & { sort?: Sort; page?: number; pageSize?: number; minBase?: number } = {},
): Promise<AgencyPage> {
  const prisma = getPrisma();
  const pageSize = s.pageSize ?? PAGE_SIZE;
  const page = Math.max(1, s.page ?? 1);
  const sort = s.sort ?? "-apps";
  const desc = sort.startsWith("-");
  const by = sort.replace(/^-/, "");
  const plain = ORDER[by] ?? ORDER.apps;
  const minBase = s.minBase ?? 0;
  const order =
    by === "grant" || by === "refuse"
      ? {
          reports: rateOrder(plain.reports, Prisma.sql`agg.tp`, minBase),
          agency: rateOrder(plain.agency, Prisma.sql`a.sum_total_processed`, minBase),
          span: rateOrder(plain.span, Prisma.sql`s.total_processed`, minBase),
        }
      : plain;
  const dir = desc ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS LAST`;
  const limit = Prisma.sql`LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const [rows, total] = hasYears(s)
    ? ((await rankSpans(s, Prisma.sql`${order.span} ${dir}, s.name, s.agency_id`, limit)) ??
      (await rankReports(s, Prisma.sql`${order.reports} ${dir}, a.name, a.id`, limit)))
    : await Promise.all([rankAgencies(s, Prisma.sql`${order.agency} ${dir}, a.name, a.id`, limit), agenciesInScope(s)]);
  const ids = rows.map((r) => Number(r.id));
  const spark = ids.length
    ? await prisma.$queryRaw<{ agency_id: number; year: number; v: number | null }[]>`
        SELECT r.agency_id, r.year, r.new_received AS v FROM report r
        WHERE r.agency_id = ANY(${ids}) AND ${reportWhere(s)} ORDER BY r.agency_id, r.year`
    : [];
  const sparks = new Map<number, Array<{ year: number; value: number | null }>>();
  for (const p of spark) {
    const list = sparks.get(Number(p.agency_id)) ?? [];
    list.push({ year: Number(p.year), value: num(p.v) });
    sparks.set(Number(p.agency_id), list);
  }
  return {
    items: rows.map((r) => {
      const code = (r.region_code as string | null)?.trim() ?? null;
      return {
        id: Number(r.id),
        name: String(r.name),
        level: (r.level as string | null) ?? null,
        regionCode: code,
        regionName: regionName(code),
        years: (r.years as number[]).map(Number),
        newReceived: num(r.apps),
        grantRate: num(r.grant_rate),
        refusalRate: num(r.refusal_rate),
        rateBase: num(r.tp),
        litigation: num(r.lit),
        spark: sparks.get(Number(r.id)) ?? [],
      };
    }),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** All years: each agency's running totals (kept by ingest), so no report is read. */
function rankAgencies(s: Scope, orderBy: Prisma.Sql, limit: Prisma.Sql) {
  return getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT a.id, a.name, a.level::text AS level, a.region_code, a.sum_new_received AS apps, a.sum_litigation_total AS lit,
      a.years_in_force AS years, a.sum_granted::float8 / NULLIF(a.sum_total_processed, 0) AS grant_rate,
      a.sum_denied::float8 / NULLIF(a.sum_total_processed, 0) AS refusal_rate, a.sum_total_processed::float8 AS tp
    FROM agency a
    WHERE a.reports_in_force > 0 AND ${agencyWhere(s)}
    ORDER BY ${orderBy} ${limit}`;
}

/**
 * A year range over the whole country: each agency's sums over that range, kept by ingest
 * (agency_span, prisma/functions/ingest.sql), so a page is an index scan of 50 rows rather than
 * an aggregate of every report of the range. Null when the spans do not answer the scope: a
 * region, level, name or review filter (those narrow the reports enough to aggregate), or years
 * outside the spans' window. Open ends close at the oldest/newest year any report has.
 */
async function rankSpans(s: Scope, orderBy: Prisma.Sql, limit: Prisma.Sql): Promise<[Record<string, unknown>[], number] | null> {
  if (s.region || s.level || s.q?.trim() || s.flagged) return null;
  const prisma = getPrisma();
  const [w] = await prisma.$queryRaw<{ y_max: number; y_min: number; y_top: number }[]>`
    SELECT y_max, y_min, y_top FROM agency_span_window`;
  if (!w) return null;
  const [from, to] = s.from != null && s.to != null && s.from > s.to ? [s.to, s.from] : [s.from, s.to];
  const lo = Math.max(from ?? w.y_min, w.y_min);
  const hi = Math.min(to ?? w.y_top, w.y_top);
  if (lo > hi || lo < w.y_max - 6 || hi > w.y_max) return null;
  const [rows, count] = await Promise.all([
    prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT a.id, a.name, a.level::text AS level, a.region_code, s.apps, s.litigation AS lit, s.years,
        s.grant_rate, s.refusal_rate, s.total_processed AS tp
      FROM agency_span s JOIN agency a ON a.id = s.agency_id
      WHERE s.y0 = ${lo} AND s.y1 = ${hi}
      ORDER BY ${orderBy} ${limit}`,
    prisma.$queryRaw<{ n: number }[]>`SELECT agencies AS n FROM agency_span_count WHERE y0 = ${lo} AND y1 = ${hi}`,
  ]);
  return [rows, Number(count[0]?.n ?? 0)];
}

/** Some years: aggregate the reports of those years. */
async function rankReports(s: Scope, orderBy: Prisma.Sql, limit: Prisma.Sql): Promise<[Record<string, unknown>[], number]> {
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    WITH agg AS (
      SELECT r.agency_id,
        sum(r.new_received)::float8 AS apps, sum(r.granted)::float8 AS g, sum(r.denied)::float8 AS d,
        sum(r.total_processed)::float8 AS tp, sum(r.litigation_total)::float8 AS lit,
        array_agg(r.year ORDER BY r.year) AS years
      FROM ${reportsInScope(s)}
      GROUP BY r.agency_id
    )
    SELECT a.id, a.name, a.level::text AS level, a.region_code, agg.apps, agg.lit, agg.years,
      agg.g / NULLIF(agg.tp, 0) AS grant_rate, agg.d / NULLIF(agg.tp, 0) AS refusal_rate, agg.tp,
      count(*) OVER ()::int AS total
    -- Each agency by its key (OFFSET 0 keeps the lookup per row): a hash join read all of them.
    FROM agg CROSS JOIN LATERAL (SELECT a.* FROM agency a WHERE a.id = agg.agency_id OFFSET 0) a
    ORDER BY ${orderBy} ${limit}`;
  if (rows.length) return [rows, Number(rows[0].total)];
  // Past the last page the window count is gone: count on its own.
  const n = await getPrisma().$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT r.agency_id)::int AS n FROM ${reportsInScope(s)}`;
  return [rows, Number(n[0]?.n ?? 0)];
}

export interface AgencySearchHit {
  id: number;
  name: string;
  regionName: string;
  reports: number;
}

/** Agencies whose name contains every word of q: exact matches first, then shorter names. */
export async function searchAgencies(q: string, limit = 10): Promise<AgencySearchHit[]> {
  const term = q.trim();
  if (!term) return [];
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT a.id, a.name, a.region_code, a.reports_in_force AS n
    FROM agency a WHERE ${nameMatches(term)}
    ORDER BY (a.name = ${term}) DESC, length(a.name), a.name, a.id
    LIMIT ${limit}`;
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    regionName: regionName((r.region_code as string | null)?.trim()),
    reports: Number(r.n),
  }));
}

// ---------------------------------------------------------------------------------------------
// One agency.

export type ColumnValues = Record<Table3Column, number | null>;

export interface AgencyYear {
  reportId: number;
  year: number;
  version: number;
  /** The version in force is a person's correction (人工更正). */
  corrected: boolean;
  findingCount: number;
  newReceived: ColumnValues | null;
  outcomes: OutcomeCounts;
  /** Total column of every printed table-3 row (leaves and groups printed as one row); null: not read. */
  rows: Record<string, number | null>;
  totalProcessed: number | null;
  carriedOver: number | null;
  carriedForward: number | null;
  reviewTotal: number | null;
  litigationTotal: number | null;
  /** Table 4 by key, or null when the report has none. */
  table4: Record<string, number | null> | null;
}

export interface AgencyVersion {
  reportId: number;
  year: number;
  version: number;
  corrected: boolean;
  correctedBy: string | null;
  reason: string | null;
  inForce: boolean;
  importedAt: Date;
  parserVersion: string;
  findingCount: number;
  sourceId: number;
  fileName: string | null;
  newReceived: number | null;
  /** YYYY-MM-DD: the date the document states, else its upload day (publishedFrom = upload). */
  publishedOn: string | null;
  publishedFrom: string | null;
}

export interface AgencyFinding {
  id: number;
  reportId: number;
  year: number;
  code: string;
  message: string;
  evidence: string;
  cells: string[];
}

export interface AgencyDetail {
  id: number;
  name: string;
  level: string | null;
  regionCode: string | null;
  regionPath: RegionInfo[];
  years: AgencyYear[];
  versions: AgencyVersion[];
  findings: AgencyFinding[];
  /** Set when this agency was merged into another (its reports are there now). */
  mergedInto: { id: number; name: string } | null;
  /** Merges into or out of this agency, newest first. */
  merges: Array<{ id: number; from: { id: number; name: string }; into: { id: number; name: string }; by: string; reason: string; at: Date; undoneAt: Date | null }>;
}

type Cells = number | null;
const values = (t: { naturalPerson: Cells; commercial: Cells; research: Cells; socialOrg: Cells; legalService: Cells; otherOrg: Cells; total: Cells }) =>
  [t.naturalPerson, t.commercial, t.research, t.socialOrg, t.legalService, t.otherOrg, t.total];

export async function getAgency(id: number): Promise<AgencyDetail | null> {
  const prisma = getPrisma();
  const [agency, versions] = await Promise.all([
    prisma.agency.findUnique({
      where: { id },
      include: {
        reports: {
          where: { inForce: true },
          orderBy: { year: "asc" },
          include: { table3: true, findings: { orderBy: { id: "asc" } } },
        },
      },
    }),
    prisma.report.findMany({
      where: { agencyId: id },
      orderBy: [{ year: "desc" }, { version: "desc" }],
      select: {
        id: true,
        year: true,
        version: true,
        inForce: true,
        kind: true,
        correctedBy: true,
        reason: true,
        importedAt: true,
        parserVersion: true,
        findingCount: true,
        sourceId: true,
        newReceived: true,
        publishedOn: true,
        publishedFrom: true,
        source: { select: { fileName: true } },
      },
    }),
  ]);
  if (!agency) return null;
  const years: AgencyYear[] = agency.reports.map((r) => {
    const byRow = new Map(r.table3.map((t) => [t.row, values(t)]));
    const nr = byRow.get("new_received");
    const rows: Record<string, number | null> = {};
    for (const [k, v] of byRow) rows[k] = v[6];
    // Group totals: the printed group row, else the sum of its printed items (unknown when any
    // printed item's total was not read).
    for (const g of Object.keys(TABLE3_GROUPS) as (keyof typeof TABLE3_GROUPS)[]) {
      if (rows[g] !== undefined) continue;
      const items = TABLE3_GROUPS[g].map((k) => rows[`${g}.${k}`]).filter((v) => v !== undefined);
      if (items.length) rows[g] = items.some((v) => v === null) ? null : items.reduce<number>((a, b) => a + b!, 0);
    }
    return {
      reportId: r.id,
      year: r.year,
      version: r.version,
      corrected: r.kind === "corrected",
      findingCount: r.findingCount,
      newReceived: nr ? (Object.fromEntries(TABLE3_COLUMNS.map((c, i) => [c, nr[i]])) as ColumnValues) : null,
      outcomes: {
        granted: r.granted,
        partiallyGranted: r.partiallyGranted,
        // bigint in the database (a sum of items may pass 2^31); a number here (exact up to 2^53).
        denied: num(r.denied),
        unable: num(r.unable),
        notProcessed: num(r.notProcessed),
        other: num(r.otherOutcome),
      },
      rows,
      totalProcessed: r.totalProcessed,
      carriedOver: r.carriedOver,
      carriedForward: r.carriedForward,
      reviewTotal: r.reviewTotal,
      litigationTotal: r.litigationTotal,
      table4: table4Record(r.table4),
    };
  });
  const code = agency.regionCode?.trim() ?? null;
  const merges = await prisma.agencyMerge.findMany({ where: { OR: [{ intoId: id }, { fromId: id }] }, orderBy: { id: "desc" }, take: 50 });
  const names = new Map(
    (await prisma.agency.findMany({ where: { id: { in: [...merges.flatMap((m) => [m.fromId, m.intoId]), agency.mergedInto ?? 0] } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]),
  );
  const ref = (x: number) => ({ id: x, name: names.get(x) ?? `#${x}` });
  return {
    mergedInto: agency.mergedInto ? ref(agency.mergedInto) : null,
    merges: merges.map((m) => ({ id: m.id, from: ref(m.fromId), into: ref(m.intoId), by: m.by, reason: m.reason, at: m.at, undoneAt: m.undoneAt })),
    id: agency.id,
    name: agency.name,
    level: agency.level,
    regionCode: code,
    regionPath: regionPathOf(code),
    years,
    versions: versions.map((v) => ({
      reportId: v.id,
      year: v.year,
      version: v.version,
      corrected: v.kind === "corrected",
      correctedBy: v.correctedBy,
      reason: v.reason,
      inForce: v.inForce,
      importedAt: v.importedAt,
      parserVersion: v.parserVersion,
      findingCount: v.findingCount,
      sourceId: v.sourceId,
      fileName: v.source.fileName,
      newReceived: v.newReceived,
      publishedOn: v.publishedOn ? v.publishedOn.toISOString().slice(0, 10) : null,
      publishedFrom: v.publishedFrom ?? null,
    })),
    findings: agency.reports.flatMap((r) =>
      r.findings.map((f) => ({
        id: f.id,
        reportId: r.id,
        year: r.year,
        code: f.code,
        message: f.message,
        evidence: f.evidence,
        cells: f.cells,
      })),
    ),
  };
}

/** Name only (metadata, OG images). */
export async function getAgencyName(id: number): Promise<string | null> {
  const a = await getPrisma().agency.findUnique({ where: { id }, select: { name: true } });
  return a?.name ?? null;
}
