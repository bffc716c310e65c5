// The chart state the browser needs on every chart page (years, the outcome chart's mix, legend
// switches, scales), apart from lib/chart-state.ts so a chart page's first-load JS does not carry
// the statistics' labels. lib/chart-state.ts re-exports all of it: import from there on the server.
import { createParser, parseAsStringLiteral } from "nuqs/server";
import { MIX_MODES, parseHidden, parseYear } from "@/lib/url-codec";

export { HIDDEN_KEY, MIX_MODES, orderedYears, type MixMode } from "@/lib/url-codec";

/** Two years, each 2007–2100. */
export const parseAsYear = createParser<number>({
  parse: parseYear,
  serialize: (v) => String(v),
});

/** Series switched off in a chart's legend: "chartId:seriesKey", comma-separated. */
const parseAsHidden = createParser<string[]>({
  parse: parseHidden,
  serialize: (v) => v.join(","),
  eq: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
});
export const hiddenParser = parseAsHidden.withDefault([]);

/** How values are drawn: as read, on a log axis, as an index (first year = 100), or as change on the year before. */
export const SCALES = ["linear", "log", "index", "yoy"] as const;
export type Scale = (typeof SCALES)[number];
export const SCALE_LABELS: Record<Scale, string> = { linear: "线性", log: "对数", index: "指数（首年=100）", yoy: "同比变化" };


export const agencyParsers = {
  from: parseAsYear,
  to: parseAsYear,
  mix: parseAsStringLiteral(MIX_MODES).withDefault("n"),
};

