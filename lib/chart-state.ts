// Every dashboard state that lives in the URL, parsed and serialised in ONE place (like OWID's
// grapher config): server pages read it with the loaders, client controls write it with nuqs'
// useQueryStates over the same parsers, and share links are built with the serialisers. The
// URL keys are short and readable: /compare?a=3,7&s=granted.total&from=2019&to=2023&t=bar
import {
  createLoader,
  createParser,
  createSerializer,
  parseAsArrayOf,
  parseAsBoolean,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import {
  LEVELS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_GROUP_KEYS,
  TABLE3_GROUPS,
  TABLE3_ROW_LABELS,
  TABLE4_GROUP_LABELS,
  TABLE4_KEYS,
  TABLE4_RESULT_LABELS,
  type Table3Column,
  type Table3Key,
  type Table4Key,
} from "@/lib/model/keys";
import { agencyParsers, parseAsYear, SCALES } from "@/lib/chart-url";

export * from "@/lib/chart-url";

// ---------------------------------------------------------------------------------------------
// Statistics: any canonical table-3 cell (row.column, groups included), any table-4 number, or
// one of three ratios.

export const RATIOS = ["grant_rate", "refusal_rate", "litigation_per_100"] as const;
export type RatioKey = (typeof RATIOS)[number];

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

/** Table-3 rows in display order: each group just before its items. */
export const METRIC_ROWS: Table3Key[] = [
  "new_received",
  "carried_over",
  "granted",
  "partially_granted",
  ...TABLE3_GROUP_KEYS.flatMap((g) => [g, ...TABLE3_GROUPS[g].map((k) => `${g}.${k}` as Table3Key)]),
  "total_processed",
  "carried_forward",
];

export type StatKey = `${Table3Key}.${Table3Column}` | Table4Key | RatioKey;

export type StatDef =
  | { key: StatKey; kind: "table3"; row: Table3Key; column: Table3Column; label: string; unit: "count" }
  | { key: StatKey; kind: "table4"; index: number; label: string; unit: "count" }
  | { key: StatKey; kind: "ratio"; ratio: RatioKey; label: string; unit: "percent" | "per100" };

const GROUP_OF = (row: Table3Key) => (row.includes(".") ? (row.split(".")[0] as keyof typeof TABLE3_GROUPS) : null);

/** "不予公开 · 属于国家秘密" for an item, the plain label otherwise. */
export function rowLabel(row: Table3Key): string {
  const g = GROUP_OF(row);
  return g ? `${TABLE3_ROW_LABELS[g]} · ${TABLE3_ROW_LABELS[row]}` : TABLE3_ROW_LABELS[row];
}

export function table4Label(key: Table4Key): string {
  const [g, r] = key.split(".") as [keyof typeof TABLE4_GROUP_LABELS, keyof typeof TABLE4_RESULT_LABELS];
  return `${TABLE4_GROUP_LABELS[g]} · ${TABLE4_RESULT_LABELS[r]}`;
}

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

/** The metric part of a stat (what the first select picks): a ratio, a table-3 row or a table-4 key. */
export function statMetric(key: StatKey): string {
  const d = statDef(key);
  if (!d) return "new_received";
  return d.kind === "table3" ? d.row : d.key;
}
export function statColumn(key: StatKey): Table3Column {
  const d = statDef(key);
  return d?.kind === "table3" ? d.column : "total";
}
export function composeStat(metric: string, column: Table3Column): StatKey {
  if (statDef(metric)) return metric as StatKey; // ratio or table-4 key
  const key = `${metric}.${column}`;
  return statDef(key) ? (key as StatKey) : "new_received.total";
}

export const METRIC_OPTIONS: Array<{ group: string; options: Array<{ value: string; label: string }> }> = [
  { group: "比率", options: RATIOS.map((r) => ({ value: r, label: RATIO_LABELS[r] })) },
  { group: "表三 · 收到和处理申请", options: METRIC_ROWS.map((r) => ({ value: r, label: rowLabel(r) })) },
  { group: "表四 · 行政复议和行政诉讼", options: TABLE4_KEYS.map((k) => ({ value: k, label: table4Label(k) })) },
];

export const DEFAULT_STAT: StatKey = "new_received.total";

const parseAsStat = createParser<StatKey>({
  parse: (v) => (statDef(v) ? (v as StatKey) : null),
  serialize: (v) => v,
});

// ---------------------------------------------------------------------------------------------
// Shared parsers.


/** A GB/T 2260 code: six digits. */
const parseAsRegion = createParser<string>({
  parse: (v) => (/^\d{6}$/.test(v) ? v : null),
  serialize: (v) => v,
});

const parseAsPage = createParser<number>({
  parse: (v) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : null;
  },
  serialize: (v) => String(v),
});

/** Agency ids, comma-separated, at most 8 (the palette's size), no repeats. */
const parseAsAgencyIds = createParser<number[]>({
  parse: (v) => {
    const ids = v
      .split(",")
      .map((s) => Number(s))
      .filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
    return [...new Set(ids)].slice(0, MAX_COMPARE);
  },
  serialize: (v) => v.join(","),
  eq: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
});

