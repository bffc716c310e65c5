// Which GB/T 2260 region a boundary of the map dataset is: by its code when the code is a region
// under the expected parent today, else by name among that parent's regions (the dataset is a few
// years older than the code table: 那曲地区 542400 is 那曲市 540600 now, 梁平县 500228 is 梁平区
// 500155, 崇明区 has no code in it), else by a known merger (莱芜市 went into 济南市 in 2019).
// Pure: the build script (scripts/build-map.ts) and the unit tests call it.

export interface RegionLike {
  code: string;
  name: string;
  parentCode: string | null;
}

/** Regions that were merged into another one since the dataset was drawn: old code → today's code. */
export const MERGED: Readonly<Record<string, string>> = {
  "371200": "370100", // 莱芜市 → 济南市 (2019)
};

const SUFFIX = /(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|新区|省|市|区|县|盟|旗)$/;

/** The name without its administrative suffix: 那曲地区 → 那曲, 梁平县 → 梁平. */
export function stem(name: string): string {
  const s = name.replace(/(?:(?:[\u4e00-\u9fa5]{1,6})族)+自治(?:区|州|县|旗)$/, "").replace(SUFFIX, "");
  return s.length >= 2 ? s : name;
}

/**
 * The code of the region a boundary (`id`, `name`) stands for among `children` (the regions whose
 * parent is the map's region), or null when none fits.
 */
export function matchRegion(id: string | null | undefined, name: string, children: readonly RegionLike[]): string | null {
  const byCode = new Map(children.map((r) => [r.code, r]));
  if (id && byCode.has(id)) return id;
  const exact = children.filter((r) => r.name === name);
  if (exact.length === 1) return exact[0].code;
  const s = stem(name);
  const stemmed = children.filter((r) => stem(r.name) === s);
  if (stemmed.length === 1) return stemmed[0].code;
  const merged = id ? MERGED[id] : undefined;
  if (merged && byCode.has(merged)) return merged;
  return null;
}

/** The regions among `children` that no boundary stands for: the map says so instead of hiding them. */
export function withoutBoundary(children: readonly RegionLike[], matched: ReadonlySet<string>): RegionLike[] {
  return children.filter((r) => !matched.has(r.code));
}
