// The map's colour classes: quantile breaks over the values shown (at most five classes, fewer
// when there are fewer distinct values), drawn in a sequential, colour-blind-safe scale
// (ColorBrewer YlGnBu). A region without a value ("no data": no report, or none that states the
// number) is not a class: it is hatched grey, never the colour of 0. Pure: server and tests.

/** ColorBrewer YlGnBu, light to dark, by the number of classes. */
export const SEQUENTIAL: Record<number, readonly string[]> = {
  1: ["#41b6c4"],
  2: ["#a1dab4", "#225ea8"],
  3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
  4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
  5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
};
export const NO_DATA_FILL = "#d6dbe1";
export const NO_DATA_LABEL = "无数据";

export interface Bin {
  /** Inclusive lower bound (the smallest value when first). */
  lo: number;
  /** Exclusive upper bound; the last bin includes it. */
  hi: number;
  color: string;
}

const isNum = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

export type BinUnit = "count" | "percent" | "per100";

/** Rounds a break to a readable value: counts to 2 significant digits, shares to 0.1 %, per-100 rates to 0.1. */
export function niceBreak(v: number, unit: BinUnit = "count"): number {
  if (unit === "percent") return Math.round(v * 1000) / 1000;
  if (unit === "per100") return Math.round(v * 10) / 10;
  if (v < 10) return Math.round(v);
  const p = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.round(v / p) * p;
}

/**
 * Classes of the values (nulls ignored): quantile breaks, rounded, without repeats; empty when no
 * value is a number.
 */
export function binsOf(values: ReadonlyArray<number | null>, opts: { unit?: BinUnit; max?: number } = {}): Bin[] {
  const xs = values.filter(isNum).sort((a, b) => a - b);
  if (!xs.length) return [];
  const lo = xs[0];
  const hi = xs.at(-1)!;
  const k = Math.min(opts.max ?? 5, new Set(xs).size);
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const b = niceBreak(xs[Math.floor((i * xs.length) / k)], opts.unit);
    if (b > lo && b <= hi && b > (breaks.at(-1) ?? -Infinity)) breaks.push(b);
  }
  const edges = [lo, ...breaks, hi];
  const colors = SEQUENTIAL[edges.length - 1] ?? SEQUENTIAL[1];
  return edges.slice(0, -1).map((e, i) => ({ lo: e, hi: edges[i + 1], color: colors[i] }));
}

/** The class of a value: null for no data. */
export function binOf(v: number | null | undefined, bins: readonly Bin[]): number | null {
  if (!isNum(v) || !bins.length) return null;
  for (let i = 0; i < bins.length - 1; i++) if (v < bins[i].hi) return i;
  return bins.length - 1;
}

export function fillOf(v: number | null | undefined, bins: readonly Bin[]): string | null {
  const i = binOf(v, bins);
  return i === null ? null : bins[i].color;
}
