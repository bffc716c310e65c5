-- AlterTable
ALTER TABLE "agency" ADD COLUMN     "merged_into" INTEGER;

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "based_on_report_id" INTEGER,
ADD COLUMN     "corrected_by" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'parsed',
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "review_severity" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "agency_alias" (
    "key" TEXT NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_alias_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "agency_merge" (
    "id" SERIAL NOT NULL,
    "into_id" INTEGER NOT NULL,
    "from_id" INTEGER NOT NULL,
    "by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_at" TIMESTAMP(3),
    "moves" JSONB NOT NULL,

    CONSTRAINT "agency_merge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agency_alias_agency_id_idx" ON "agency_alias"("agency_id");

-- CreateIndex
CREATE INDEX "agency_merge_into_id_idx" ON "agency_merge"("into_id");

-- CreateIndex
CREATE INDEX "agency_merge_from_id_idx" ON "agency_merge"("from_id");

-- CreateIndex
CREATE INDEX "agency_merged_into_idx" ON "agency"("merged_into");

-- CreateIndex
-- The review queue (/review) reads reports in force with something to review, most severe first:
-- a partial index holding just those, with the filters' columns.
CREATE INDEX "report_review_severity_id_idx" ON "report"("review_severity" DESC, "id") INCLUDE ("region_code", "year")
  WHERE "in_force" AND "review_severity" > 0;

-- Severity of the reports stored before (the same rule as gongkai_review_severity in
-- prisma/functions/ingest.sql, which is applied after the migrations).
UPDATE "report" r SET "review_severity" = CASE
    WHEN x.codes && ARRAY['identity_broken', 'outcome_sum_broken', 'row_sum_broken', 'table4_sum_broken', 'carry_mismatch',
      'prose_table_mismatch', 'table_missing', 'table_unreadable', 'cell_unreadable', 'split_ambiguous'] THEN 3
    WHEN x.codes && ARRAY['agency_unknown', 'year_unknown', 'region_unknown', 'region_guessed'] OR r."region_code" IS NULL OR x.prose THEN 2
    WHEN cardinality(x.codes) > 0 THEN 1 ELSE 0 END
FROM (
  SELECT r2."id", coalesce((SELECT array_agg(f."code") FROM "finding" f WHERE f."report_id" = r2."id"), '{}') AS codes,
    EXISTS (SELECT 1 FROM "table3_row" t WHERE t."report_id" = r2."id" AND t."provenance" @? '$.* ? (@ == "prose")') AS prose
  FROM "report" r2
) x
WHERE r."id" = x."id";
