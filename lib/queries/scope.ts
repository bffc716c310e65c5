// SQL fragments shared by the dashboard's queries: which agencies (region, level, name) and which
// reports (in force, years) a page is about. Everything aggregates in Postgres over the
// denormalised headline columns of `report`; nothing loads all rows into JS.
import { Prisma } from "@/lib/generated/prisma/client";
import { getRegion, regionChain } from "@/lib/regions/lookup";
import { REGIONS, type Region } from "@/lib/regions/data";
import type { Level } from "@/lib/model/keys";

export interface Scope {
  region?: string | null;
  level?: Level | null;
  from?: number | null;
  to?: number | null;
  /** Part of the agency's name. */
  q?: string | null;
  /** Only agencies with a report in force that has something to review (/review). */
  flagged?: boolean | null;
}

/** All codes of a region and below as one range of six-digit codes (GB/T 2260 is a prefix code). */
export function regionBounds(code: string): [string, string] | null {
  const r = getRegion(code);
  if (!r) return null;
  if (r.level === "province") return [code.slice(0, 2) + "0000", code.slice(0, 2) + "9999"];
  if (r.level === "city") return [code.slice(0, 4) + "00", code.slice(0, 4) + "99"];
  return [code, code];
}

export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The words of a name search, split on any space (full-width too): "聊城 机关" → ["聊城", "机关"]. */
export const searchWords = (q: string): string[] => q.split(/[\s\u3000]+/u).filter(Boolean);

/** `a.name` contains every word of q, in any order; TRUE for an empty search. Words of two
 * characters or more are first looked up by their two-character pieces in the name index
 * (agency_name_grams_idx), so a search reads the names that may match, not all of them. */
export function nameMatches(q: string): Prisma.Sql {
  const words = searchWords(q);
  if (!words.length) return Prisma.sql`TRUE`;
  const like = words.map((w) => Prisma.sql`a.name LIKE ${likePattern(w)} ESCAPE '\\'`);
  const indexed = words.filter((w) => Array.from(w).length >= 2);
  const grams = indexed.map((w) => Prisma.sql`gongkai_name_grams(${w}::text)`);
  return Prisma.join(grams.length ? [Prisma.sql`gongkai_name_grams(a.name) @> (${Prisma.join(grams, " || ")})`, ...like] : like, " AND ");
}

/** `column` (a region code) within the region or below; an unknown code matches nothing rather than everything. */
export function inRegion(column: Prisma.Sql, code: string): Prisma.Sql {
  const b = regionBounds(code);
  return b ? Prisma.sql`${column} BETWEEN ${b[0]} AND ${b[1]}` : Prisma.sql`FALSE`;
}

/** Conditions on `agency a`; TRUE when there are none. */
export function agencyWhere(s: Scope): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (s.region) parts.push(inRegion(Prisma.sql`a.region_code`, s.region));
  if (s.level) parts.push(Prisma.sql`a.level = ${s.level}::"Level"`);
  const q = s.q?.trim();
  if (q) parts.push(nameMatches(q));
  if (s.flagged) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM report rf WHERE rf.agency_id = a.id AND rf.in_force AND rf.review_severity > 0)`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

/** Whether the scope filters on the agency's name: its region and level are on the report too. */
export const needsAgencyJoin = (s: Scope) => !!s.q?.trim() || !!s.flagged;

/** Whether the region × year roll-up answers the scope (it has no level or name dimension). */
export const rollupAnswers = (s: Scope) => !s.level && !s.q?.trim() && !s.flagged;

/** Whether the scope limits the years. */
export const hasYears = (s: Scope) => s.from != null || s.to != null;

/** Conditions on `r.year`: within the scope's years (either end may be open, the ends in either order). */
export function yearWhere(s: Scope): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const [lo, hi] = s.from != null && s.to != null && s.from > s.to ? [s.to, s.from] : [s.from, s.to];
  if (lo != null) parts.push(Prisma.sql`r.year >= ${lo}`);
  if (hi != null) parts.push(Prisma.sql`r.year <= ${hi}`);
  return Prisma.join(parts, " AND ");
}

/** Conditions on `report r`: in force, within the years and the region (ingest copies the agency's region onto its reports). */
export function reportWhere(s: Scope): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`r.in_force`, yearWhere(s)];
  if (s.region) parts.push(inRegion(Prisma.sql`r.region_code`, s.region));
  if (s.level) parts.push(Prisma.sql`r.level = ${s.level}::"Level"`);
  return Prisma.join(parts, " AND ");
}

/** `report r`, joined to `agency a` only for a name search: FROM and WHERE of the reports in scope. */
export function reportsInScope(s: Scope): Prisma.Sql {
  return needsAgencyJoin(s)
    ? Prisma.sql`report r JOIN agency a ON a.id = r.agency_id WHERE ${reportWhere(s)} AND ${agencyWhere({ q: s.q, flagged: s.flagged })}`
    : Prisma.sql`report r WHERE ${reportWhere(s)}`;
}


// ---------------------------------------------------------------------------------------------
// Region names come from the in-memory GB/T 2260 table (the same list the region table is
// seeded from), so no query is spent on them.

export interface RegionInfo {
  code: string;
  name: string;
  level: Region["level"];
}

const info = (r: Region): RegionInfo => ({ code: r.code, name: r.name, level: r.level });

export function regionInfo(code: string | null | undefined): RegionInfo | null {
  const r = code ? getRegion(code) : undefined;
  return r ? info(r) : null;
}

/** Province first. */
export function regionPathOf(code: string | null | undefined): RegionInfo[] {
  return code ? regionChain(code).map(info) : [];
}

export function regionName(code: string | null | undefined): string {
  return regionPathOf(code)
    .map((r) => r.name)
    .join(" ");
}

let childIndex: Map<string | null, Region[]> | null = null;
export function regionChildren(code: string | null): RegionInfo[] {
  if (!childIndex) {
    childIndex = new Map();
    for (const r of REGIONS) {
      const list = childIndex.get(r.parentCode) ?? [];
      list.push(r);
      childIndex.set(r.parentCode, list);
    }
    for (const list of childIndex.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  }
  return (childIndex.get(code) ?? []).map(info);
}

/** What the 省 → 市 → 县 cascade shows for a selected code. */
export function regionCascade(code: string | null | undefined) {
  const chain = regionPathOf(code);
  const province = chain[0] ?? null;
  const second = chain[1] ?? null;
  const third = chain[2] ?? null;
  return {
    provinces: regionChildren(null),
    province: province?.code ?? null,
    seconds: province ? regionChildren(province.code) : [],
    second: second?.code ?? null,
    thirds: second && second.level === "city" ? regionChildren(second.code) : [],
    third: third?.code ?? null,
  };
}
export type RegionCascade = ReturnType<typeof regionCascade>;

/** Numbers from SQL (float8 / int / bigint / null) as JS numbers or null. */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
