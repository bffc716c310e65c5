-- Roll-ups kept by triggers rather than by ingest's functions: they follow whatever statement
-- changes the rows (ingest, corrections, merges, roster imports and edits, deletes), so no code
-- path can forget them.

-- ---------------------------------------------------------------------------------------------
-- agency.on_roster: the agency is an entry's agency, or named by an entry's alias in its region
-- (the rule coverage applies; lib/queries/coverage-year.ts).

CREATE OR REPLACE FUNCTION gongkai_is_on_roster(p_id int, p_name text, p_region char(6)) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM roster_entry re WHERE re.agency_id = p_id)
      OR EXISTS (SELECT 1 FROM roster_entry re WHERE cardinality(re.aliases) > 0 AND re.region_code = p_region AND p_name = ANY(re.aliases))
$$;

CREATE OR REPLACE FUNCTION gongkai_agency_on_roster_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.on_roster := gongkai_is_on_roster(NEW.id, NEW.name, NEW.region_code);
  RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER agency_on_roster_insert BEFORE INSERT ON agency
  FOR EACH ROW EXECUTE FUNCTION gongkai_agency_on_roster_row();
CREATE OR REPLACE TRIGGER agency_on_roster_rename BEFORE UPDATE OF name, region_code ON agency
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.region_code IS DISTINCT FROM NEW.region_code)
  EXECUTE FUNCTION gongkai_agency_on_roster_row();

-- The agencies an entry names, by id or by an alias in its region, looked at again.
CREATE OR REPLACE FUNCTION gongkai_roster_refresh(p_agencies int[], p_regions char(6)[], p_names text[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE agency a SET on_roster = x.v
  FROM (
    SELECT a2.id, gongkai_is_on_roster(a2.id, a2.name, a2.region_code) AS v FROM agency a2
    WHERE a2.id = ANY(p_agencies) OR (a2.region_code = ANY(p_regions) AND a2.name = ANY(p_names))
  ) x
  WHERE a.id = x.id AND a.on_roster <> x.v
$$;

-- Statement-level: one refresh for a whole roster import. (PL/pgSQL plans a statement when it
-- first runs, so each branch may name only the transition tables its event has.)
CREATE OR REPLACE FUNCTION gongkai_roster_entries_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM gongkai_roster_refresh(ARRAY(SELECT agency_id FROM new_entries), ARRAY(SELECT DISTINCT region_code FROM new_entries),
      ARRAY(SELECT DISTINCT unnest(aliases) FROM new_entries));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM gongkai_roster_refresh(ARRAY(SELECT agency_id FROM old_entries), ARRAY(SELECT DISTINCT region_code FROM old_entries),
      ARRAY(SELECT DISTINCT unnest(aliases) FROM old_entries));
  ELSE
    PERFORM gongkai_roster_refresh(
      ARRAY(SELECT agency_id FROM old_entries UNION SELECT agency_id FROM new_entries),
      ARRAY(SELECT region_code FROM old_entries UNION SELECT region_code FROM new_entries),
      ARRAY(SELECT unnest(aliases) FROM old_entries UNION SELECT unnest(aliases) FROM new_entries));
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER roster_entry_on_roster_insert AFTER INSERT ON roster_entry
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION gongkai_roster_entries_changed();
CREATE OR REPLACE TRIGGER roster_entry_on_roster_update AFTER UPDATE ON roster_entry
  REFERENCING OLD TABLE AS old_entries NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION gongkai_roster_entries_changed();
CREATE OR REPLACE TRIGGER roster_entry_on_roster_delete AFTER DELETE ON roster_entry
  REFERENCING OLD TABLE AS old_entries FOR EACH STATEMENT EXECUTE FUNCTION gongkai_roster_entries_changed();

-- ---------------------------------------------------------------------------------------------
-- region_year_review: reports in force with review_severity > 0 per region (up the chain and
-- '000000') and year. The old rows go out and the new in, so a flip of in_force, of the severity
-- or of the region is counted whichever statement made it; rows are written in key order like
-- region_year's (concurrent imports lock them in the same order).

CREATE OR REPLACE FUNCTION gongkai_review_rollup_add(p_rows jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO region_year_review (region_code, year, reports)
  SELECT k.code, c.year, sum(c.sign)::int
  FROM jsonb_to_recordset(p_rows) AS c(region_code char(6), year int, sign bigint)
  LEFT JOIN region g1 ON g1.code = c.region_code
  LEFT JOIN region g2 ON g2.code = g1.parent_code
  CROSS JOIN LATERAL unnest(ARRAY['000000', c.region_code, g1.parent_code, g2.parent_code]::char(6)[]) AS k(code)
  WHERE k.code IS NOT NULL
  GROUP BY 1, 2 HAVING sum(c.sign) <> 0 ORDER BY 1, 2
  ON CONFLICT (region_code, year) DO UPDATE SET reports = region_year_review.reports + excluded.reports
$$;

CREATE OR REPLACE FUNCTION gongkai_report_review_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_rows jsonb;
BEGIN
  -- Counted per region and year first: a bulk load's statement brings a few thousand rows here, not a million.
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('region_code', region_code, 'year', year, 'sign', n)) INTO v_rows
    FROM (SELECT region_code, year, count(*) AS n FROM new_reports WHERE in_force AND review_severity > 0 GROUP BY 1, 2) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('region_code', region_code, 'year', year, 'sign', -n)) INTO v_rows
    FROM (SELECT region_code, year, count(*) AS n FROM old_reports WHERE in_force AND review_severity > 0 GROUP BY 1, 2) x;
  ELSE
    -- Only the rows whose part in the count changed (an update of other columns costs a join).
    SELECT jsonb_agg(jsonb_build_object('region_code', region_code, 'year', year, 'sign', n)) INTO v_rows FROM (
      SELECT region_code, year, sum(sign) AS n FROM (
        SELECT o.region_code, o.year, -1 AS sign
        FROM old_reports o JOIN new_reports n ON n.id = o.id
        WHERE o.in_force AND o.review_severity > 0
          AND NOT (n.in_force AND n.review_severity > 0 AND n.region_code IS NOT DISTINCT FROM o.region_code AND n.year = o.year)
        UNION ALL
        SELECT n.region_code, n.year, 1
        FROM old_reports o JOIN new_reports n ON n.id = o.id
        WHERE n.in_force AND n.review_severity > 0
          AND NOT (o.in_force AND o.review_severity > 0 AND n.region_code IS NOT DISTINCT FROM o.region_code AND n.year = o.year)
      ) d GROUP BY 1, 2
    ) x;
  END IF;
  IF v_rows IS NOT NULL THEN
    PERFORM gongkai_review_rollup_add(v_rows);
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER report_review_insert AFTER INSERT ON report
  REFERENCING NEW TABLE AS new_reports FOR EACH STATEMENT EXECUTE FUNCTION gongkai_report_review_changed();
CREATE OR REPLACE TRIGGER report_review_update AFTER UPDATE ON report
  REFERENCING OLD TABLE AS old_reports NEW TABLE AS new_reports FOR EACH STATEMENT EXECUTE FUNCTION gongkai_report_review_changed();
CREATE OR REPLACE TRIGGER report_review_delete AFTER DELETE ON report
  REFERENCING OLD TABLE AS old_reports FOR EACH STATEMENT EXECUTE FUNCTION gongkai_report_review_changed();

-- ---------------------------------------------------------------------------------------------
-- agency_span_count: agencies per span [y0, y1]. Ingest rewrites an agency's spans; only a net
-- change touches a count row (in key order).

CREATE OR REPLACE FUNCTION gongkai_span_count_add(p_rows jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO agency_span_count (y0, y1, agencies)
  SELECT c.y0, c.y1, sum(c.sign)::int FROM jsonb_to_recordset(p_rows) AS c(y0 smallint, y1 smallint, sign bigint)
  GROUP BY 1, 2 HAVING sum(c.sign) <> 0 ORDER BY 1, 2
  ON CONFLICT (y0, y1) DO UPDATE SET agencies = agency_span_count.agencies + excluded.agencies
$$;

CREATE OR REPLACE FUNCTION gongkai_agency_span_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_rows jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('y0', y0, 'y1', y1, 'sign', n)) INTO v_rows
    FROM (SELECT y0, y1, count(*) AS n FROM new_spans GROUP BY 1, 2) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('y0', y0, 'y1', y1, 'sign', -n)) INTO v_rows
    FROM (SELECT y0, y1, count(*) AS n FROM old_spans GROUP BY 1, 2) x;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('y0', y0, 'y1', y1, 'sign', n)) INTO v_rows FROM (
      SELECT y0, y1, sum(sign) AS n FROM (SELECT y0, y1, -1 AS sign FROM old_spans UNION ALL SELECT y0, y1, 1 FROM new_spans) d GROUP BY 1, 2
    ) x;
  END IF;
  IF v_rows IS NOT NULL THEN
    PERFORM gongkai_span_count_add(v_rows);
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER agency_span_count_insert AFTER INSERT ON agency_span
  REFERENCING NEW TABLE AS new_spans FOR EACH STATEMENT EXECUTE FUNCTION gongkai_agency_span_changed();
