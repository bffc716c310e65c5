// Which agencies have a report for which year, one page of agencies at a time; and a region's
// roll-up by its child regions.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { agencyWhere, hasYears, needsAgencyJoin, num, regionChildren, regionName, reportWhere, rollupAnswers, type RegionInfo, type Scope } from "./scope";
import { agenciesInScope } from "./overview";

export const COVERAGE_PAGE_SIZE = 100;

export interface CoverageRow {
  id: number;
  name: string;
  regionName: string;
  /** Years with a report in force (any year: gaps are judged over the agency's whole history). */
  years: number[];
}

export async function getCoverage(s: Scope & { page?: number }): Promise<{ rows: CoverageRow[]; total: number; page: number; pages: number }> {
  const page = Math.max(1, s.page ?? 1);
  // The years in force are kept on the agency by ingest: no report is read.
  const [rows, total] = await Promise.all([
    getPrisma().$queryRaw<Record<string, unknown>[]>`
      SELECT a.id, a.name, a.region_code, a.years_in_force AS years
      FROM agency a WHERE a.reports_in_force > 0 AND ${agencyWhere(s)}
      ORDER BY a.name, a.id
      LIMIT ${COVERAGE_PAGE_SIZE} OFFSET ${(page - 1) * COVERAGE_PAGE_SIZE}`,
    agenciesInScope(s),
  ]);
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      regionName: regionName((r.region_code as string | null)?.trim()),
      years: (r.years as number[]).map(Number),
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / COVERAGE_PAGE_SIZE)),
  };
}

export interface ChildRollup {
  region: RegionInfo | null;
  /** True for the agencies placed at the region itself (本级). */
  self: boolean;
  agencies: number;
  reports: number;
  newReceived: number | null;
}

/** The child region of `code` that `column` (a region code at or below it) lies in; `code` itself for 本级. */
function childOf(code: string, column: Prisma.Sql): Prisma.Sql {
  // GB/T 2260 is at most three levels deep, so the child is the code, its parent or its grandparent.
  return Prisma.sql`CASE WHEN ${column} = ${code} THEN ${code}::char(6) WHEN g.parent_code = ${code} THEN g.code ELSE g.parent_code END`;
}

/** Agencies, reports and applications under each child region (and at the region itself). */
export async function childRollup(code: string, s: Scope): Promise<ChildRollup[]> {
  const children = regionChildren(code);
  const rows = rollupAnswers(s) && !hasYears(s) ? await rollupSummaries(code, children) : await rollupReports(code, s);
  const byCode = new Map(rows.map((r) => [String(r.code).trim(), r]));
  const out: ChildRollup[] = [];
  const self = byCode.get(code);
  if (self && Number(self.reports) > 0) out.push({ region: null, self: true, agencies: Number(self.agencies), reports: Number(self.reports), newReceived: num(self.apps) });
  for (const c of children) {
    const r = byCode.get(c.code);
    if (r && Number(r.reports) > 0) out.push({ region: c, self: false, agencies: Number(r.agencies), reports: Number(r.reports), newReceived: num(r.apps) });
  }
  return out.sort((a, b) => (b.newReceived ?? -1) - (a.newReceived ?? -1));
}

/** Some years or an agency filter: one pass over the region's reports. */
function rollupReports(code: string, s: Scope) {
  return getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT ${childOf(code, Prisma.sql`r.region_code`)} AS code,
      count(DISTINCT r.agency_id)::int AS agencies, count(*)::int AS reports, sum(r.new_received)::float8 AS apps
    FROM report r JOIN region g ON g.code = r.region_code
      ${needsAgencyJoin(s) ? Prisma.sql`JOIN agency a ON a.id = r.agency_id` : Prisma.empty}
    WHERE ${reportWhere({ ...s, region: code })} AND ${agencyWhere({ q: s.q })}
    GROUP BY 1`;
}

/** All years: reports and applications from the region × year roll-up, agencies from their summaries. */
async function rollupSummaries(code: string, children: RegionInfo[]) {
  const codes = [code, ...children.map((c) => c.code)];
  const [sums, agencies] = await Promise.all([
    getPrisma().$queryRaw<Record<string, unknown>[]>`
      SELECT region_code AS code, sum(reports)::int AS reports, sum(new_received)::float8 AS apps, sum(new_received_n)::int AS apps_n
      FROM region_year WHERE region_code = ANY(${codes}::char(6)[]) GROUP BY region_code`,
    getPrisma().$queryRaw<{ code: string; n: number }[]>`
      SELECT ${childOf(code, Prisma.sql`a.region_code`)} AS code, count(*)::int AS n
      FROM agency a JOIN region g ON g.code = a.region_code
      WHERE a.reports_in_force > 0 AND ${agencyWhere({ region: code })}
      GROUP BY 1`,
  ]);
  const agenciesBy = new Map(agencies.map((a) => [a.code.trim(), Number(a.n)]));
  const by = new Map(sums.map((r) => [String(r.code).trim(), { reports: Number(r.reports), apps: Number(r.apps), n: Number(r.apps_n) }]));
  // The region's own row counts everything below it: 本级 is what its children do not hold.
  const own = by.get(code) ?? { reports: 0, apps: 0, n: 0 };
  for (const c of children) {
    const v = by.get(c.code);
    if (!v) continue;
    own.reports -= v.reports;
    own.apps -= v.apps;
    own.n -= v.n;
  }
  by.set(code, own);
  return [...by].map(([c, v]) => ({ code: c, agencies: agenciesBy.get(c) ?? 0, reports: v.reports, apps: v.n > 0 ? v.apps : null }));
}
