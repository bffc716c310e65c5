// Chart data shapes shared by the chart frame and its lazily loaded plot.
import { PALETTE } from "./palette";

export interface ChartSeries {
  key: string;
  label: string;
  /** Shown in the table (and CSV) only, e.g. a total the stack already shows. */
  tableOnly?: boolean;
  color?: string;
}

export type ChartRow = { year: number } & Record<string, number | null>;
export type ChartKind = "line" | "bar" | "stacked" | "table";

export const colorOf = (s: ChartSeries, i: number) => s.color ?? PALETTE[i % PALETTE.length];

/** One year's values as the chart's readout and tooltip show them: in legend order, with the stack's total. */
export interface YearReadout {
  year: number;
  lines: Array<{ key: string; label: string; color: string; text: string }>;
  total?: string;
}
