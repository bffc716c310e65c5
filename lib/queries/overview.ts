// The overview page (and a region's roll-up): totals per year, top agencies, latest imports.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { getRegion } from "@/lib/regions/lookup";
import { NATION, REGION_YEAR_SUMS } from "@/lib/ingest/aggregates";
import { agencyWhere, hasYears, num, regionName, reportsInScope, reportWhere, rollupAnswers, yearWhere, type Scope } from "./scope";
import type { OutcomeCounts } from "./outcome-counts";

/** The years that have any report in force (a skip scan over the (year, in_force) index). */
export async function availableYears(): Promise<number[]> {
  const rows = await getPrisma().$queryRaw<{ year: number }[]>`
    WITH RECURSIVE y AS (
      SELECT min(year) AS year FROM report WHERE in_force
      UNION ALL
      SELECT (SELECT min(year) FROM report WHERE in_force AND year > y.year) FROM y WHERE y.year IS NOT NULL
    )
    SELECT year FROM y WHERE year IS NOT NULL ORDER BY year`;
  return rows.map((r) => Number(r.year));
}

export interface YearTotals extends OutcomeCounts {
  year: number;
  reports: number;
  newReceived: number | null;
  totalProcessed: number | null;
  reviewTotal: number | null;
  litigationTotal: number | null;
}

/** Sums of the headline columns per year over the reports in scope. */
export async function totalsPerYear(s: Scope): Promise<YearTotals[]> {
  const rows = rollupAnswers(s) ? await sumRegionYears(s) : await sumReports(s);
  return rows.map((r) => ({
    year: Number(r.year),
    reports: Number(r.reports),
    newReceived: num(r.new_received),
    granted: num(r.granted),
    partiallyGranted: num(r.partially_granted),
    denied: num(r.denied),
    unable: num(r.unable),
    notProcessed: num(r.not_processed),
    other: num(r.other_outcome),
    totalProcessed: num(r.total_processed),
    reviewTotal: num(r.review_total),
    litigationTotal: num(r.litigation_total),
  }));
}

/** From the roll-up ingest keeps per region and year: one row per year whatever the size. */
function sumRegionYears(s: Scope) {
  const code = s.region ? (getRegion(s.region) ? s.region : null) : NATION;
  if (!code) return Promise.resolve([]);
  // A sum no report states reads as NULL, as a plain SQL sum over the reports would.
  const sums = REGION_YEAR_SUMS.map((c) => Prisma.raw(`CASE WHEN ${c}_n > 0 THEN ${c}::float8 END AS ${c}`));
  return getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT year, reports, ${Prisma.join(sums)}
    FROM region_year r WHERE region_code = ${code} AND reports > 0 AND ${yearWhere(s)}
    ORDER BY year`;
}

/** Filters on the agency itself (level, name) have no roll-up: sum the reports. */
function sumReports(s: Scope) {
  return getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT r.year, count(*)::int AS reports,
      sum(r.new_received)::float8 AS new_received, sum(r.granted)::float8 AS granted,
      sum(r.partially_granted)::float8 AS partially_granted, sum(r.denied)::float8 AS denied,
      sum(r.unable)::float8 AS unable, sum(r.not_processed)::float8 AS not_processed,
      sum(r.other_outcome)::float8 AS other_outcome, sum(r.total_processed)::float8 AS total_processed,
      sum(r.review_total)::float8 AS review_total, sum(r.litigation_total)::float8 AS litigation_total
    FROM ${reportsInScope(s)}
    GROUP BY r.year ORDER BY r.year`;
}

/** How many agencies are in scope at all (with any report in force, any year). */
export async function agenciesInScope(s: Scope): Promise<number> {
  const rows = await getPrisma().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM agency a WHERE a.reports_in_force > 0 AND ${agencyWhere(s)}`;
  return Number(rows[0]?.n ?? 0);
}

export interface TopAgency {
  id: number;
  name: string;
  regionName: string;
  newReceived: number | null;
  reports: number;
}

export async function topAgencies(s: Scope, limit = 10): Promise<TopAgency[]> {
  // All years: the agency's own running totals, read in index order.
  const rows = hasYears(s)
    ? await getPrisma().$queryRaw<Record<string, unknown>[]>`
        WITH agg AS (
          SELECT r.agency_id, sum(r.new_received)::float8 AS apps, count(*)::int AS n
          FROM ${reportsInScope(s)}
          GROUP BY r.agency_id
          ORDER BY apps DESC NULLS LAST, r.agency_id
          LIMIT ${limit}
        )
        SELECT a.id, a.name, a.region_code, agg.apps, agg.n FROM agg JOIN agency a ON a.id = agg.agency_id
        ORDER BY agg.apps DESC NULLS LAST, a.id`
    : await getPrisma().$queryRaw<Record<string, unknown>[]>`
        SELECT a.id, a.name, a.region_code, a.sum_new_received AS apps, a.reports_in_force AS n FROM agency a
        WHERE a.reports_in_force > 0 AND ${agencyWhere(s)}
        ORDER BY a.sum_new_received DESC NULLS LAST, a.id
        LIMIT ${limit}`;
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    regionName: regionName((r.region_code as string | null)?.trim()),
    newReceived: num(r.apps),
    reports: Number(r.n),
  }));
}

export interface LatestReport {
  reportId: number;
  agencyId: number;
  agency: string;
  year: number;
  version: number;
  importedAt: Date;
  fileName: string | null;
  findingCount: number;
}

/** The newest reports stored (ids grow with import order, so the primary key orders them). */
export async function latestReports(s: Scope, limit = 8): Promise<LatestReport[]> {
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT r.id, r.agency_id, a.name, r.year, r.version, r.imported_at, r.finding_count, s.file_name
    FROM report r JOIN agency a ON a.id = r.agency_id JOIN source s ON s.id = r.source_id
    WHERE ${reportWhere({ region: s.region })} AND ${agencyWhere({ ...s, region: null })}
    ORDER BY r.id DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    reportId: Number(r.id),
    agencyId: Number(r.agency_id),
    agency: String(r.name),
    year: Number(r.year),
    version: Number(r.version),
    importedAt: r.imported_at as Date,
    fileName: (r.file_name as string | null) ?? null,
    findingCount: Number(r.finding_count),
  }));
}

/** Kept for callers of the first version of this module. */
export async function getOverview() {
  const [years, perYear, agencies] = await Promise.all([availableYears(), totalsPerYear({}), agenciesInScope({})]);
  return {
    agencies,
    reports: perYear.reduce((s, y) => s + y.reports, 0),
    newReceived: perYear.reduce((s, y) => s + (y.newReceived ?? 0), 0),
    years,
  };
}
