// Which agencies have a report for which year, one page of agencies at a time; and a region's
// roll-up by its child regions.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { agencyWhere, num, regionBounds, regionChildren, regionName, reportsInScope, type RegionInfo, type Scope } from "./scope";
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

/** Agencies, reports and applications under each child region (and at the region itself). */
export async function childRollup(code: string, s: Scope): Promise<ChildRollup[]> {
  const children = regionChildren(code);
  const ranges = children.map((c) => ({ c, b: regionBounds(c.code)! }));
  const values = [
    Prisma.sql`(${code}, ${code}, ${code})`,
    ...ranges.map(({ c, b }) => Prisma.sql`(${c.code}, ${b[0]}, ${b[1]})`),
  ];
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT k.code, count(DISTINCT r.agency_id)::int AS agencies, count(r.id)::int AS reports, sum(r.new_received)::float8 AS apps
    FROM (VALUES ${Prisma.join(values)}) AS k(code, lo, hi),
      ${reportsInScope({ ...s, region: null })} AND r.region_code BETWEEN k.lo::char(6) AND k.hi::char(6)
    GROUP BY k.code`;
  const byCode = new Map(rows.map((r) => [String(r.code).trim(), r]));
  const out: ChildRollup[] = [];
  const self = byCode.get(code);
  if (self) out.push({ region: null, self: true, agencies: Number(self.agencies), reports: Number(self.reports), newReceived: num(self.apps) });
  for (const c of children) {
    const r = byCode.get(c.code);
    if (r) out.push({ region: c, self: false, agencies: Number(r.agencies), reports: Number(r.reports), newReceived: num(r.apps) });
  }
  return out.sort((a, b) => (b.newReceived ?? -1) - (a.newReceived ?? -1));
}
