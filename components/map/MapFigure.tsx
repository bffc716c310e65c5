// The map tab's figure, drawn on the server: a choropleth of the regions below a region (China's
// provinces, a province's cities or districts) for one statistic and year, each region a link
// that drills down, with its legend (colour classes, 无数据 hatched), the note of regions the
// boundary data lacks, the context line every chart carries and an accessible table of every
// region's value (shown without JavaScript). The browser only adds the readout (hover, tap,
// keyboard) and the toolbar (MapTools): paths arrive as HTML, no geometry code is sent.
import Link from "next/link";
import { NO_DATA_FILL, NO_DATA_LABEL } from "@/lib/geo/bins";
import { formatCount, formatDate, formatValue, type Unit } from "@/lib/format";
import { legendLabel, type MapModel } from "./mapModel";

// Its code loads after the page (not first-load JS of the pages that have a map tab).
import MapTools from "./MapToolsLazy";

export interface MapFigureProps {
  model: MapModel;
  /** URL of the region above (Back up a level), with its label. */
  up?: { href: string; label: string } | null;
  sharePath: string;
  embedPath?: string;
  source?: string;
  updatedAt?: Date | null;
  /** Controls (statistic, year) above the map. */
  controls?: React.ReactNode;
  /** "_blank" in an embed: a region's link opens gongkai in a new tab. */
  linkTarget?: "_blank";
}

export const MAP_ID = "map";
const HATCH = "map-no-data";

