-- CreateTable
CREATE TABLE "region_agency_year" (
    "region_code" CHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "last_year" INTEGER NOT NULL,
    "agencies" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "region_agency_year_pkey" PRIMARY KEY ("region_code","year","last_year")
);

-- Written by hand: filled from the agency summaries already kept (ingest keeps it from now on,
-- gongkai_region_agencies in prisma/functions/ingest.sql).
INSERT INTO "region_agency_year" ("region_code", "year", "last_year", "agencies")
SELECT k.code, y.year, a.years_in_force[cardinality(a.years_in_force)], count(*)::int
FROM "agency" a
CROSS JOIN LATERAL (SELECT DISTINCT u AS year FROM unnest(a.years_in_force) u) y
LEFT JOIN "region" g1 ON g1.code = a.region_code
LEFT JOIN "region" g2 ON g2.code = g1.parent_code
CROSS JOIN LATERAL unnest(ARRAY['000000', a.region_code, g1.parent_code, g2.parent_code]::char(6)[]) AS k(code)
WHERE a.reports_in_force > 0 AND k.code IS NOT NULL
GROUP BY 1, 2, 3;
