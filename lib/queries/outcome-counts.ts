/** Totals of the six outcome groups of table 3, as denormalised on each report. */
export interface OutcomeCounts {
  granted: number | null;
  partiallyGranted: number | null;
  denied: number | null;
  unable: number | null;
  notProcessed: number | null;
  other: number | null;
}