export function MapFigure({ model, up, sharePath, embedPath, source, updatedAt, controls, linkTarget }: MapFigureProps) {
  const { layer, stat } = model;
  const unit: Unit = stat.kind === "ratio" ? stat.unit : "count";
  const title = `${model.where}各${model.partLabel}${stat.label}（${model.year} 年）`;
  const byCode = new Map(model.regions.map((r) => [r.code, r]));
  const undrawn = model.regions.filter((r) => !r.drawn);
  const context = [
    `单位：${unit === "count" ? "件" : unit === "percent" ? "%" : "每百件申请"}`,
    `来源：${source ?? "各机关政府信息公开工作年度报告"}，公开 gongkai 整理；边界：ECharts 4.9.0 地图数据（Apache-2.0），示意图`,
    updatedAt ? `数据更新于 ${formatDate(updatedAt)}` : null,
  ].filter((s): s is string => !!s);
  const note = `${NO_DATA_LABEL}：该地区该年度没有年报，或年报都未读出此项（不计为 0）。${stat.kind === "ratio" ? "比率按地区内各年报的分子、分母分别加总后相除。" : "各地区数值为其所有机关（含下级地区）年报之和。"}`;
  const legend = [
    ...model.bins.map((b, i) => ({ label: legendLabel(b, i, model.bins, unit), color: b.color })),
    { label: NO_DATA_LABEL, color: NO_DATA_FILL },
  ];
  const fileName = `${model.where}_${stat.label}_${model.year}_地图`;
  const csv = {
    header: ["region_code", "region_name", "year", stat.key, ...(stat.kind === "ratio" ? ["base"] : []), "reports", "reports_stating", "boundary"],
    rows: [...model.regions, ...(model.own ? [model.own] : [])].map((r) => [
      r.code,
      r.name,
      model.year,
      r.value,
      ...(stat.kind === "ratio" ? [r.base] : []),
      r.reports,
      r.stated,
      r.drawn ? "yes" : "no",
    ]),
  };

  return (
    <figure id={`chart-${MAP_ID}`} className="scroll-mt-4 rounded-lg border border-line bg-white p-4" data-testid={`chart-${MAP_ID}`} aria-labelledby="map-title" data-map-parent={model.parent?.code ?? "000000"}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="map-title" className="font-medium">
            {title}
          </h2>
          <p className="text-sm text-muted">
            {model.parent ? "点击地区查看下一级；" : "点击省份查看其下各市；"}悬停、轻点或用 Tab 键逐个查看数值
          </p>
          {up && (
            <p className="text-sm">
              <Link href={up.href} data-testid="map-up">
                ← {up.label}
              </Link>
            </p>
          )}
        </div>
        <MapTools id={MAP_ID} title={title} sharePath={sharePath} embedPath={embedPath} fileName={fileName} csv={csv} legend={legend} context={context.join(" · ")} note={note} height={layer?.height ?? 400} />
      </div>
      {controls}

      {layer ? (
        // Drawn on the server: shown without JavaScript too (its regions are plain links).
        <div className="mt-2">
          <svg
            viewBox={`0 0 ${layer.width} ${layer.height}`}
            width={layer.width}
            height={layer.height}
            className="h-auto w-full max-w-3xl"
            role="group"
            aria-label={`${title}：地图，每个地区是一个链接`}
            data-map-surface
            data-testid="map-svg"
          >
            <defs>
              <pattern id={HATCH} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill={NO_DATA_FILL} />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#9aa5b1" strokeWidth="2" />
              </pattern>
            </defs>
            {layer.shapes.map((s) => {
              const r = byCode.get(s.code);
              const fill = r?.fill ?? `url(#${HATCH})`;
              const label = `${s.name}：${r ? r.text : "不在年报数据范围"}`;
              const shape = (
                <path d={s.d} fill={fill} stroke={model.highlight === s.code ? "#1f2933" : "#ffffff"} strokeWidth={model.highlight === s.code ? 2.5 : 0.8} strokeLinejoin="round" />
              );
              return r?.href ? (
                <a key={s.code} href={r.href} target={linkTarget} rel={linkTarget ? "noopener" : undefined} aria-label={label} data-code={s.code} data-label={label} data-value={r.value ?? ""} className="map-region">
                  <title>{label}</title>
                  {shape}
                </a>
              ) : (
                <g key={s.code} tabIndex={0} role="img" aria-label={label} data-code={s.code} data-label={label} data-value={r?.value ?? ""} className="map-region">
                  <title>{label}</title>
                  {shape}
                </g>
              );
            })}
          </svg>
        </div>
      ) : (
        <p className="mt-2 rounded bg-paper p-6 text-center text-muted" data-testid="map-no-layer">
          {model.where}没有下一级地区的边界数据，数值见下表。
        </p>
      )}
      <div aria-live="polite" className="min-h-6 text-sm" data-testid={`readout-${MAP_ID}`} data-map-readout />

      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm" aria-label="图例" data-testid="map-legend">
        {legend.map((l, i) => (
          <li key={l.label} className="inline-flex items-center gap-1.5">
            <svg width="14" height="14" aria-hidden>
              <rect width="14" height="14" fill={i === legend.length - 1 ? `url(#${HATCH})` : l.color} stroke="#9aa5b1" strokeWidth="0.5" />
            </svg>
            {l.label}
          </li>
        ))}
      </ul>
      {undrawn.length > 0 && (
        <p className="mt-1 text-sm text-amber-800" data-testid="map-undrawn">
          没有边界数据、地图上未画出（数值见表）：{undrawn.map((r) => r.name).join("、")}
        </p>
      )}

      <div id={`table-wrap-${MAP_ID}`} data-chart-table className="mt-3 hidden overflow-x-auto text-sm">
        <table id={`table-${MAP_ID}`} data-testid={`table-${MAP_ID}`} className="w-full border-collapse text-right">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-3 text-left">
                地区
              </th>
              <th scope="col" className="px-2 py-1 font-normal text-muted">
                {stat.label}
              </th>
              {stat.kind === "ratio" && (
                <th scope="col" className="px-2 py-1 font-normal text-muted">
                  基数
                </th>
              )}
              <th scope="col" className="px-2 py-1 font-normal text-muted">
                年报份数
              </th>
            </tr>
          </thead>
          <tbody>
            {[...model.regions, ...(model.own ? [model.own] : [])].map((r) => (
              <tr key={r.code + r.name} className="border-b border-line/60" data-code={r.code}>
                <th scope="row" className="py-1 pr-3 text-left font-normal">
                  {r.href ? <Link href={r.href}>{r.name}</Link> : r.name}
                  {!r.drawn && r !== model.own && <span className="ml-1 text-xs text-muted">（无边界数据）</span>}
                </th>
                <td className="px-2 py-1 tabular-nums" data-value={r.value ?? ""}>
                  {r.value === null ? <span className="text-xs text-muted">{NO_DATA_LABEL}</span> : formatValue(r.value, unit)}
                </td>
                {stat.kind === "ratio" && <td className="px-2 py-1 tabular-nums">{formatCount(r.base)}</td>}
                <td className="px-2 py-1 tabular-nums">{formatCount(r.reports)}</td>
              </tr>
            ))}
            {model.extra.map((s) => (
              <tr key={s.code} className="border-b border-line/60" data-code={s.code}>
                <th scope="row" className="py-1 pr-3 text-left font-normal">
                  {s.name}
                </th>
                <td className="px-2 py-1 text-xs text-muted" colSpan={stat.kind === "ratio" ? 3 : 2} data-value="">
                  不在年报数据范围
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption className="mt-2 space-y-0.5 text-xs text-muted" data-testid={`context-${MAP_ID}`}>
        <p>{context.join(" · ")}</p>
        <p>{note}</p>
      </figcaption>
    </figure>
  );
}
