-- Applied after the migrations on every start whenever this file changed (its checksum is kept in
-- _gongkai_functions): the database functions of ingest live here, edited in place, so that two
-- branches changing one function merge as text. Every statement must be re-runnable
-- (CREATE OR REPLACE; DROP FUNCTION IF EXISTS first when a signature changes). Tables and
-- columns are changed by migrations (prisma/migrations), never here.
--
-- Written by hand: storing a document is one call to gongkai_store_document (one statement, so
-- one round trip and its own transaction), instead of ~13 statements sent one by one. The bulk
-- import is bound by those round trips (docs/scaling.md). The schema is unchanged.
--
-- Each statement inside a VOLATILE PL/pgSQL function takes a fresh snapshot (READ COMMITTED), so
-- a lookup made after a lock sees what the lock's previous holder committed: the duplicate check
-- after the text-hash lock, and the version lookup after the agency row lock, stay race-free.
--
-- All are PL/pgSQL, not LANGUAGE sql: PL/pgSQL keeps each statement's plan for the session (the
-- pooled connection), where a SQL function was parsed and planned again at every call (~1 ms
-- each, measured on PostgreSQL 18 — more than running it). For the same reason the per-document
-- entry points force generic plans (PL/pgSQL otherwise re-plans a statement with array or jsonb
-- parameters at every call), and allow only index lookups and nested loops: a connection's plan
-- is made once, often while the tables are still small, when a sequential scan or a hash join
-- looks cheaper — and then it would stay, and read the whole table for every document, as the
-- bulk import grows it (measured: 10,000 reports took twice as long). Each statement here
-- touches a handful of rows through an index.

-- The summaries (agency columns and region_year, see 20261123102829_scale_aggregates), here so
-- that ingest and rebuild share one definition.

-- The day a year's report is due (政府信息公开条例 第四十九条): a department's (any agency's) by
-- 1月31日 of the next year; a 县级以上 government's own report (the agency is the 人民政府 or
-- 行政公署 itself, not its 办公室 or a department) by 3月31日. 乡镇 governments report to their
-- county like a department: 1月31日. The one definition of the rule (docs/coverage.md).
CREATE OR REPLACE FUNCTION gongkai_deadline(p_name text, p_level "Level", p_year int) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT make_date(p_year + 1,
    CASE WHEN p_name ~ '(人民政府|行政公署)$' AND p_name !~ '[乡镇]人民政府$' AND p_level IS DISTINCT FROM 'township' THEN 3 ELSE 1 END, 31)
$$;

-- Finding codes that mean a report's tables do not (or could not be checked to) add up.
CREATE OR REPLACE FUNCTION gongkai_arithmetic_codes() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['identity_broken', 'outcome_sum_broken', 'row_sum_broken', 'table4_sum_broken',
    'table_missing', 'table_unreadable', 'split_ambiguous', 'cell_unreadable']
$$;

