// The two summaries the dashboard reads at scale instead of aggregating a million reports:
//  - region_year: sums of the reports in force per region and year, a region counting every
//    region below it ("000000" = the whole country);
//  - the summary columns of agency (reports in force, their years and sums).
// Both are kept by the database functions of prisma/migrations/*_ingest_functions: ingest
// updates them in the report's own transaction (gongkai_store_reports), and the same SQL rebuilds
// them from scratch (rebuildAggregates: the bench generator, the dev seed, the tests' reference).

import type { SqlClient } from "./store";

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

/** Recomputes both summaries from the report table (bulk loads by COPY; the tests' reference). */
export async function rebuildAggregates(db: SqlClient): Promise<void> {
  await db.query("SELECT gongkai_rebuild_aggregates()");
}
