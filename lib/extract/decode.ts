// Bytes of a text or HTML file → string, never mojibake. Candidates in order: a byte-order mark,
// a strict UTF-8 decode, the charset the file declares (<meta charset>, <?xml encoding>, the
// upload's MIME type), then GB18030, Big5 and UTF-16 ranked by chardet and by how plausible the
// result is as Chinese text. A decode with replacement characters, control characters or
// private-use characters, or whose Chinese characters are mostly rare ones (GBK read as Big5),
// is rejected; when none is left the file is refused as unreadable_encoding.
import chardet from "chardet";
import iconv from "iconv-lite";
import { COMMON_CJK } from "./common-chars";
import { ExtractError } from "./errors";

export interface Decoded {
  text: string;
  /** WHATWG-style label of the encoding used: "utf-8", "gb18030", "big5", "utf-16le", "utf-16be". */
  encoding: string;
  warnings: string[];
}

/** Encoding names (as declared by pages and MIME types) → the iconv-lite codec that reads them. */
export function canonicalEncoding(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, "").replace(/_/g, "-");
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(n)) return "utf-8";
  if (/^(gb-?2312(-80)?|gbk|x-gbk|cp936|ms936|windows-936|gb-?18030|euc-cn|csgb2312|chinese|iso-ir-58|x-euc-cn)$/.test(n)) return "gb18030";
  if (/^(big-?5|big5-hkscs|cn-big5|x-x-big5|csbig5|cp950)$/.test(n)) return "big5";
  if (/^(utf-?16-?le|unicode|ucs-2|utf-?16)$/.test(n)) return "utf-16le";
  if (/^(utf-?16-?be|unicodefffe)$/.test(n)) return "utf-16be";
  return null; // declared something we would not trust for Chinese text (latin1, shift_jis…)
}

/** The iconv-lite codec for a label ("big5" reads through the HKSCS superset). */
const codec = (enc: string) => (enc === "big5" ? "big5hkscs" : enc);

function bomEncoding(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && !(b[2] === 0 && b[3] === 0)) return { encoding: "utf-16le", length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  if (b[0] === 0x84 && b[1] === 0x31 && b[2] === 0x95 && b[3] === 0x33) return { encoding: "gb18030", length: 4 };
  return null;
}

/**
 * UTF-16 without a BOM: the ASCII of a report (digits, "|", line breaks) puts zero bytes on one
 * side of each byte pair only. CJK puts none (a few on the other side: U+4E00 一 is 00 4E in LE).
 */
export function utf16Guess(b: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(b.length - (b.length % 2), 1 << 16);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.01 && evenZero <= oddZero * 0.25) return "utf-16le";
  if (evenZero / pairs > 0.01 && oddZero <= evenZero * 0.25) return "utf-16be";
  return null;
}

/** <meta charset>, <meta http-equiv content="…charset=…"> or <?xml encoding> in the first 4 KB. */
export function declaredCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 4096)).toString("latin1");
  const m =
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m?.[1] ?? null;
}

export interface TextStats {
  chars: number;
  replacement: number;
  /** Control characters other than tab/newline/CR/FF/VT, and private-use and non-characters. */
  bad: number;
  cjk: number;
  commonCjk: number;
  /** Characters that a wrong CJK decode produces and a report never holds: Hangul, Yi, kana, CJK extension A, compatibility ideographs. */
  odd: number;
}

/** COMMON_CJK as one flag per code point of the CJK block U+4E00–U+9FFF (a lookup by number). */
const COMMON_IN_BLOCK = (() => {
  const flags = new Uint8Array(0x9fff - 0x4e00 + 1);
  for (const ch of COMMON_CJK) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x4e00 && c <= 0x9fff) flags[c - 0x4e00] = 1;
  }
  return flags;
})();

