-- Written by hand (a Prisma schema cannot express a partial index): the review queue of a region
-- (and years) reads that region's queued reports by range, then sorts them by severity, instead
-- of filtering the whole queue's index (a quarter of a million entries at 1e6 reports).
CREATE INDEX "report_review_region_year_idx" ON "report"("region_code", "year") INCLUDE ("review_severity", "id")
  WHERE "in_force" AND "review_severity" > 0;
