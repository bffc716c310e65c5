-- Agencies merged and renamed by hand (the review pages, lib/review/agencies.ts). Applied after
-- the migrations like ingest.sql (edited in place, every statement re-runnable). Each function is
-- one statement, so one transaction: the reports, the roll-ups and the carry check move together.

-- Merges agency p_from into p_into: every report of p_from becomes a report of p_into (its
-- versions numbered after p_into's for the same year, region and level those of p_into); where
-- both have a report in force for a year, the one imported later stays in force. p_from's name
-- leads later uploads to p_into (agency.merged_into), and so do agencies merged into p_from
-- before. What was changed is kept in agency_merge.moves, so gongkai_undo_merge can put it back.
-- Returns the merge's id. Errors (SQLSTATE GK422) say why in the message's first word.
CREATE OR REPLACE FUNCTION gongkai_merge_agencies(p_from int, p_into int, p_by text, p_reason text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_from agency%ROWTYPE;
  v_into agency%ROWTYPE;
  v_touched int[];
  v_moves jsonb;
  v_redirected int[];
  v_aliases text[];
  v_year int;
  v_base int;
  v_keep int;
  v_merge int;
BEGIN
  IF p_from = p_into THEN RAISE EXCEPTION 'same_agency' USING ERRCODE = 'GK422'; END IF;
  PERFORM 1 FROM agency WHERE id IN (p_from, p_into) ORDER BY id FOR UPDATE;
  SELECT * INTO v_from FROM agency WHERE id = p_from;
  SELECT * INTO v_into FROM agency WHERE id = p_into;
  IF v_from.id IS NULL OR v_into.id IS NULL THEN RAISE EXCEPTION 'agency_not_found' USING ERRCODE = 'GK422'; END IF;
  IF v_from.merged_into IS NOT NULL OR v_into.merged_into IS NOT NULL THEN RAISE EXCEPTION 'already_merged' USING ERRCODE = 'GK422'; END IF;

  -- Every report of p_from, and p_into's in the years p_from has.
  SELECT array_agg(id ORDER BY id), jsonb_agg(jsonb_build_object('id', id, 'agency_id', agency_id, 'version', version, 'in_force', in_force,
      'region_code', region_code, 'level', level) ORDER BY id)
  INTO v_touched, v_moves
  FROM report WHERE agency_id = p_from OR (agency_id = p_into AND year IN (SELECT year FROM report WHERE agency_id = p_from));
  v_touched := coalesce(v_touched, '{}');

  PERFORM gongkai_region_year_add('{}', ARRAY(SELECT id FROM report WHERE id = ANY(v_touched) AND in_force));
  FOR v_year IN SELECT DISTINCT year FROM report WHERE agency_id = p_from ORDER BY 1 LOOP
    SELECT coalesce(max(version), 0) INTO v_base FROM report WHERE agency_id = p_into AND year = v_year;
    SELECT id INTO v_keep FROM report WHERE agency_id IN (p_from, p_into) AND year = v_year AND in_force ORDER BY imported_at DESC, id DESC LIMIT 1;
    UPDATE report SET agency_id = p_into, version = version + v_base, region_code = v_into.region_code, level = v_into.level
    WHERE agency_id = p_from AND year = v_year;
    UPDATE report SET in_force = (id = v_keep) WHERE agency_id = p_into AND year = v_year AND in_force AND id <> v_keep;
  END LOOP;
  PERFORM gongkai_region_year_add(ARRAY(SELECT id FROM report WHERE id = ANY(v_touched) AND in_force), '{}');

  SELECT coalesce(array_agg(id), '{}') INTO v_redirected FROM agency WHERE merged_into = p_from;
  UPDATE agency SET merged_into = p_into WHERE id = p_from OR merged_into = p_from;
  SELECT coalesce(array_agg(key), '{}') INTO v_aliases FROM agency_alias WHERE agency_id = p_from;
  UPDATE agency_alias SET agency_id = p_into WHERE agency_id = p_from;

  PERFORM gongkai_recheck_carry(p_into, v_touched);
  PERFORM gongkai_agency_summary(ARRAY[least(p_from, p_into), greatest(p_from, p_into)]);

  INSERT INTO agency_merge (into_id, from_id, by, reason, moves)
  VALUES (p_into, p_from, p_by, p_reason, jsonb_build_object('reports', coalesce(v_moves, '[]'), 'redirected', to_jsonb(v_redirected), 'aliases', to_jsonb(v_aliases)))
  RETURNING id INTO v_merge;
  RETURN v_merge;
END;
$$;

-- Carry findings of the reports p_touched taken away and checked again for every year of the
-- agencies p_agencies (after reports moved between agencies), with the counts brought up to date.
CREATE OR REPLACE FUNCTION gongkai_recheck_carry(p_agency int, p_touched int[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_year int;
BEGIN
  DELETE FROM finding WHERE code = 'carry_mismatch' AND report_id IN (
    SELECT id FROM report WHERE id = ANY(p_touched) OR (agency_id = p_agency AND in_force));
  FOR v_year IN SELECT DISTINCT year FROM report WHERE agency_id = p_agency AND in_force ORDER BY 1 LOOP
    PERFORM gongkai_refresh_carry(p_agency, v_year);
  END LOOP;
  PERFORM gongkai_recount_findings(ARRAY(SELECT id FROM report WHERE id = ANY(p_touched) OR (agency_id = p_agency AND in_force)));
END;
$$;

-- Undoes merge p_merge: the reports it moved go back to their agency, versions and force as they
-- were; the names it redirected lead to their own agency again. Refused (GK422 merge_changed) when
-- a version was stored for one of the moved years after the merge, since putting the old ones back
-- would hide it.
CREATE OR REPLACE FUNCTION gongkai_undo_merge(p_merge int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m agency_merge%ROWTYPE;
  v_touched int[];
BEGIN
  SELECT * INTO m FROM agency_merge WHERE id = p_merge FOR UPDATE;
  IF m.id IS NULL THEN RAISE EXCEPTION 'merge_not_found' USING ERRCODE = 'GK422'; END IF;
  IF m.undone_at IS NOT NULL THEN RAISE EXCEPTION 'already_undone' USING ERRCODE = 'GK422'; END IF;
  PERFORM 1 FROM agency WHERE id IN (m.from_id, m.into_id) ORDER BY id FOR UPDATE;
  SELECT coalesce(array_agg((x->>'id')::int), '{}') INTO v_touched FROM jsonb_array_elements(m.moves->'reports') x;
  IF EXISTS (SELECT 1 FROM report WHERE agency_id = m.into_id AND imported_at > m.at AND NOT id = ANY(v_touched)
      AND year IN (SELECT year FROM report WHERE id = ANY(v_touched))) THEN
    RAISE EXCEPTION 'merge_changed' USING ERRCODE = 'GK422';
  END IF;

  PERFORM gongkai_region_year_add('{}', ARRAY(SELECT id FROM report WHERE id = ANY(v_touched) AND in_force));
  -- Two steps, so no (agency, year, version) is held twice in between.
  UPDATE report r SET version = -r.id WHERE r.id = ANY(v_touched) AND r.agency_id <> (SELECT (x->>'agency_id')::int FROM jsonb_array_elements(m.moves->'reports') x WHERE (x->>'id')::int = r.id);
  UPDATE report r SET agency_id = x.agency_id, version = x.version, in_force = x.in_force, region_code = x.region_code, level = x.level::"Level"
  FROM jsonb_to_recordset(m.moves->'reports') AS x(id int, agency_id int, version int, in_force boolean, region_code text, level text)
  WHERE r.id = x.id;
  PERFORM gongkai_region_year_add(ARRAY(SELECT id FROM report WHERE id = ANY(v_touched) AND in_force), '{}');

  UPDATE agency SET merged_into = NULL WHERE id = m.from_id;
  UPDATE agency SET merged_into = m.from_id WHERE id IN (SELECT (jsonb_array_elements_text(m.moves->'redirected'))::int);
  UPDATE agency_alias SET agency_id = m.from_id WHERE key IN (SELECT jsonb_array_elements_text(m.moves->'aliases'));

  PERFORM gongkai_recheck_carry(m.into_id, v_touched);
  PERFORM gongkai_recheck_carry(m.from_id, v_touched);
  PERFORM gongkai_agency_summary(ARRAY[least(m.from_id, m.into_id), greatest(m.from_id, m.into_id)]);
  UPDATE agency_merge SET undone_at = now() WHERE id = p_merge;
END;
$$;

-- Renames agency p_id to p_name (same region). The old name becomes an alias, so uploads under it
-- still land here. Refused (GK422 name_taken:<id>) when another agency of the region has the name:
-- that is a merge.
CREATE OR REPLACE FUNCTION gongkai_rename_agency(p_id int, p_name text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  a agency%ROWTYPE;
  v_key text;
  v_other int;
BEGIN
  SELECT * INTO a FROM agency WHERE id = p_id FOR UPDATE;
  IF a.id IS NULL THEN RAISE EXCEPTION 'agency_not_found' USING ERRCODE = 'GK422'; END IF;
  v_key := p_name || '|' || coalesce(trim(a.region_code), '');
  IF v_key = a.key THEN RETURN; END IF;
  SELECT id INTO v_other FROM agency WHERE key = v_key;
  IF v_other IS NOT NULL THEN RAISE EXCEPTION 'name_taken:%', v_other USING ERRCODE = 'GK422'; END IF;
  DELETE FROM agency_alias WHERE key = v_key; -- renamed back to an old name
  INSERT INTO agency_alias (key, agency_id) VALUES (a.key, a.id) ON CONFLICT (key) DO UPDATE SET agency_id = EXCLUDED.agency_id;
  UPDATE agency SET name = p_name, key = v_key WHERE id = p_id;
  UPDATE agency_span SET name = p_name WHERE agency_id = p_id;
END;
$$;
