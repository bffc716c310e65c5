-- CreateTable
CREATE TABLE "agency_span" (
    "y0" SMALLINT NOT NULL,
    "y1" SMALLINT NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "apps" DOUBLE PRECISION,
    "granted" DOUBLE PRECISION,
    "denied" DOUBLE PRECISION,
    "total_processed" DOUBLE PRECISION,
    "litigation" DOUBLE PRECISION,
    "grant_rate" DOUBLE PRECISION,
    "refusal_rate" DOUBLE PRECISION,
    "years" INTEGER[],

    CONSTRAINT "agency_span_pkey" PRIMARY KEY ("y0","y1","agency_id")
);

-- CreateTable
CREATE TABLE "agency_span_window" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "y_max" SMALLINT NOT NULL,
    "y_min" SMALLINT NOT NULL,
    "y_top" SMALLINT NOT NULL,

    CONSTRAINT "agency_span_window_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agency_span_agency_id_idx" ON "agency_span"("agency_id");

-- AddForeignKey
ALTER TABLE "agency_span" ADD CONSTRAINT "agency_span_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (a Prisma schema cannot express sort directions with NULLS LAST): one index
-- per sort key of the directory, so a page of a year range is an index scan of 50 rows.
CREATE INDEX "agency_span_apps_idx" ON "agency_span"("y0", "y1", "apps" DESC NULLS LAST, "name", "agency_id");
CREATE INDEX "agency_span_name_idx" ON "agency_span"("y0", "y1", "name", "agency_id");
CREATE INDEX "agency_span_litigation_idx" ON "agency_span"("y0", "y1", "litigation" DESC NULLS LAST, "name", "agency_id");
CREATE INDEX "agency_span_grant_rate_idx" ON "agency_span"("y0", "y1", "grant_rate" DESC NULLS LAST, "name", "agency_id");
CREATE INDEX "agency_span_refusal_rate_idx" ON "agency_span"("y0", "y1", "refusal_rate" DESC NULLS LAST, "name", "agency_id");

-- The same, ascending (fewest first, no figure last): a backward scan of the above would put the
-- agencies without the figure first and break ties by name backwards.
CREATE INDEX "agency_span_apps_asc_idx" ON "agency_span"("y0", "y1", "apps" ASC NULLS LAST, "name", "agency_id");
CREATE INDEX "agency_span_litigation_asc_idx" ON "agency_span"("y0", "y1", "litigation" ASC NULLS LAST, "name", "agency_id");
CREATE INDEX "agency_span_grant_rate_asc_idx" ON "agency_span"("y0", "y1", "grant_rate" ASC NULLS LAST, "name", "agency_id");
CREATE INDEX "agency_span_refusal_rate_asc_idx" ON "agency_span"("y0", "y1", "refusal_rate" ASC NULLS LAST, "name", "agency_id");
