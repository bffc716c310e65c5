// Test helpers: point the app's Prisma client at the test database and empty it between files.
import pg from "pg";
import { inject } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { rebuildAggregates } from "@/lib/ingest/aggregates";

export function testPrisma() {
  process.env.DATABASE_URL = inject("databaseUrl");
  return getPrisma();
}

export async function emptyDatabase() {
  const prisma = testPrisma();
  await prisma.$executeRawUnsafe("TRUNCATE roster_entry, roster, finding, table3_row, report, source, agency, region_year, region_year_finding, region_agency_year, fetched_url, agency_alias, agency_merge, agency_span, agency_span_window, region_year_review, agency_span_count RESTART IDENTITY CASCADE");
}

/**
 * Makes the database refuse table-3 rows of the reports matching `reportWhere` (SQL on `report`),
 * to fail a store half-way: after its source, agency and earlier reports are written. Returns
 * the undo.
 */
export async function refuseTable3RowsOf(reportWhere: string): Promise<() => Promise<void>> {
  const prisma = testPrisma();
  await prisma.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM report WHERE id = NEW.report_id AND ${reportWhere}) THEN RAISE EXCEPTION 'refused for the test'; END IF;
      RETURN NEW;
    END $$`);
  await prisma.$executeRawUnsafe("CREATE TRIGGER refuse_for_test BEFORE INSERT ON table3_row FOR EACH ROW EXECUTE FUNCTION refuse_for_test()");
  return async () => void (await prisma.$executeRawUnsafe("DROP TRIGGER IF EXISTS refuse_for_test ON table3_row"));
}

const SNAPSHOT = `
  SELECT json_build_object(
    'regionYear', (SELECT coalesce(json_agg(y ORDER BY y.region_code, y.year), '[]') FROM region_year y WHERE y.reports <> 0),
    'findings', (SELECT coalesce(json_agg(f ORDER BY f.region_code, f.year, f.code), '[]') FROM region_year_finding f WHERE f.reports <> 0),
    'agencies', (SELECT json_agg(json_build_object('id', a.id, 'n', a.reports_in_force, 'years', a.years_in_force, 'nr', a.sum_new_received,
      'g', a.sum_granted, 'd', a.sum_denied, 'tp', a.sum_total_processed, 'lit', a.sum_litigation_total, 'roster', a.on_roster) ORDER BY a.id) FROM agency a),
    'review', (SELECT coalesce(json_agg(v ORDER BY v.region_code, v.year), '[]') FROM region_year_review v WHERE v.reports <> 0),
    'regionAgencies', (SELECT coalesce(json_agg(x ORDER BY x.region_code, x.year, x.last_year), '[]') FROM region_agency_year x WHERE x.agencies <> 0),
    'spans', (SELECT coalesce(json_agg(s ORDER BY s.y0, s.y1, s.agency_id), '[]') FROM agency_span s),
    'spanCounts', (SELECT coalesce(json_agg(c ORDER BY c.y0, c.y1), '[]') FROM agency_span_count c WHERE c.agencies <> 0),
    'spanWindow', (SELECT row_to_json(w) FROM agency_span_window w)
  ) AS s`;

/** The roll-ups as ingest left them, and as a rebuild from the reports makes them (rolled back). */
export async function maintainedAndRecomputed() {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const maintained = (await client.query(SNAPSHOT)).rows[0].s;
    await client.query("BEGIN");
    await rebuildAggregates(client);
    const recomputed = (await client.query(SNAPSHOT)).rows[0].s;
    await client.query("ROLLBACK");
    return { maintained, recomputed };
  } finally {
    await client.end();
  }
}

