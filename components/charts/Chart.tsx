"use client";
// One chart of values per year (line, grouped or stacked bars, or only its table), with its
// context (unit, source, 数据更新于, notes), a legend whose items switch series on and off (kept in
// the URL: off=chartId:key), a readout of one year's values that the keyboard (←/→ from the first
// year) and a tap drive, its numbers in an accessible table (shown without JavaScript), and a
// toolbar to share it (复制链接, 嵌入代码) and download it (CSV, PNG, SVG). Rates carry their base
// n; a rate resting on fewer cases than minBase is greyed in the table and left out of the plot.
// The table keeps the test hooks: table-{id} with tr[data-year] td[data-key].
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { Scale } from "@/lib/chart-url";
import { HIDDEN_KEY, parseHidden, parseMix, serializeHidden } from "@/lib/url-codec";
import { useUrlState } from "@/components/ui/useUrlState";
import { belowMinBase, scaledUnit, UNIT_LABELS } from "@/lib/chart-units";
import { formatCount, formatDate, formatValue, NOT_LISTED, type Unit } from "@/lib/format";
import { colorOf, type ChartKind, type ChartRow, type ChartSeries, type YearReadout } from "./series";
import type { CsvValue } from "./export";
import { ToolStatus } from "./ToolStatus";
import { drawTurn, loadedPlot } from "./plot-loader";

export type { ChartKind, ChartRow, ChartSeries } from "./series";

// Recharts is most of a chart page's JavaScript: it is loaded after the page (plot-loader.ts,
// drawn only once mounted, as the server has no size to draw at), into a box of the chart's final
// height, so the page is readable (and its data table usable) before it arrives. The box's size,
// read when the chart's turn to draw comes, is the plot's first size: it draws in that render
// instead of waiting for a resize observer's first report.
const PlotLoading = () => <div className="h-full w-full animate-pulse rounded bg-paper" aria-hidden />;

export interface ChartProps {
  id: string;
  title: string;
  subtitle?: string;
  /** Definitions, under the chart and in exported images. */
  note?: string;
  kind: ChartKind;
  unit: Unit;
  rows: ChartRow[];
  series: ChartSeries[];
  /** Relative URL that reproduces this chart; default: the page's own URL. */
  sharePath?: string;
  /** Relative URL of this chart alone (/embed/…): the share menu offers its iframe snippet. */
  embedPath?: string;
  /** File name without extension. */
  fileName: string;
  /** CSV to download instead of the table's wide layout (e.g. tidy agency/year/value rows). */
  csv?: { header: string[]; rows: CsvValue[][] };
  /** Show the data table open at first. */
  tableOpen?: boolean;
  /** Stacked charts: a counts/percent switch kept in the URL parameter `mix`. */
  percentSwitch?: boolean;
  /** Per-year links shown in the table (e.g. to the report). */
  yearLinks?: Record<number, string>;
  height?: number;
  /** Rates: each value's base n (same years and keys as rows) and what the base counts. */
  bases?: ChartRow[];
  /** Values from a version a person corrected (人工更正), as "year|series key": marked in the table. */
  corrected?: string[];
  baseLabel?: string;
  /** Rates on a smaller base are greyed in the table and not drawn. */
  minBase?: number;
  scale?: Scale;
  /** The values as drawn when they differ from rows (scaled, rates on too small a base dropped): lib/chart-scale.ts drawnRows, on the server. */
  drawn?: ChartRow[];
  /** What the numbers come from, e.g. "3 个机关的 12 份年报"; the report type is added. */
  source?: string;
  /** When the newest report behind the chart was imported (ISO). */
  updatedAt?: string | null;
}

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