export const MAX_COMPARE = 8;

/** A rate's minimum base (n): rates resting on fewer cases are greyed and left out of charts and rankings. */
const parseAsMinBase = createParser<number>({
  parse: (v) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 && n <= 1_000_000 ? n : null;
  },
  serialize: (v) => String(v),
});
export const MIN_BASE_OPTIONS = [0, 10, 30, 100] as const;



// ---------------------------------------------------------------------------------------------
// Filters: overview, directory, regions, coverage.

export const SORTS = ["apps", "-apps", "grant", "-grant", "refuse", "-refuse", "lit", "-lit", "name", "-name"] as const;
export type Sort = (typeof SORTS)[number];

export const filterParsers = {
  region: parseAsRegion,
  level: parseAsStringLiteral(LEVELS),
  from: parseAsYear,
  to: parseAsYear,
  q: parseAsString.withDefault(""),
  /** Only agencies with a report in force that has something to review (有核查提示). */
  flagged: parseAsBoolean,
  /** The review queue's finding code (/review). */
  code: parseAsString,
  sort: parseAsStringLiteral(SORTS).withDefault("-apps"),
  page: parseAsPage.withDefault(1),
  /** Rates with a smaller base (办理结果总计) are greyed and sorted last. */
  minBase: parseAsMinBase.withDefault(0),
};
export const filterUrlKeys = { region: "r", level: "lv", page: "p", flagged: "flag", minBase: "n" } as const;
export type FilterState = inferParserType<typeof filterParsers>;
export const loadFilters = createLoader(filterParsers, { urlKeys: filterUrlKeys });
export const serializeFilters = createSerializer(filterParsers, { urlKeys: filterUrlKeys });

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

/** The roster page: which region's roster. */
export const loadRosterState = createLoader({ region: parseAsRegion }, { urlKeys: { region: "r" } });

/** pages=all: the region's card and one card per region below it (printed one per A4 page). */
export const scorecardParsers = { region: parseAsRegion, year: parseAsYear, pages: parseAsStringLiteral(["one", "all"] as const).withDefault("one") };
export const scorecardUrlKeys = { region: "r", year: "y", pages: "p" } as const;
export const loadScorecard = createLoader(scorecardParsers, { urlKeys: scorecardUrlKeys });
export const serializeScorecard = createSerializer(scorecardParsers, { urlKeys: scorecardUrlKeys });

// ---------------------------------------------------------------------------------------------
// The compare chart: agencies, statistic, years, chart type. `q` is the picker's search box and
// is not part of a shared chart.

export const CHART_TYPES = ["line", "bar", "table"] as const;
export type ChartType = (typeof CHART_TYPES)[number];
export const CHART_TYPE_LABELS: Record<ChartType, string> = { line: "折线图", bar: "柱状图", table: "表格" };

export const compareParsers = {
  agencies: parseAsAgencyIds.withDefault([]),
  stat: parseAsStat.withDefault(DEFAULT_STAT),
  from: parseAsYear,
  to: parseAsYear,
  type: parseAsStringLiteral(CHART_TYPES).withDefault("line"),
  scale: parseAsStringLiteral(SCALES).withDefault("linear"),
  minBase: parseAsMinBase.withDefault(0),
  q: parseAsString.withDefault(""),
};
export const compareUrlKeys = { agencies: "a", stat: "s", type: "t", minBase: "n" } as const;
export type CompareState = inferParserType<typeof compareParsers>;
export const loadCompare = createLoader(compareParsers, { urlKeys: compareUrlKeys });
export const serializeCompare = createSerializer(compareParsers, { urlKeys: compareUrlKeys });

/** The URL that reproduces a compare chart for anyone (search box left out). */
export function compareShareUrl(
  s: Pick<CompareState, "agencies" | "stat" | "from" | "to" | "type"> & Partial<Pick<CompareState, "scale" | "minBase">>,
  base = "/compare",
): string {
  return serializeCompare(base, { agencies: s.agencies, stat: s.stat, from: s.from, to: s.to, type: s.type, scale: s.scale ?? null, minBase: s.minBase ?? null, q: null });
}

// ---------------------------------------------------------------------------------------------
// The agency page: years shown and the outcome chart's mode (agencyParsers, in lib/chart-url.ts).

export type AgencyState = inferParserType<typeof agencyParsers>;
export const loadAgencyState = createLoader(agencyParsers);
export const serializeAgencyState = createSerializer(agencyParsers);

// ---------------------------------------------------------------------------------------------
// The report page: which cell or finding is highlighted in the source text.

export const reportParsers = {
  cell: parseAsString,
  finding: parseAsInteger,
};
export const reportUrlKeys = { cell: "c", finding: "f" } as const;
export const loadReportState = createLoader(reportParsers, { urlKeys: reportUrlKeys });

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
