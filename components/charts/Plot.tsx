"use client";
// The Recharts part of a chart, in its own module so pages load it after their first paint. The
// legend, the keyboard and the readout live in Chart.tsx (they work before this arrives); the
// tooltip shows the same readout: values in legend order, base n, the stack's total.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Scale } from "@/lib/chart-url";
import { formatTick, type Unit } from "@/lib/format";
import { colorOf, type ChartKind, type ChartRow, type ChartSeries, type YearReadout } from "./series";

export interface PlotProps {
  kind: Exclude<ChartKind, "table">;
  data: ChartRow[];
  /** Every series (for stable colours) … */
  series: ChartSeries[];
  /** … and the ones drawn. */
  shown: ChartSeries[];
  unit: Unit;
  percent: boolean;
  scale: Scale;
  readout: (year: number) => YearReadout;
  /** The year the keyboard or a tap picked: marked with a line. */
  activeYear: number | null;
  onPick: (year: number) => void;
  /** The plot box's size when first drawn (Chart.tsx measures it): drawn at once, then resized as the box is. */
  initialSize?: { width: number; height: number } | null;
}

function ReadoutTooltip({ active, label, readout }: { active?: boolean; label?: unknown; readout: PlotProps["readout"] }) {
  if (!active || label === undefined || label === null) return null;
  const r = readout(Number(label));
  return (
    <div className="rounded border border-line bg-white px-3 py-2 text-sm shadow-sm">
      <p className="font-medium">{r.year} 年</p>
      <ul>
        {r.lines.map((l) => (
          <li key={l.key} className="whitespace-nowrap">
            <span aria-hidden className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: l.color }} />
            {l.label}：<span className="tabular-nums">{l.text}</span>
          </li>
        ))}
      </ul>
      {r.total !== undefined && <p className="mt-1 border-t border-line pt-1 font-medium">合计：{r.total}</p>}
    </div>
  );
}

export default function Plot({ kind, data, series, shown, unit, percent, scale, readout, activeYear, onPick, initialSize }: PlotProps) {
  const common = {
    data,
    // Room at the edges for the last year's label and the widest tick (nothing clipped, also in exports).
    margin: { top: 12, right: 24, bottom: 4, left: 8 },
    accessibilityLayer: false,
    // A tap (or click) picks the year for the readout under the chart.
    onClick: (state: { activeLabel?: string | number } | null) => {
      if (state?.activeLabel !== undefined) onPick(Number(state.activeLabel));
    },
  };
  const domain: [number | string, number | string] = percent ? [0, 1] : scale === "linear" ? [0, "auto"] : ["auto", "auto"];
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ec" />
      <XAxis dataKey="year" tickFormatter={(y) => `${y}`} stroke="#5f6b7a" padding={kind === "line" ? { left: 16, right: 16 } : undefined} />
      <YAxis
        allowDecimals={unit !== "count"}
        width={64}
        tickFormatter={(v: number) => formatTick(v, unit)}
        stroke="#5f6b7a"
        scale={scale === "log" ? "log" : "auto"}
        domain={domain}
        allowDataOverflow={scale === "log"}
      />
      <Tooltip content={<ReadoutTooltip readout={readout} />} />
      {scale === "index" && <ReferenceLine y={100} stroke="#5f6b7a" strokeDasharray="4 2" />}
      {scale === "yoy" && <ReferenceLine y={0} stroke="#5f6b7a" />}
      {activeYear !== null && <ReferenceLine x={activeYear} stroke="#1f2933" strokeDasharray="2 2" />}
    </>
  );
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={initialSize ?? undefined}>
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
