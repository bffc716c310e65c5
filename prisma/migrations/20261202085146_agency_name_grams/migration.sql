-- Written by hand (a Prisma schema cannot express an expression index): the name search
-- ("公安局" anywhere in the name) by an index. pg_trgm finds no trigrams in Chinese under the
-- database's C ctype, so the names' two-character pieces are indexed instead: a word of two
-- characters or more is looked up by its pieces (GIN containment), then checked with LIKE.
--
-- The function defines the index, so it lives here rather than in prisma/functions: changing
-- it would leave the index wrong — a change is a new function and index in a new migration.
CREATE FUNCTION gongkai_name_grams(p text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(p, i, 2)), '{}') FROM generate_series(1, char_length(p) - 1) AS i
$$;

CREATE INDEX "agency_name_grams_idx" ON "agency" USING gin (gongkai_name_grams("name"));
