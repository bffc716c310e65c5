// The Open Graph image of a chart (1200×630), drawn with next/og: title, the series as lines or
// bars (SVG without text: Satori lays out the labels as boxes), legend and the latest values.
import { ImageResponse } from "next/og";
import { PALETTE } from "@/components/charts/palette";
import { formatTick, formatValue, type Unit } from "@/lib/format";
import { cardResponse, cjkFont } from "./font";

export interface CardSeries {
  label: string;
  values: Array<number | null>;
}

export interface CardProps {
  title: string;
  subtitle?: string;
  years: number[];
  series: CardSeries[];
  unit: Unit;
  kind: "line" | "bar";
  /** A log axis (values ≤ 0 are not drawn), as the shared chart's scale=log. */
  log?: boolean;
  /** A line under the subtitle: the view (对数坐标, 指数, n ≥ 30 …), as the chart states it. */
  note?: string;
}

const W = 1200;
const H = 630;
const PLOT = { x: 90, y: 170, w: 1040, h: 330 };

export async function chartCard(p: CardProps): Promise<ImageResponse> {
  const font = await cjkFont();
  const all = p.series.flatMap((s) => s.values).filter((v): v is number => v !== null && (!p.log || v > 0));
  // Linear: from 0 (or the lowest negative change) to the largest value; log: whole decades.
  const min = p.log ? 10 ** Math.floor(Math.log10(Math.min(...all, 1))) : Math.min(0, ...all);
  const max = p.log ? 10 ** Math.ceil(Math.log10(Math.max(...all, 10))) : Math.max(p.unit === "percent" || p.unit === "change" ? 0.0001 : 1, ...all);
  const t = (v: number) => (p.log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min));
  const n = Math.max(1, p.years.length);
  const x = (i: number) => PLOT.x + (n === 1 ? PLOT.w / 2 : (i / (n - 1)) * PLOT.w);
  const y = (v: number) => PLOT.y + PLOT.h - t(v) * PLOT.h;
  const base = p.log ? min : Math.max(min, 0);
  const band = PLOT.w / n;
  const barW = Math.min(60, (band * 0.8) / Math.max(1, p.series.length));
  const shapes: React.ReactNode[] = [];
  p.series.forEach((s, si) => {
    const color = PALETTE[si % PALETTE.length];
    if (p.kind === "line") {
      let d = "";
      const drawn = (v: number | null): v is number => v !== null && (!p.log || v > 0);
      s.values.forEach((v, i) => {
        if (!drawn(v)) return;
        d += `${d && drawn(s.values[i - 1]) ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      });
      if (d) shapes.push(<path key={`l${si}`} d={d} fill="none" stroke={color} strokeWidth={6} strokeLinejoin="round" strokeLinecap="round" />);
      s.values.forEach((v, i) => drawn(v) && shapes.push(<circle key={`c${si}-${i}`} cx={x(i)} cy={y(v)} r={8} fill={color} />));
    } else {
      s.values.forEach((v, i) => {
        if (v === null || (p.log && v <= 0)) return;
        const cx = PLOT.x + band * i + band / 2 - (barW * p.series.length) / 2 + barW * si;
        const [top, bottom] = [Math.min(y(v), y(base)), Math.max(y(v), y(base))];
        shapes.push(<rect key={`b${si}-${i}`} x={cx} y={top} width={barW - 4} height={Math.max(1, bottom - top)} fill={color} />);
      });
    }
  });
  const fontFamily = font ? "Noto Sans CJK SC" : "sans-serif";
  return new ImageResponse(
    (
      <div style={{ width: W, height: H, display: "flex", flexDirection: "column", background: "#ffffff", fontFamily, color: "#1f2933", position: "relative" }}>
        <div style={{ display: "flex", flexDirection: "column", padding: "36px 60px 0 60px" }}>
          <div style={{ fontSize: 40, fontWeight: 600, lineHeight: 1.25, display: "flex", maxHeight: 100, overflow: "hidden" }}>{p.title}</div>
          {p.subtitle && <div style={{ fontSize: 26, color: "#5f6b7a", marginTop: 6, display: "flex" }}>{p.subtitle}</div>}
          {p.note && <div style={{ fontSize: 22, color: "#5f6b7a", marginTop: 2, display: "flex" }}>{p.note}</div>}
        </div>
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ position: "absolute", left: 0, top: 0 }}>
          <line x1={PLOT.x} y1={y(base)} x2={PLOT.x + PLOT.w} y2={y(base)} stroke="#5f6b7a" strokeWidth={2} />
          <line x1={PLOT.x} y1={PLOT.y} x2={PLOT.x + PLOT.w} y2={PLOT.y} stroke="#e3e7ec" strokeWidth={2} strokeDasharray="8 8" />
          {shapes}
        </svg>
        <div style={{ position: "absolute", left: 10, top: PLOT.y - 16, width: PLOT.x - 20, fontSize: 22, color: "#5f6b7a", display: "flex", justifyContent: "flex-end" }}>
          {formatTick(max, p.unit)}
        </div>
        <div style={{ position: "absolute", left: 10, top: PLOT.y + PLOT.h - 16, width: PLOT.x - 20, fontSize: 22, color: "#5f6b7a", display: "flex", justifyContent: "flex-end" }}>
          {formatTick(min, p.unit)}
        </div>
        {p.years.map((yr, i) => (
          <div
            key={yr}
            style={{
              position: "absolute",
              top: PLOT.y + PLOT.h + 8,
              left: (p.kind === "line" ? x(i) : PLOT.x + band * i + band / 2) - 40,
              width: 80,
              fontSize: 22,
              color: "#5f6b7a",
              display: "flex",
              justifyContent: "center",
            }}
          >
            {String(yr)}
          </div>
        ))}
        <div style={{ position: "absolute", left: 60, right: 60, bottom: 28, display: "flex", flexWrap: "wrap", alignItems: "center", fontSize: 22 }}>
          {p.series.slice(0, 6).map((s, i) => {
            const last = [...s.values].reverse().find((v) => v !== null) ?? null;
            return (
              <div key={i} style={{ display: "flex", alignItems: "center", marginRight: 28 }}>
                <div style={{ width: 18, height: 18, background: PALETTE[i % PALETTE.length], marginRight: 8, display: "flex" }} />
                <div style={{ display: "flex" }}>{`${s.label.length > 16 ? s.label.slice(0, 15) + "…" : s.label} ${formatValue(last, p.unit)}`}</div>
              </div>
            );
          })}
          <div style={{ display: "flex", marginLeft: "auto", color: "#0b5cad", fontWeight: 600 }}>公开 gongkai</div>
        </div>
      </div>
    ),
    cardResponse(font),
  );
}
