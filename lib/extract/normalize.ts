// The last step for every format: one kind of line ending, no control characters, and radical
// code points put back to the characters they stand for. Otherwise the text stays verbatim
// (Traditional → Simplified and punctuation are the parser's business).

/**
 * CJK Radicals Supplement (U+2E80–U+2EF3) → the unified ideograph it looks like (Unicode's
 * EquivalentUnifiedIdeograph.txt). PDF producers whose font maps one glyph to both code points
 * write e.g. "⼈⺠政府" (U+2F08 U+2EA0) for 人民政府 in the text layer, and text copied from such
 * PDFs carries them too. The Kangxi radicals (U+2F00–U+2FD5) all have an NFKC mapping.
 */
const RADICALS_SUPPLEMENT: Record<string, string> = {
  "⺁": "厂", "⺄": "乙", "⺅": "亻", "⺆": "冂", "⺉": "刂", "⺊": "卜", "⺌": "小", "⺍": "小",
  "⺎": "兀", "⺏": "尣", "⺐": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "忄", "⺗": "心",
  "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民",
  "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭",
  "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糹", "⺰": "纟",
  "⺱": "罓", "⺲": "罒", "⺳": "网", "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羋",
  "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹",
  "⻁": "虎", "⻂": "衤", "⻃": "覀", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠",
  "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅",
  "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阜", "⻖": "阝", "⻗": "雨", "⻘": "青",
  "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻟": "飠", "⻠": "饣", "⻢": "马",
  "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾",
  "⻫": "斉", "⻬": "齐", "⻭": "歯", "⻮": "齿", "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀",
  "⻳": "龟",
};

/** Radical code points → unified ideographs; nothing else changes. */
export function unifyRadicals(s: string): string {
  return s.replace(/[\u2E80-\u2EF3\u2F00-\u2FD5]/g, (ch) =>
    ch >= "\u2F00" ? ch.normalize("NFKC") : (RADICALS_SUPPLEMENT[ch] ?? ch),
  );
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Line endings → "\n" (also form feed, vertical tab, NEL and the Unicode line/paragraph
 * separators); NUL, other C0/C1 controls, BOMs, zero-width spaces and lone surrogates removed;
 * radicals unified. Tabs are kept: they separate table cells in pasted and plain text.
 */
export function normalizeText(s: string): string {
  return unifyRadicals(
    s
      .replace(/\r\n?|[\u000B\u000C\u0085\u2028\u2029]/g, "\n")
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFEFF\u200B\u2060\u00AD\uFFFE\uFFFF]/g, "")
      .replace(LONE_SURROGATE, ""),
  );
}

/** True when a string has nothing but whitespace (any kind, including U+3000 and NBSP). */
export function isBlank(s: string): boolean {
  return !/[^\s\u3000\u00A0]/.test(s);
}
