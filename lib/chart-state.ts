// Every dashboard state that lives in the URL, parsed and serialised in ONE place (like OWID's
// grapher config): server pages read it with the loaders, client controls write it with nuqs'
// useQueryStates over the same parsers, and share links are built with the serialisers. The
// URL keys are short and readable: /compare?a=3,7&s=granted.total&from=2019&to=2023&t=bar
import {
  createLoader,
  createParser,
  createSerializer,
  parseAsBoolean,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import {
  LEVELS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE4_KEYS,
  type Table3Column,
  type Table3Key,
  type Table4Key,
} from "@/lib/model/keys";
import { agencyParsers, orderedYears, parseAsYear, SCALES } from "@/lib/chart-url";

export * from "@/lib/chart-url";
export * from "@/lib/filter-url";
export * from "@/lib/stat-rows";
export * from "@/lib/compare-url";
import { filterParsers, filterUrlKeys, parseAsAgencyIds, parseAsMinBase, parseAsPage, parseAsRegion } from "@/lib/filter-url";
import { DEFAULT_STAT, parseAsStat } from "@/lib/compare-url";
import { METRIC_ROWS, RATIOS, rowLabel, table4Label, type RatioKey, type StatKey } from "@/lib/stat-rows";

// ---------------------------------------------------------------------------------------------
// Statistics: any canonical table-3 cell (row.column, groups included), any table-4 number, or
// one of three ratios.


export const RATIO_LABELS: Record<RatioKey, string> = {
  grant_rate: "予以公开率",
  refusal_rate: "不予公开率",
  litigation_per_100: "每百件申请的行政诉讼",
};
export const RATIO_NOTES: Record<RatioKey, string> = {
  grant_rate: "予以公开 ÷ 办理结果总计",
  refusal_rate: "不予公开（八项合计）÷ 办理结果总计",
  litigation_per_100: "行政诉讼（直接起诉 + 复议后起诉）÷ 本年新收申请 × 100",
};


export type StatDef =
  | { key: StatKey; kind: "table3"; row: Table3Key; column: Table3Column; label: string; unit: "count" }
  | { key: StatKey; kind: "table4"; index: number; label: string; unit: "count" }
  | { key: StatKey; kind: "ratio"; ratio: RatioKey; label: string; unit: "percent" | "per100" };

export function statDef(key: string): StatDef | null {
  if ((RATIOS as readonly string[]).includes(key)) {
    const ratio = key as RatioKey;
    return { key: ratio, kind: "ratio", ratio, label: RATIO_LABELS[ratio], unit: ratio === "litigation_per_100" ? "per100" : "percent" };
  }
  const t4 = (TABLE4_KEYS as readonly string[]).indexOf(key);
  if (t4 >= 0) return { key: key as Table4Key, kind: "table4", index: t4, label: table4Label(key as Table4Key), unit: "count" };
  const dot = key.lastIndexOf(".");
  if (dot < 0) return null;
  const row = key.slice(0, dot) as Table3Key;
  const column = key.slice(dot + 1) as Table3Column;
  if (!METRIC_ROWS.includes(row) || !(TABLE3_COLUMNS as readonly string[]).includes(column)) return null;
  const label = column === "total" ? rowLabel(row) : `${rowLabel(row)}（${TABLE3_COLUMN_LABELS[column]}）`;
  return { key: key as StatKey, kind: "table3", row, column, label, unit: "count" };
}

export const METRIC_OPTIONS: Array<{ group: string; options: Array<{ value: string; label: string }> }> = [
  { group: "比率", options: RATIOS.map((r) => ({ value: r, label: RATIO_LABELS[r] })) },
  { group: "表三 · 收到和处理申请", options: METRIC_ROWS.map((r) => ({ value: r, label: rowLabel(r) })) },
  { group: "表四 · 行政复议和行政诉讼", options: TABLE4_KEYS.map((k) => ({ value: k, label: table4Label(k) })) },
];

// ---------------------------------------------------------------------------------------------
// The coverage page: the filters above, the year asked about (y) and which list is shown (st:
// 未报 missing, 已报 reported, 逾期 late). The scorecard: region and year.

export const COVERAGE_LISTS = ["missing", "reported", "late"] as const;
export type CoverageList = (typeof COVERAGE_LISTS)[number];

export const coverageParsers = {
  ...filterParsers,
  year: parseAsYear,
  list: parseAsStringLiteral(COVERAGE_LISTS).withDefault("missing"),
  /** Page of the list. */
  lp: parseAsPage.withDefault(1),
};
export const coverageUrlKeys = { ...filterUrlKeys, year: "y", list: "st" } as const;
export type CoverageState = inferParserType<typeof coverageParsers>;
export const loadCoverage = createLoader(coverageParsers, { urlKeys: coverageUrlKeys });
export const serializeCoverage = createSerializer(coverageParsers, { urlKeys: coverageUrlKeys });

/** /coverage/missing.csv's parameters: year (required) and r (optional: the whole country). */
export const missingCsvParsers = { year: parseAsYear, region: parseAsRegion };
export const loadMissingCsv = createLoader(missingCsvParsers, { urlKeys: { region: "r" } });
export const missingCsvUrl = (year: number, region: string | null) =>
  createSerializer(missingCsvParsers, { urlKeys: { region: "r" } })("/coverage/missing.csv", { year, region });

/**
 * /data.csv's parameters: the directory's filters (r, lv, from, to, q, flag) and the coverage
 * page's year (y: that year alone), so a page's 下载 CSV link carries its own query; headers=zh
 * writes the codebook's Chinese labels as the header line instead of the keys.
 */
export const CSV_HEADER_LANGS = ["en", "zh"] as const;
export const dataCsvParsers = {
  region: parseAsRegion,
  level: parseAsStringLiteral(LEVELS),
  from: parseAsYear,
  to: parseAsYear,
  year: parseAsYear,
  q: parseAsString.withDefault(""),
  flagged: parseAsBoolean,
  headers: parseAsStringLiteral(CSV_HEADER_LANGS).withDefault("en"),
};
export const dataCsvUrlKeys = { region: "r", level: "lv", flagged: "flag", year: "y" } as const;
export type DataCsvState = inferParserType<typeof dataCsvParsers>;
export const loadDataCsv = createLoader(dataCsvParsers, { urlKeys: dataCsvUrlKeys });
const serializeDataCsv = createSerializer(dataCsvParsers, { urlKeys: dataCsvUrlKeys });
/** The /data.csv link of a page's filters (only the keys /data.csv reads; null/empty left out). */
export function dataCsvUrl(s: Partial<DataCsvState>): string {
  return serializeDataCsv("/data.csv", {
    region: s.region ?? null,
    level: s.level ?? null,
    from: s.from ?? null,
    to: s.to ?? null,
    year: s.year ?? null,
    q: s.q?.trim() || null,
    flagged: s.flagged || null,
    headers: s.headers ?? null,
  });
}
/** The reports a /data.csv query asks for: y stands for from = to = y. */
export function dataCsvScope(s: DataCsvState) {
  const years = s.year !== null ? { from: s.year, to: s.year } : orderedYears(s.from, s.to);
  return { region: s.region, level: s.level, q: s.q, flagged: s.flagged, ...years };
}

/** The roster page: which region's roster. */
export const loadRosterState = createLoader({ region: parseAsRegion }, { urlKeys: { region: "r" } });

/** pages=all: the region's card and one card per region below it (printed one per A4 page). */
export const scorecardParsers = { region: parseAsRegion, year: parseAsYear, pages: parseAsStringLiteral(["one", "all"] as const).withDefault("one") };
export const scorecardUrlKeys = { region: "r", year: "y", pages: "p" } as const;
export const loadScorecard = createLoader(scorecardParsers, { urlKeys: scorecardUrlKeys });
export const serializeScorecard = createSerializer(scorecardParsers, { urlKeys: scorecardUrlKeys });

// ---------------------------------------------------------------------------------------------
// The agency page: years shown and the outcome chart's mode (agencyParsers, in lib/chart-url.ts).

export type AgencyState = inferParserType<typeof agencyParsers>;
export const loadAgencyState = createLoader(agencyParsers);
export const serializeAgencyState = createSerializer(agencyParsers);


// ---------------------------------------------------------------------------------------------

/** The years between from and to (either may be open), clipped to the years that exist. */
export function yearRange(available: number[], from: number | null, to: number | null): number[] {
  const lo = from ?? -Infinity;
  const hi = to ?? Infinity;
  const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
  return available.filter((y) => y >= a && y <= b);
}

/**
 * The same query with a reversed year range swapped (from=2022&to=2020 → from=2020&to=2022), or
 * null when it is already in order: the proxy redirects to it, so every page, label and share
 * link sees one canonical range.
 */
export function normalisedRangeQuery(params: URLSearchParams): URLSearchParams | null {
  const from = parseAsYear.parse(params.get("from") ?? "");
  const to = parseAsYear.parse(params.get("to") ?? "");
  if (from === null || to === null || from <= to) return null;
  const out = new URLSearchParams(params);
  out.set("from", String(to));
  out.set("to", String(from));
  return out;
}


// ---------------------------------------------------------------------------------------------
// The map tab of the overview, a region and compare: view=map, the statistic (s), the year (y)
// and the province drilled into (r: the overview's region filter; on /regions/[code] the path's
// region). /embed/map and /og/map take the same keys.

export const VIEWS = ["charts", "map"] as const;
export type View = (typeof VIEWS)[number];
export const mapParsers = {
  view: parseAsStringLiteral(VIEWS).withDefault("charts"),
  stat: parseAsStat.withDefault(DEFAULT_STAT),
  year: parseAsYear,
  region: parseAsRegion,
};
export const mapUrlKeys = { stat: "s", year: "y", region: "r" } as const;
export type MapState = inferParserType<typeof mapParsers>;
export const loadMap = createLoader(mapParsers, { urlKeys: mapUrlKeys });
export const serializeMap = createSerializer(mapParsers, { urlKeys: mapUrlKeys });