export function Chart(props: ChartProps) {
  const { id, title, subtitle, note, kind, series, rows, fileName, bases, height = 288 } = props;
  const scale = props.scale ?? "linear";
  const minBase = props.minBase ?? 0;
  const figureRef = useRef<HTMLElement>(null);
  const tableId = useId();
  const [tableShown, setTableShown] = useState(props.tableOpen ?? kind === "table");
  const [status, setStatus] = useState("");
  const [fallback, setFallback] = useState<{ label: string; text: string } | null>(null);
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  const [params, setParams] = useUrlState();
  const mix = parseMix(params.get("mix"));
  const setMix = (m: "pct" | null) => setParams({ mix: m });
  const hidden = parseHidden(params.get(HIDDEN_KEY));
  const setHidden = (h: string[]) => setParams({ [HIDDEN_KEY]: h.length ? serializeHidden(h) : null });
  const plotRef = useRef<HTMLDivElement>(null);
  const [drawAt, setDrawAt] = useState<{ width: number; height: number } | null>(null);
  const percent = !!props.percentSwitch && mix === "pct";
  const baseUnit: Unit = percent ? "percent" : props.unit;
  const unit = scaledUnit(baseUnit, scale);

  const drawable = series.filter((s) => !s.tableOnly);
  // Series that are empty in every year add legend noise but no marks (the table keeps them).
  const withMarks = drawable.filter((s) => rows.some((r) => isNum(r[s.key]) && (kind === "line" || r[s.key] !== 0)));
  const legend = withMarks.length ? withMarks : drawable.slice(0, 1);
  const off = new Set(hidden.filter((h) => h.startsWith(`${id}:`)).map((h) => h.slice(id.length + 1)));
  const shown = legend.filter((s) => !off.has(s.key));
  const allZero = kind !== "line" && rows.length > 0 && drawable.every((s) => rows.every((r) => !r[s.key]));
  const keys = series.map((s) => s.key);

  // Counts → shares (mix=pct); charts with a scale or rates come with their drawn values.
  const shares = useMemo(() => {
    if (!percent) return rows;
    return rows.map((r) => {
      const sum = drawable.reduce((s, d) => s + (r[d.key] ?? 0), 0);
      const out: ChartRow = { year: r.year };
      for (const s of series) out[s.key] = !isNum(r[s.key]) || sum === 0 ? null : (r[s.key] as number) / sum;
      return out;
    });
  }, [percent, rows, series, drawable]);
  const data = props.drawn ?? shares;
  const tableSeries = percent ? drawable : series;
  const baseOf = (year: number, key: string) => (bases ? (bases.find((b) => b.year === year)?.[key] ?? null) : undefined);
  const dropped = bases ? shares.some((r) => keys.some((k) => isNum(r[k]) && belowMinBase(baseOf(r.year, k), minBase))) : false;

  /** One value as text: the drawn value, its raw value when scaled, its base n, and why it is missing. */
  function valueText(year: number, key: string): string {
    const raw = shares.find((r) => r.year === year)?.[key];
    const v = data.find((r) => r.year === year)?.[key];
    const n = baseOf(year, key);
    const nText = n === undefined ? "" : `（n=${formatCount(n)}）`;
    if (!isNum(raw)) return NOT_LISTED;
    if (belowMinBase(n, minBase)) return `${formatValue(raw, baseUnit)}${nText}，基数不足 ${minBase}，未画出`;
    const drawn = scale === "linear" || scale === "log" ? formatValue(raw, baseUnit) : `${isNum(v) ? formatValue(v, unit) : "—"}（原值 ${formatValue(raw, baseUnit)}）`;
    return `${drawn}${nText}`;
  }

  function readout(year: number): YearReadout {
    const lines = shown.map((s) => ({ key: s.key, label: s.label, color: colorOf(s, series.indexOf(s)), text: valueText(year, s.key) }));
    let total: string | undefined;
    if (kind === "stacked") {
      const row = shares.find((r) => r.year === year);
      const vals = shown.map((s) => row?.[s.key]).filter(isNum);
      total = vals.length ? formatValue(vals.reduce((a, b) => a + b, 0), baseUnit) : undefined;
    }
    return { year, lines, total };
  }

  function withHidden(path: string) {
    const url = new URL(path, window.location.origin);
    const mine = hidden.filter((h) => h.startsWith(`${id}:`));
    if (mine.length) url.searchParams.set(HIDDEN_KEY, mine.join(","));
    else url.searchParams.delete(HIDDEN_KEY);
    return url;
  }

  function shareUrl() {
    const url = withHidden(props.sharePath ?? window.location.pathname + window.location.search);
    return url.toString().replace(/#.*$/, "") + `#chart-${id}`;
  }

  function embedCode() {
    const url = withHidden(props.embedPath!);
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    return `<iframe src="${esc(url.toString())}" title="${esc(title)}" width="100%" height="${height + 260}" style="border:0" loading="lazy"></iframe>`;
  }

  async function copy(text: string, done: string, label: string) {
    try {
      await navigator.clipboard.writeText(text);
      setFallback(null);
      setStatus(done);
    } catch {
      setFallback({ label, text });
      setStatus("无法写入剪贴板，请手动复制下面的内容");
    }
  }

  function toggle(key: string) {
    const entry = `${id}:${key}`;
    setHidden(hidden.includes(entry) ? hidden.filter((h) => h !== entry) : [...hidden, entry]);
  }

  // Downloads load their code (SVG layout, PNG, CSV) when first used: it is not first-load JS.
  async function csv() {
    const { downloadCsv, fileSafe } = await import("./export");
    if (props.csv && !percent) {
      downloadCsv(`${fileSafe(fileName)}.csv`, props.csv.header, props.csv.rows);
    } else {
      downloadCsv(
        `${fileSafe(fileName)}${percent ? "_percent" : ""}.csv`,
        ["year", ...tableSeries.map((s) => s.key)],
        shares.map((r) => [r.year, ...tableSeries.map((s) => r[s.key])]),
      );
    }
    setStatus("已下载 CSV");
  }

  async function image(kindOf: "png" | "svg") {
    const { chartSvg, downloadPng, downloadSvg, fileSafe } = await import("./export");
    const svg =
      figureRef.current &&
      chartSvg(figureRef.current, {
        title,
        subtitle,
        context: context.join(" · "),
        note: [note, dropped ? baseNote : null].filter(Boolean).join(""),
        url: shareUrl(),
        legend: shown.map((s) => ({ label: s.label, color: colorOf(s, series.indexOf(s)) })),
      });
    if (!svg) {
      setStatus("这个图表没有可导出的图形");
      return;
    }
    if (kindOf === "svg") downloadSvg(`${fileSafe(fileName)}.svg`, svg.svg);
    else await downloadPng(`${fileSafe(fileName)}.png`, svg).catch(() => setStatus("图片生成失败"));
    setStatus(kindOf === "svg" ? "已下载 SVG" : "已下载 PNG");
  }

  const context = [
    `单位：${UNIT_LABELS[unit]}${scale === "log" ? "，对数坐标" : ""}`,
    `来源：${props.source ? `${props.source}（政府信息公开工作年度报告）` : "各机关政府信息公开工作年度报告"}，公开 gongkai 整理`,
    props.updatedAt ? `数据更新于 ${formatDate(new Date(props.updatedAt))}` : null,
  ].filter((s): s is string => !!s);
  const baseNote = `基数（${props.baseLabel ?? "n"}）不足 ${minBase} 的比率未画出，表中以灰色列出。`;
  const span = rows.length ? `${rows[0].year}–${rows.at(-1)!.year} 年，` : "";
  const summary = `${title}：${span}${shown.map((s) => s.label).join("、")}。用左右方向键逐年查看数值，完整数值见数据表。`;
  const active = activeIndex !== null && data[activeIndex] ? readout(data[activeIndex].year) : null;

  function onKey(e: React.KeyboardEvent) {
    if (!data.length) return;
    const last = data.length - 1;
    const next: Record<string, () => number> = {
      ArrowRight: () => (activeIndex === null ? 0 : Math.min(last, activeIndex + 1)),
      ArrowLeft: () => (activeIndex === null ? last : Math.max(0, activeIndex - 1)),
      Home: () => 0,
      End: () => last,
    };
    if (next[e.key]) {
      e.preventDefault();
      setActiveIndex(next[e.key]());
    } else if (e.key === "Escape") setActiveIndex(null);
  }

  const plotted = kind !== "table" && rows.length > 0 && !allZero;
  useEffect(() => {
    if (!plotted || drawAt) return;
    return drawTurn(() => {
      const box = plotRef.current?.getBoundingClientRect();
      setDrawAt({ width: Math.round(box?.width ?? -1), height: Math.round(box?.height ?? -1) });
    });
  }, [plotted, drawAt]);
  const Plot = drawAt && loadedPlot();

  return (
    <figure
      ref={figureRef}
      id={`chart-${id}`}
      className="scroll-mt-4 rounded-lg border border-line bg-white p-4"
      data-testid={`chart-${id}`}
      aria-labelledby={`${tableId}-title`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`${tableId}-title`} className="font-medium">
            {title}
          </h2>
          {subtitle && <p className="text-sm text-muted">{subtitle}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-1 text-sm" role="group" aria-label={`${title}：分享与下载`} data-chart-plot>
          {props.percentSwitch && (
            <div className="mr-2 inline-flex overflow-hidden rounded border border-line" role="group" aria-label="显示方式">
              {(["n", "pct"] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  aria-pressed={mix === m}
                  onClick={() => setMix(m === "n" ? null : m)}
                  className={`px-2 py-1 ${mix === m ? "bg-accent text-white" : "bg-white text-ink hover:bg-paper"}`}
                >
                  {m === "n" ? "件数" : "百分比"}
                </button>
              ))}
            </div>
          )}
          <ToolButton onClick={() => copy(shareUrl(), "链接已复制", "图表链接")} testId={`share-${id}`}>
            复制链接
          </ToolButton>
          {props.embedPath && (
            <ToolButton onClick={() => copy(embedCode(), "嵌入代码已复制", "嵌入代码")} testId={`embed-${id}`}>
              嵌入代码
            </ToolButton>
          )}
          <ToolButton onClick={csv} testId={`csv-${id}`}>
            CSV
          </ToolButton>
          {kind !== "table" && (
            <>
              <ToolButton onClick={() => image("png")} testId={`png-${id}`}>
                PNG
              </ToolButton>
              <ToolButton onClick={() => image("svg")} testId={`svg-${id}`}>
                SVG
              </ToolButton>
              <ToolButton
                onClick={() => setTableShown((v) => !v)}
                testId={`toggle-table-${id}`}
                expanded={tableShown}
                controls={`table-wrap-${id}`}
              >
                数据表
              </ToolButton>
            </>
          )}
        </div>
      </div>
      <ToolStatus id={id} status={status} fallback={fallback} />

      {kind !== "table" && legend.length > 1 && (
        <ul className="mb-2 flex flex-wrap gap-x-3 gap-y-1 text-sm" aria-label="图例：点击显示或隐藏" data-testid={`legend-${id}`} data-chart-plot>
          {legend.map((s) => {
            const on = !off.has(s.key);
            return (
              <li key={s.key}>
                <button
                  type="button"
                  aria-pressed={on}
                  onClick={() => toggle(s.key)}
                  className={`inline-flex items-center gap-1.5 rounded px-1 py-0.5 hover:bg-paper ${on ? "text-ink" : "text-muted line-through"}`}
                  data-series={s.key}
                >
                  <span aria-hidden className="inline-block h-3 w-3 rounded-sm border" style={{ background: on ? colorOf(s, series.indexOf(s)) : "transparent", borderColor: colorOf(s, series.indexOf(s)) }} />
                  {s.label}
                </button>
              </li>
            );
          })}
        </ul>
      )}

      {kind !== "table" && (
        <div
          className="w-full rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent"
          style={{ height: plotted ? height : 96 }}
          role="group"
          aria-roledescription="图表"
          aria-label={summary}
          tabIndex={plotted ? 0 : undefined}
          onKeyDown={onKey}
          ref={plotRef}
          data-testid={`plot-${id}`}
          data-chart-plot
        >
          {!plotted ? (
            <p className="flex h-full items-center justify-center rounded bg-paper text-center text-muted" data-testid={`chart-empty-${id}`}>
              {rows.length === 0 ? "所选年度没有数据" : `${rows[0].year === rows.at(-1)!.year ? `${rows[0].year} 年` : `${rows[0].year}–${rows.at(-1)!.year} 年`}各项均为 0 或未填报，数值见数据表`}
            </p>
          ) : !Plot ? (
            <PlotLoading />
          ) : (
            <Plot
              initialSize={drawAt}
              kind={kind as Exclude<ChartKind, "table">}
              data={data}
              series={series}
              shown={shown}
              unit={unit}
              percent={percent && scale === "linear"}
              scale={scale}
              readout={readout}
              activeYear={active?.year ?? null}
              onPick={(year) => setActiveIndex(data.findIndex((r) => r.year === year))}
            />
          )}
        </div>
      )}
      {kind !== "table" && (
        <div aria-live="polite" className="min-h-6 text-sm" data-testid={`readout-${id}`}>
          {active && (
            <p>
              <span className="font-medium">{active.year} 年</span>
              {active.lines.map((l) => (
                <span key={l.key} className="ml-3 whitespace-nowrap">
                  <span aria-hidden className="mr-1 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: l.color }} />
                  {l.label}：{l.text}
                </span>
              ))}
              {active.total !== undefined && <span className="ml-3 whitespace-nowrap font-medium">合计：{active.total}</span>}
            </p>
          )}
        </div>
      )}

      {/* Hidden by a class, not the hidden attribute: the no-JavaScript style (app/layout.tsx) must be able to show it. */}
      <div
        id={`table-wrap-${id}`}
        data-chart-table
        // Focusable so a keyboard can scroll a table wider than a phone (axe: scrollable-region-focusable).
        tabIndex={0}
        role="region"
        aria-label={`${title}：数据表`}
        className={`scroll-hint mt-3 overflow-x-auto text-sm ${tableShown ? "" : "hidden"}`}
      >
        <table id={`table-${id}`} data-testid={`table-${id}`} className="w-full border-collapse text-right">
          <caption className="sr-only">
            {title}
            {percent ? "（百分比）" : ""}
            {scale !== "linear" ? `（${UNIT_LABELS[unit]}）` : ""}
          </caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-3 text-left">
                年度
              </th>
              {tableSeries.map((s) => (
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
                  {props.yearLinks?.[d.year] ? <a href={props.yearLinks[d.year]}>{d.year}</a> : d.year}
                </th>
                {tableSeries.map((s) => (
                  <Cell key={s.key} k={s.key} drawn={d[s.key]} raw={shares.find((r) => r.year === d.year)?.[s.key]} base={baseOf(d.year, s.key)} unit={unit} baseUnit={baseUnit} minBase={minBase} scaled={scale === "index" || scale === "yoy"} corrected={props.corrected?.includes(`${d.year}|${s.key}`) ?? false} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {data.length === 0 && <p className="py-2 text-muted">所选年度没有数据</p>}
      </div>
      <figcaption className="mt-2 space-y-0.5 text-xs text-muted" data-testid={`context-${id}`}>
        <p>{context.join(" · ")}</p>
        {note && <p>{note}</p>}
        {dropped && <p data-testid={`base-note-${id}`}>{baseNote}</p>}
      </figcaption>
    </figure>
  );
}

function Cell(props: { k: string; drawn: number | null | undefined; raw: number | null | undefined; base: number | null | undefined; unit: Unit; baseUnit: Unit; minBase: number; scaled: boolean; corrected: boolean }) {
  const { raw, base } = props;
  const mark = props.corrected ? (
    <span className="ml-1 text-xs text-accent" data-corrected="" title="这一年在用的是人工更正的版本（读出的版本保留在年报的版本记录里）">
      更正版
    </span>
  ) : null;
  const n = (
    <>
      {base === undefined ? null : <span className="ml-1 text-xs text-muted">（n={formatCount(base)}）</span>}
      {mark}
    </>
  );
  if (!isNum(raw))
    return (
      <td className="px-2 py-1 tabular-nums" data-key={props.k} data-value="">
        <span className="text-xs text-muted">{NOT_LISTED}</span>
        {mark}
      </td>
    );
  if (base !== undefined && belowMinBase(base, props.minBase))
    return (
      <td className="px-2 py-1 tabular-nums text-muted" data-key={props.k} data-value="" data-below-base="" title={`基数不足 ${props.minBase}，未画出、不参与排名`}>
        {formatValue(raw, props.baseUnit)}
        {n}
      </td>
    );
  return (
    <td className="px-2 py-1 tabular-nums" data-key={props.k} data-value={props.scaled ? (props.drawn ?? "") : raw} data-base={base ?? undefined}>
      {props.scaled ? (
        <>
          {formatValue(props.drawn, props.unit)}
          <span className="ml-1 text-xs text-muted">（{formatValue(raw, props.baseUnit)}）</span>
        </>
      ) : (
        formatValue(raw, props.baseUnit)
      )}
      {n}
    </td>
  );
}

function ToolButton(props: { onClick: () => void; children: React.ReactNode; testId: string; expanded?: boolean; controls?: string }) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      data-testid={props.testId}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      className="rounded border border-line bg-white px-2 py-1 text-ink hover:bg-paper"
    >
      {props.children}
    </button>
  );
}
