// Coverage by year, for a region (or the whole country) and the regions below it: the agencies
// expected to report, those that did, on time or late, whose tables add up, and those missing.
//
// Expected agencies: where a roster was imported (table roster, lib/rosters), the agencies on it;
// elsewhere the default roster: every agency that reported there in any of the last N years
// (COVERAGE_DEFAULT_YEARS, 3) up to the latest year with reports, plus any agency reporting
// for the year asked. So a roster covers its whole region: an agency there that is not on it is
// "not on the roster", not missing.
//
// At a million reports nothing here reads the reports of a whole region: the counts of
// reporters, on time, dated by upload and adding up come from region_year (kept by ingest), the
// default roster from one pass over the agencies' summaries (years_in_force), and only roster
// entries (a few hundred per region) are joined to their reports.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { NATION } from "@/lib/ingest/aggregates";
import { getRegion } from "@/lib/regions/lookup";
import { REGIONS } from "@/lib/regions/data";
import { regionBounds, regionChildren, regionInfo, regionName, type RegionInfo } from "./scope";

/** How many years back the default roster looks (agencies that reported in any of them are expected). */
export function defaultRosterYears(): number {
  const n = Number(process.env.COVERAGE_DEFAULT_YEARS ?? 3);
  return Number.isInteger(n) && n >= 1 && n <= 20 ? n : 3;
}

export interface CoverageCounts {
  expected: number;
  reported: number;
  onTime: number;
  /** Reported, dated by the upload day (the document states no date). */
  datedByUpload: number;
  /** Reported with tables read in full that satisfy every arithmetic rule. */
  addsUp: number;
}

export interface CoverageGroup extends CoverageCounts {
  /** A child region; null with `self` for the agencies at the region itself (本级; for the whole country: no region known). */
  region: RegionInfo | null;
  self: boolean;
  /** Expected from an imported roster (all or part of the group). */
  rostered: boolean;
}

export interface YearCoverage {
  region: RegionInfo | null;
  year: number;
  /** The default roster's years: agencies that reported in any of them are expected. */
  window: { from: number; to: number } | null;
  /** Regions within (or around) this one that have an imported roster. */
  rosters: RegionInfo[];
  total: CoverageCounts;
  /** Agencies with a report for the year in a rostered region but not on its roster. */
  offRoster: number;
  groups: CoverageGroup[];
}

const ZERO: CoverageCounts = { expected: 0, reported: 0, onTime: 0, datedByUpload: 0, addsUp: 0 };
const add = (a: CoverageCounts, b: Partial<CoverageCounts>, sign = 1): CoverageCounts => ({
  expected: a.expected + sign * (b.expected ?? 0),
  reported: a.reported + sign * (b.reported ?? 0),
  onTime: a.onTime + sign * (b.onTime ?? 0),
  datedByUpload: a.datedByUpload + sign * (b.datedByUpload ?? 0),
  addsUp: a.addsUp + sign * (b.addsUp ?? 0),
});

// ---------------------------------------------------------------------------------------------
// Where rosters apply.

const rangeOf = (code: string | null): [string, string] | null => (code ? regionBounds(code) : ["000000", "999999"]);
const overlaps = (a: [string, string], b: [string, string]) => a[0] <= b[1] && b[0] <= a[1];
const within = (inner: [string, string], outer: [string, string]) => inner[0] >= outer[0] && inner[1] <= outer[1];

/** The regions with an imported roster. */
export async function rosterRegions(): Promise<string[]> {
  const rows = await getPrisma().$queryRaw<{ code: string }[]>`SELECT region_code AS code FROM roster ORDER BY region_code`;
  return rows.map((r) => r.code.trim()).filter((c) => getRegion(c));
}

/** The rostered regions that bear on `code`'s area, and the outermost of them (no two nest). */
function rostersFor(code: string | null, all: string[]) {
  const area = rangeOf(code)!;
  const relevant = all.filter((c) => overlaps(regionBounds(c)!, area));
  const outermost = relevant.filter((c) => !relevant.some((o) => o !== c && within(regionBounds(c)!, regionBounds(o)!)));
  return { relevant, outermost };
}

