// The map tab as a page section: the statistic and year pickers (a GET form: works without
// JavaScript, and each change is a new history entry), the figure, and the links that drill down
// and back up. Pages pass where they are (their path and query) and how a region's link is made.
import { MapFigure } from "./MapFigure";
import { mapModel, mapFrame } from "./mapModel";
import { serializeMap, statDef, type StatKey } from "@/lib/chart-state";
import { MAP_STATS, isMapStat, latestMapYear } from "@/lib/queries/map";
import { availableYears } from "@/lib/queries/overview";
import { regionPathOf } from "@/lib/queries/scope";
import { EmptyState } from "@/components/ui/EmptyState";

export type SearchParams = Record<string, string | string[] | undefined>;

/** `path` with the query `params` changed by `patch` (null removes a key). */
export function withParams(path: string, params: SearchParams, patch: Record<string, string | number | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, x);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The map's year: the one asked for, else the newest with reports below the region, else the newest at all. */
export async function mapYear(code: string | null, asked: number | null): Promise<number | null> {
  if (asked) return asked;
  const frame = mapFrame(code);
  return (await latestMapYear(frame.parent?.code ?? null)) ?? (await availableYears()).at(-1) ?? null;
}

export interface MapViewProps {
  /** The region the page is about (null: China). */
  code: string | null;
  stat: StatKey;
  year: number | null;
  /** The page's path and query (kept in every link the map makes). */
  path: string;
  params: SearchParams;
  /** The link of a region of the map (drill down) and of the level above. */
  regionHref: (code: string | null) => string;
  source?: string;
  updatedAt?: Date | null;
}

export async function MapView(p: MapViewProps) {
  const [year, years] = await Promise.all([mapYear(p.code, p.year), availableYears()]);
  if (!year) return <EmptyState title="数据库里还没有年报" />;
  const stat = isMapStat(p.stat) ? p.stat : "new_received.total";
  const model = await mapModel({ code: p.code, stat, year, href: (c) => p.regionHref(c) });
  if (!model) return null;
  const chain = regionPathOf(model.parent?.code ?? null);
  const up = model.parent ? { href: p.regionHref(chain.length > 1 ? chain.at(-2)!.code : null), label: chain.length > 1 ? chain.at(-2)!.name : "全国" } : null;
  const state = { region: p.code, stat, year, view: null };
  const here = withParams(p.path, p.params, { view: "map", s: stat, y: year });
  const hidden = Object.entries(p.params).filter(([k, v]) => !["s", "y", "view"].includes(k) && typeof v === "string") as [string, string][];

  const controls = (
    <form method="get" action={p.path} className="mt-2 flex flex-wrap items-end gap-3 text-sm" data-map-form>
      <input type="hidden" name="view" value="map" />
      {hidden.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="flex flex-col gap-1">
        <span className="text-muted">统计项</span>
        <select name="s" defaultValue={stat} className="rounded border border-line bg-white px-2 py-1" data-testid="map-stat">
          {MAP_STATS.map((k) => (
            <option key={k} value={k}>
              {statDef(k)!.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-muted">年度</span>
        <select name="y" defaultValue={String(year)} className="rounded border border-line bg-white px-2 py-1" data-testid="map-year">
          {(years.includes(year) ? years : [...years, year].sort()).map((y) => (
            <option key={y} value={y}>
              {y} 年
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded border border-line bg-white px-3 py-1 hover:bg-paper" data-testid="map-apply">
        显示
      </button>
      {p.stat !== stat && <p className="text-amber-800">地图只能显示地区汇总里有的统计项，已改为“新收申请”。</p>}
    </form>
  );

  return (
    <MapFigure
      model={model}
      up={up}
      sharePath={here}
      embedPath={serializeMap("/embed/map", state)}
      source={p.source}
      updatedAt={p.updatedAt}
      controls={controls}
    />
  );
}

/** 图表 | 地图: the two views of a page, as links (each a history entry). */
export function ViewTabs({ view, chartsHref, mapHref }: { view: "charts" | "map"; chartsHref: string; mapHref: string }) {
  const tab = (on: boolean) => `rounded-t border border-b-0 px-3 py-1.5 ${on ? "border-line bg-white font-medium text-ink" : "border-transparent text-muted hover:text-ink"}`;
  return (
    <nav aria-label="视图" className="flex gap-1 border-b border-line text-sm" data-testid="view-tabs">
      <a href={chartsHref} className={tab(view === "charts")} aria-current={view === "charts" ? "page" : undefined} data-testid="tab-charts">
        图表
      </a>
      <a href={mapHref} className={tab(view === "map")} aria-current={view === "map" ? "page" : undefined} data-testid="tab-map">
        地图
      </a>
    </nav>
  );
}
