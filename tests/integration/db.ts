// Test helpers: point the app's Prisma client at the test database and empty it between files.
import { inject } from "vitest";
import { getPrisma } from "@/lib/db/client";

export function testPrisma() {
  process.env.DATABASE_URL = inject("databaseUrl");
  return getPrisma();
}

export async function emptyDatabase() {
  const prisma = testPrisma();
  await prisma.$executeRawUnsafe("TRUNCATE finding, table3_row, report, source, agency, region_year, fetched_url RESTART IDENTITY CASCADE");
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
