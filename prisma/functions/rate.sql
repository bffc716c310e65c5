-- The upload rate limit (lib/ingest/guard.ts), counted per file in a sliding minute, shared by
-- every server process. Applied after the migrations whenever this file changes; re-runnable.

-- Takes p_files uploads for p_client when the last minute's count leaves room under p_limit
-- (true), else takes nothing (false). One client at a time (an advisory lock on its name), so
-- two requests at once cannot both take the last places.
CREATE OR REPLACE FUNCTION gongkai_rate_take(p_client text, p_files int, p_limit int) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_used bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('gongkai_rate:' || p_client, 0));
  DELETE FROM upload_hit WHERE at < now() - interval '1 minute';
  SELECT coalesce(sum(files), 0) INTO v_used FROM upload_hit WHERE client = p_client AND at >= now() - interval '1 minute';
  IF v_used + p_files > p_limit THEN RETURN false; END IF;
  INSERT INTO upload_hit (client, files) VALUES (p_client, p_files);
  RETURN true;
END;
$$;
