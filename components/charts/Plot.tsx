"use client";
// The Recharts part of a chart, in its own module so pages load it after their first paint.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatTick, formatValue, NOT_LISTED, type Unit } from "@/lib/format";
import { colorOf, type ChartKind, type ChartRow, type ChartSeries } from "./series";

export interface PlotProps {
  kind: Exclude<ChartKind, "table">;
  data: ChartRow[];
  /** Every series (for stable colours) … */
  series: ChartSeries[];
  /** … and the ones drawn. */
  shown: ChartSeries[];
  unit: Unit;
  percent: boolean;
}

export default function Plot({ kind, data, series, shown, unit, percent }: PlotProps) {
  const common = {
    data,
    margin: { top: 8, right: 12, bottom: 0, left: 4 },
    accessibilityLayer: true,
  };
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ec" />
      <XAxis dataKey="year" tickFormatter={(y) => `${y}`} stroke="#5f6b7a" />
      <YAxis
        allowDecimals={unit !== "count"}
        width={56}
        tickFormatter={(v: number) => formatTick(v, unit)}
        stroke="#5f6b7a"
        domain={percent ? [0, 1] : [0, "auto"]}
      />
      <Tooltip
        formatter={(v) => (v === null || v === undefined ? NOT_LISTED : formatValue(Number(v), unit))}
        labelFormatter={(y) => `${y} 年`}
      />
      <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} formatter={(value) => <span className="text-ink">{value}</span>} />
    </>
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      {kind === "line" ? (
        <LineChart {...common}>
          {axes}
          {shown.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              type="linear"
              stroke={colorOf(s, series.indexOf(s))}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <BarChart {...common}>
          {axes}
          {shown.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId={kind === "stacked" ? "a" : undefined}
              fill={colorOf(s, series.indexOf(s))}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