/**
 * `column` lies in one of the rostered regions (within `code`'s area; never NULL: an agency without
 * a region is in none). GB/T 2260 is a prefix code, so a roster covers the codes of its range; they
 * are listed, and the (region_code) index reads them with estimates per code, not every agency.
 */
function coveredSql(column: Prisma.Sql, rosters: string[], code: string | null = null): Prisma.Sql {
  const area = rangeOf(code)!;
  const ranges = rosters.map((c) => regionBounds(c)!);
  const codes = REGIONS.map((r) => r.code).filter((c) => c >= area[0] && c <= area[1] && ranges.some(([lo, hi]) => c >= lo && c <= hi));
  return Prisma.sql`(${column} IS NOT NULL AND ${column} = ANY(${codes}::char(6)[]))`;
}

/** Agency `a` has reports and is on no roster (neither an entry's agency nor named by an entry's
 * alias in its region: agency.on_roster, kept by triggers) — the partial index agency_off_roster_idx. */
const offRosterSql = Prisma.sql`NOT a.on_roster AND a.reports_in_force > 0`;

function inRegionSql(column: Prisma.Sql, code: string | null): Prisma.Sql {
  if (!code) return Prisma.sql`TRUE`;
  const b = regionBounds(code);
  return b ? Prisma.sql`${column} BETWEEN ${b[0]} AND ${b[1]}` : Prisma.sql`FALSE`;
}

/**
 * The group (child region code, or 'self') of `column`, a region code at or below `code`; needs
 * `region g` joined on the column and `region p` on g.parent_code. GB/T 2260 is three levels
 * deep, so the child is the code, its parent or its grandparent.
 */
function groupSql(code: string | null, column: Prisma.Sql): Prisma.Sql {
  if (!code) {
    return Prisma.sql`(CASE WHEN ${column} IS NULL THEN 'self' WHEN g.parent_code IS NULL THEN g.code::text
      WHEN p.parent_code IS NULL THEN p.code::text ELSE p.parent_code::text END)`;
  }
  return Prisma.sql`(CASE WHEN ${column} = ${code} THEN 'self' WHEN g.parent_code = ${code} THEN g.code::text ELSE p.code::text END)`;
}

/** The latest year with reports and the default roster's window. */
export async function defaultWindow(): Promise<{ from: number; to: number } | null> {
  const [row] = await getPrisma().$queryRaw<{ y: number | null }[]>`
    SELECT max(year) AS y FROM region_year WHERE region_code = ${NATION} AND reports > 0`;
  if (row?.y == null) return null;
  const to = Number(row.y);
  return { from: to - defaultRosterYears() + 1, to };
}

const windowArray = (w: { from: number; to: number } | null) =>
  w ? Array.from({ length: w.to - w.from + 1 }, (_, i) => w.from + i) : [];

// ---------------------------------------------------------------------------------------------
// Counts per group and year.

type PerYear = Map<number, CoverageCounts>;
type PerGroup = Map<string, PerYear>;

function bump(m: PerGroup, group: string, year: number, c: Partial<CoverageCounts>, sign = 1) {
  const years = m.get(group) ?? new Map<number, CoverageCounts>();
  years.set(year, add(years.get(year) ?? ZERO, c, sign));
  m.set(group, years);
}

