// Places an agency in GB/T 2260: from the place names in its own name (聊城市机关事务管理局,
// 川汇区机关事务中心 → 周口市 → 河南省 via the code table), then from the report's title lines,
// then from what the text mentions most. A look-alike character (OCR) is resolved to the closest
// name and reported as a guess.
import type { Region, RegionLevel } from "./data";
import { nameIndex, SUFFIX_CHARS } from "./names";
import { getRegion, isAncestor, regionChain } from "./lookup";

export interface ResolveInput {
  /** The agency's name as printed (may hold no place at all: 市国资委, 我局). */
  agency?: string | null;
  /** Title, 发布机构 and similar lines: strong context. */
  head?: string;
  /** The report's text: weak context, to choose between regions of one name. */
  text?: string;
  /** A code from the caller (upload form): wins when valid. */
  hintCode?: string | null;
  /** The level the agency's name implies when it names no place (市国资委 → city). */
  wantLevel?: RegionLevel | null;
}

export interface RegionResolution {
  region: Region;
  /** True when a name was matched approximately (OCR slip) or chosen among several regions of one name. */
  guessed: boolean;
  source: "hint" | "agency" | "head" | "text";
  /** The name(s) as found in the text. */
  evidence: string;
  /** Deepest level named in the agency's own name, when it names a place. */
  agencyLevel: RegionLevel | null;
}

interface Mention {
  start: number;
  end: number;
  name: string;
  regions: Region[];
  fuzzy: boolean;
}

const DEPTH: Record<RegionLevel, number> = { province: 1, city: 2, county: 3 };

/** Words ending like a place name that are not one (开发区, 全市 …): never matched approximately. */
const NOT_PLACES =
  /(?:开发区|高新区|新区|园区|景区|社区|辖区|城区|市区|郊区|街区|片区|小区|保税区|试验区|示范区|功能区|合作区|管理区|全市|本市|城市|都市|该市|全县|本县|该县|全区|本区|该区|全省|本省|该省|全州|自治州|全旗)$/;

/** Place names in a short string (an agency's name), longest first, left to right. */
function scanNames(s: string, allowShort: boolean): Mention[] {
  const idx = nameIndex();
  const out: Mention[] = [];
  let i = 0;
  while (i < s.length) {
    let hit: Mention | null = null;
    for (const len of idx.lengthsByFirst.get(s[i]) ?? []) {
      if (len < 2 || i + len > s.length) continue;
      const sub = s.slice(i, i + len);
      const full = idx.full.get(sub);
      if (full) {
        hit = { start: i, end: i + len, name: sub, regions: full, fuzzy: false };
        break;
      }
      // 聊城 for 聊城市, 广西 for 广西壮族自治区 (longer names were tried first).
      const short = allowShort ? idx.short.get(sub) : undefined;
      if (short) {
        hit = { start: i, end: i + len, name: sub, regions: short, fuzzy: false };
        break;
      }
    }
    if (hit) {
      out.push(hit);
      i = hit.end;
    } else i++;
  }
  return out;
}

/** Full place names (3+ characters) mentioned in a long text, counted; anchored on suffix characters. */
function countMentions(text: string, into: Map<string, number>, weight: number) {
  if (!text) return;
  const idx = nameIndex();
  for (let i = 2; i < text.length; i++) {
    const lengths = idx.lengthsByLast.get(text.charCodeAt(i));
    if (!lengths) continue;
    for (const len of lengths) {
      if (len > i + 1) continue;
      const regions = idx.full.get(text.slice(i + 1 - len, i + 1));
      if (regions) {
        for (const r of regions) into.set(r.code, (into.get(r.code) ?? 0) + weight);
        break;
      }
    }
  }
}

/** Mentions counted on first use: most agencies name one place and need no context. */
class Context {
  private counts: Map<string, number> | null = null;
  constructor(private head: string, private text: string) {}
  get map(): Map<string, number> {
    if (!this.counts) {
      this.counts = new Map();
      countMentions(this.head, this.counts, 3);
      countMentions(this.text, this.counts, 1);
    }
    return this.counts;
  }
}

function contextScore(r: Region, ctx: Context): number {
  let s = 0;
  const m = ctx.map;
  for (const a of regionChain(r.code)) s += m.get(a.code) ?? 0;
  return s;
}

