// Rosters in the database: an import replaces a region's roster in one transaction (all rows or
// none); agencies on it that no report named yet are created, so each has a page ("no report yet").
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RosterRow } from "./schema";

const asJson = (rows: RosterRow[]) =>
  JSON.stringify(rows.map((r) => ({ name: r.name, region_code: r.regionCode, level: r.level, aliases: r.aliases, parent: r.parent })));

/**
 * Adds `rows` to roster `rosterId`. A row names its agency by name and region; a name that is an
 * old name (agency_alias, left by a rename) or an agency merged into another leads to the agency
 * that holds the reports now, as it does for uploads. Agencies no name leads to are created.
 */
async function insertEntries(tx: Pick<PrismaClient, "$executeRaw">, rosterId: number, rows: RosterRow[]) {
  const json = asJson(rows);
  // Agencies in key order (as ingest locks them), so an import and an upload cannot deadlock.
  await tx.$executeRaw`
    INSERT INTO agency (name, key, region_code, level)
    SELECT x.name, x.name || '|' || x.region_code, x.region_code, x.level
    FROM jsonb_to_recordset(${json}::jsonb) AS x(name text, region_code text, level "Level")
    WHERE NOT EXISTS (SELECT 1 FROM agency_alias al WHERE al.key = x.name || '|' || x.region_code)
    ORDER BY 2
    ON CONFLICT (key) DO NOTHING`;
  // Two rows leading to one agency (its old and new name both listed): the first is kept.
  await tx.$executeRaw`
    INSERT INTO roster_entry (roster_id, agency_id, name, region_code, level, aliases, parent)
    SELECT DISTINCT ON (t.agency_id) ${rosterId}, t.agency_id, t.name, t.region_code, t.level, t.aliases, t.parent
    FROM (
      SELECT coalesce(al.agency_id, a.merged_into, a.id) AS agency_id, x.*
      FROM ROWS FROM (jsonb_to_recordset(${json}::jsonb) AS (name text, region_code text, level "Level", aliases text[], parent text))
        WITH ORDINALITY AS x(name, region_code, level, aliases, parent, i)
      LEFT JOIN agency_alias al ON al.key = x.name || '|' || x.region_code
      LEFT JOIN agency a ON a.key = x.name || '|' || x.region_code
    ) t
    WHERE t.agency_id IS NOT NULL
    ORDER BY t.agency_id, t.i
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
