// Builds lib/geo/china.topo.json, the boundaries the map tab draws, from the map data that
// ECharts 4.9.0 ships (npm package `echarts@4.9.0`, Apache-2.0; a devDependency, so the data is
// kept and nothing is downloaded): china.json (provinces, 台湾, 香港, 澳门) and one file per
// province (its cities; the districts of a 直辖市; the 省直辖县级 cities of 海南, 河南, 湖北, 新疆).
// Each boundary is keyed by today's GB/T 2260 code (lib/geo/match.ts), its rings wound the way
// d3-geo expects, and the whole simplified and quantised for drawing at page size.
//   npx tsx scripts/build-map.ts        (then commit lib/geo/china.topo.json)
import fs from "node:fs";
import path from "node:path";
import { geoArea, geoBounds } from "d3-geo";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";
import { quantize } from "topojson-client";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import type { Objects, Topology } from "topojson-specification";
import { REGIONS } from "@/lib/regions/data";
import { matchRegion, withoutBoundary } from "@/lib/geo/match";

const SRC = path.join("node_modules", "echarts", "map", "json");
const OUT = path.join("lib", "geo", "topo");
/** The width a layer is drawn at (px): detail below about a pixel of it is removed. */
const DRAWN_WIDTH = 700;

interface EchartsFeature {
  id?: string;
  properties: { name: string };
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown; encodeOffsets?: unknown };
}
interface EchartsJson {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: EchartsFeature[];
}

/** ECharts' compressed rings: pairs of characters, zigzag-encoded deltas from encodeOffsets. */
function decodeRing(s: string, offset: [number, number], scale: number): Position[] {
  const out: Position[] = [];
  let [x0, y0] = offset;
  for (let i = 0; i < s.length; i += 2) {
    let x = s.charCodeAt(i) - 64;
    let y = s.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x0 += x;
    y0 += y;
    out.push([x0 / scale, y0 / scale]);
  }
  return out;
}

/** Rings wound as d3-geo wants them (exterior clockwise): a polygon "bigger than half the globe" is reversed. */
function rewind(rings: Position[][]): Position[][] {
  const closed = rings.map((r) => (r.length && (r[0][0] !== r.at(-1)![0] || r[0][1] !== r.at(-1)![1]) ? [...r, r[0]] : r)).filter((r) => r.length >= 4);
  if (!closed.length) return closed;
  const area = geoArea({ type: "Polygon", coordinates: [closed[0]] });
  return area > 2 * Math.PI ? closed.map((r) => [...r].reverse()) : closed;
}

function readFeatures(file: string): Array<{ id: string | null; name: string; polygons: Position[][][] }> {
  const json = JSON.parse(fs.readFileSync(path.join(SRC, file), "utf8")) as EchartsJson;
  const scale = json.UTF8Scale ?? 1024;
  return json.features.map((f) => {
    const g = f.geometry;
    const decode = (rings: unknown, offsets: unknown): Position[][] =>
      json.UTF8Encoding ? (rings as string[]).map((r, i) => decodeRing(r, (offsets as [number, number][])[i], scale)) : (rings as Position[][]);
    const polygons =
      g.type === "Polygon"
        ? [decode(g.coordinates, g.encodeOffsets)]
        : (g.coordinates as unknown[]).map((p, i) => decode(p, (g.encodeOffsets as unknown[] | undefined)?.[i]));
    return { id: f.id ?? null, name: f.properties.name, polygons: polygons.map(rewind).filter((p) => p.length) };
  });
}