/** Approximate match of a place name starting at `from` (one character differs, suffix kept). */
function fuzzyAt(s: string, from: number, cur: Region | null, ctx: Context): Mention | null {
  const idx = nameIndex();
  for (let len = Math.min(idx.maxLen, s.length - from); len >= 3; len--) {
    const sub = s.slice(from, from + len);
    if (!SUFFIX_CHARS.has(sub[sub.length - 1]) || NOT_PLACES.test(sub)) continue;
    const found = new Set<Region>();
    for (let i = 0; i < sub.length - 1; i++) {
      for (const r of idx.wildcard.get(sub.slice(0, i) + "?" + sub.slice(i + 1)) ?? []) {
        if (!cur || isAncestor(cur, r)) found.add(r);
      }
    }
    if (found.size === 0) continue;
    let regions = [...found];
    // Several look-alikes: keep those the text corroborates, when it does.
    if (regions.length > 1) {
      const scored = regions.map((r) => [r, contextScore(r, ctx)] as const);
      const best = Math.max(...scored.map(([, n]) => n));
      if (best > 0) regions = scored.filter(([, n]) => n === best).map(([r]) => r);
    }
    return { start: from, end: from + len, name: sub, regions, fuzzy: true };
  }
  return null;
}

/** Walks the mentions in order, each narrowing the previous: 聊城市 → 东昌府区 of 聊城市. */
function chainFromMentions(mentions: Mention[], ctx: Context) {
  let cur: Region | null = null;
  let guessed = false;
  const used: string[] = [];
  mentions.forEach((m, k) => {
    let options = m.regions.filter((r) => !cur || isAncestor(cur, r));
    if (options.length === 0) return;
    if (options.length > 1) {
      const later = mentions.slice(k + 1).flatMap((n) => n.regions);
      const withChild = options.filter((r) => later.some((l) => isAncestor(r, l)));
      if (withChild.length > 0) options = withChild;
    }
    if (options.length > 1) {
      const scored = options.map((r) => [r, contextScore(r, ctx)] as const);
      const best = Math.max(...scored.map(([, n]) => n));
      options = scored.filter(([, n]) => n === best).map(([r]) => r);
      // Still several (two 朝阳区, no city named anywhere): the first, as a guess.
      if (options.length > 1 && !(cur === null && k + 1 < mentions.length)) guessed = true;
    }
    cur = options[0];
    if (m.fuzzy) guessed = true;
    used.push(m.name);
  });
  return cur ? { region: cur as Region, guessed, evidence: used.join("") } : null;
}

function fromString(s: string, ctx: Context, allowShort: boolean, allowFuzzy: boolean) {
  const mentions = scanNames(s, allowShort);
  if (allowFuzzy) {
    // An OCR slip sits where a place name is expected: at the start, or right after the last place.
    const from = mentions.length ? mentions[mentions.length - 1].end : 0;
    const last = mentions.length ? chainFromMentions(mentions, ctx)?.region ?? null : null;
    const fz = fuzzyAt(s, from, last, ctx);
    if (fz && !(last && last.level === "county")) mentions.push(fz);
  }
  return mentions.length ? chainFromMentions(mentions, ctx) : null;
}

/** The caller's code fills what the text lacks: no place found, a guess, or a place coarser than
 * the agency's level (a 县 bureau placed only in its province). */
export function resolveRegion(input: ResolveInput): RegionResolution | null {
  const found = resolveFromText(input);
  const hint = input.hintCode ? getRegion(input.hintCode) : undefined;
  if (!hint) return found;
  const coarser = !!found && isAncestor(found.region, hint) && !!input.wantLevel && DEPTH[input.wantLevel] > DEPTH[found.region.level];
  if (!found || found.guessed || coarser || found.region.code === hint.code) {
    return { region: hint, guessed: false, source: "hint", evidence: hint.name, agencyLevel: found?.agencyLevel ?? null };
  }
  return found;
}

function resolveFromText(input: ResolveInput): RegionResolution | null {
  const ctx = new Context(input.head ?? "", input.text ?? "");

  const agency = input.agency ?? "";
  if (agency) {
    const found = fromString(agency, ctx, true, true);
    // (Fields named, not spread: V8 copies a spread object on a slow path.)
    if (found) return { region: found.region, guessed: found.guessed, evidence: found.evidence, source: "agency", agencyLevel: found.region.level };
  }
  if (input.head) {
    const found = fromString(input.head, ctx, false, false);
    if (found && (!input.wantLevel || DEPTH[found.region.level] >= DEPTH[input.wantLevel]))
      return { region: found.region, guessed: found.guessed, evidence: found.evidence, source: "head", agencyLevel: null };
  }
  // Last resort: one region the text names clearly more often than any other, deep enough for
  // the agency (a city bureau is not placed by a province alone).
  const want = input.wantLevel ? DEPTH[input.wantLevel] : 1;
  let best: Region | null = null;
  let bestN = 0;
  let second = 0;
  for (const [code, n] of ctx.map) {
    const r = getRegion(code);
    if (!r || DEPTH[r.level] < want) continue;
    if (n > bestN) {
      second = bestN;
      bestN = n;
      best = r;
    } else if (n > second) second = n;
  }
  if (best && bestN >= 2 && bestN >= 2 * second) {
    return { region: best, guessed: false, source: "text", evidence: best.name, agencyLevel: null };
  }
  return null;
}
