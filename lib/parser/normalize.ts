// One pass over the raw text before anything is read from it: HTML (also inside JavaScript
// strings) to lines, full-width ASCII to half-width, odd spaces to spaces, Markdown emphasis
// removed, Traditional to Simplified. Keeps a map back to the caller's offsets.
import { htmlToText, looksLikeHtml, unescapeJs } from "./html";
import { compose, identity, lineMap, type OffsetMap } from "./offsets";
import { simplifyTraditionalParts } from "./traditional";

export interface Normalized {
  text: string;
  /** Offset in the normalized text → offset in the text the caller passed. */
  toSource: OffsetMap;
}

// Full-width forms, ideographic and no-break spaces, zero-width characters, carriage returns.
const ODD_CHARS = /[\uFF01-\uFF5E\u3000\u00A0\u2000-\u200B\u202F\u205F\uFEFF\r]/g;

function mapChar(ch: string, i: number, s: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  if (ch === "\r") return s[i + 1] === "\n" ? " " : "\n";
  return " ";
}

/** Same length as the input: every change is one character for one. */
function halfWidth(text: string): string {
  let out = text.replace(ODD_CHARS, (ch: string, i: number, s: string) => mapChar(ch, i, s));
  // Stray markup in text that is not HTML (Markdown cells): <br> and &nbsp; as spaces.
  if (out.indexOf("<") >= 0) out = out.replace(/<br\s*\/?>/gi, (m) => " ".repeat(m.length));
  if (out.indexOf("&nbsp;") >= 0) out = out.replace(/&nbsp;/g, "      ");
  // Markdown: **bold**, heading marks at a line start.
  if (out.indexOf("**") >= 0) out = out.replace(/\*{2,}/g, (m) => " ".repeat(m.length));
  if (out.indexOf("#") >= 0) out = out.replace(/^[ \t]*#{1,6}(?= )/gm, (m) => " ".repeat(m.length));
  return out;
}

export function normalizeText(raw: string): Normalized {
  let text = raw;
  let map: OffsetMap = identity;
  if (looksLikeHtml(text)) {
    if (/<\\\/|\\u003c|\\x3c/i.test(text)) {
      const js = unescapeJs(text);
      map = compose(map, js.map);
      text = js.text;
    }
    const h = htmlToText(text);
    map = compose(map, h.map);
    text = h.text;
  }
  text = halfWidth(text);
  const simp = simplifyTraditionalParts(text);
  if (simp !== null) {
    map = compose(map, lineMap(text, simp));
    text = simp;
  }
  return { text, toSource: map };
}