CREATE OR REPLACE TRIGGER agency_span_count_update AFTER UPDATE ON agency_span
  REFERENCING OLD TABLE AS old_spans NEW TABLE AS new_spans FOR EACH STATEMENT EXECUTE FUNCTION gongkai_agency_span_changed();
CREATE OR REPLACE TRIGGER agency_span_count_delete AFTER DELETE ON agency_span
  REFERENCING OLD TABLE AS old_spans FOR EACH STATEMENT EXECUTE FUNCTION gongkai_agency_span_changed();

-- From scratch (gongkai_rebuild_aggregates; bulk loads that skip triggers).
CREATE OR REPLACE FUNCTION gongkai_rebuild_trigger_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Through the same add functions the triggers use, from counts per region and year (per span).
  TRUNCATE region_year_review, agency_span_count;
  PERFORM gongkai_review_rollup_add(coalesce((SELECT jsonb_agg(jsonb_build_object('region_code', region_code, 'year', year, 'sign', n))
    FROM (SELECT region_code, year, count(*) AS n FROM report WHERE in_force AND review_severity > 0 GROUP BY 1, 2) x), '[]'));
  PERFORM gongkai_span_count_add(coalesce((SELECT jsonb_agg(jsonb_build_object('y0', y0, 'y1', y1, 'sign', n))
    FROM (SELECT y0, y1, count(*) AS n FROM agency_span GROUP BY 1, 2) x), '[]'));
  UPDATE agency a SET on_roster = v FROM (SELECT id, gongkai_is_on_roster(id, name, region_code) AS v FROM agency) x
  WHERE a.id = x.id AND a.on_roster <> x.v;
END;
$$;
