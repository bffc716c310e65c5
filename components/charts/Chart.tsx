"use client";
// One chart of values per year (line, grouped or stacked bars, or only its table), with its
// numbers in an accessible table, and a toolbar to share it (复制链接) and download it (CSV, PNG,
// SVG). The table keeps the test hooks: table-{id} with tr[data-year] td[data-key].
import { useId, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { useQueryState } from "nuqs";
import { agencyParsers } from "@/lib/chart-state";
import { formatValue, NOT_LISTED, type Unit } from "@/lib/format";
import { colorOf, type ChartKind, type ChartRow, type ChartSeries } from "./series";
import { chartSvg, downloadCsv, downloadPng, downloadSvg, fileSafe, type CsvValue } from "./export";

export type { ChartKind, ChartRow, ChartSeries } from "./series";

// Recharts is most of a chart page's JavaScript: it is loaded after the page, into a box of the
// chart's final height, so the page is readable (and its data table usable) before it arrives.
const Plot = dynamic(() => import("./Plot"), {
  ssr: false,
  loading: () => <div className="h-full w-full animate-pulse rounded bg-paper" aria-hidden />,
});

export interface ChartProps {
  id: string;
  title: string;
  subtitle?: string;
  /** Definitions and source, under the chart and in exported images. */
  note?: string;
  kind: ChartKind;
  unit: Unit;
  rows: ChartRow[];
  series: ChartSeries[];
  /** Relative URL that reproduces this chart; default: the page's own URL. */
  sharePath?: string;
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
}

export function Chart(props: ChartProps) {
  const { id, title, subtitle, note, kind, series, rows, fileName, height = 288 } = props;
  const figureRef = useRef<HTMLElement>(null);
  const tableId = useId();
  const [tableShown, setTableShown] = useState(props.tableOpen ?? kind === "table");
  const [status, setStatus] = useState("");
  const [fallbackUrl, setFallbackUrl] = useState<string | null>(null);
  const [mix, setMix] = useQueryState("mix", agencyParsers.mix.withOptions({ scroll: false }));
  const percent = !!props.percentSwitch && mix === "pct";
  const unit: Unit = percent ? "percent" : props.unit;

  const drawable = series.filter((s) => !s.tableOnly);
  // Series that are empty in every year add legend noise but no marks (the table keeps them).
  const visible = drawable.filter((s) => rows.some((r) => r[s.key] !== null && r[s.key] !== undefined && (kind === "line" || r[s.key] !== 0)));
  const shown = visible.length ? visible : drawable.slice(0, 1);
  const allZero = kind !== "line" && rows.length > 0 && drawable.every((s) => rows.every((r) => !r[s.key]));

  const data = useMemo(() => {
    if (!percent) return rows;
    return rows.map((r) => {
      const sum = drawable.reduce((s, d) => s + (r[d.key] ?? 0), 0);
      const out: ChartRow = { year: r.year };
      for (const s of series) out[s.key] = r[s.key] === null || r[s.key] === undefined || sum === 0 ? null : (r[s.key] as number) / sum;
      return out;
    });
  }, [percent, rows, series, drawable]);
  const tableSeries = percent ? drawable : series;

  function shareUrl() {
    const path = props.sharePath ?? window.location.pathname + window.location.search;
    return new URL(path, window.location.origin).toString().replace(/#.*$/, "") + `#chart-${id}`;
  }

  async function copyLink() {
    const url = shareUrl();
    try {
      await navigator.clipboard.writeText(url);
      setFallbackUrl(null);
      setStatus("链接已复制");
    } catch {
      setFallbackUrl(url);
      setStatus("无法写入剪贴板，请手动复制下面的链接");
    }
  }

  function exportInfo() {
    return {
      title,
      subtitle,
      note,
      url: shareUrl(),
      legend: shown.map((s) => ({ label: s.label, color: colorOf(s, series.indexOf(s)) })),
    };
  }

  function csv() {
    if (props.csv && !percent) {
      downloadCsv(`${fileSafe(fileName)}.csv`, props.csv.header, props.csv.rows);
    } else {
      downloadCsv(
        `${fileSafe(fileName)}${percent ? "_percent" : ""}.csv`,
        ["year", ...tableSeries.map((s) => s.key)],
        data.map((r) => [r.year, ...tableSeries.map((s) => r[s.key])]),
      );
    }
    setStatus("已下载 CSV");
  }

  async function image(kindOf: "png" | "svg") {
    const svg = figureRef.current && chartSvg(figureRef.current, exportInfo());
    if (!svg) {
      setStatus("这个图表没有可导出的图形");
      return;
    }
    if (kindOf === "svg") downloadSvg(`${fileSafe(fileName)}.svg`, svg.svg);
    else await downloadPng(`${fileSafe(fileName)}.png`, svg).catch(() => setStatus("图片生成失败"));
    setStatus(kindOf === "svg" ? "已下载 SVG" : "已下载 PNG");
  }

  const summary = `${title}：${rows.length ? `${rows[0].year}–${rows.at(-1)!.year} 年，` : ""}${shown.map((s) => s.label).join("、")}。数值见数据表。`;

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
        <div className="flex flex-wrap items-center gap-1 text-sm" role="group" aria-label={`${title}：分享与下载`}>
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
          <ToolButton onClick={copyLink} testId={`share-${id}`}>
            复制链接
          </ToolButton>
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
      <p role="status" aria-live="polite" className="min-h-5 text-right text-xs text-muted">
        {status}
      </p>
      {fallbackUrl && (
        <label className="mt-1 block text-xs">
          <span className="sr-only">图表链接</span>
          <input readOnly value={fallbackUrl} className="w-full rounded border border-line px-2 py-1" onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}

      {kind !== "table" && (
        <div className="w-full" style={{ height: allZero || rows.length === 0 ? 96 : height }} role="img" aria-label={summary}>
          {rows.length === 0 || allZero ? (
            <p className="flex h-full items-center justify-center rounded bg-paper text-center text-muted" data-testid={`chart-empty-${id}`}>
              {rows.length === 0 ? "所选年度没有数据" : `${rows[0].year === rows.at(-1)!.year ? `${rows[0].year} 年` : `${rows[0].year}–${rows.at(-1)!.year} 年`}各项均为 0 或未填报，数值见数据表`}
            </p>
          ) : (
            <Plot kind={kind} data={data} series={series} shown={shown} unit={unit} percent={percent} />
          )}
        </div>
      )}

      <div id={`table-wrap-${id}`} hidden={!tableShown} className="mt-3 overflow-x-auto text-sm">
        <table id={`table-${id}`} data-testid={`table-${id}`} className="w-full border-collapse text-right">
          <caption className="sr-only">
            {title}
            {percent ? "（百分比）" : ""}
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
                  <td key={s.key} className="px-2 py-1 tabular-nums" data-key={s.key} data-value={d[s.key] ?? ""}>
                    {d[s.key] === null || d[s.key] === undefined ? <span className="text-xs text-muted">{NOT_LISTED}</span> : formatValue(d[s.key], unit)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {data.length === 0 && <p className="py-2 text-muted">所选年度没有数据</p>}
      </div>
      {note && <p className="mt-2 text-xs text-muted">{note}</p>}
    </figure>
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