-- Recomputes the agency summary columns of the agencies p_agencies, and region_agency_year with
-- them: in one statement, the agencies' old years (the rows as they were: the caller holds their
-- locks) go out and the new ones in, written in key order like region_year (no deadlock), rows
-- whose count does not change left alone.
CREATE OR REPLACE FUNCTION gongkai_agency_summary(p_agencies int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH s AS (
    SELECT u.id, count(r.id)::int AS n, coalesce(array_agg(r.year ORDER BY r.year) FILTER (WHERE r.id IS NOT NULL), '{}') AS years,
      sum(r.new_received) AS nr, sum(r.granted) AS g, sum(r.denied) AS d,
      sum(r.total_processed) AS tp, sum(r.litigation_total) AS lit
    FROM unnest(p_agencies) AS u(id) LEFT JOIN report r ON r.agency_id = u.id AND r.in_force
    GROUP BY u.id
  ),
  before AS (
    SELECT a.region_code, a.years_in_force AS years, -1 AS sign FROM agency a WHERE a.id IN (SELECT id FROM s) AND a.reports_in_force > 0
  ),
  after AS (
    UPDATE agency a SET reports_in_force = s.n, years_in_force = s.years,
      sum_new_received = s.nr, sum_granted = s.g, sum_denied = s.d, sum_total_processed = s.tp, sum_litigation_total = s.lit
    FROM s WHERE a.id = s.id
    RETURNING a.region_code, a.years_in_force AS years, 1 AS sign
  ),
  changed AS (
    SELECT * FROM before UNION ALL SELECT * FROM after WHERE cardinality(years) > 0
  ),
  keyed AS (
    SELECT k.code, y.year, c.years[cardinality(c.years)] AS last_year, c.sign
    FROM changed c
    CROSS JOIN LATERAL (SELECT DISTINCT u AS year FROM unnest(c.years) u) y
    LEFT JOIN region g1 ON g1.code = c.region_code
    LEFT JOIN region g2 ON g2.code = g1.parent_code
    CROSS JOIN LATERAL unnest(ARRAY['000000', c.region_code, g1.parent_code, g2.parent_code]::char(6)[]) AS k(code)
    WHERE k.code IS NOT NULL
  )
  INSERT INTO region_agency_year AS x (region_code, year, last_year, agencies)
  SELECT code, year, last_year, sum(sign) FROM keyed GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (region_code, year, last_year) DO UPDATE SET agencies = x.agencies + EXCLUDED.agencies;
  PERFORM gongkai_agency_spans(p_agencies);
END;
$$;

-- The sums of the agencies p_agencies over every range of years [y0, y1] in the span window
-- (the seven years up to agency_span_window.y_max) that holds one of their reports in force,
-- with the same sums the directory makes from the reports (lib/queries/agencies.ts). A report of
-- a newer year (not past this calendar year: a misread 2052 must not move it) moves the window:
-- then every agency's spans are rebuilt, once a year. Each call locks the window row once, first
-- thing: FOR SHARE for an import, FOR UPDATE when the window moves or the years seen widen, so a
-- move waits for the imports under way and they for it.
CREATE OR REPLACE FUNCTION gongkai_agency_spans(p_agencies int[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_lo int;
  v_hi int;
  w agency_span_window%ROWTYPE;
BEGIN
  SELECT min(year), max(year) INTO v_lo, v_hi FROM report WHERE agency_id = ANY(p_agencies) AND in_force;
  SELECT * INTO w FROM agency_span_window;
  IF v_hi IS NOT NULL AND least(v_hi, extract(year FROM now())::int) > coalesce(w.y_max, 0) THEN
    INSERT INTO agency_span_window AS x (id, y_max, y_min, y_top) VALUES (true, least(v_hi, extract(year FROM now())::int), v_lo, v_hi)
    ON CONFLICT (id) DO UPDATE SET y_max = greatest(x.y_max, EXCLUDED.y_max), y_min = least(x.y_min, EXCLUDED.y_min), y_top = greatest(x.y_top, EXCLUDED.y_top)
    RETURNING * INTO w;
    DELETE FROM agency_span;
    p_agencies := ARRAY(SELECT id FROM agency WHERE reports_in_force > 0 OR id = ANY(p_agencies) ORDER BY id);
  ELSIF v_lo < w.y_min OR v_hi > w.y_top THEN
    UPDATE agency_span_window SET y_min = least(y_min, v_lo), y_top = greatest(y_top, v_hi) RETURNING * INTO w;
    DELETE FROM agency_span WHERE agency_id = ANY(p_agencies);
  ELSE
    SELECT * INTO w FROM agency_span_window FOR SHARE;
    DELETE FROM agency_span WHERE agency_id = ANY(p_agencies);
  END IF;
  IF w.y_max IS NULL THEN RETURN; END IF;
  INSERT INTO agency_span (y0, y1, agency_id, name, apps, granted, denied, total_processed, litigation, grant_rate, refusal_rate, years)
  SELECT y0, y1, a.id, a.name, sum(r.new_received)::float8, sum(r.granted)::float8, sum(r.denied)::float8,
    sum(r.total_processed)::float8, sum(r.litigation_total)::float8,
    sum(r.granted)::float8 / NULLIF(sum(r.total_processed), 0), sum(r.denied)::float8 / NULLIF(sum(r.total_processed), 0),
    array_agg(r.year ORDER BY r.year)
  -- The reports looked up by agency (agency_id = ANY, an index condition): joined from
  -- unnest(p_agencies), the generic plan read every report of the window's years and kept the
  -- agencies' (measured: 1 s a group at 10,000 reports, and growing with the database).
  FROM report r
  JOIN agency a ON a.id = r.agency_id
  CROSS JOIN LATERAL generate_series(w.y_max - 6, r.year) AS y0
  CROSS JOIN LATERAL generate_series(r.year, w.y_max) AS y1
  WHERE r.agency_id = ANY(p_agencies) AND r.in_force AND r.year BETWEEN w.y_max - 6 AND w.y_max
  GROUP BY y0, y1, a.id, a.name
  ORDER BY y0, y1, a.id;
END;
$$;

-- Adds the reports p_add to region_year and takes the reports p_remove out: one row per region
-- up the chain (county → city → province) and the country ('000000'). Each sum has the count of
-- reports stating it, so a sum nobody states reads as NULL. Rows are written in key order, so
-- concurrent imports lock them in the same order (no deadlock).
CREATE OR REPLACE FUNCTION gongkai_region_year_add(p_add int[], p_remove int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT r.*, 1 AS sign FROM report r JOIN unnest(p_add) AS u(id) ON u.id = r.id
    UNION ALL
    SELECT r.*, -1 FROM report r JOIN unnest(p_remove) AS u(id) ON u.id = r.id
  ),
  keyed AS (
    SELECT k.code, c.*,
      (c.published_on <= gongkai_deadline(a.name, a.level, c.year))::int AS on_time_n,
      (c.published_from = 'upload')::int AS by_upload_n,
      (NOT EXISTS (SELECT 1 FROM finding f WHERE f.report_id = c.id AND f.code = ANY(gongkai_arithmetic_codes())))::int AS adds_up_n
    FROM changed c
    JOIN agency a ON a.id = c.agency_id
    LEFT JOIN region g1 ON g1.code = c.region_code
    LEFT JOIN region g2 ON g2.code = g1.parent_code
    CROSS JOIN LATERAL unnest(ARRAY['000000', c.region_code, g1.parent_code, g2.parent_code]::char(6)[]) AS k(code)
    WHERE k.code IS NOT NULL
  )
  INSERT INTO region_year (region_code, year, reports,
    new_received, new_received_n, granted, granted_n, partially_granted, partially_granted_n,
    denied, denied_n, unable, unable_n, not_processed, not_processed_n, other_outcome, other_outcome_n,
    total_processed, total_processed_n, review_total, review_total_n, litigation_total, litigation_total_n,
    on_time, dated_by_upload, adds_up)
  SELECT code, year, sum(sign),
    sum(sign * coalesce(new_received, 0)), sum(sign * (new_received IS NOT NULL)::int),
    sum(sign * coalesce(granted, 0)), sum(sign * (granted IS NOT NULL)::int),
    sum(sign * coalesce(partially_granted, 0)), sum(sign * (partially_granted IS NOT NULL)::int),
    sum(sign * coalesce(denied, 0)), sum(sign * (denied IS NOT NULL)::int),
    sum(sign * coalesce(unable, 0)), sum(sign * (unable IS NOT NULL)::int),
    sum(sign * coalesce(not_processed, 0)), sum(sign * (not_processed IS NOT NULL)::int),
    sum(sign * coalesce(other_outcome, 0)), sum(sign * (other_outcome IS NOT NULL)::int),
    sum(sign * coalesce(total_processed, 0)), sum(sign * (total_processed IS NOT NULL)::int),
    sum(sign * coalesce(review_total, 0)), sum(sign * (review_total IS NOT NULL)::int),
    sum(sign * coalesce(litigation_total, 0)), sum(sign * (litigation_total IS NOT NULL)::int),
    sum(sign * on_time_n), sum(sign * by_upload_n), sum(sign * adds_up_n)
  FROM keyed GROUP BY code, year ORDER BY code, year
  ON CONFLICT (region_code, year) DO UPDATE SET
    reports = region_year.reports + excluded.reports,
    new_received = region_year.new_received + excluded.new_received, new_received_n = region_year.new_received_n + excluded.new_received_n,
    granted = region_year.granted + excluded.granted, granted_n = region_year.granted_n + excluded.granted_n,
    partially_granted = region_year.partially_granted + excluded.partially_granted, partially_granted_n = region_year.partially_granted_n + excluded.partially_granted_n,
    denied = region_year.denied + excluded.denied, denied_n = region_year.denied_n + excluded.denied_n,
    unable = region_year.unable + excluded.unable, unable_n = region_year.unable_n + excluded.unable_n,
    not_processed = region_year.not_processed + excluded.not_processed, not_processed_n = region_year.not_processed_n + excluded.not_processed_n,
    other_outcome = region_year.other_outcome + excluded.other_outcome, other_outcome_n = region_year.other_outcome_n + excluded.other_outcome_n,
    total_processed = region_year.total_processed + excluded.total_processed, total_processed_n = region_year.total_processed_n + excluded.total_processed_n,
    review_total = region_year.review_total + excluded.review_total, review_total_n = region_year.review_total_n + excluded.review_total_n,
    litigation_total = region_year.litigation_total + excluded.litigation_total, litigation_total_n = region_year.litigation_total_n + excluded.litigation_total_n,
    on_time = region_year.on_time + excluded.on_time, dated_by_upload = region_year.dated_by_upload + excluded.dated_by_upload,
    adds_up = region_year.adds_up + excluded.adds_up;
END;
$$;

-- Adds the reports p_add to region_year_finding (one count per code a report has) and takes the
-- reports p_remove out. carry_mismatch is the one finding that changes on a stored report (when a
-- neighbouring year arrives): gongkai_refresh_carry counts it as it flips, so reports added here
-- bring it only when p_with_carry (a rebuild); reports removed always take theirs out.
CREATE OR REPLACE FUNCTION gongkai_region_year_findings(p_add int[], p_remove int[], p_with_carry boolean DEFAULT false) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT r.id, r.region_code, r.year, 1 AS sign FROM report r JOIN unnest(p_add) AS u(id) ON u.id = r.id
    UNION ALL
    SELECT r.id, r.region_code, r.year, -1 FROM report r JOIN unnest(p_remove) AS u(id) ON u.id = r.id
  ),
  coded AS (
    SELECT c.*, x.code FROM changed c
    JOIN LATERAL (SELECT DISTINCT f.code FROM finding f WHERE f.report_id = c.id) x ON true
    WHERE c.sign < 0 OR p_with_carry OR x.code <> 'carry_mismatch'
  ),
  keyed AS (
    SELECT k.code AS region, c.year, c.code, c.sign FROM coded c
    LEFT JOIN region g1 ON g1.code = c.region_code
    LEFT JOIN region g2 ON g2.code = g1.parent_code
    CROSS JOIN LATERAL unnest(ARRAY['000000', c.region_code, g1.parent_code, g2.parent_code]::char(6)[]) AS k(code)
    WHERE k.code IS NOT NULL
  )
  INSERT INTO region_year_finding (region_code, year, code, reports)
  SELECT region, year, code, sum(sign) FROM keyed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (region_code, year, code) DO UPDATE SET reports = region_year_finding.reports + excluded.reports;
END;
$$;

-- Both summaries from scratch (bulk loads by COPY; the tests' reference).
CREATE OR REPLACE FUNCTION gongkai_rebuild_aggregates() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE region_year, region_year_finding, region_agency_year, agency_span, agency_span_window;
  UPDATE agency SET reports_in_force = 0, years_in_force = '{}' WHERE reports_in_force > 0 OR cardinality(years_in_force) > 0;
  PERFORM gongkai_region_year_add(ARRAY(SELECT id FROM report WHERE in_force), '{}');
  PERFORM gongkai_region_year_findings(ARRAY(SELECT id FROM report WHERE in_force), '{}', true);
  PERFORM gongkai_agency_summary(ARRAY(SELECT id FROM agency ORDER BY id));
  PERFORM gongkai_rebuild_trigger_rollups(); -- prisma/functions/rollup-triggers.sql
END;
$$;

-- How urgently a person should look at a report, for the review queue (/review): 3 its numbers
-- do not add up or were not read; 2 who or where is uncertain, or a figure comes from the prose;
-- 1 any other finding (columns placed by arithmetic, a blank derived); 0 nothing to review.
CREATE OR REPLACE FUNCTION gongkai_review_severity(p_codes text[], p_no_region boolean, p_prose boolean) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p_codes && ARRAY['identity_broken', 'outcome_sum_broken', 'row_sum_broken', 'table4_sum_broken', 'carry_mismatch',
      'prose_table_mismatch', 'table_missing', 'table_unreadable', 'cell_unreadable', 'split_ambiguous'] THEN 3
    WHEN p_codes && ARRAY['agency_unknown', 'year_unknown', 'region_unknown', 'region_guessed'] OR p_no_region OR p_prose THEN 2
    WHEN cardinality(p_codes) > 0 THEN 1
    ELSE 0 END
$$;

-- Finding count and review severity of the reports p_ids, from their findings as stored.
CREATE OR REPLACE FUNCTION gongkai_recount_findings(p_ids int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report r SET finding_count = x.n, review_severity = x.severity
  FROM (
    SELECT r2.id, count(f.id)::int AS n,
      gongkai_review_severity(coalesce(array_agg(f.code) FILTER (WHERE f.id IS NOT NULL), '{}'), r2.region_code IS NULL,
        EXISTS (SELECT 1 FROM table3_row t WHERE t.report_id = r2.id AND t.provenance @? '$.* ? (@ == "prose")')) AS severity
    FROM report r2 LEFT JOIN finding f ON f.report_id = r2.id
    WHERE r2.id = ANY(p_ids) GROUP BY r2.id
  ) x
  WHERE r.id = x.id AND (r.finding_count <> x.n OR r.review_severity <> x.severity);
END;
$$;

-- carry_mismatch in region_year_finding: p_sign for each of the reports p_reports.
CREATE OR REPLACE FUNCTION gongkai_region_year_carry(p_reports int[], p_sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(p_reports) = 0 THEN RETURN; END IF;
  INSERT INTO region_year_finding (region_code, year, code, reports)
  SELECT k.code, r.year, 'carry_mismatch', p_sign * count(*) FROM report r
  LEFT JOIN region g1 ON g1.code = r.region_code
  LEFT JOIN region g2 ON g2.code = g1.parent_code
  CROSS JOIN LATERAL unnest(ARRAY['000000', r.region_code, g1.parent_code, g2.parent_code]::char(6)[]) AS k(code)
  WHERE r.id = ANY(p_reports) AND k.code IS NOT NULL
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (region_code, year, code) DO UPDATE SET reports = region_year_finding.reports + excluded.reports;
END;
$$;

-- Cross-year rule: carried_over of year Y equals carried_forward of Y−1 for the same agency. The
-- pairs around p_year are recomputed whenever a report of that year is stored, so a
-- carry_mismatch finding follows whichever versions are in force, on both reports of the pair.
CREATE OR REPLACE FUNCTION gongkai_refresh_carry(p_agency int, p_year int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_ids int[];
  v_count int;
  v_changed boolean := false;
  v_before int[];
  v_after int[];
  x record;
BEGIN
  SELECT array_agg(id) INTO v_ids FROM report
  WHERE agency_id = p_agency AND in_force AND year BETWEEN p_year - 1 AND p_year + 1;
  IF coalesce(cardinality(v_ids), 0) < 2 THEN RETURN; END IF; -- no neighbouring year: no pair
  v_before := ARRAY(SELECT DISTINCT report_id FROM finding WHERE code = 'carry_mismatch' AND report_id = ANY(v_ids));

  -- Each pair: the year before's carried_forward (cf) against the year after's carried_over (co).
  FOR x IN
    SELECT p.id AS prev_id, c.id AS cur_id, p.year AS py, c.year AS cy, p.carried_forward AS cf, c.carried_over AS co
    FROM report p JOIN report c ON c.agency_id = p.agency_id AND c.year = p.year + 1
    WHERE p.id = ANY(v_ids) AND c.id = ANY(v_ids) ORDER BY c.year
  LOOP
    DELETE FROM finding WHERE code = 'carry_mismatch' AND report_id IN (x.prev_id, x.cur_id)
      AND evidence LIKE '%' || x.py || '→' || x.cy || '%';
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_changed := v_changed OR v_count > 0;
    IF x.cf <> x.co THEN -- both stated and different
      v_changed := true;
      INSERT INTO finding (report_id, code, message, evidence, cells) VALUES
        (x.cur_id, 'carry_mismatch', format('本年“上年结转”(%s) 与 %s 年报告的“结转下年度继续办理”(%s) 不一致。', x.co, x.py, x.cf),
          format('%s→%s：%s 年结转下年度 %s，%s 年上年结转 %s', x.py, x.cy, x.py, x.cf, x.cy, x.co), ARRAY['carried_over.total']),
        (x.prev_id, 'carry_mismatch', format('“结转下年度继续办理”(%s) 与 %s 年报告的“上年结转”(%s) 不一致。', x.cf, x.cy, x.co),
          format('%s→%s：%s 年结转下年度 %s，%s 年上年结转 %s', x.py, x.cy, x.py, x.cf, x.cy, x.co), ARRAY['carried_forward.total']);
    END IF;
  END LOOP;

  -- Counts change only with the findings (a report is stored with the count of its own).
  IF NOT v_changed THEN RETURN; END IF;
  -- The scorecards' carry_mismatch counts follow the reports in force whose carry finding came or went.
  v_after := ARRAY(SELECT DISTINCT report_id FROM finding WHERE code = 'carry_mismatch' AND report_id = ANY(v_ids));
  PERFORM gongkai_region_year_carry(ARRAY(SELECT unnest(v_after) EXCEPT SELECT unnest(v_before)), 1);
  PERFORM gongkai_region_year_carry(ARRAY(SELECT unnest(v_before) EXCEPT SELECT unnest(v_after)), -1);
  PERFORM gongkai_recount_findings(v_ids);
END;
$$;

-- Stores the reports of one source (p_reports: an array as built by lib/ingest/store.ts, each
-- { agency, key, region_code, level, year, numbers_sha256, row, table3, findings }), summaries
-- not yet updated (gongkai_apply_summaries, once per transaction). A report whose numbers equal
-- the version in force is left as it is; otherwise it becomes the next version, in force, and the
-- one before stays. Returns what happened to each, in order ("replaced": the version it took over from).
--
-- A key that is an alias (agency_alias) or names an agency merged into another is stored under
-- that other agency, with its region.
--
-- A person's correction is a report with { correction: { based_on, by, reason } }: the version
-- in force it was made from (same source; it may change the agency, year or region, so the new
-- version may belong to another agency or year). Optimistic concurrency: when based_on is no
-- longer in force, someone else changed the report first, and nothing is stored (SQLSTATE
-- GK409, "report_changed:<id in force>"); when the agency and year it moves to already have
-- another report in force, GK409 "target_taken:<that id>".
CREATE OR REPLACE FUNCTION gongkai_insert_reports(p_source int, p_reports jsonb, p_parser_version text, p_agencies_locked boolean DEFAULT false)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_r jsonb;
  v_index int;
  v_agency int;
  v_year int;
  v_current_id int;
  v_current_version int;
  v_current_sha text;
  v_version int;
  v_id int;
  v_out jsonb := '[]';
  v_region text;
  v_level text;
  v_redirect boolean;
  v_fix jsonb;
  v_base_id int;
  v_base_agency int;
  v_base_year int;
  v_base_in_force boolean;
  v_base_source int;
  v_base_index int;
  v_upload_day date;
BEGIN
  -- A report whose document states no date is dated by the day its source was uploaded (in China's time).
  SELECT (uploaded_at AT TIME ZONE current_setting('TimeZone') AT TIME ZONE 'Asia/Shanghai')::date INTO v_upload_day FROM source WHERE id = p_source;
  -- The agencies first, in key order: ON CONFLICT DO UPDATE creates or locks each row, which
  -- serialises version numbering per agency until the transaction ends, and the one order keeps
  -- concurrent imports from deadlocking. (A group of documents has locked them all already.)
  IF NOT p_agencies_locked THEN PERFORM gongkai_lock_agencies(p_reports); END IF;
  FOR v_r, v_index IN SELECT e.value, e.i - 1 FROM jsonb_array_elements(p_reports) WITH ORDINALITY AS e(value, i) LOOP
    SELECT coalesce(a.merged_into, a.id), a.merged_into IS NOT NULL INTO v_agency, v_redirect FROM agency a WHERE a.key = v_r->>'key';
    IF v_agency IS NULL THEN
      SELECT al.agency_id, true INTO v_agency, v_redirect FROM agency_alias al WHERE al.key = v_r->>'key';
    END IF;
    v_region := v_r->>'region_code';
    v_level := v_r->>'level';
    IF v_redirect THEN -- stored under the agency the name leads to: lock it (version numbering), take its region
      SELECT region_code, level::text INTO v_region, v_level FROM agency WHERE id = v_agency FOR UPDATE;
    END IF;
    v_year := (v_r->>'year')::int;
    v_fix := v_r->'correction';
    v_base_id := NULL; v_base_agency := NULL; v_base_year := NULL; v_base_source := NULL; v_base_index := NULL;

    -- The version in force (if any) and the highest version, in one look at the agency's year.
    SELECT coalesce(max(version), 0) + 1, (array_agg(id) FILTER (WHERE in_force))[1],
      (array_agg(version) FILTER (WHERE in_force))[1], (array_agg(numbers_sha256) FILTER (WHERE in_force))[1]
    INTO v_version, v_current_id, v_current_version, v_current_sha
    FROM report WHERE agency_id = v_agency AND year = v_year;

    IF v_fix IS NOT NULL THEN
      -- The row lock makes concurrent corrections of one report wait for each other; the second
      -- then finds its base no longer in force.
      SELECT id, agency_id, year, in_force, source_id, source_index INTO v_base_id, v_base_agency, v_base_year, v_base_in_force, v_base_source, v_base_index
      FROM report WHERE id = (v_fix->>'based_on')::int FOR UPDATE;
      IF v_base_id IS NULL OR NOT v_base_in_force THEN
        RAISE EXCEPTION 'report_changed:%', (SELECT r2.id FROM report r2 JOIN report b ON b.agency_id = r2.agency_id AND b.year = r2.year
          WHERE b.id = (v_fix->>'based_on')::int AND r2.in_force) USING ERRCODE = 'GK409';
      END IF;
      IF v_current_id IS NOT NULL AND v_current_id <> v_base_id THEN
        RAISE EXCEPTION 'target_taken:%', v_current_id USING ERRCODE = 'GK409';
      END IF;
      IF v_current_id IS NULL THEN -- moved to another agency or year: the base leaves force there
        v_current_id := v_base_id;
      END IF;
    ELSIF v_current_id IS NOT NULL AND v_current_sha = v_r->>'numbers_sha256' THEN
      v_out := v_out || jsonb_build_object('status', 'unchanged', 'reportId', v_current_id, 'agencyId', v_agency,
        'agency', v_r->>'agency', 'year', v_year, 'version', v_current_version);
      CONTINUE;
    END IF;
    IF v_current_id IS NOT NULL THEN
      UPDATE report SET in_force = false WHERE id = v_current_id;
    END IF;

    INSERT INTO report (agency_id, region_code, level, year, version, in_force, source_id, source_index,
      span_start, span_end, parser_version, numbers_sha256, table4, table2, finding_count, review_severity,
      kind, corrected_by, reason, based_on_report_id,
      new_received, carried_over, granted, partially_granted, denied, unable, not_processed, other_outcome,
      total_processed, carried_forward, review_total, litigation_total, published_on, published_from, ocr)
    SELECT v_agency, v_region, v_level::"Level", v_year, v_version, true, coalesce(v_base_source, p_source), coalesce(v_base_index, v_index),
      x.span_start, x.span_end, p_parser_version, v_r->>'numbers_sha256', x.table4, x.table2, x.finding_count,
      gongkai_review_severity(ARRAY(SELECT f->>'code' FROM jsonb_array_elements(v_r->'findings') f), v_region IS NULL,
        v_r->'table3' @? '$[*].provenance.* ? (@ == "prose")'),
      CASE WHEN v_fix IS NULL THEN 'parsed' ELSE 'corrected' END, v_fix->>'by', v_fix->>'reason', v_base_id,
      x.new_received, x.carried_over, x.granted, x.partially_granted, x.denied, x.unable, x.not_processed, x.other_outcome,
      x.total_processed, x.carried_forward, x.review_total, x.litigation_total,
      coalesce(x.published_on, v_upload_day), CASE WHEN x.published_on IS NULL THEN 'upload' ELSE coalesce(x.published_from, 'header') END, x.ocr
    FROM jsonb_populate_record(NULL::report, v_r->'row') x
    RETURNING id INTO v_id;

    INSERT INTO table3_row (report_id, row, natural_person, commercial, research, social_org, legal_service, other_org, total, provenance)
    SELECT v_id, x.* FROM jsonb_to_recordset(v_r->'table3')
      AS x(row text, natural_person int, commercial int, research int, social_org int, legal_service int, other_org int, total int, provenance jsonb);
    IF jsonb_array_length(v_r->'findings') > 0 THEN
      INSERT INTO finding (report_id, code, message, evidence, cells)
      SELECT v_id, x.* FROM jsonb_to_recordset(v_r->'findings') AS x(code text, message text, evidence text, cells text[]);
      -- A carry break the parser found within the document (its own pages of other years) is
      -- counted as it arrives: gongkai_refresh_carry counts only the flips it makes after this,
      -- and the summaries leave a new report's carry finding to it.
      IF v_r->'findings' @> '[{"code": "carry_mismatch"}]' THEN
        PERFORM gongkai_region_year_carry(ARRAY[v_id], 1);
      END IF;
    END IF;

    PERFORM gongkai_refresh_carry(v_agency, v_year);
    IF v_base_id IS NOT NULL AND (v_base_agency <> v_agency OR v_base_year <> v_year) THEN
      PERFORM gongkai_refresh_carry(v_base_agency, v_base_year); -- the pairs it left
    END IF;

    v_out := v_out || jsonb_build_object('status', CASE WHEN v_fix IS NOT NULL THEN 'corrected' WHEN v_current_id IS NULL THEN 'stored' ELSE 'new_version' END,
      'reportId', v_id, 'agencyId', v_agency, 'agency', (SELECT name FROM agency WHERE id = v_agency), 'year', v_year, 'version', v_version,
      'replaced', v_current_id, 'replacedAgencyId', v_base_agency);
  END LOOP;
  RETURN v_out;
END;
$$;

-- Creates or locks the agencies of p_reports (or of several documents' reports, concatenated),
-- one row each, in key order.
CREATE OR REPLACE FUNCTION gongkai_lock_agencies(p_reports jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- The four fields first: sorting the whole reports (tables, findings) cost ~1 ms a report.
  INSERT INTO agency (name, key, region_code, level)
  SELECT DISTINCT ON (x.key) x.name, x.key, x.region_code, x.level
  FROM (SELECT r->>'agency' AS name, r->>'key' AS key, r->>'region_code' AS region_code, (r->>'level')::"Level" AS level, i
    FROM jsonb_array_elements(p_reports) WITH ORDINALITY AS e(r, i)) x
  WHERE NOT EXISTS (SELECT 1 FROM agency_alias al WHERE al.key = x.key) -- an old name: stored under its agency
  ORDER BY x.key, x.i
  -- WHERE false: an agency already there is locked but not rewritten (an update wrote a new row
  -- version and an entry in each of its ten indexes, for nothing).
  ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key WHERE false;
END;
$$;

-- Brings both summaries up to date with what gongkai_insert_reports returned (p_results: its
-- arrays, concatenated). Called once, last, in the transaction that stored the reports, so the
-- summaries never disagree with the reports.
CREATE OR REPLACE FUNCTION gongkai_apply_summaries(p_results jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_added int[];
  v_replaced int[];
  v_agencies int[];
BEGIN
  SELECT array_agg((r->>'reportId')::int), coalesce(array_agg((r->>'replaced')::int) FILTER (WHERE r->>'replaced' IS NOT NULL), '{}'),
    ARRAY(SELECT DISTINCT x FROM unnest(array_agg((r->>'agencyId')::int) || array_agg((r->>'replacedAgencyId')::int)) x WHERE x IS NOT NULL ORDER BY x)
  INTO v_added, v_replaced, v_agencies
  FROM jsonb_array_elements(p_results) r WHERE r->>'status' <> 'unchanged';
  IF v_added IS NULL THEN RETURN; END IF;
  PERFORM gongkai_agency_summary(v_agencies);
  PERFORM gongkai_region_year_add(v_added, v_replaced);
  PERFORM gongkai_region_year_findings(v_added, v_replaced);
END;
$$;

-- Stores reports read again from a source already stored (npm run reparse): one transaction.
CREATE OR REPLACE FUNCTION gongkai_store_reports(p_source int, p_reports jsonb, p_parser_version text) RETURNS jsonb LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  v_out jsonb;
BEGIN
  v_out := gongkai_insert_reports(p_source, p_reports, p_parser_version);
  PERFORM gongkai_apply_summaries(v_out);
  RETURN v_out;
END;
$$;

-- The parameters are bpchar like the columns: a text parameter would compare the columns as
-- text, and the indexes would not be used.
CREATE OR REPLACE FUNCTION gongkai_imported_source(p_sha256 bpchar, p_text_sha256 bpchar) RETURNS jsonb LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  RETURN (SELECT jsonb_build_object('status', 'duplicate', 'sourceId', s.id, 'reports', coalesce((
    SELECT jsonb_agg(jsonb_build_object('status', 'unchanged', 'reportId', r.id, 'agencyId', r.agency_id,
      'agency', a.name, 'year', r.year, 'version', r.version) ORDER BY r.source_index, r.id)
    FROM report r JOIN agency a ON a.id = r.agency_id WHERE r.source_id = s.id), '[]'))
  FROM (SELECT min(id) AS id FROM (
    -- Each through its own index (an OR … ORDER BY id LIMIT 1 was planned as a walk of the
    -- primary key, reading every source).
    SELECT id FROM source WHERE sha256 = p_sha256 UNION ALL SELECT id FROM source WHERE text_sha256 = p_text_sha256) x
  ) s WHERE s.id IS NOT NULL);
END;
$$;

-- One document, after its text lock: the duplicate it is, or its source and reports stored
-- (summaries not yet updated).
CREATE OR REPLACE FUNCTION gongkai_insert_document(p_bytes bytea, p_text text, p_source jsonb, p_reports jsonb, p_parser_version text,
  p_agencies_locked boolean DEFAULT false)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_found jsonb;
  v_source int;
BEGIN
  -- A source is stored only whole: the bytes that reached the database are those the app hashed
  -- (and, when it says how many it received, that many), else nothing of the document is kept.
  IF encode(sha256(p_bytes), 'hex') <> p_source->>'sha256'
     OR (p_source ? 'byte_size' AND octet_length(p_bytes) <> (p_source->>'byte_size')::bigint) THEN
    RAISE EXCEPTION 'gongkai: source bytes do not match their sha256 or length' USING ERRCODE = 'GK001';
  END IF;
  v_found := gongkai_imported_source(p_source->>'sha256', p_source->>'text_sha256');
  IF v_found IS NOT NULL THEN RETURN v_found; END IF;
  INSERT INTO source (sha256, text_sha256, file_name, format, encoding, byte_size, bytes, text,
    source_url, page_url, fetched_at, http_headers)
  VALUES (p_source->>'sha256', p_source->>'text_sha256', p_source->>'file_name', p_source->>'format',
    p_source->>'encoding', octet_length(p_bytes), p_bytes, p_text,
    -- fetched from the web (import by URL, npm run crawl): where from and when; null otherwise
    p_source->>'source_url', p_source->>'page_url',
    (p_source->>'fetched_at')::timestamptz AT TIME ZONE 'UTC', p_source->'http_headers')
  RETURNING id INTO v_source;
  RETURN jsonb_build_object('status', 'stored', 'sourceId', v_source, 'reports', gongkai_insert_reports(v_source, p_reports, p_parser_version, p_agencies_locked));
END;
$$;

-- Stores one document: its source verbatim and every report parsed from it, whole or not at all
-- (one statement is one transaction). The same content already stored is reported as a
-- duplicate, and nothing is written.
CREATE OR REPLACE FUNCTION gongkai_store_document(p_bytes bytea, p_text text, p_source jsonb, p_reports jsonb, p_parser_version text)
RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  v_out jsonb;
BEGIN
  -- The same text as other bytes (UTF-8 and GBK, CRLF) would pass the duplicate check and the
  -- unique sha256 when uploaded at the same moment: one such document at a time, then look.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_source->>'text_sha256', 0));
  v_out := gongkai_insert_document(p_bytes, p_text, p_source, p_reports, p_parser_version);
  PERFORM gongkai_apply_summaries(v_out->'reports');
  RETURN v_out;
END;
$$;

-- The bulk import's common case, set-based: a group of new documents whose reports each go to
-- their own agency and year, stored with one statement per table instead of ~10 per report
-- (measured on 3,000 generated reports replayed in groups of 64: Postgres CPU 1.70–1.77 → 1.47–1.64
-- ms/report; what is left is mostly rows and index entries, agency_span's above all). Returns NULL,
-- having written nothing, when the group is not that case (a document already stored or twice
-- in the group, two reports of one agency and year, a name that leads to another agency, a
-- correction): gongkai_store_documents then stores it document by document, as before. The
-- caller holds the text-hash and agency locks. Each document comes out as gongkai_insert_document
-- would return it; the reports in the order of their document.
CREATE OR REPLACE FUNCTION gongkai_store_group(p_bytes bytea[], p_texts text[], p_sources jsonb, p_reports jsonb, p_parser_version text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_upload_day date;
  v_out jsonb;
BEGIN
  -- A session's scratch tables (emptied at every commit): one row per document, one per report.
  IF to_regclass('pg_temp.gongkai_group_doc') IS NULL THEN
    CREATE TEMP TABLE gongkai_group_doc (i int, source jsonb, source_id int) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE gongkai_group_report (doc int, idx int, r jsonb, agency_id int, year int, redirect boolean, report_id int,
      version int, current_id int, current_version int, unchanged boolean) ON COMMIT DELETE ROWS;
  END IF;
  DELETE FROM gongkai_group_doc;
  DELETE FROM gongkai_group_report;

  -- A source is stored only whole (as gongkai_insert_document checks it).
  IF EXISTS (SELECT 1 FROM ROWS FROM (unnest(p_bytes), jsonb_array_elements(p_sources)) AS u(bytes, source)
      WHERE encode(sha256(bytes), 'hex') <> source->>'sha256' OR (source ? 'byte_size' AND octet_length(bytes) <> (source->>'byte_size')::bigint)) THEN
    RAISE EXCEPTION 'gongkai: source bytes do not match their sha256 or length' USING ERRCODE = 'GK001';
  END IF;
  INSERT INTO gongkai_group_doc (i, source) SELECT i, source FROM jsonb_array_elements(p_sources) WITH ORDINALITY AS u(source, i);
  -- Content seen before, or twice here: the duplicate is told document by document.
  IF (SELECT count(DISTINCT source->>'sha256') < count(*) OR count(DISTINCT source->>'text_sha256') < count(*) FROM gongkai_group_doc)
     OR EXISTS (SELECT 1 FROM source WHERE sha256 = ANY(ARRAY(SELECT (source->>'sha256')::bpchar FROM gongkai_group_doc)))
     OR EXISTS (SELECT 1 FROM source WHERE text_sha256 = ANY(ARRAY(SELECT (source->>'text_sha256')::bpchar FROM gongkai_group_doc))) THEN
    RETURN NULL;
  END IF;

  -- Each report's agency, and the version in force of its year (if any) and the next version number.
  INSERT INTO gongkai_group_report (doc, idx, r, agency_id, year, redirect, version, current_id, current_version, unchanged)
  SELECT d.i, e.j - 1, e.r, coalesce(a.merged_into, a.id, al.agency_id), (e.r->>'year')::int,
    a.merged_into IS NOT NULL OR al.agency_id IS NOT NULL OR e.r ? 'correction',
    c.version, c.current_id, c.current_version, c.current_id IS NOT NULL AND c.current_sha = e.r->>'numbers_sha256'
  FROM jsonb_array_elements(p_reports) WITH ORDINALITY AS d(reports, i)
  CROSS JOIN LATERAL jsonb_array_elements(d.reports) WITH ORDINALITY AS e(r, j)
  LEFT JOIN agency a ON a.key = e.r->>'key'
  LEFT JOIN agency_alias al ON a.id IS NULL AND al.key = e.r->>'key'
  CROSS JOIN LATERAL (SELECT coalesce(max(version), 0) + 1 AS version, (array_agg(id) FILTER (WHERE in_force))[1] AS current_id,
      (array_agg(version) FILTER (WHERE in_force))[1] AS current_version, (array_agg(numbers_sha256) FILTER (WHERE in_force))[1] AS current_sha
    FROM report WHERE agency_id = a.id AND year = (e.r->>'year')::int) c;
  IF EXISTS (SELECT 1 FROM gongkai_group_report WHERE redirect OR agency_id IS NULL)
     OR (SELECT count(DISTINCT (agency_id, year)) < count(*) FROM gongkai_group_report) THEN
    DELETE FROM gongkai_group_doc;
    DELETE FROM gongkai_group_report;
    RETURN NULL;
  END IF;

  -- Ids in document order, as one statement per document would have taken them.
  UPDATE gongkai_group_doc g SET source_id = n.id FROM (SELECT i, nextval('source_id_seq') AS id FROM (SELECT i FROM gongkai_group_doc ORDER BY i) o) n WHERE g.i = n.i;
  UPDATE gongkai_group_report g SET report_id = n.id
  FROM (SELECT doc, idx, nextval('report_id_seq') AS id FROM (SELECT doc, idx FROM gongkai_group_report WHERE NOT unchanged ORDER BY doc, idx) o) n
  WHERE g.doc = n.doc AND g.idx = n.idx;

  INSERT INTO source (id, sha256, text_sha256, file_name, format, encoding, byte_size, bytes, text, source_url, page_url, fetched_at, http_headers)
  SELECT d.source_id, d.source->>'sha256', d.source->>'text_sha256', d.source->>'file_name', d.source->>'format', d.source->>'encoding',
    octet_length(u.bytes), u.bytes, u.text, d.source->>'source_url', d.source->>'page_url',
    (d.source->>'fetched_at')::timestamptz AT TIME ZONE 'UTC', d.source->'http_headers'
  FROM ROWS FROM (unnest(p_bytes), unnest(p_texts)) WITH ORDINALITY AS u(bytes, text, i) JOIN gongkai_group_doc d ON d.i = u.i ORDER BY u.i;
  -- A report whose document states no date is dated by the day its source was uploaded (in China's time).
  SELECT (uploaded_at AT TIME ZONE current_setting('TimeZone') AT TIME ZONE 'Asia/Shanghai')::date INTO v_upload_day
  FROM source WHERE id = (SELECT min(source_id) FROM gongkai_group_doc);

  UPDATE report SET in_force = false WHERE id = ANY(ARRAY(SELECT current_id FROM gongkai_group_report WHERE NOT unchanged AND current_id IS NOT NULL));
  INSERT INTO report (id, agency_id, region_code, level, year, version, in_force, source_id, source_index,
    span_start, span_end, parser_version, numbers_sha256, table4, table2, finding_count, review_severity, kind,
    new_received, carried_over, granted, partially_granted, denied, unable, not_processed, other_outcome,
    total_processed, carried_forward, review_total, litigation_total, published_on, published_from, ocr)
  SELECT g.report_id, g.agency_id, g.r->>'region_code', (g.r->>'level')::"Level", g.year, g.version, true, d.source_id, g.idx,
    x.span_start, x.span_end, p_parser_version, g.r->>'numbers_sha256', x.table4, x.table2, x.finding_count,
    gongkai_review_severity(ARRAY(SELECT f->>'code' FROM jsonb_array_elements(g.r->'findings') f), g.r->>'region_code' IS NULL,
      g.r->'table3' @? '$[*].provenance.* ? (@ == "prose")'),
    'parsed', x.new_received, x.carried_over, x.granted, x.partially_granted, x.denied, x.unable, x.not_processed, x.other_outcome,
    x.total_processed, x.carried_forward, x.review_total, x.litigation_total,
    coalesce(x.published_on, v_upload_day), CASE WHEN x.published_on IS NULL THEN 'upload' ELSE coalesce(x.published_from, 'header') END, x.ocr
  FROM gongkai_group_report g JOIN gongkai_group_doc d ON d.i = g.doc
  CROSS JOIN LATERAL jsonb_populate_record(NULL::report, g.r->'row') x
  WHERE NOT g.unchanged ORDER BY g.report_id;
  INSERT INTO table3_row (report_id, row, natural_person, commercial, research, social_org, legal_service, other_org, total, provenance)
  SELECT g.report_id, x.* FROM gongkai_group_report g
  CROSS JOIN LATERAL jsonb_to_recordset(g.r->'table3')
    AS x(row text, natural_person int, commercial int, research int, social_org int, legal_service int, other_org int, total int, provenance jsonb)
  WHERE NOT g.unchanged ORDER BY g.report_id;
  INSERT INTO finding (report_id, code, message, evidence, cells)
  SELECT g.report_id, x.code, x.message, x.evidence, x.cells FROM gongkai_group_report g
  CROSS JOIN LATERAL ROWS FROM (jsonb_to_recordset(g.r->'findings') AS (code text, message text, evidence text, cells text[])) WITH ORDINALITY AS x(code, message, evidence, cells, n)
  WHERE NOT g.unchanged ORDER BY g.report_id, x.n;
  -- Carry breaks the parser found within a document, counted as they arrive (as in gongkai_insert_reports).
  PERFORM gongkai_region_year_carry(ARRAY(SELECT g.report_id FROM gongkai_group_report g
    WHERE NOT g.unchanged AND g.r->'findings' @> '[{"code": "carry_mismatch"}]' ORDER BY g.report_id), 1);
  -- The carry-over pairs around each new report (all of the group's are in force by now; each
  -- pair's findings are recomputed from the reports, so the order does not matter). Only where
  -- the agency has a report in force in the year before or after: gongkai_refresh_carry has
  -- nothing to do anywhere else.
  PERFORM gongkai_refresh_carry(g.agency_id, g.year) FROM gongkai_group_report g
  WHERE NOT g.unchanged AND EXISTS (SELECT 1 FROM report r WHERE r.agency_id = g.agency_id AND r.in_force
    AND r.year BETWEEN g.year - 1 AND g.year + 1 AND r.id <> g.report_id)
  ORDER BY g.report_id;

  SELECT jsonb_agg(jsonb_build_object('status', 'stored', 'sourceId', d.source_id, 'reports', coalesce((
    SELECT jsonb_agg(CASE WHEN g.unchanged
      THEN jsonb_build_object('status', 'unchanged', 'reportId', g.current_id, 'agencyId', g.agency_id, 'agency', g.r->>'agency', 'year', g.year, 'version', g.current_version)
      ELSE jsonb_build_object('status', CASE WHEN g.current_id IS NULL THEN 'stored' ELSE 'new_version' END, 'reportId', g.report_id, 'agencyId', g.agency_id,
        'agency', a.name, 'year', g.year, 'version', g.version, 'replaced', g.current_id, 'replacedAgencyId', NULL::int) END ORDER BY g.idx)
    FROM gongkai_group_report g JOIN agency a ON a.id = g.agency_id WHERE g.doc = d.i), '[]')) ORDER BY d.i)
  INTO v_out FROM gongkai_group_doc d;
  RETURN v_out;
END;
$$;

-- The bulk import's path: several documents in one transaction (one round trip, one commit, the
-- summaries updated once), each stored as gongkai_store_document would. Locks are taken up front
-- in one order (text hashes, then agencies), so concurrent imports cannot deadlock. If anything
-- fails, nothing of the group is stored and the importer stores its documents one by one, so a
-- bad document fails alone. p_sources[i], p_reports[i] (jsonb arrays) go with p_bytes[i], p_texts[i].
CREATE OR REPLACE FUNCTION gongkai_store_documents(p_bytes bytea[], p_texts text[], p_sources jsonb, p_reports jsonb, p_parser_version text)
RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  v_docs jsonb[] := '{}';
  v_doc jsonb;
  v_all jsonb[] := '{}';
  v_row record;
BEGIN
  PERFORM pg_advisory_xact_lock(h)
  FROM (SELECT DISTINCT hashtextextended(s->>'text_sha256', 0) AS h FROM jsonb_array_elements(p_sources) s ORDER BY 1) x;
  PERFORM gongkai_lock_agencies((SELECT coalesce(jsonb_agg(jsonb_build_object('agency', r->'agency', 'key', r->'key', 'region_code', r->'region_code', 'level', r->'level') ORDER BY d.i, e.j), '[]') FROM jsonb_array_elements(p_reports) WITH ORDINALITY AS d(doc, i),
    jsonb_array_elements(d.doc) WITH ORDINALITY AS e(r, j)));
  v_docs := ARRAY(SELECT jsonb_array_elements(gongkai_store_group(p_bytes, p_texts, p_sources, p_reports, p_parser_version)));
  IF cardinality(v_docs) > 0 THEN -- stored set-based
    PERFORM gongkai_apply_summaries((SELECT jsonb_agg(r) FROM unnest(v_docs) d, jsonb_array_elements(d->'reports') r));
    RETURN to_jsonb(v_docs);
  END IF;
  -- One pass over the documents as rows: p_bytes[i] in a loop walks the array from its start
  -- each time, and jsonb || grows a copy per document (measured: a third of the group's time).
  FOR v_row IN SELECT * FROM ROWS FROM (unnest(p_bytes), unnest(p_texts), jsonb_array_elements(p_sources), jsonb_array_elements(p_reports))
    WITH ORDINALITY AS u(bytes, text, source, reports, i) ORDER BY i
  LOOP
    v_doc := gongkai_insert_document(v_row.bytes, v_row.text, v_row.source, v_row.reports, p_parser_version, true);
    v_docs := array_append(v_docs, v_doc);
    IF v_doc->>'status' = 'stored' THEN v_all := v_all || ARRAY(SELECT jsonb_array_elements(v_doc->'reports')); END IF;
  END LOOP;
  PERFORM gongkai_apply_summaries(to_jsonb(v_all));
  RETURN to_jsonb(v_docs);
END;
$$;

-- gongkai_store_documents with its bytes and texts each packed in one bytea (UTF-8 for the texts)
-- with the lengths of its parts: the bulk import's form. A bytea travels as it is (binary), where
-- a bytea[] or text[] is written out and read back as an escaped literal — hex for every byte
-- (measured: ~0.15 ms a document in the importer, and as much again here to read it back).
CREATE OR REPLACE FUNCTION gongkai_store_packed(p_bytes bytea, p_byte_lengths int[], p_texts bytea, p_text_lengths int[],
  p_sources jsonb, p_reports jsonb, p_parser_version text)
RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
  RETURN gongkai_store_documents(
    ARRAY(SELECT substring(p_bytes FROM (sum(n) OVER w - n + 1)::int FOR n) FROM unnest(p_byte_lengths) WITH ORDINALITY AS u(n, i) WINDOW w AS (ORDER BY i) ORDER BY i),
    ARRAY(SELECT convert_from(substring(p_texts FROM (sum(n) OVER w - n + 1)::int FOR n), 'UTF8') FROM unnest(p_text_lengths) WITH ORDINALITY AS u(n, i) WINDOW w AS (ORDER BY i) ORDER BY i),
    p_sources, p_reports, p_parser_version);
END;
$$;

-- Databases made before agency_span get their spans once, when this file is applied.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM agency_span_window) AND EXISTS (SELECT 1 FROM agency WHERE reports_in_force > 0) THEN
    PERFORM gongkai_agency_spans(ARRAY(SELECT id FROM agency WHERE reports_in_force > 0 ORDER BY id));
  END IF;
END;
$$;