export function textStats(s: string): TextStats {
  const st: TextStats = { chars: 0, replacement: 0, bad: 0, cjk: 0, commonCjk: 0, odd: 0 };
  // By code point, as for…of would iterate (a lone surrogate counts as one), without its iterator:
  // this runs over every candidate decode of every file.
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    st.chars++;
    if (c < 0x80) {
      if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) st.bad++;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      st.cjk++;
      st.commonCjk += COMMON_IN_BLOCK[c - 0x4e00];
    } else if (c === 0xfffd) st.replacement++;
    else if (c < 0xa0 || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff || c >= 0xf0000) st.bad++;
    else if (
      (c >= 0xac00 && c <= 0xd7af) || // Hangul syllables
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x3130 && c <= 0x318f) ||
      (c >= 0xa000 && c <= 0xa4cf) || // Yi
      (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
      (c >= 0x20000 && c <= 0x3ffff) || // CJK extensions B…
      (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
      (c >= 0xff61 && c <= 0xff9f) || // half-width katakana
      (c >= 0x3041 && c <= 0x30fa) // kana (a Chinese report has none; ・ and ー are allowed)
    )
      st.odd++;
  }
  return st;
}

/** How much a decode looks like Chinese text: 0 (garbage) … 1. NaN when it holds no CJK at all. */
function plausibility(st: TextStats): number {
  const han = st.cjk + st.odd;
  if (han === 0) return Number.NaN;
  return st.commonCjk / han;
}

/** A decode we can return: no (or, leniently, almost no) replacement characters, few controls, and Chinese that looks like Chinese. */
function acceptable(st: TextStats, lenient = false): boolean {
  if (st.chars === 0) return true;
  const maxReplacement = lenient ? Math.max(1, st.chars * 0.001) : 0;
  if (st.replacement > maxReplacement) return false;
  if (st.bad > st.chars * 0.005) return false;
  const han = st.cjk + st.odd;
  if (han >= 8) return st.commonCjk / han >= 0.6 && st.odd <= han * 0.1;
  return st.odd === 0;
}

function decodeWith(bytes: Uint8Array, enc: string): string {
  if (enc === "utf-8") return new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codec(enc), { stripBOM: false });
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const NAMES: Record<string, string> = { "utf-8": "UTF-8", gb18030: "GBK/GB18030", big5: "Big5", "utf-16le": "UTF-16", "utf-16be": "UTF-16" };

/**
 * Decodes a text or HTML file. `declared` is a charset named outside the bytes (the upload's MIME
 * type); one inside (meta, xml declaration) is read here. Throws unreadable_encoding.
 */
