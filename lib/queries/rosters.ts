// Reads of the rosters (lib/rosters writes them).
import { getPrisma } from "@/lib/db/client";
import { regionInfo, regionName, type RegionInfo } from "./scope";

export interface RosterSummary {
  region: RegionInfo;
  fileName: string | null;
  importedAt: Date;
  updatedAt: Date;
  entries: number;
}

export interface RosterEntryRow {
  id: number;
  agencyId: number;
  name: string;
  regionCode: string;
  regionName: string;
  level: string | null;
  aliases: string[];
  parent: string | null;
  /** Years it has a report in force for (under its own name). */
  years: number[];
}

export async function listRosters(): Promise<RosterSummary[]> {
  const rows = await getPrisma().$queryRaw<{ region_code: string; file_name: string | null; imported_at: Date; updated_at: Date; n: number }[]>`
    SELECT r.region_code, r.file_name, r.imported_at, r.updated_at, (SELECT count(*)::int FROM roster_entry e WHERE e.roster_id = r.id) AS n
    FROM roster r ORDER BY r.region_code`;
  return rows
    .map((r) => ({ region: regionInfo(r.region_code.trim())!, fileName: r.file_name, importedAt: r.imported_at, updatedAt: r.updated_at, entries: r.n }))
    .filter((r) => r.region);
}

export async function getRoster(regionCode: string): Promise<{ summary: RosterSummary | null; entries: RosterEntryRow[] }> {
  const all = await listRosters();
  const summary = all.find((r) => r.region.code === regionCode) ?? null;
  if (!summary) return { summary: null, entries: [] };
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT e.id, e.agency_id, e.name, e.region_code, e.level::text AS level, e.aliases, e.parent, a.years_in_force AS years
    FROM roster_entry e JOIN roster r ON r.id = e.roster_id JOIN agency a ON a.id = e.agency_id
    WHERE r.region_code = ${regionCode} ORDER BY e.region_code, e.name, e.id`;
  return {
    summary,
    entries: rows.map((r) => ({
      id: Number(r.id),
      agencyId: Number(r.agency_id),
      name: String(r.name),
      regionCode: String(r.region_code).trim(),
      regionName: regionName(String(r.region_code).trim()),
      level: (r.level as string | null) ?? null,
      aliases: (r.aliases as string[] | null) ?? [],
      parent: (r.parent as string | null) ?? null,
      years: ((r.years as number[] | null) ?? []).map(Number),
    })),
  };
}

/** The rosters an agency is on (its page says so, also when it has no report yet). */
export async function rostersOfAgency(agencyId: number): Promise<RegionInfo[]> {
  const rows = await getPrisma().$queryRaw<{ code: string }[]>`
    SELECT r.region_code AS code FROM roster_entry e JOIN roster r ON r.id = e.roster_id WHERE e.agency_id = ${agencyId} ORDER BY 1`;
  return rows.map((r) => regionInfo(r.code.trim())).filter((r): r is RegionInfo => !!r);
}
