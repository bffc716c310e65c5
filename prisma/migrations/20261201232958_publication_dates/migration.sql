-- CreateEnum
CREATE TYPE "PublishedFrom" AS ENUM ('header', 'signature', 'title', 'file_name', 'upload');

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "published_from" "PublishedFrom",
ADD COLUMN     "published_on" DATE;

-- AlterTable
ALTER TABLE "region_year" ADD COLUMN     "adds_up" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dated_by_upload" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "on_time" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "region_year_finding" (
    "region_code" CHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "region_year_finding_pkey" PRIMARY KEY ("region_code","year","code")
);

-- CreateTable
CREATE TABLE "roster" (
    "id" SERIAL NOT NULL,
    "region_code" CHAR(6) NOT NULL,
    "file_name" TEXT,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_entry" (
    "id" SERIAL NOT NULL,
    "roster_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "region_code" CHAR(6) NOT NULL,
    "level" "Level",
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "parent" TEXT,

    CONSTRAINT "roster_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "roster_region_code_key" ON "roster"("region_code");

-- CreateIndex
CREATE INDEX "roster_entry_agency_id_idx" ON "roster_entry"("agency_id");

-- CreateIndex
CREATE INDEX "roster_entry_region_code_idx" ON "roster_entry"("region_code");

-- CreateIndex
CREATE UNIQUE INDEX "roster_entry_roster_id_agency_id_key" ON "roster_entry"("roster_id", "agency_id");

-- AddForeignKey
ALTER TABLE "roster_entry" ADD CONSTRAINT "roster_entry_roster_id_fkey" FOREIGN KEY ("roster_id") REFERENCES "roster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_entry" ADD CONSTRAINT "roster_entry_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Reports stored before: their documents' dates were not kept, so they are dated by the day
-- their source was uploaded (marked as such).
UPDATE "report" r SET "published_on" = s."uploaded_at"::date, "published_from" = 'upload'
FROM "source" s WHERE s."id" = r."source_id";

-- The new roll-up columns for the reports in force (from then on kept by ingest, prisma/functions/ingest.sql;
-- the deadline rule is gongkai_deadline's: a government's own report 3月31日, any other 1月31日).
WITH keyed AS (
  SELECT k.code, r.year,
    (r."published_on" <= make_date(r.year + 1,
      CASE WHEN a.name ~ '(人民政府|行政公署)$' AND a.name !~ '[乡镇]人民政府$' AND a.level IS DISTINCT FROM 'township' THEN 3 ELSE 1 END,
      31))::int AS on_time,
    (r."published_from" = 'upload')::int AS by_upload,
    (NOT EXISTS (SELECT 1 FROM "finding" f WHERE f."report_id" = r."id" AND f."code" IN
      ('identity_broken', 'outcome_sum_broken', 'row_sum_broken', 'table4_sum_broken', 'table_missing', 'table_unreadable', 'split_ambiguous', 'cell_unreadable')))::int AS adds_up
  FROM "report" r JOIN "agency" a ON a."id" = r."agency_id"
  LEFT JOIN "region" g1 ON g1."code" = r."region_code"
  LEFT JOIN "region" g2 ON g2."code" = g1."parent_code"
  CROSS JOIN LATERAL unnest(ARRAY['000000', r."region_code", g1."parent_code", g2."parent_code"]::char(6)[]) AS k(code)
  WHERE r."in_force" AND k.code IS NOT NULL
)
UPDATE "region_year" y SET "on_time" = s.on_time, "dated_by_upload" = s.by_upload, "adds_up" = s.adds_up
FROM (SELECT code, year, sum(on_time)::int AS on_time, sum(by_upload)::int AS by_upload, sum(adds_up)::int AS adds_up FROM keyed GROUP BY 1, 2) s
WHERE y."region_code" = s.code AND y."year" = s.year;

INSERT INTO "region_year_finding" ("region_code", "year", "code", "reports")
SELECT k.code, r.year, c.code, count(*)::int
FROM "report" r
JOIN LATERAL (SELECT DISTINCT f."code" FROM "finding" f WHERE f."report_id" = r."id") c ON true
LEFT JOIN "region" g1 ON g1."code" = r."region_code"
LEFT JOIN "region" g2 ON g2."code" = g1."parent_code"
CROSS JOIN LATERAL unnest(ARRAY['000000', r."region_code", g1."parent_code", g2."parent_code"]::char(6)[]) AS k(code)
WHERE r."in_force" AND k.code IS NOT NULL
GROUP BY 1, 2, 3;
