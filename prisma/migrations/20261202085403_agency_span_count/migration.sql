-- CreateTable
CREATE TABLE "agency_span_count" (
    "y0" SMALLINT NOT NULL,
    "y1" SMALLINT NOT NULL,
    "agencies" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "agency_span_count_pkey" PRIMARY KEY ("y0","y1")
);

-- Written by hand: filled from the spans already kept (a trigger keeps it from now on,
-- prisma/functions/rollup-triggers.sql).
INSERT INTO "agency_span_count" ("y0", "y1", "agencies")
SELECT y0, y1, count(*)::int FROM "agency_span" GROUP BY 1, 2;