/** Counts per group of `code` (self + children) and year, for `years`, and the roster's corrections for `year`. */
async function groupCounts(code: string | null, year: number, years: number[], rosters: string[], window: { from: number; to: number } | null, withCodes: boolean) {
  const prisma = getPrisma();
  const { relevant, outermost } = rostersFor(code, rosters);
  const area = rangeOf(code)!;
  const selfCovered = relevant.some((c) => within(area, regionBounds(c)!));
  const children = regionChildren(code);
  const out: PerGroup = new Map();

  const [defaults, rollup, entries, corrections] = await Promise.all([
    selfCovered ? Promise.resolve(new Map<string, Map<number, number>>()) : defaultExpected(code, years, window, outermost),
    // Reporters of the region and of each child from the roll-up.
    prisma.$queryRaw<{ code: string; year: number; reports: number; on_time: number; dated_by_upload: number; adds_up: number }[]>`
      SELECT region_code AS code, year, reports, on_time, dated_by_upload, adds_up FROM region_year
      WHERE region_code = ANY(${[code ?? NATION, ...children.map((c) => c.code)]}::char(6)[]) AND year = ANY(${years}::int[])`,
    // Expected by a roster: its entries (one per agency), per region code, grouped below.
    relevant.length
      ? prisma.$queryRaw<{ code: string; n: number }[]>`
          SELECT region_code AS code, count(*)::int AS n FROM (
            SELECT DISTINCT ON (e.agency_id) e.region_code FROM roster_entry e
            WHERE ${inRegionSql(Prisma.sql`e.region_code`, code)} ORDER BY e.agency_id, e.id) x
          GROUP BY 1`
      : Promise.resolve([]),
    rosterCorrections(code, years, year, relevant, withCodes),
  ]);

  for (const [grp, perYear] of defaults) for (const [y, n] of perYear) bump(out, grp, y, { expected: n });
  const groupOf = (rc: string) => (rc === code ? "self" : (children.find((c) => within([rc, rc], regionBounds(c.code)!))?.code ?? "self"));
  for (const r of entries) for (const y of years) bump(out, groupOf(r.code.trim()), y, { expected: r.n });
  // Every report in force in the area counts, for its agency's default roster or for the roster
  // entry it matches, except the corrections: reports off the roster, second matches of an entry.
  const roll = new Map(rollup.map((r) => [`${r.code.trim()}|${r.year}`, r]));
  const counts = (c: string, y: number): Partial<CoverageCounts> => {
    const r = roll.get(`${c}|${y}`);
    return r ? { reported: r.reports, onTime: r.on_time, datedByUpload: r.dated_by_upload, addsUp: r.adds_up } : {};
  };
  for (const y of years) {
    bump(out, "self", y, counts(code ?? NATION, y));
    for (const c of children) {
      bump(out, "self", y, counts(c.code, y), -1);
      bump(out, c.code, y, counts(c.code, y));
    }
  }
  for (const r of corrections.counts) bump(out, r.grp, r.y, { reported: r.reported, onTime: r.on_time, datedByUpload: r.by_upload, addsUp: r.adds_up }, -1);
  return { perGroup: out, corrections };
}

/**
 * Expected by default, per group of `code` and year: the agencies outside rostered regions that
 * reported in the default roster's window (every year), or, before it, in that year. Read from
 * region_agency_year: the region's and its children's counts, less those of the rostered regions
 * in them (`rostered`: the outermost, so none counted twice) — a few hundred rows, whatever the size.
 */
async function defaultExpected(code: string | null, years: number[], window: { from: number; to: number } | null, rostered: string[]) {
  const children = regionChildren(code);
  // No window (no reports yet): nobody is expected for the window, only for the years they reported.
  const from = window?.from ?? 1_000_000;
  const rows = await getPrisma().$queryRaw<{ code: string; year: number; last_year: number; agencies: number }[]>`
    SELECT region_code AS code, year, last_year, agencies FROM region_agency_year
    WHERE region_code = ANY(${[code ?? NATION, ...children.map((c) => c.code), ...rostered]}::char(6)[])
      AND ((year = last_year AND last_year >= ${from}) OR (year = ANY(${years}::int[]) AND last_year < ${from}))`;
  const byRegion = new Map<string, typeof rows>();
  for (const r of rows) byRegion.set(r.code.trim(), [...(byRegion.get(r.code.trim()) ?? []), r]);
  const expected = (region: string, y: number) =>
    (byRegion.get(region) ?? []).reduce((n, r) => n + (r.last_year >= from || r.year === y ? r.agencies : 0), 0);
  const out = new Map<string, Map<number, number>>();
  for (const y of years) {
    let self = expected(code ?? NATION, y);
    for (const c of children) {
      const bounds = regionBounds(c.code)!;
      const n = expected(c.code, y) - rostered.filter((r) => within(regionBounds(r)!, bounds)).reduce((t, r) => t + expected(r, y), 0);
      self -= expected(c.code, y);
      if (n) out.set(c.code, (out.get(c.code) ?? new Map()).set(y, n));
    }
    if (self) out.set("self", (out.get("self") ?? new Map()).set(y, self));
  }
  return out;
}

