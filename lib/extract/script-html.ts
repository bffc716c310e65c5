// HTML that arrives inside JavaScript or JSON strings: document.write("<table>…"), a page whose
// report is assigned to innerHTML from a string, or an API's JSON {"content":"<p>\u4e00…<\/p>"}.
// The strings are found with a small tokenizer (no eval) and unescaped as JavaScript would.

const TAG = /<\/?(?:table|tbody|thead|tr|td|th|p|div|span|br|h[1-6]|li|ul|ol|font|strong|b|section|article|center)\b[^>]*>/i;

/** Unescapes the body of a JS string literal ("\n", "\"", "\u4e00", "\x3c", "\u{20000}", "\/", line continuations). */
export function unescapeJs(body: string): string {
  return body.replace(/\\(u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([0-7]{1,3})|\r\n|[\s\S])/g, (all, esc: string, cp?: string, u?: string, x?: string, oct?: string) => {
    if (cp) return String.fromCodePoint(Math.min(parseInt(cp, 16), 0x10ffff));
    if (u) return String.fromCharCode(parseInt(u, 16));
    if (x) return String.fromCharCode(parseInt(x, 16));
    if (oct) return oct === "0" ? "\0" : String.fromCharCode(parseInt(oct, 8));
    switch (esc) {
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "v":
        return "\v";
      case "\n":
      case "\r\n":
      case "\r":
      case "\u2028":
      case "\u2029":
        return ""; // line continuation
      default:
        return esc; // \" \' \\ \/ and any other character stand for themselves
    }
  });
}

/** The string literals of a piece of JavaScript (or JSON), unescaped, in source order. */
export function jsStringLiterals(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === "/" && src[i + 1] === "/") {
      const e = src.indexOf("\n", i);
      i = e < 0 ? n : e + 1;
    } else if (c === "/" && src[i + 1] === "*") {
      const e = src.indexOf("*/", i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === "\\") j += 2;
        else if (c !== "`" && (src[j] === "\n" || src[j] === "\r")) break; // unterminated: resync at the line end
        else j++;
      }
      let body = src.slice(i + 1, Math.min(j, n));
      if (c === "`") body = body.replace(/\$\{[^}]*\}/g, "");
      out.push(unescapeJs(body));
      i = j + 1;
    } else i++;
  }
  return out;
}

const hasTag = (s: string) => TAG.test(s);
const cjkCount = (s: string) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length;

/**
 * The HTML a script writes: its string literals from the first to the last one holding a tag,
 * joined (so `"<td>" + "30" + "</td>"` keeps the 30). Null when there is no such HTML or it is
 * too small to be report content (share buttons, a single link).
 */
export function htmlFromScript(src: string): string | null {
  const lits = jsStringLiterals(src);
  const first = lits.findIndex(hasTag);
  if (first < 0) return null;
  let last = first;
  for (let k = lits.length - 1; k > first; k--)
    if (hasTag(lits[k])) {
      last = k;
      break;
    }
  const html = lits.slice(first, last + 1).join("");
  return /<t[dh]\b/i.test(html) || cjkCount(html.replace(/<[^>]*>/g, "")) >= 20 ? html : null;
}

/** String values (not keys) of parsed JSON that hold a tag or some Chinese, in document order. */
function jsonStrings(v: unknown, out: string[]): void {
  if (typeof v === "string") {
    if (hasTag(v)) out.push(v);
    else if (cjkCount(v) >= 4) out.push(`<p>${v.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`);
  } else if (Array.isArray(v)) for (const x of v) jsonStrings(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) jsonStrings(x, out);
}

/**
 * A whole upload that is JavaScript or JSON carrying HTML in its strings → that HTML; null when
 * the text is not such a thing (then it is plain text or an HTML document).
 */
export function scriptPayloadToHtml(text: string): string | null {
  const t = text.trim();
  if (t.startsWith("<")) return null; // an HTML document: its <script>s are expanded in place
  if (!/document\.write|innerHTML|\\"|\\'|<\\\/|\\u00?3[cC]|\\x3[cC]|\\n|^[[{]|^[\w$.]+\s*\(\s*[[{]/.test(t)) return null;
  if (/^[[{]|^[\w$.]+\s*\(\s*[[{]/.test(t)) {
    const json = t.replace(/^[\w$.]+\s*\(\s*/, "").replace(/\)\s*;?\s*$/, "");
    try {
      const parts: string[] = [];
      jsonStrings(JSON.parse(json), parts);
      const html = parts.join("\n");
      if (html && (/<t[dh]\b/i.test(html) || cjkCount(html) >= 20)) return html;
    } catch {
      /* not JSON after all: read it as JavaScript */
    }
  }
  return htmlFromScript(t);
}
