// A tiny server-rendered line of values per year (no client JS), with its numbers in the label.
import { formatCount } from "@/lib/format";

export function Sparkline({ points, width = 96, height = 24, label }: { points: Array<{ year: number; value: number | null }>; width?: number; height?: number; label: string }) {
  const vals = points.map((p) => p.value).filter((v): v is number => v !== null);
  const text = points.length ? points.map((p) => `${p.year}年 ${formatCount(p.value)}`).join("，") : "无数据";
  if (points.length === 0 || vals.length === 0) {
    return <span className="text-xs text-muted">—</span>;
  }
  const max = Math.max(...vals, 1);
  const years = points.map((p) => p.year);
  const y0 = Math.min(...years);
  const y1 = Math.max(...years);
  const x = (y: number) => (y1 === y0 ? width / 2 : 2 + ((y - y0) / (y1 - y0)) * (width - 4));
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  // Break the line at missing values and missing years.
  const segments: string[] = [];
  let cur: string[] = [];
  let prevYear: number | null = null;
  for (const p of points) {
    if (p.value === null || (prevYear !== null && p.year !== prevYear + 1)) {
      if (cur.length) segments.push(cur.join(" "));
      cur = [];
    }
    if (p.value !== null) cur.push(`${cur.length ? "L" : "M"}${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`);
    prevYear = p.year;
  }
  if (cur.length) segments.push(cur.join(" "));
  const last = [...points].reverse().find((p) => p.value !== null)!;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}：${text}`} className="inline-block align-middle">
      <title>{text}</title>
      {segments.map((d, i) =>
        d.includes("L") ? (
          <path key={i} d={d} fill="none" stroke="#0072B2" strokeWidth={1.5} />
        ) : (
          <circle key={i} cx={d.slice(1).split(",")[0]} cy={d.split(",")[1]} r={1.5} fill="#0072B2" />
        ),
      )}
      <circle cx={x(last.year)} cy={y(last.value!)} r={2} fill="#0072B2" />
    </svg>
  );
}