/** The agency keys (name|region) that roster entry `e`'s aliases name in its region. */
const aliasKeysSql = Prisma.sql`ARRAY(SELECT al || '|' || e.region_code FROM unnest(e.aliases) al)`;

/**
 * The entries with aliases of the rosters within `code` (one per agency; roster_entry_with_aliases_idx)
 * with their group (`grp`) and the agencies whose reports count for them (`ids`: their own, and
 * those named by an alias in their region).
 */
function aliasedEntriesSql(code: string | null) {
  return Prisma.sql`
    SELECT DISTINCT ON (e.agency_id) e.agency_id, e.name, e.level, e.region_code, e.aliases, ${groupSql(code, Prisma.sql`e.region_code`)} AS grp,
      array_prepend(e.agency_id, ARRAY(SELECT x.id FROM agency x WHERE x.key = ANY(${aliasKeysSql}))) AS ids
    FROM roster_entry e LEFT JOIN region g ON g.code = e.region_code LEFT JOIN region p ON p.code = g.parent_code
    WHERE ${inRegionSql(Prisma.sql`e.region_code`, code)} AND cardinality(e.aliases) > 0
    ORDER BY e.agency_id, e.id`;
}

type Corrections = {
  counts: { grp: string; y: number; reported: number; on_time: number; by_upload: number; adds_up: number }[];
  /** Reports with each finding code among the corrections of `year` (with `withCodes`). */
  codes: { code: string; reports: number }[];
  /** Agencies with a report for `year` in the rostered regions that no roster names. */
  offRoster: number;
};

/**
 * What the roll-up counts that a roster does not: in rostered regions, the reports of agencies
 * not on the roster, and an entry's reports beyond the first for a year (its own name and an
 * alias both reported). Few rows, in one statement: the agencies off the roster by their partial
 * index, their reports by (agency, year), and the entries with aliases.
 */
