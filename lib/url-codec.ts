// The parse/serialise rules of the chart state the browser writes on chart pages (years, the
// outcome chart's mix, the legend's switched-off series) as plain functions: lib/chart-url.ts
// wraps them in nuqs parsers for the server, and the chart and year controls use them directly
// (components/ui/useUrlState.ts), so a chart page's first-load JS carries no URL-state library.

/** A year 2007–2100, or null. */
export function parseYear(v: string | null | undefined): number | null {
  if (!v) return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 2007 && n <= 2100 ? n : null;
}

/** Series switched off in a chart's legend: "chartId:seriesKey", comma-separated, at most 64. */
export function parseHidden(v: string | null | undefined): string[] {
  return v ? [...new Set(v.split(",").filter((s) => /^[\w-]+:[\w.-]+$/.test(s)))].slice(0, 64) : [];
}
export const serializeHidden = (v: string[]) => v.join(",");

/** The outcome chart's mode: counts (n, the default) or percent (pct). */
export const MIX_MODES = ["n", "pct"] as const;
export type MixMode = (typeof MIX_MODES)[number];
export const parseMix = (v: string | null | undefined): MixMode => (v === "pct" ? "pct" : "n");

/** The URL key of the legend's switched-off series (every page with charts). */
export const HIDDEN_KEY = "off";

/** from/to normalised so from <= to. */
export function orderedYears(from: number | null, to: number | null): { from: number | null; to: number | null } {
  if (from !== null && to !== null && from > to) return { from: to, to: from };
  return { from, to };
}
/** The report page's highlight: a cell (c=granted.total) or a finding (f=12); as lib/filter-url.ts's reportParsers read it. */
export const REPORT_URL_KEYS = { cell: "c", finding: "f" } as const;
export function parseReportSelection(p: Pick<URLSearchParams, "get">): { cell: string | null; finding: number | null } {
  const f = p.get(REPORT_URL_KEYS.finding);
  const n = f !== null && /^-?\d+$/.test(f) ? Number(f) : null;
  return { cell: p.get(REPORT_URL_KEYS.cell) || null, finding: n !== null && Number.isSafeInteger(n) ? n : null };
}
