// The map's numbers: one statistic of one year for each region below a region (the country's
// provinces, a province's cities), read from the region × year roll-up (region_year) — a handful
// of primary-key rows whatever the number of reports. The roll-up keeps the headline sums, so the
// map offers the statistics it can answer (MAP_STATS). A sum that no report of the region states
// is null (no data), never 0.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { NATION } from "@/lib/ingest/aggregates";
import { statDef, type StatKey } from "@/lib/chart-state";
import { regionChildren, type RegionInfo } from "./scope";

/** region_year column of each count the map can show. */
const COUNT_COLUMN: Partial<Record<StatKey, Column>> = {
  "new_received.total": "new_received",
  "granted.total": "granted",
  "partially_granted.total": "partially_granted",
  "denied.total": "denied",
  "unable.total": "unable",
  "not_processed.total": "not_processed",
  "other.total": "other_outcome",
  "total_processed.total": "total_processed",
  "review.total": "review_total",
};
/** Each ratio's numerator and denominator (its base). */
const RATIO_COLUMNS: Partial<Record<StatKey, [Column, Column, number]>> = {
  grant_rate: ["granted", "total_processed", 1],
  refusal_rate: ["denied", "total_processed", 1],
  litigation_per_100: ["litigation_total", "new_received", 100],
};
type Column = "new_received" | "granted" | "partially_granted" | "denied" | "unable" | "not_processed" | "other_outcome" | "total_processed" | "review_total" | "litigation_total";
const COLUMNS: Column[] = ["new_received", "granted", "partially_granted", "denied", "unable", "not_processed", "other_outcome", "total_processed", "review_total", "litigation_total"];

/** The statistics the map can draw (the others need every report's cells, not the roll-up). */
export const MAP_STATS = [...Object.keys(COUNT_COLUMN), ...Object.keys(RATIO_COLUMNS)] as StatKey[];
export const isMapStat = (s: string): s is StatKey => (MAP_STATS as string[]).includes(s);

/** One region's roll-up row: reports, and per column its sum and how many reports state it. */
type Sums = { reports: number } & Record<Column, { sum: number; n: number }>;

export interface MapValue {
  code: string;
  name: string;
  /** Reports in force of the region and year. */
  reports: number;
  /** Reports that state the number (for a ratio: its numerator and base). */
  stated: number;
  value: number | null;
  /** A ratio's base (办理结果总计 or 新收申请), null for counts. */
  base: number | null;
}

export interface MapValues {
  /** One entry per region below the parent, in code order (a region without reports too). */
  regions: MapValue[];
  /** Reports of the parent's own agencies (省本级), not in any region below: listed apart. */
  own: MapValue | null;
}

const zero = (): Sums => Object.assign({ reports: 0 }, ...COLUMNS.map((c) => ({ [c]: { sum: 0, n: 0 } }))) as Sums;

/** The statistic from a roll-up row: null when no report states it (or a ratio's base is 0). */
export function valueOf(stat: StatKey, s: Sums): { value: number | null; base: number | null; stated: number } {
  const count = COUNT_COLUMN[stat];
  if (count) return { value: s[count].n > 0 ? s[count].sum : null, base: null, stated: s[count].n };
  const [num, den, times] = RATIO_COLUMNS[stat]!;
  const ok = s[num].n > 0 && s[den].n > 0 && s[den].sum > 0;
  return { value: ok ? (s[num].sum / s[den].sum) * times : null, base: s[den].n > 0 ? s[den].sum : null, stated: Math.min(s[num].n, s[den].n) };
}

/** The roll-up rows of `codes` in `year`. */
async function sums(codes: string[], year: number): Promise<Map<string, Sums>> {
  const columns = Prisma.raw(COLUMNS.map((c) => `${c}::float8 AS ${c}, ${c}_n`).join(", "));
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT region_code, reports, ${columns} FROM region_year WHERE year = ${year} AND region_code = ANY(${codes}::char(6)[])`;
  const out = new Map<string, Sums>();
  for (const r of rows) {
    const s = zero();
    s.reports = Number(r.reports);
    for (const c of COLUMNS) s[c] = { sum: Number(r[c] ?? 0), n: Number(r[`${c}_n`] ?? 0) };
    out.set(String(r.region_code).trim(), s);
  }
  return out;
}

/** `a` less the sum of `bs`: what the parent's own agencies reported. */
function remainder(a: Sums, bs: Sums[]): Sums {
  const out = zero();
  out.reports = a.reports - bs.reduce((t, b) => t + b.reports, 0);
  for (const c of COLUMNS) out[c] = { sum: a[c].sum - bs.reduce((t, b) => t + b[c].sum, 0), n: a[c].n - bs.reduce((t, b) => t + b[c].n, 0) };
  return out;
}

/** `stat` in `year` for every region below `parent` (null: the provinces), and the parent's own agencies. */
export async function mapValues(parent: RegionInfo | null, stat: StatKey, year: number): Promise<MapValues> {
  if (!isMapStat(stat) || !statDef(stat)) throw new Error(`not a map statistic: ${stat}`);
  const children = regionChildren(parent?.code ?? null);
  const parentCode = parent?.code ?? NATION;
  const rows = await sums([parentCode, ...children.map((c) => c.code)], year);
  const regions = children.map((c) => {
    const s = rows.get(c.code) ?? zero();
    return { code: c.code, name: c.name, reports: s.reports, ...valueOf(stat, s) };
  });
  const total = rows.get(parentCode);
  const rest = total ? remainder(total, children.map((c) => rows.get(c.code)).filter((s): s is Sums => !!s)) : null;
  const own = rest && rest.reports > 0 ? { code: parentCode, name: parent ? `${parent.name}本级` : "未定位到省份的机关", reports: rest.reports, ...valueOf(stat, rest) } : null;
  return { regions, own };
}

/** The newest year with any report in force below `parent` (the map's default year). */
export async function latestMapYear(parent: string | null): Promise<number | null> {
  const rows = await getPrisma().$queryRaw<{ year: number }[]>`
    SELECT max(year) AS year FROM region_year WHERE region_code = ${parent ?? NATION} AND reports > 0`;
  return rows[0]?.year == null ? null : Number(rows[0].year);
}
