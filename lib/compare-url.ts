// The compare chart's URL state, apart from lib/chart-state.ts so the compare page's controls do
// not carry the statistics' labels (the server passes the metric options as props).
import { createLoader, createParser, createSerializer, parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { parseAsYear, SCALES } from "@/lib/chart-url";
import { parseAsAgencyIds, parseAsMinBase } from "@/lib/filter-url";
import { statKind, type StatKey } from "@/lib/stat-rows";

// ---------------------------------------------------------------------------------------------
// The compare chart: agencies, statistic, years, chart type. `q` is the picker's search box and
// is not part of a shared chart.

export const DEFAULT_STAT: StatKey = "new_received.total";

export const parseAsStat = createParser<StatKey>({
  parse: (v) => (statKind(v) ? (v as StatKey) : null),
  serialize: (v) => v,
});

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