async function rosterCorrections(code: string | null, years: number[], year: number, relevant: string[], withCodes = false): Promise<Corrections> {
  if (relevant.length === 0) return { counts: [], codes: [], offRoster: 0 };
  const [row] = await getPrisma().$queryRaw<Corrections[]>`
    WITH e AS (${aliasedEntriesSql(code)}),
    off AS MATERIALIZED (
      SELECT a.id, a.name, a.level, a.years_in_force, ${groupSql(code, Prisma.sql`a.region_code`)} AS grp
      FROM agency a LEFT JOIN region g ON g.code = a.region_code LEFT JOIN region p ON p.code = g.parent_code
      WHERE ${coveredSql(Prisma.sql`a.region_code`, relevant, code)} AND ${offRosterSql} AND a.years_in_force && ${years}::int[]
    ),
    extra AS MATERIALIZED (
      SELECT r.id, r.year, r.published_on, r.published_from, off.name, off.level, off.grp
      -- (OFFSET 0 keeps the subquery a per-agency index lookup, not a scan of the year's reports.)
      FROM off JOIN LATERAL (SELECT r.* FROM report r WHERE r.agency_id = off.id AND r.year = ANY(${years}::int[]) AND r.in_force OFFSET 0) r ON true
      UNION ALL
      SELECT r.id, r.year, r.published_on, r.published_from, a.name, a.level, e.grp
      FROM e JOIN LATERAL (
        SELECT r.*, row_number() OVER (PARTITION BY r.year ORDER BY (r.agency_id = e.agency_id) DESC, r.id) AS rn
        FROM report r WHERE r.agency_id = ANY(e.ids) AND r.in_force AND r.year = ANY(${years}::int[])) r ON r.rn > 1
      JOIN agency a ON a.id = r.agency_id
    ),
    -- Each report's findings by a lookup of its own (OFFSET 0): a few hundred reports, not a hash of every finding.
    counts AS (
      SELECT grp, year AS y, count(*)::int AS reported,
        count(*) FILTER (WHERE published_on <= gongkai_deadline(name, level, year))::int AS on_time,
        count(*) FILTER (WHERE published_from = 'upload')::int AS by_upload,
        count(*) FILTER (WHERE NOT broken.any)::int AS adds_up
      FROM extra CROSS JOIN LATERAL (
        SELECT count(*) > 0 AS any FROM (SELECT 1 FROM finding f WHERE f.report_id = extra.id AND f.code = ANY(gongkai_arithmetic_codes()) LIMIT 1 OFFSET 0) x
      ) broken
      GROUP BY 1, 2
    ),
    codes AS (
      SELECT f.code, count(*)::int AS reports
      FROM extra CROSS JOIN LATERAL (SELECT DISTINCT f.code FROM finding f WHERE f.report_id = extra.id OFFSET 0) f
      WHERE ${withCodes} AND extra.year = ${year}::int GROUP BY 1
    )
    SELECT (SELECT coalesce(json_agg(counts), '[]') FROM counts) AS counts,
      (SELECT coalesce(json_agg(codes), '[]') FROM codes) AS codes,
      (SELECT count(*)::int FROM off WHERE ${year}::int = ANY(off.years_in_force)) AS "offRoster"`;
  return row;
}

function groupsOf(code: string | null, perGroup: PerGroup, year: number, rosters: string[]): CoverageGroup[] {
  const { relevant } = rostersFor(code, rosters);
  const rosteredIn = (area: [string, string]) => relevant.some((r) => overlaps(regionBounds(r)!, area));
  const out: CoverageGroup[] = [];
  const self = perGroup.get("self")?.get(year);
  if (self && self.expected + self.reported > 0)
    out.push({ region: null, self: true, rostered: code ? relevant.some((r) => within(rangeOf(code)!, regionBounds(r)!)) : false, ...self });
  for (const c of regionChildren(code)) {
    const v = perGroup.get(c.code)?.get(year);
    if (v && v.expected + v.reported > 0) out.push({ region: c, self: false, rostered: rosteredIn(regionBounds(c.code)!), ...v });
  }
  return out;
}

/** For a region (null: the whole country) and a year: expected, reported, on time, adding up, per child region. */
export async function yearCoverage(code: string | null, year: number): Promise<YearCoverage> {
  if (code && !getRegion(code)) code = null;
  const [rosters, window] = await Promise.all([rosterRegions(), defaultWindow()]);
  return (await coverageOf(code, year, [year], rosters, window)).coverage;
}

/**
 * A year's coverage of a region, the counts per group for every year of `years` (which holds
 * `year`), and with `withCodes` the roster's corrections to the year's findings by code.
 */
async function coverageOf(code: string | null, year: number, years: number[], rosters: string[], window: { from: number; to: number } | null, withCodes = false) {
  const { perGroup, corrections } = await groupCounts(code, year, years, rosters, window, withCodes);
  const groups = groupsOf(code, perGroup, year, rosters);
  const coverage: YearCoverage = {
    region: regionInfo(code),
    year,
    window,
    rosters: rostersFor(code, rosters).relevant.map((c) => regionInfo(c)!),
    total: groups.reduce((t, g) => add(t, g), ZERO),
    offRoster: corrections.offRoster,
    groups,
  };
  return { coverage, perGroup, codeCorrections: corrections.codes };
}

