// The two summaries the dashboard reads at scale instead of aggregating a million reports:
//  - region_year: sums of the reports in force per region and year, a region counting every
//    region below it ("000000" = the whole country);
//  - the summary columns of agency (reports in force, their years and sums).
// Ingest keeps both in the report's own transaction (syncAggregates); the same SQL rebuilds them
// from scratch (rebuildAggregates: the bench generator, and the tests' recomputation).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StoredReport } from "./store";

/** Report columns summed into region_year (column name = report column name). */
export const REGION_YEAR_SUMS = [
  "new_received",
  "granted",
  "partially_granted",
  "denied",
  "unable",
  "not_processed",
  "other_outcome",
  "total_processed",
  "review_total",
  "litigation_total",
] as const;

/** The code region_year uses for the whole country. */
export const NATION = "000000";

const cols = REGION_YEAR_SUMS.flatMap((c) => [c, `${c}_n`]).join(", ");
// Each sum with the count of reports stating it, so a sum nobody states stays NULL when read.
const sums = REGION_YEAR_SUMS.map((c) => `sum(sign * coalesce(${c}, 0)), sum(sign * (${c} IS NOT NULL)::int)`).join(", ");

/**
 * region_year rows for the reports of `changed` (a query of report rows with a `sign` column:
 * +1 counts a report in, −1 takes it out), one per region up the chain and the country. Rows are
 * written in key order, so concurrent imports lock them in the same order (no deadlock).
 */
function regionYearInsert(changed: string): string {
  return `
    WITH changed AS (${changed}),
    keyed AS (
      SELECT k.code, c.* FROM changed c
      LEFT JOIN region g1 ON g1.code = c.region_code
      LEFT JOIN region g2 ON g2.code = g1.parent_code
      CROSS JOIN LATERAL unnest(ARRAY['${NATION}', c.region_code, g1.parent_code, g2.parent_code]::char(6)[]) AS k(code)
      WHERE k.code IS NOT NULL
    )
    INSERT INTO region_year (region_code, year, reports, ${cols})
    SELECT code, year, sum(sign), ${sums} FROM keyed GROUP BY code, year ORDER BY code, year`;
}

const ADD_EXCLUDED = ["reports", ...REGION_YEAR_SUMS.flatMap((c) => [c, `${c}_n`])]
  .map((c) => `${c} = region_year.${c} + excluded.${c}`)
  .join(", ");

/** Adds the reports now in force and takes out the versions they replaced. */
const REGION_YEAR_DELTA = `${regionYearInsert(`
    SELECT r.*, 1 AS sign FROM report r WHERE r.id = ANY($1::int[])
    UNION ALL
    -- The version in force before a new one is always the one just below it.
    SELECT p.*, -1 FROM report r JOIN report p ON p.agency_id = r.agency_id AND p.year = r.year AND p.version = r.version - 1
    WHERE r.id = ANY($1::int[])`)}
  ON CONFLICT (region_code, year) DO UPDATE SET ${ADD_EXCLUDED}`;

const REGION_YEAR_REBUILD = regionYearInsert(`SELECT r.*, 1 AS sign FROM report r WHERE r.in_force`);

/** Recomputes the agency summary columns of the agencies in $1 (all agencies when $1 is NULL). */
const AGENCY_SUMMARY = `
  UPDATE agency a SET reports_in_force = s.n, years_in_force = s.years,
    sum_new_received = s.nr, sum_granted = s.g, sum_denied = s.d, sum_total_processed = s.tp, sum_litigation_total = s.lit
  FROM (
    SELECT a2.id, count(r.id)::int AS n, coalesce(array_agg(r.year ORDER BY r.year) FILTER (WHERE r.id IS NOT NULL), '{}') AS years,
      sum(r.new_received)::int AS nr, sum(r.granted)::int AS g, sum(r.denied)::int AS d,
      sum(r.total_processed)::int AS tp, sum(r.litigation_total)::int AS lit
    FROM agency a2 LEFT JOIN report r ON r.agency_id = a2.id AND r.in_force
    WHERE $1::int[] IS NULL OR a2.id = ANY($1::int[])
    GROUP BY a2.id
  ) s
  WHERE a.id = s.id`;

type Tx = Prisma.TransactionClient;

/**
 * Brings both summaries up to date with the reports a transaction stored. Called once, last, in
 * the transaction that stored them, so the summaries never disagree with the reports.
 */
export async function syncAggregates(tx: Tx, stored: StoredReport[]): Promise<void> {
  const changed = stored.filter((r) => r.status !== "unchanged");
  if (changed.length === 0) return;
  const agencies = [...new Set(changed.map((r) => r.agencyId))].sort((a, b) => a - b);
  await tx.$executeRawUnsafe(AGENCY_SUMMARY, agencies);
  await tx.$executeRawUnsafe(REGION_YEAR_DELTA, changed.map((r) => r.reportId));
}

/** Something that runs SQL with positional parameters (a pg client or pool). */
export interface SqlRunner {
  query: (sql: string, params?: unknown[]) => Promise<unknown>;
}

/** Recomputes both summaries from the report table (bulk loads; the tests' reference). */
export async function rebuildAggregates(db: SqlRunner): Promise<void> {
  await db.query("TRUNCATE region_year");
  await db.query(REGION_YEAR_REBUILD);
  await db.query(AGENCY_SUMMARY, [null]);
}