export function decodeText(input: Uint8Array, opts: { declared?: string | null } = {}): Decoded {
  let bytes = input;
  // Trailing NUL padding (pre-allocated files, some exporters) is not text in any encoding.
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (bytes.length - end >= 4) bytes = bytes.subarray(0, end + ((end % 2) && utf16Guess(bytes) ? 1 : 0));

  const warnings: string[] = [];
  const bom = bomEncoding(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const text = decodeWith(body, bom.encoding);
    const st = textStats(text);
    if (acceptable(st, true)) {
      if (st.replacement) warnings.push(replacementWarning(st.replacement, bom.encoding));
      return { text, encoding: bom.encoding, warnings };
    }
    // A BOM followed by something else: fall through and judge the bytes after it.
    bytes = body;
  }

  const declaredRaw = declaredCharset(bytes) ?? opts.declared ?? null;
  const declared = canonicalEncoding(declaredRaw);
  const u16 = utf16Guess(bytes);

  // Strict UTF-8 first (unless the byte pattern says UTF-16): a clean decode with non-ASCII text is
  // almost never an accident, and it wins over a stale <meta charset=gb2312>.
  if (!u16) {
    const text = strictUtf8(bytes);
    if (text !== null && acceptable(textStats(text))) return { text, encoding: "utf-8", warnings };
  }

  // Every encoding chardet can name that we read is in FIXED, so chardet only nudges the scores
  // (its confidence, at most 0.05, and the order, under 0.001). Score without it first, and ask it
  // (the slowest step for a GBK file) only when the two best are closer than it could move them.
  const FIXED = ["gb18030", "big5", "utf-16le", "utf-16be", "utf-8"];
  const rank = (ranked: { name: string; confidence: number }[]) => {
    const candidates: string[] = [];
    if (u16) candidates.push(u16);
    if (declared) candidates.push(declared);
    const confidence = new Map<string, number>();
    for (const m of ranked) {
      const enc = canonicalEncoding(m.name);
      if (!enc) continue;
      candidates.push(enc);
      confidence.set(enc, Math.max(confidence.get(enc) ?? 0, m.confidence));
    }
    candidates.push(...FIXED);
    return [...new Set(candidates)].map((enc, order) => ({ enc, order, confidence: confidence.get(enc) ?? 0 }));
  };

  type Tried = { enc: string; text: string; st: TextStats; score: number; order: number };
  const decoded = new Map<string, { text: string; st: TextStats }>();
  const score = (ranking: { enc: string; order: number; confidence: number }[]): Tried[] => {
    const tried: Tried[] = [];
    for (const { enc, order, confidence } of ranking) {
      if ((enc === "utf-16le" || enc === "utf-16be") && bytes.length % 2 === 1 && enc !== u16) continue;
      let d = decoded.get(enc);
      if (!d) {
        const text = decodeWith(bytes, enc);
        d = { text, st: textStats(text) };
        decoded.set(enc, d);
      }
      const p = plausibility(d.st);
      // Plausibility first; chardet's confidence (0–100) and the candidate order break near-ties.
      tried.push({ enc, ...d, score: (Number.isNaN(p) ? 0.5 : p) + confidence / 2000 - order / 10000, order });
    }
    return tried;
  };

  const pickFrom = (tried: Tried[], lenient: boolean): Tried | undefined => {
    const ok = tried.filter((t) => acceptable(t.st, lenient));
    // A declared charset that reads cleanly is taken as declared; otherwise the most plausible.
    const fromDeclared = ok.find((t) => t.enc === declared);
    if (fromDeclared && (Number.isNaN(plausibility(fromDeclared.st)) || plausibility(fromDeclared.st) >= 0.6)) return fromDeclared;
    return ok.sort((a, b) => b.score - a.score)[0];
  };
  /** The pick, when chardet could not change it (the two best ok decodes far enough apart). */
  const clearPick = (tried: Tried[], lenient: boolean): Tried | undefined | null => {
    const ok = tried.filter((t) => acceptable(t.st, lenient)).sort((a, b) => b.score - a.score);
    if (ok.length > 1 && ok[0].score - ok[1].score <= 0.06) return null;
    return pickFrom(tried, lenient);
  };

  const withoutChardet = score(rank([]));
  const quick = clearPick(withoutChardet, false) ?? (withoutChardet.some((t) => acceptable(t.st, false)) ? null : clearPick(withoutChardet, true));
  let tried = withoutChardet;
  if (quick === null) {
    let ranked: { name: string; confidence: number }[] = [];
    try {
      ranked = chardet.analyse(bytes.length > 1 << 20 ? bytes.subarray(0, 1 << 20) : bytes).map((m) => ({ name: m.name, confidence: m.confidence }));
    } catch {
      /* chardet gives up on odd input: the fixed order below still applies */
    }
    tried = score(rank(ranked));
  }
  const pick = (lenient: boolean) => pickFrom(tried, lenient);
  const best = pick(false) ?? pick(true);
  if (!best) throw new ExtractError("unreadable_encoding");
  if (declared && best.enc !== declared && declaredRaw) {
    warnings.push(`文件声明的编码是 ${declaredRaw}，但内容实际是 ${NAMES[best.enc] ?? best.enc} 编码，已按后者读取。`);
  }
  if (best.st.replacement) warnings.push(replacementWarning(best.st.replacement, best.enc));
  return { text: best.text, encoding: best.enc, warnings };
}

function replacementWarning(n: number, enc: string): string {
  return `文件中有 ${n} 处字节不是有效的 ${NAMES[enc] ?? enc} 编码（可能文件不完整），已替换为 �。`;
}

/**
 * Not a text file: NUL bytes outside a UTF-16 pattern, or many control bytes. Used to tell
 * "binary" (unsupported) from "text in an encoding we cannot read" (unreadable_encoding).
 */
export function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 1 << 16);
  if (n === 0) return false;
  if (bomEncoding(b) || utf16Guess(b)) return false;
  let zeros = 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) zeros++;
    else if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) controls++;
  }
  return zeros > n * 0.001 || zeros > 16 || controls > n * 0.02;
}
