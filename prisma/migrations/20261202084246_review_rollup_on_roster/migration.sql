-- AlterTable
ALTER TABLE "agency" ADD COLUMN     "on_roster" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "region_year_review" (
    "region_code" CHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "region_year_review_pkey" PRIMARY KEY ("region_code","year")
);

-- Written by hand (a Prisma schema cannot express a partial index, nor a backfill). The triggers
-- that keep both from now on are in prisma/functions/rollup-triggers.sql.
UPDATE "agency" a SET "on_roster" = true
WHERE EXISTS (SELECT 1 FROM "roster_entry" re WHERE re.agency_id = a.id)
   OR EXISTS (SELECT 1 FROM "roster_entry" re WHERE cardinality(re.aliases) > 0 AND re.region_code = a.region_code AND a.name = ANY(re.aliases));

-- The agencies with reports that no roster names: in a rostered region, the few it lacks.
CREATE INDEX "agency_off_roster_idx" ON "agency"("region_code") INCLUDE ("years_in_force")
  WHERE NOT "on_roster" AND "reports_in_force" > 0;

INSERT INTO "region_year_review" ("region_code", "year", "reports")
SELECT k.code, r.year, count(*)::int
FROM "report" r
LEFT JOIN "region" g1 ON g1.code = r.region_code
LEFT JOIN "region" g2 ON g2.code = g1.parent_code
CROSS JOIN LATERAL unnest(ARRAY['000000', r.region_code, g1.parent_code, g2.parent_code]::char(6)[]) AS k(code)
WHERE r.in_force AND r.review_severity > 0 AND k.code IS NOT NULL
GROUP BY 1, 2;
