// The small parts of chart scales the browser needs (the row transforms, lib/chart-scale.ts, run
// on the server): a scaled value's unit and its label, and whether a rate's base is too small.
import type { Scale } from "@/lib/chart-url";
import type { Unit } from "@/lib/format";

/** Is this rate left out for its base? (A rate with no known base counts as below any minimum.) */
export function belowMinBase(base: number | null | undefined, minBase: number): boolean {
  return minBase > 0 && (base === null || base === undefined || base < minBase);
}

/** The unit of a scaled value. */
export function scaledUnit(unit: Unit, scale: Scale): Unit {
  if (scale === "index") return "index";
  if (scale === "yoy") return "change";
  return unit;
}

export const UNIT_LABELS: Record<Unit, string> = {
  count: "件",
  percent: "%",
  per100: "件（每百件新收申请）",
  index: "指数（所示首个有数年度 = 100）",
  change: "与上一年相比的变化（%）",
};
