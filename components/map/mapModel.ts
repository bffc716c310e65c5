// Everything a map figure draws, assembled on the server: the layer's paths (lib/geo/shapes.ts),
// each region's value (lib/queries/map.ts), the colour classes (lib/geo/bins.ts) and the links
// that drill down. Shared by the overview, /regions/[code], /compare, /embed/map and /og/map.
import { binsOf, fillOf, type Bin } from "@/lib/geo/bins";
import { mapLayer, type MapLayer } from "@/lib/geo/shapes";
import { statDef, type StatDef, type StatKey } from "@/lib/chart-state";
import { isMapStat, mapValues, type MapValue } from "@/lib/queries/map";
import { regionChildren, regionPathOf, type RegionInfo } from "@/lib/queries/scope";
import { formatCount, formatValue, type Unit } from "@/lib/format";

export interface MapRegion extends MapValue {
  /** Fill colour; null: no data (hatched). */
  fill: string | null;
  /** The region's value as text, with its base for a rate. */
  text: string;
  /** Where clicking it goes (drill down), or null. */
  href: string | null;
  /** Drawn on the map (false: the dataset has no boundary for it). */
  drawn: boolean;
}

export interface MapModel {
  /** The region whose parts are drawn (null: China's provinces). */
  parent: RegionInfo | null;
  /** Region outlined on the map (a city's page shows its province with the city marked). */
  highlight: string | null;
  stat: StatDef;
  year: number;
  layer: MapLayer | null;
  regions: MapRegion[];
  /** Shapes of the layer with no region of the code table (台湾, 香港, 澳门): drawn as no data. */
  extra: Array<{ code: string; name: string; d: string }>;
  own: MapRegion | null;
  bins: Bin[];
  /** 省份 / 市 / 区县. */
  partLabel: string;
  where: string;
}

/** The region whose parts a map of `code` shows, and which part to outline: a province shows its cities; a city or county its province. */
export function mapFrame(code: string | null): { parent: RegionInfo | null; highlight: string | null } {
  const chain = regionPathOf(code);
  if (!chain.length) return { parent: null, highlight: null };
  if (chain.length === 1) return { parent: chain[0], highlight: null };
  return { parent: chain[0], highlight: chain[1].code };
}

export function valueText(v: { value: number | null; base: number | null; reports: number }, def: StatDef): string {
  if (v.value === null) return v.reports ? `无数据（${formatCount(v.reports)} 份年报都未读出此项）` : "无数据（没有年报）";
  const unit = def.kind === "ratio" ? def.unit : "count";
  return `${formatValue(v.value, unit)}${def.kind === "ratio" && v.base !== null ? `（n=${formatCount(v.base)}）` : ""}`;
}

export async function mapModel(opts: { code: string | null; stat: StatKey; year: number; href: (code: string) => string | null }): Promise<MapModel | null> {
  const def = statDef(opts.stat);
  if (!def || !isMapStat(opts.stat)) return null;
  const { parent, highlight } = mapFrame(opts.code);
  const [layer, values] = await Promise.all([mapLayer(parent?.code ?? null), mapValues(parent, opts.stat, opts.year)]);
  const unit = def.kind === "ratio" ? def.unit : "count";
  const bins = binsOf(values.regions.map((r) => r.value), { unit });
  const drawnCodes = new Set(layer?.shapes.map((s) => s.code) ?? []);
  const regions = values.regions.map((r) => ({
    ...r,
    fill: fillOf(r.value, bins),
    text: valueText(r, def),
    href: opts.href(r.code),
    drawn: drawnCodes.has(r.code),
  }));
  const known = new Set(regions.map((r) => r.code));
  const children = regionChildren(parent?.code ?? null);
  const partLabel = !parent ? "省份" : children.every((c) => c.level === "county") ? "区县" : "市";
  return {
    parent,
    highlight,
    stat: def,
    year: opts.year,
    layer,
    regions,
    extra: (layer?.shapes ?? []).filter((s) => !known.has(s.code)),
    own: values.own ? { ...values.own, fill: null, text: valueText(values.own, def), href: null, drawn: false } : null,
    bins,
    partLabel,
    where: parent?.name ?? "全国",
  };
}

/** A colour class as the legend names it: "1,000–<5,000", the last one closed. */
export function legendLabel(b: Bin, i: number, bins: Bin[], unit: Unit): string {
  const f = (v: number) => formatValue(v, unit);
  if (bins.length === 1 || b.lo === b.hi) return f(b.lo);
  return i === bins.length - 1 ? `${f(b.lo)}–${f(b.hi)}` : `${f(b.lo)}–<${f(b.hi)}`;
}
