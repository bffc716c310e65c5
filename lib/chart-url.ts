// The chart state the browser needs on every chart page (years, the outcome chart's mix, legend
// switches, scales), apart from lib/chart-state.ts so a chart page's first-load JS does not carry
// the statistics' labels. lib/chart-state.ts re-exports all of it: import from there on the server.
import { createParser, parseAsStringLiteral } from "nuqs/server";

/** Two years, each 2007–2100. */
export const parseAsYear = createParser<number>({
  parse: (v) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 2007 && n <= 2100 ? n : null;
  },
  serialize: (v) => String(v),
});

/** Series switched off in a chart's legend: "chartId:seriesKey", comma-separated. */
const parseAsHidden = createParser<string[]>({
  parse: (v) => [...new Set(v.split(",").filter((s) => /^[\w-]+:[\w.-]+$/.test(s)))].slice(0, 64),
  serialize: (v) => v.join(","),
  eq: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
});
export const hiddenParser = parseAsHidden.withDefault([]);
/** The URL key of the legend's switched-off series (every page with charts). */
export const HIDDEN_KEY = "off";

/** How values are drawn: as read, on a log axis, as an index (first year = 100), or as change on the year before. */
export const SCALES = ["linear", "log", "index", "yoy"] as const;
export type Scale = (typeof SCALES)[number];
export const SCALE_LABELS: Record<Scale, string> = { linear: "线性", log: "对数", index: "指数（首年=100）", yoy: "同比变化" };

export const MIX_MODES = ["n", "pct"] as const;
export type MixMode = (typeof MIX_MODES)[number];

export const agencyParsers = {
  from: parseAsYear,
  to: parseAsYear,
  mix: parseAsStringLiteral(MIX_MODES).withDefault("n"),
};

/** from/to normalised so from <= to. */
export function orderedYears(from: number | null, to: number | null): { from: number | null; to: number | null } {
  if (from !== null && to !== null && from > to) return { from: to, to: from };
  return { from, to };
}
