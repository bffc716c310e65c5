-- AlterTable
ALTER TABLE "agency" ADD COLUMN     "reports_in_force" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sum_denied" INTEGER,
ADD COLUMN     "sum_granted" INTEGER,
ADD COLUMN     "sum_litigation_total" INTEGER,
ADD COLUMN     "sum_new_received" INTEGER,
ADD COLUMN     "sum_total_processed" INTEGER,
ADD COLUMN     "years_in_force" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "level" "Level",
ADD COLUMN     "region_code" CHAR(6);

-- CreateTable
CREATE TABLE "region_year" (
    "region_code" CHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,
    "new_received" BIGINT NOT NULL DEFAULT 0,
    "new_received_n" INTEGER NOT NULL DEFAULT 0,
    "granted" BIGINT NOT NULL DEFAULT 0,
    "granted_n" INTEGER NOT NULL DEFAULT 0,
    "partially_granted" BIGINT NOT NULL DEFAULT 0,
    "partially_granted_n" INTEGER NOT NULL DEFAULT 0,
    "denied" BIGINT NOT NULL DEFAULT 0,
    "denied_n" INTEGER NOT NULL DEFAULT 0,
    "unable" BIGINT NOT NULL DEFAULT 0,
    "unable_n" INTEGER NOT NULL DEFAULT 0,
    "not_processed" BIGINT NOT NULL DEFAULT 0,
    "not_processed_n" INTEGER NOT NULL DEFAULT 0,
    "other_outcome" BIGINT NOT NULL DEFAULT 0,
    "other_outcome_n" INTEGER NOT NULL DEFAULT 0,
    "total_processed" BIGINT NOT NULL DEFAULT 0,
    "total_processed_n" INTEGER NOT NULL DEFAULT 0,
    "review_total" BIGINT NOT NULL DEFAULT 0,
    "review_total_n" INTEGER NOT NULL DEFAULT 0,
    "litigation_total" BIGINT NOT NULL DEFAULT 0,
    "litigation_total_n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "region_year_pkey" PRIMARY KEY ("region_code","year")
);

-- Written by hand (a Prisma schema cannot express partial or INCLUDE indexes, nor a backfill):

-- Region, level and year filters on reports without joining agency, read from the index alone
-- (it carries the columns the directory and the totals sum).
CREATE INDEX "report_region_code_year_in_force_idx" ON "report"("region_code", "year")
  INCLUDE ("agency_id", "level", "new_received", "granted", "partially_granted", "denied", "unable", "not_processed",
    "other_outcome", "total_processed", "review_total", "litigation_total") WHERE "in_force";

-- The directory's default order (most applications first) and the coverage list's (by name),
-- over agencies with a report in force only.
CREATE INDEX "agency_sum_new_received_in_force_idx" ON "agency"("sum_new_received" DESC NULLS LAST, "id") WHERE "reports_in_force" > 0;
CREATE INDEX "agency_name_in_force_idx" ON "agency"("name", "id") WHERE "reports_in_force" > 0;
CREATE INDEX "agency_sum_litigation_in_force_idx" ON "agency"("sum_litigation_total" DESC NULLS LAST) WHERE "reports_in_force" > 0;
CREATE INDEX "agency_grant_rate_in_force_idx" ON "agency"(("sum_granted"::float8 / NULLIF("sum_total_processed", 0)) DESC NULLS LAST) WHERE "reports_in_force" > 0;
CREATE INDEX "agency_refusal_rate_in_force_idx" ON "agency"(("sum_denied"::float8 / NULLIF("sum_total_processed", 0)) DESC NULLS LAST) WHERE "reports_in_force" > 0;

-- Backfill for databases made before this migration (the same SQL as rebuildAggregates in
-- lib/ingest/aggregates.ts at the time of writing; ingest keeps them up to date from here on).
UPDATE "report" r SET "region_code" = a."region_code", "level" = a."level" FROM "agency" a WHERE a."id" = r."agency_id";

UPDATE "agency" a SET "reports_in_force" = s.n, "years_in_force" = s.years,
  "sum_new_received" = s.nr, "sum_granted" = s.g, "sum_denied" = s.d, "sum_total_processed" = s.tp, "sum_litigation_total" = s.lit
FROM (
  SELECT r."agency_id" AS id, count(*)::int AS n, array_agg(r."year" ORDER BY r."year") AS years,
    sum(r."new_received")::int AS nr, sum(r."granted")::int AS g, sum(r."denied")::int AS d,
    sum(r."total_processed")::int AS tp, sum(r."litigation_total")::int AS lit
  FROM "report" r WHERE r."in_force" GROUP BY r."agency_id"
) s
WHERE a."id" = s.id;

INSERT INTO "region_year" ("region_code", "year", "reports",
  "new_received", "new_received_n", "granted", "granted_n", "partially_granted", "partially_granted_n",
  "denied", "denied_n", "unable", "unable_n", "not_processed", "not_processed_n", "other_outcome", "other_outcome_n",
  "total_processed", "total_processed_n", "review_total", "review_total_n", "litigation_total", "litigation_total_n")
SELECT k.code, r."year", count(*),
  coalesce(sum(r."new_received"), 0), count(r."new_received"), coalesce(sum(r."granted"), 0), count(r."granted"),
  coalesce(sum(r."partially_granted"), 0), count(r."partially_granted"), coalesce(sum(r."denied"), 0), count(r."denied"),
  coalesce(sum(r."unable"), 0), count(r."unable"), coalesce(sum(r."not_processed"), 0), count(r."not_processed"),
  coalesce(sum(r."other_outcome"), 0), count(r."other_outcome"), coalesce(sum(r."total_processed"), 0), count(r."total_processed"),
  coalesce(sum(r."review_total"), 0), count(r."review_total"), coalesce(sum(r."litigation_total"), 0), count(r."litigation_total")
FROM "report" r
LEFT JOIN "region" g1 ON g1."code" = r."region_code"
LEFT JOIN "region" g2 ON g2."code" = g1."parent_code"
CROSS JOIN LATERAL unnest(ARRAY['000000', r."region_code", g1."parent_code", g2."parent_code"]::char(6)[]) AS k(code)
WHERE r."in_force" AND k.code IS NOT NULL
GROUP BY k.code, r."year";
