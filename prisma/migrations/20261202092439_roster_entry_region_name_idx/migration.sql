-- Written by hand: the missing list reads roster entries in its own order (region, name) and
-- stops when its page is full, instead of sorting every entry of every roster.
CREATE INDEX "roster_entry_region_name_idx" ON "roster_entry"("region_code", "name", "agency_id");
