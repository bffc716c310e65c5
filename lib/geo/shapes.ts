// The map's shapes as SVG paths, projected on the server (d3-geo): the browser gets paths, never
// the geometry or the projection code. One layer per map: China's provinces, or the regions one
// level below a province (cities; the districts and counties of a 直辖市). Boundaries come from
// lib/geo/topo/*.json (scripts/build-map.ts), keyed by GB/T 2260 code.
import { geoConicEqualArea, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { FeatureCollection, MultiPolygon } from "geojson";
import type { Topology } from "topojson-specification";

export interface MapShape {
  code: string;
  name: string;
  d: string;
}

export interface MapLayer {
  /** "provinces", or "c37" for 山东's cities. */
  key: string;
  width: number;
  height: number;
  shapes: MapShape[];
}

/** The layer that draws the regions below `parent` (null: the country). */
export function layerKey(parent: string | null): string {
  return parent ? `c${parent.slice(0, 2)}` : "provinces";
}

const cache = new Map<string, Promise<FeatureCollection<MultiPolygon, { name: string }> | null>>();

async function load(key: string): Promise<FeatureCollection<MultiPolygon, { name: string }> | null> {
  if (!/^(?:provinces|c\d\d)$/.test(key)) return null;
  if (!cache.has(key)) {
    cache.set(
      key,
      import(`./topo/${key}.json`).then(
        (m) => {
          const topo = (m.default ?? m) as Topology;
          return feature(topo, topo.objects.regions) as FeatureCollection<MultiPolygon, { name: string }>;
        },
        () => null,
      ),
    );
  }
  return cache.get(key)!;
}

/** The layer of `parent`'s regions at `width` px (height follows the shape), or null when the dataset has none. */
export async function mapLayer(parent: string | null, width = 640): Promise<MapLayer | null> {
  const key = layerKey(parent);
  const fc = await load(key);
  if (!fc || !fc.features.length) return null;
  // China's usual equal-area conic (standard parallels 25° and 47°), centred on the layer.
  const projection = geoConicEqualArea().parallels([25, 47]).rotate([-105, 0]);
  if (parent) {
    const [[x0], [x1]] = geoPath().bounds(fc);
    projection.rotate([-(x0 + x1) / 2, 0]);
  }
  projection.fitWidth(width - 8, fc);
  const [x, y] = projection.translate();
  projection.translate([x + 4, y + 4]);
  const path = geoPath(projection).digits(1);
  const [, [, maxY]] = path.bounds(fc);
  return {
    key,
    width,
    height: Math.ceil(maxY + 4),
    shapes: fc.features.map((f) => ({ code: String(f.id), name: f.properties.name, d: path(f) ?? "" })).filter((s) => s.d),
  };
}
