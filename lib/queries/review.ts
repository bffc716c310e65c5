// The review queue (/review): reports in force with something a person should look at (a
// finding, no region, a figure from the prose), most severe first. review_severity is kept by
// ingest with the findings (gongkai_review_severity), and a partial index holds just these
// reports in that order, so a page is an index walk even over a million reports.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { isFindingCode } from "@/lib/model/keys";
import { NATION } from "@/lib/ingest/aggregates";
import { regionBounds, regionName, yearWhere } from "./scope";

export const REVIEW_PAGE_SIZE = 50;

export interface ReviewFilters {
  region?: string | null;
  from?: number | null;
  to?: number | null;
  code?: string | null;
  page?: number;
}

export interface ReviewItem {
  id: number;
  agencyId: number;
  agency: string;
  year: number;
  version: number;
  regionCode: string | null;
  regionName: string;
  severity: number;
  findingCount: number;
  corrected: boolean;
  /** Finding codes of the report, each once, with the first finding's id (to open it highlighted). */
  findings: Array<{ code: string; id: number; cells: string[] }>;
}

function where(f: ReviewFilters): Prisma.Sql {
  const parts = [Prisma.sql`r.in_force AND r.review_severity > 0`];
  if (f.region) {
    const b = regionBounds(f.region);
    parts.push(b ? Prisma.sql`r.region_code BETWEEN ${b[0]} AND ${b[1]}` : Prisma.sql`FALSE`);
  }
  parts.push(yearWhere(f));
  if (f.code && isFindingCode(f.code)) {
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM finding fc WHERE fc.report_id = r.id AND fc.code = ${f.code})`);
  } else if (f.code) parts.push(Prisma.sql`FALSE`);
  return Prisma.join(parts, " AND ");
}

export async function reviewQueue(f: ReviewFilters): Promise<{ items: ReviewItem[]; total: number; page: number; pages: number }> {
  const prisma = getPrisma();
  const page = Math.max(1, f.page ?? 1);
  const [rows, total] = await Promise.all([
    // The page's ids first, from the partial index alone (region and year are in it, a finding
    // code is an index-only probe of finding (code, report_id)); then the details of those 50
    // only — not of every row an OFFSET skips.
    prisma.$queryRaw<Record<string, unknown>[]>`
      WITH page AS MATERIALIZED (
        SELECT r.id, r.review_severity FROM report r
        WHERE ${where(f)}
        ORDER BY r.review_severity DESC, r.id
        LIMIT ${REVIEW_PAGE_SIZE} OFFSET ${(page - 1) * REVIEW_PAGE_SIZE})
      SELECT r.id, r.agency_id, a.name, r.year, r.version, r.region_code, r.review_severity, r.finding_count, r.kind,
        (SELECT coalesce(json_agg(json_build_object('code', x.code, 'id', x.id, 'cells', x.cells) ORDER BY x.id), '[]')
         FROM (SELECT DISTINCT ON (f.code) f.code, f.id, f.cells FROM finding f WHERE f.report_id = r.id ORDER BY f.code, f.id) x) AS findings
      FROM page p JOIN report r ON r.id = p.id JOIN agency a ON a.id = r.agency_id
      ORDER BY p.review_severity DESC, p.id`,
    queueSize(f),
  ]);
  return {
    items: rows.map((r) => {
      const code = (r.region_code as string | null)?.trim() || null;
      return {
        id: Number(r.id),
        agencyId: Number(r.agency_id),
        agency: String(r.name),
        year: Number(r.year),
        version: Number(r.version),
        regionCode: code,
        regionName: regionName(code),
        severity: Number(r.review_severity),
        findingCount: Number(r.finding_count),
        corrected: r.kind === "corrected",
        findings: r.findings as ReviewItem["findings"],
      };
    }),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE)),
  };
}

/**
 * Reports in the queue under the filters, from the roll-ups kept by triggers and ingest: every
 * report with a finding is in the queue, so with a finding code it is region_year_finding's
 * count, otherwise region_year_review's (a region's row counts the regions below it).
 */
async function queueSize(f: ReviewFilters): Promise<number> {
  if (f.region && !regionBounds(f.region)) return 0;
  if (f.code && !isFindingCode(f.code)) return 0;
  const region = f.region ?? NATION;
  const years = yearWhere(f);
  const [row] = f.code
    ? await getPrisma().$queryRaw<{ n: bigint | null }[]>`
        SELECT sum(r.reports) AS n FROM region_year_finding r WHERE r.region_code = ${region} AND r.code = ${f.code} AND ${years}`
    : await getPrisma().$queryRaw<{ n: bigint | null }[]>`
        SELECT sum(r.reports) AS n FROM region_year_review r WHERE r.region_code = ${region} AND ${years}`;
  return Number(row?.n ?? 0);
}

/** Reports in the queue, for the header's navigation (a few roll-up rows, read on every page). */
export async function reviewCount(): Promise<number | null> {
  try {
    return await queueSize({});
  } catch {
    return null; // the database is down: the page says so itself; the header stays quiet
  }
}
