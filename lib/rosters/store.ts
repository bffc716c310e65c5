// Rosters in the database: an import replaces a region's roster in one transaction (all rows or
// none); agencies on it that no report named yet are created, so each has a page ("no report yet").
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RosterRow } from "./schema";

const asJson = (rows: RosterRow[]) =>
  JSON.stringify(rows.map((r) => ({ name: r.name, region_code: r.regionCode, level: r.level, aliases: r.aliases, parent: r.parent })));

/** Creates the agencies of `rows` that do not exist and adds the rows to roster `rosterId`. */
async function insertEntries(tx: Pick<PrismaClient, "$executeRaw">, rosterId: number, rows: RosterRow[]) {
  const json = asJson(rows);
  // Agencies in key order (as ingest locks them), so an import and an upload cannot deadlock.
  await tx.$executeRaw`
    INSERT INTO agency (name, key, region_code, level)
    SELECT x.name, x.name || '|' || x.region_code, x.region_code, x.level
    FROM jsonb_to_recordset(${json}::jsonb) AS x(name text, region_code text, level "Level")
    ORDER BY 2
    ON CONFLICT (key) DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO roster_entry (roster_id, agency_id, name, region_code, level, aliases, parent)
    SELECT ${rosterId}, a.id, x.name, x.region_code, x.level, x.aliases, x.parent
    FROM jsonb_to_recordset(${json}::jsonb) AS x(name text, region_code text, level "Level", aliases text[], parent text)
    JOIN agency a ON a.key = x.name || '|' || x.region_code
    ON CONFLICT (roster_id, agency_id) DO UPDATE SET aliases = excluded.aliases, parent = excluded.parent, level = excluded.level`;
}

/** Replaces the roster of `regionCode` by `rows`. Returns the roster's id and its size. */
export async function importRoster(prisma: PrismaClient, regionCode: string, fileName: string | null, rows: RosterRow[]) {
  return prisma.$transaction(async (tx) => {
    const [roster] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO roster (region_code, file_name) VALUES (${regionCode}, ${fileName})
      ON CONFLICT (region_code) DO UPDATE SET file_name = excluded.file_name, imported_at = now(), updated_at = now()
      RETURNING id`;
    await tx.$executeRaw`DELETE FROM roster_entry WHERE roster_id = ${roster.id}`;
    await insertEntries(tx, roster.id, rows);
    const [{ n }] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM roster_entry WHERE roster_id = ${roster.id}`;
    return { id: roster.id, entries: n };
  });
}

/** Adds one agency to the roster of `regionCode` (created empty when there is none). */
export async function addRosterEntry(prisma: PrismaClient, regionCode: string, row: RosterRow) {
  return prisma.$transaction(async (tx) => {
    const [roster] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO roster (region_code) VALUES (${regionCode})
      ON CONFLICT (region_code) DO UPDATE SET updated_at = now() RETURNING id`;
    await insertEntries(tx, roster.id, [row]);
  });
}

export async function removeRosterEntry(prisma: PrismaClient, entryId: number) {
  await prisma.$executeRaw`UPDATE roster SET updated_at = now() WHERE id = (SELECT roster_id FROM roster_entry WHERE id = ${entryId})`;
  await prisma.$executeRaw`DELETE FROM roster_entry WHERE id = ${entryId}`;
}

/** Removes a region's roster: the default roster applies there again. */
export async function removeRoster(prisma: PrismaClient, regionCode: string) {
  await prisma.$executeRaw`DELETE FROM roster WHERE region_code = ${regionCode}`;
}
