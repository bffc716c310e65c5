// Name indexes over REGIONS: full names, short forms (聊城 for 聊城市, 广西 for 广西壮族自治区)
// and one-character-wildcard keys for OCR slips. Built once, on first use.
import { REGIONS, type Region } from "./data";

const ETHNIC =
  "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|" +
  "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|" +
  "塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺";
const AUTONOMOUS = new RegExp(`(?:(?:${ETHNIC})族)*自治(?:区|州|县|旗)$`);

/** The name without its administrative suffix, or null when too short to be safe. */
export function shortName(r: Region): string | null {
  let s = r.name.replace(AUTONOMOUS, "");
  if (s === r.name) {
    if (r.level === "province") s = s.replace(/(?:省|市|特别行政区)$/, "");
    else if (r.level === "city") s = s.replace(/(?:市|地区|盟)$/, "");
    else s = s.replace(/(?:县|区|市|旗|特区|林区)$/, "");
  }
  return s.length >= 2 && s !== r.name ? s : null;
}

export interface NameIndex {
  full: Map<string, Region[]>;
  /** Short forms of provinces and cities only: county short forms collide with ordinary words. */
  short: Map<string, Region[]>;
  /** Full names with one character replaced by "?" → regions (OCR slips). */
  wildcard: Map<string, Region[]>;
  maxLen: number;
  /** First character → the lengths of the names (full or short) starting with it, longest first. */
  lengthsByFirst: Map<string, number[]>;
  /** Last character code → the lengths (3+) of the full names ending with it, longest first. */
  lengthsByLast: Map<number, number[]>;
}

let index: NameIndex | null = null;

function push(map: Map<string, Region[]>, key: string, r: Region) {
  const list = map.get(key);
  if (list) {
    if (!list.includes(r)) list.push(r);
  } else map.set(key, [r]);
}

export function nameIndex(): NameIndex {
  if (index) return index;
  const full = new Map<string, Region[]>();
  const short = new Map<string, Region[]>();
  const wildcard = new Map<string, Region[]>();
  let maxLen = 0;
  for (const r of REGIONS) {
    push(full, r.name, r);
    maxLen = Math.max(maxLen, r.name.length);
    if (r.level !== "county") {
      const s = shortName(r);
      if (s) push(short, s, r);
    }
    if (r.name.length >= 3) {
      // Keep the suffix character: a slip is in the proper name, not in 县/区/市.
      for (let i = 0; i < r.name.length - 1; i++) push(wildcard, r.name.slice(0, i) + "?" + r.name.slice(i + 1), r);
    }
  }
  const lengthsByFirst = new Map<string, number[]>();
  for (const key of [...full.keys(), ...short.keys()]) {
    const list = lengthsByFirst.get(key[0]) ?? [];
    if (!list.includes(key.length)) list.push(key.length);
    lengthsByFirst.set(key[0], list);
  }
  for (const list of lengthsByFirst.values()) list.sort((a, b) => b - a);
  const lengthsByLast = new Map<number, number[]>();
  for (const key of full.keys()) {
    if (key.length < 3) continue;
    const c = key.charCodeAt(key.length - 1);
    const list = lengthsByLast.get(c) ?? [];
    if (!list.includes(key.length)) list.push(key.length);
    lengthsByLast.set(c, list);
  }
  for (const list of lengthsByLast.values()) list.sort((a, b) => b - a);
  index = { full, short, wildcard, maxLen, lengthsByFirst, lengthsByLast };
  return index;
}

/** Characters a region's full name can end with. */
export const SUFFIX_CHARS = new Set(["省", "市", "区", "县", "旗", "州", "盟"]);

/** Whether `s` begins with a place name (full, or a province's or city's short form). */
export function startsWithPlaceName(s: string): boolean {
  const idx = nameIndex();
  return (idx.lengthsByFirst.get(s[0]) ?? []).some((len) => len <= s.length && (idx.full.has(s.slice(0, len)) || idx.short.has(s.slice(0, len))));
}
