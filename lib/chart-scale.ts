// The views of a chart's numbers (pure, shared by the chart, its table, its CSV and tests):
// rates whose base is too small taken out, and the values turned into an index (first year
// shown = 100) or a change on the year before. A value that cannot be computed is null — a gap,
// never 0.
import type { Scale } from "@/lib/chart-state";

export type Row = { year: number } & Record<string, number | null>;

/** Rows with each rate whose base (same key in `bases`) is below `minBase` set to null. */
export function withMinBase(rows: Row[], bases: Row[] | undefined, keys: string[], minBase: number): Row[] {
  if (!bases || minBase <= 0) return rows;
  const byYear = new Map(bases.map((b) => [b.year, b]));
  return rows.map((r) => {
    const b = byYear.get(r.year);
    const out: Row = { ...r };
    for (const k of keys) {
      const n = b?.[k];
      if (out[k] !== null && out[k] !== undefined && (n === null || n === undefined || n < minBase)) out[k] = null;
    }
    return out;
  });
}

/** The values in the scale's terms; log and linear keep them (log drops values ≤ 0, which it cannot draw). */
export function scaleRows(rows: Row[], keys: string[], scale: Scale): Row[] {
  if (scale === "linear") return rows;
  if (scale === "log") {
    return rows.map((r) => {
      const out: Row = { ...r };
      for (const k of keys) if (typeof out[k] === "number" && (out[k] as number) <= 0) out[k] = null;
      return out;
    });
  }
  if (scale === "index") {
    // Each series' first year with a value (not 0: an index on 0 is undefined) is 100.
    const first: Record<string, number | null> = {};
    for (const k of keys) {
      const hit = rows.find((r) => typeof r[k] === "number" && r[k] !== 0);
      first[k] = hit ? (hit[k] as number) : null;
    }
    return rows.map((r) => {
      const out: Row = { year: r.year };
      for (const k of keys) {
        const v = r[k];
        out[k] = v === null || v === undefined || first[k] === null ? null : (v / first[k]!) * 100;
      }
      return out;
    });
  }
  // yoy: change on the calendar year before (not the row before: a missing year leaves a gap).
  const byYear = new Map(rows.map((r) => [r.year, r]));
  return rows.map((r) => {
    const prev = byYear.get(r.year - 1);
    const out: Row = { year: r.year };
    for (const k of keys) {
      const v = r[k];
      const p = prev?.[k];
      out[k] = v === null || v === undefined || p === null || p === undefined || p === 0 ? null : (v - p) / p;
    }
    return out;
  });
}

/** The values as a chart draws them: rates on too small a base dropped, then in the scale's terms. */
export function drawnRows(rows: Row[], bases: Row[] | undefined, keys: string[], minBase: number, scale: Scale): Row[] {
  return scaleRows(withMinBase(rows, bases, keys, minBase), keys, scale);
}

export { belowMinBase, scaledUnit, UNIT_LABELS } from "./chart-units";
