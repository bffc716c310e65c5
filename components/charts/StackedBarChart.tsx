"use client";
// A stacked bar chart per year with its numbers in an accessible table below it.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PALETTE } from "./palette";
import { formatCount } from "@/lib/format";

export interface Series {
  key: string;
  label: string;
  /** Shown in the table only (e.g. a total that the stack already shows). */
  tableOnly?: boolean;
}

export interface StackedBarChartProps {
  title: string;
  /** One object per year: { year, [series.key]: number | null }. */
  data: Array<Record<string, number | null>>;
  series: Series[];
  /** Used in test ids and the table's id. */
  id: string;
}

export function StackedBarChart({ title, data, series, id }: StackedBarChartProps) {
  // Hide series that are zero in every year: they add legend noise but no bars (the table keeps them).
  const drawable = series.filter((s) => !s.tableOnly);
  const visible = drawable.filter((s) => data.some((d) => (d[s.key] ?? 0) !== 0));
  const shown = visible.length ? visible : drawable.slice(0, 1);
  return (
    <figure className="rounded-lg border border-line bg-white p-4" data-testid={`chart-${id}`}>
      <figcaption className="mb-2 font-medium">{title}</figcaption>
      <div className="h-72 w-full" role="img" aria-label={`${title}（图表，数值见下表）`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ec" />
            <XAxis dataKey="year" tickFormatter={(y) => `${y}`} />
            <YAxis allowDecimals={false} width={48} tickFormatter={(v) => formatCount(v)} />
            <Tooltip formatter={(v) => formatCount(Number(v))} labelFormatter={(y) => `${y} 年`} />
            <Legend />
            {shown.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="a"
                fill={PALETTE[series.indexOf(s) % PALETTE.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-3 text-sm" open>
        <summary className="cursor-pointer text-muted">数据表</summary>
        <div className="overflow-x-auto">
          <table id={`table-${id}`} data-testid={`table-${id}`} className="mt-2 w-full border-collapse text-right">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-3 text-left">
                  年度
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-2 py-1 font-normal text-muted">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.year} className="border-b border-line/60" data-year={d.year}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    {d.year}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="px-2 py-1" data-key={s.key}>
                      {formatCount(d[s.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
