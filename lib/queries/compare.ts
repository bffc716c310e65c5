// Values of one statistic for a few agencies across years (the compare chart, its CSV and its
// Open Graph image). The statistic is any canonical cell, a table-4 number or a ratio.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { statDef, type StatDef, type StatKey } from "@/lib/chart-state";
import { num, regionName, reportWhere } from "./scope";

/** Report columns that hold a table-3 row's total column. */
const HEADLINE: Record<string, string> = {
  new_received: "new_received",
  carried_over: "carried_over",
  granted: "granted",
  partially_granted: "partially_granted",
  denied: "denied",
  unable: "unable",
  not_processed: "not_processed",
  other: "other_outcome",
  total_processed: "total_processed",
  carried_forward: "carried_forward",
};

const T3_COLUMN_SQL: Record<string, string> = {
  natural_person: "natural_person",
  commercial: "commercial",
  research: "research",
  social_org: "social_org",
  legal_service: "legal_service",
  other_org: "other_org",
  total: "total",
};

/** SQL for the statistic's value on `report r` (all identifiers come from fixed tables above). */
export function statExpression(def: StatDef): Prisma.Sql {
  if (def.kind === "ratio") {
    if (def.ratio === "grant_rate") return Prisma.sql`r.granted::float8 / NULLIF(r.total_processed, 0)`;
    if (def.ratio === "refusal_rate") return Prisma.sql`r.denied::float8 / NULLIF(r.total_processed, 0)`;
    return Prisma.sql`r.litigation_total::float8 * 100 / NULLIF(r.new_received, 0)`;
  }
  if (def.kind === "table4") {
    if (def.index === 4) return Prisma.sql`r.review_total::float8`;
    // A JSON array; NULL when the report has no table 4 or the cell was not read.
    return Prisma.sql`(r.table4->>${def.index}::int)::float8`;
  }
  if (def.column === "total" && HEADLINE[def.row]) return Prisma.raw(`r.${HEADLINE[def.row]}::float8`);
  const col = Prisma.raw(`t.${T3_COLUMN_SQL[def.column]}`);
  if (def.row.includes(".")) {
    return Prisma.sql`(SELECT ${col}::float8 FROM table3_row t WHERE t.report_id = r.id AND t.row = ${def.row})`;
  }
  // A group: the row printed for it, else the sum of its printed items (NULL when none printed,
  // or when any printed item's cell was not read: a partial sum would look certain).
  return Prisma.sql`(SELECT CASE WHEN count(*) = count(${col}) THEN sum(${col})::float8 END FROM table3_row t
    WHERE t.report_id = r.id AND (t.row = ${def.row} OR t.row LIKE ${def.row + ".%"}))`;
}

/** A ratio's denominator (its base n): how many cases the rate rests on; NULL for counts. */
export function baseExpression(def: StatDef): Prisma.Sql {
  if (def.kind !== "ratio") return Prisma.sql`NULL::float8`;
  return def.ratio === "litigation_per_100" ? Prisma.sql`r.new_received::float8` : Prisma.sql`r.total_processed::float8`;
}

export interface CompareAgency {
  id: number;
  name: string;
  regionName: string;
}

export interface ComparePoint {
  agencyId: number;
  year: number;
  value: number | null;
  /** The ratio's base (n), null for counts. */
  base: number | null;
  reportId: number;
  /** The version in force is a person's correction (人工更正). */
  corrected: boolean;
}

export interface CompareData {
  stat: StatDef;
  agencies: CompareAgency[];
  years: number[];
  points: ComparePoint[];
}

export async function getCompare(opts: { agencies: number[]; stat: StatKey; from: number | null; to: number | null }): Promise<CompareData> {
  const stat = statDef(opts.stat) ?? statDef("new_received.total")!;
  if (opts.agencies.length === 0) return { stat, agencies: [], years: [], points: [] };
  const prisma = getPrisma();
  const [agencies, points] = await Promise.all([
    prisma.agency.findMany({ where: { id: { in: opts.agencies } }, select: { id: true, name: true, regionCode: true } }),
    prisma.$queryRaw<{ agency_id: number; year: number; value: number | null; base: number | null; id: number; corrected: boolean }[]>`
      SELECT r.agency_id, r.year, r.id, ${statExpression(stat)} AS value, ${baseExpression(stat)} AS base, r.kind = 'corrected' AS corrected
      FROM report r
      WHERE r.agency_id = ANY(${opts.agencies}) AND ${reportWhere({ from: opts.from, to: opts.to })}
      ORDER BY r.year, r.agency_id`,
  ]);
  // Keep the URL's order (it fixes the colours), drop ids that do not exist.
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const ordered = opts.agencies.map((id) => byId.get(id)).filter((a): a is NonNullable<typeof a> => !!a);
  const years = [...new Set(points.map((p) => Number(p.year)))].sort((a, b) => a - b);
  return {
    stat,
    agencies: ordered.map((a) => ({ id: a.id, name: a.name, regionName: regionName(a.regionCode?.trim()) })),
    years,
    points: points.map((p) => ({ agencyId: Number(p.agency_id), year: Number(p.year), value: num(p.value), base: num(p.base), reportId: Number(p.id), corrected: p.corrected })),
  };
}
