-- Written by hand (a Prisma schema cannot express a partial index): coverage reads the roster
-- entries that have aliases (a few hundred) without walking every entry of every roster.
CREATE INDEX "roster_entry_with_aliases_idx" ON "roster_entry"("agency_id", "id") WHERE cardinality("aliases") > 0;