// ---------------------------------------------------------------------------------------------
// Who is missing, who reported.

export interface MissingAgency {
  id: number;
  name: string;
  regionCode: string | null;
  regionName: string;
  level: string | null;
  /** roster: on an imported roster; recent: reported there in the default roster's years. */
  expectedBy: "roster" | "recent";
  /** The latest year it has a report for (null: none at all). */
  lastYear: number | null;
  deadline: string;
}

/** The agencies expected in `code` that have no report in force for `year`, by region and name. */
export async function missingAgencies(code: string | null, year: number, opts: { limit?: number; offset?: number } = {}): Promise<MissingAgency[]> {
  if (code && !getRegion(code)) code = null;
  const [rosters, window] = await Promise.all([rosterRegions(), defaultWindow()]);
  const { relevant } = rostersFor(code, rosters);
  const area = rangeOf(code)!;
  const selfCovered = relevant.some((c) => within(area, regionBounds(c)!));
  const W = windowArray(window);
  // Each part takes its first offset + limit in (region, name) order — by the (region_code) index
  // for the agencies, however many there are — and the page is cut from their union.
  const first = (opts.offset ?? 0) + (opts.limit ?? 200_000);
  const onRoster = relevant.length
    ? Prisma.sql`(SELECT e.agency_id AS id, e.name, e.region_code, e.level, 'roster' AS expected_by, a.years_in_force[cardinality(a.years_in_force)] AS last_year
      -- Entries in (region, name) order (roster_entry_region_name_idx) until the page is full, each
      -- agency by its key; an agency on two rosters counts by its first entry.
      FROM roster_entry e JOIN agency a ON a.id = e.agency_id
      WHERE ${inRegionSql(Prisma.sql`e.region_code`, code)}
        AND NOT EXISTS (SELECT 1 FROM roster_entry d WHERE d.agency_id = e.agency_id AND d.id < e.id)
        AND NOT (${year}::int = ANY(a.years_in_force))
        AND (cardinality(e.aliases) = 0 OR NOT EXISTS (
          SELECT 1 FROM agency x WHERE x.key = ANY(${aliasKeysSql}) AND ${year}::int = ANY(x.years_in_force)))
      ORDER BY e.region_code, e.name, e.agency_id LIMIT ${first})`
    : null;
  const byDefault = selfCovered
    ? null
    : Prisma.sql`(SELECT a.id, a.name, a.region_code, a.level, 'recent' AS expected_by, a.years_in_force[cardinality(a.years_in_force)] AS last_year
      FROM agency a
      WHERE a.reports_in_force > 0 AND ${inRegionSql(Prisma.sql`a.region_code`, code)} AND NOT ${coveredSql(Prisma.sql`a.region_code`, relevant)}
        AND a.years_in_force && ${W}::int[] AND NOT (${year}::int = ANY(a.years_in_force))
      ORDER BY a.region_code, a.name, a.id LIMIT ${first})`;
  const parts = [onRoster, byDefault].filter((p) => p !== null);
  if (parts.length === 0) return [];
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT m.*, gongkai_deadline(m.name, m.level, ${year}::int)::text AS deadline FROM (${Prisma.join(parts, " UNION ALL ")}) m
    ORDER BY m.region_code NULLS LAST, m.name, m.id
    LIMIT ${opts.limit ?? 200_000} OFFSET ${opts.offset ?? 0}`;
  return rows.map((r) => {
    const rc = (r.region_code as string | null)?.trim() ?? null;
    return {
      id: Number(r.id),
      name: String(r.name),
      regionCode: rc,
      regionName: regionName(rc),
      level: (r.level as string | null) ?? null,
      expectedBy: r.expected_by === "roster" ? "roster" : "recent",
      lastYear: r.last_year == null ? null : Number(r.last_year),
      deadline: String(r.deadline),
    };
  });
}

export interface ReportedAgency {
  reportId: number;
  agencyId: number;
  name: string;
  regionName: string;
  publishedOn: string | null;
  publishedFrom: string | null;
  deadline: string;
  onTime: boolean;
  /** In a rostered region but not on its roster. */
  offRoster: boolean;
}

/** The reports in force for `year` in `code`, the latest stored first (late ones only with `late`). */
export async function reportedAgencies(code: string | null, year: number, opts: { late?: boolean; limit?: number; offset?: number } = {}): Promise<ReportedAgency[]> {
  if (code && !getRegion(code)) code = null;
  const { relevant } = rostersFor(code, await rosterRegions());
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT * FROM (
      SELECT r.id AS report_id, a.id AS agency_id, a.name, r.region_code, r.published_on::text AS published_on, r.published_from::text AS published_from,
        gongkai_deadline(a.name, a.level, r.year)::text AS deadline, r.published_on <= gongkai_deadline(a.name, a.level, r.year) AS on_time,
        ${coveredSql(Prisma.sql`r.region_code`, relevant)} AND NOT a.on_roster AS off_roster
      FROM report r JOIN agency a ON a.id = r.agency_id
      WHERE r.in_force AND r.year = ${year} AND ${inRegionSql(Prisma.sql`r.region_code`, code)}
      ORDER BY r.id DESC
    ) x WHERE ${opts.late ? Prisma.sql`NOT coalesce(x.on_time, false)` : Prisma.sql`TRUE`}
    LIMIT ${opts.limit ?? 100} OFFSET ${opts.offset ?? 0}`;
  return rows.map((r) => ({
    reportId: Number(r.report_id),
    agencyId: Number(r.agency_id),
    name: String(r.name),
    regionName: regionName((r.region_code as string | null)?.trim()),
    publishedOn: (r.published_on as string | null) ?? null,
    publishedFrom: (r.published_from as string | null) ?? null,
    deadline: String(r.deadline),
    onTime: r.on_time === true,
    offRoster: r.off_roster === true,
  }));
}

