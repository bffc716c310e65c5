// Test helpers: point the app's Prisma client at the test database and empty it between files.
import { inject } from "vitest";
import { getPrisma } from "@/lib/db/client";

export function testPrisma() {
  process.env.DATABASE_URL = inject("databaseUrl");
  return getPrisma();
}

export async function emptyDatabase() {
  const prisma = testPrisma();
  await prisma.$executeRawUnsafe("TRUNCATE finding, table3_row, report, source, agency, region_year RESTART IDENTITY CASCADE");
}
