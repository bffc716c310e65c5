-- Table-3 cells may be NULL: a cell the parser could not read is stored empty, never as 0.
-- The two provenance arrays (inferred, derived) become one map column → kind, which also holds
-- the newer kinds (split, prose, ocr, corrected). Existing marks are carried over.
ALTER TABLE "table3_row" ADD COLUMN "provenance" JSONB NOT NULL DEFAULT '{}';

UPDATE "table3_row" SET "provenance" =
  COALESCE((SELECT jsonb_object_agg(c, 'inferred') FROM unnest("inferred") c), '{}'::jsonb)
  || COALESCE((SELECT jsonb_object_agg(c, 'derived') FROM unnest("derived") c), '{}'::jsonb)
WHERE cardinality("inferred") > 0 OR cardinality("derived") > 0;

ALTER TABLE "table3_row" DROP COLUMN "derived",
DROP COLUMN "inferred",
ALTER COLUMN "natural_person" DROP NOT NULL,
ALTER COLUMN "commercial" DROP NOT NULL,
ALTER COLUMN "research" DROP NOT NULL,
ALTER COLUMN "social_org" DROP NOT NULL,
ALTER COLUMN "legal_service" DROP NOT NULL,
ALTER COLUMN "other_org" DROP NOT NULL,
ALTER COLUMN "total" DROP NOT NULL;

-- Table 4 as a JSON array of 15 cells, so that a cell can be null (Prisma cannot read NULL
-- elements of an int[]); NULL when the report has no table 4 (was an empty array).
ALTER TABLE "report" ALTER COLUMN "table4" DROP DEFAULT;
ALTER TABLE "report" ALTER COLUMN "table4" DROP NOT NULL;
ALTER TABLE "report" ALTER COLUMN "table4" TYPE JSONB
  USING (CASE WHEN cardinality("table4") = 15 THEN to_jsonb("table4") END);