// ---------------------------------------------------------------------------------------------
// Scorecards.

export interface Scorecard extends YearCoverage {
  /** Reports with at least one finding of each code, among the expected agencies' reports. */
  findings: Array<{ code: string; reports: number }>;
  /** The shares for each year up to `year`. */
  trend: Array<{ year: number } & CoverageCounts>;
}

/** A region's scorecard for a year: its coverage, findings by code, and the trend over `years`. */
export async function scorecard(code: string | null, year: number, years: number[]): Promise<Scorecard> {
  if (code && !getRegion(code)) code = null;
  const trendYears = [...new Set([...years, year])].sort((a, b) => a - b);
  const [rosters, window] = await Promise.all([rosterRegions(), defaultWindow()]);
  const [{ coverage, perGroup, codeCorrections }, rollup] = await Promise.all([
    coverageOf(code, year, trendYears, rosters, window, true),
    getPrisma().$queryRaw<{ code: string; reports: number }[]>`
      SELECT code, reports FROM region_year_finding WHERE region_code = ${code ?? NATION} AND year = ${year} AND reports > 0`,
  ]);
  // Findings by code of the expected agencies' reports for the year: the roll-up less the roster's corrections.
  const by = new Map<string, number>(rollup.map((r) => [r.code, r.reports]));
  for (const r of codeCorrections) by.set(r.code, (by.get(r.code) ?? 0) - r.reports);
  const findings = [...by].filter(([, n]) => n > 0).map(([c, n]) => ({ code: c, reports: n })).sort((a, b) => b.reports - a.reports || a.code.localeCompare(b.code));
  const trend = trendYears.map((y) => ({ year: y, ...[...perGroup.values()].reduce((t, m) => add(t, m.get(y) ?? ZERO), ZERO) }));
  return { ...coverage, findings, trend };
}