/** The boundaries of `file` keyed by today's codes among `children`; boundaries of one region are merged. */
function layer(file: string, children: typeof REGIONS, log: string[]): FeatureCollection<MultiPolygon, { name: string }> {
  const byCode = new Map<string, Position[][][]>();
  for (const f of readFeatures(file)) {
    const code = matchRegion(f.id, f.name, children);
    if (!code) {
      log.push(`${file}: ${f.id ?? "—"} ${f.name} matches no region: left out`);
      continue;
    }
    if (code !== f.id) log.push(`${file}: ${f.id ?? "—"} ${f.name} → ${code} ${children.find((r) => r.code === code)!.name}`);
    byCode.set(code, [...(byCode.get(code) ?? []), ...f.polygons]);
  }
  const missing = withoutBoundary(children, new Set(byCode.keys()));
  for (const r of missing) log.push(`${file}: no boundary for ${r.code} ${r.name}`);
  const features: Feature<MultiPolygon, { name: string }>[] = [...byCode].map(([code, polygons]) => ({
    type: "Feature",
    id: code,
    properties: { name: children.find((r) => r.code === code)!.name },
    geometry: { type: "MultiPolygon", coordinates: polygons },
  }));
  return { type: "FeatureCollection", features };
}

/** Planar area of a ring in square degrees (enough to tell specks from land). */
const ringArea = (r: Position[]) => Math.abs(r.reduce((s, p, i) => s + (i ? r[i - 1][0] * p[1] - p[0] * r[i - 1][1] : 0), 0)) / 2;

/** Islands smaller than `min` are left out, but never a region's largest part (香港, 澳门 stay). */
function dropSpecks<T extends FeatureCollection<MultiPolygon, { name: string }>>(fc: T, min: number): T {
  return {
    ...fc,
    features: fc.features.map((f) => {
      const areas = f.geometry.coordinates.map((p) => ringArea(p[0]));
      const largest = Math.max(...areas);
      return { ...f, geometry: { ...f.geometry, coordinates: f.geometry.coordinates.filter((_, i) => areas[i] >= min || areas[i] === largest) } };
    }),
  };
}

/** China's provinces as the dataset names them, plus the three regions the code table lists without children. */
const EXTRA_PROVINCES = [
  { code: "710000", name: "台湾省", parentCode: null },
  { code: "810000", name: "香港特别行政区", parentCode: null },
  { code: "820000", name: "澳门特别行政区", parentCode: null },
];

function main() {
  if (!fs.existsSync(SRC)) throw new Error(`${SRC} not found: run npm install (echarts@4.9.0 is a devDependency)`);
  const log: string[] = [];
  const provinces = REGIONS.filter((r) => r.level === "province");
  const objects: Record<string, FeatureCollection<MultiPolygon, { name: string }>> = {
    provinces: layer("china.json", [...provinces, ...EXTRA_PROVINCES].map((r) => ({ ...r, level: "province" as const })), log),
  };
  const files = fs.readdirSync(path.join(SRC, "province")).filter((f) => f.endsWith(".json"));
  for (const file of files) {
    const first = readFeatures(path.join("province", file)).find((f) => f.id && /^\d{6}$/.test(f.id));
    const prefix = first?.id?.slice(0, 2);
    const province = provinces.find((p) => p.code.slice(0, 2) === prefix);
    if (!province) {
      log.push(`province/${file}: not a province of the code table (香港, 澳门, 台湾 have no regions below them there): left out`);
      continue;
    }
    const children = REGIONS.filter((r) => r.parentCode === province.code);
    objects[`c${prefix}`] = layer(path.join("province", file), children, log);
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  let bytes = 0;
  for (const [name, fc] of Object.entries(objects)) {
    // One topology per layer: its own shared borders, simplified for its own extent.
    const [[x0, y0], [x1, y1]] = geoBounds(fc);
    const px = Math.max(x1 - x0, y1 - y0) / DRAWN_WIDTH;
    const pre = presimplify(topology({ regions: dropSpecks(fc, (px * 4) ** 2) }) as unknown as Topology<Objects<{}>>);
    const out = quantize(simplify(pre, px * px * 1.5), 1e4);
    const file = path.join(OUT, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(out));
    bytes += fs.statSync(file).size;
  }
  for (const line of log) console.log(line);
  console.log(`${OUT}: ${(bytes / 1024).toFixed(0)} KB in ${Object.keys(objects).length} layers`);
}

main();
