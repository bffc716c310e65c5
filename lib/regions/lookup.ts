// Lookups over REGIONS by code and by name.
import { REGIONS, type Region } from "./data";
import { nameIndex } from "./names";

let byCode: Map<string, Region> | null = null;

function codeIndex(): Map<string, Region> {
  if (!byCode) byCode = new Map(REGIONS.map((r) => [r.code, r]));
  return byCode;
}

export function getRegion(code: string): Region | undefined {
  return codeIndex().get(code);
}

/** The region and its ancestors, province first. */
export function regionChain(code: string): Region[] {
  const chain: Region[] = [];
  let r = getRegion(code);
  while (r) {
    chain.unshift(r);
    r = r.parentCode ? getRegion(r.parentCode) : undefined;
  }
  return chain;
}

export function isAncestor(ancestor: Region, r: Region): boolean {
  let p = r.parentCode ? getRegion(r.parentCode) : undefined;
  while (p) {
    if (p.code === ancestor.code) return true;
    p = p.parentCode ? getRegion(p.parentCode) : undefined;
  }
  return false;
}

/** Regions whose full name (or, for provinces and cities, short form) is `name`. */
export function findRegionsByName(name: string): Region[] {
  const idx = nameIndex();
  return idx.full.get(name) ?? idx.short.get(name) ?? [];
}

export interface RegionRefOut {
  province: string | null;
  city: string | null;
  county: string | null;
  code: string;
}

/** Province / city / county names of a code, as the parsed report carries them. A district of a
 * 直辖市 gets the municipality as its city (北京市 朝阳区), never the table's "市辖区". */
export function regionRef(code: string): RegionRefOut | null {
  const chain = regionChain(code);
  if (chain.length === 0) return null;
  const province = chain.find((r) => r.level === "province") ?? null;
  const city = chain.find((r) => r.level === "city") ?? null;
  const county = chain.find((r) => r.level === "county") ?? null;
  const municipality = province && /^(?:北京|天津|上海|重庆)市$/.test(province.name);
  return {
    province: province?.name ?? null,
    city: city?.name ?? (county && municipality ? province.name : null),
    county: county?.name ?? null,
    code,
  };
}
