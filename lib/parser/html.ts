// Text that still carries HTML (a page saved as text, or HTML inside a JavaScript string)
// becomes lines the way lib/extract writes them: one <tr> per line, `| cell | cell |`.
import { MapBuilder, type OffsetMap } from "./offsets";

const STRUCTURE = /<\/?(?:table|tr|td|th|tbody|p|div|li|h[1-6])\b[^<>]{0,400}>/gi;
const JS_HTML = /\\u003c|\\x3c|<\\\/(?:td|tr|p|div)/i;

/** Markup that lays out the page (a lone <br> in Markdown or plain text is not HTML). */
export function looksLikeHtml(text: string): boolean {
  const head = text.length > 400_000 ? text.slice(0, 400_000) : text;
  if (JS_HTML.test(head)) return true;
  STRUCTURE.lastIndex = 0;
  let n = 0;
  while (STRUCTURE.exec(head)) if (++n >= 2) return true;
  return false;
}

/** Undoes JavaScript string escapes (\" \/ \n \u003c …). */
export function unescapeJs(text: string): { text: string; map: OffsetMap } {
  const mb = new MapBuilder();
  let out = "";
  let last = 0;
  const re = /\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrt"'\/\\])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out += text.slice(last, m.index);
    const e = m[1];
    let ch: string;
    if (e[0] === "u" || e[0] === "x") ch = String.fromCharCode(parseInt(e.slice(1), 16));
    else if (e === "n") ch = "\n";
    else if (e === "r") ch = "";
    else if (e === "t") ch = "\t";
    else ch = e;
    mb.mark(out.length, m.index);
    out += ch;
    last = m.index + m[0].length;
    mb.mark(out.length, last);
  }
  out += text.slice(last);
  return { text: out, map: mb.build(text.length) };
}

const ENTITIES: Record<string, string> = {
  nbsp: " ", ensp: " ", emsp: " ", thinsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'",
  ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", mdash: "—", ndash: "–", middot: "·", hellip: "…",
};

function decodeEntity(name: string): string | null {
  if (name[0] === "#") {
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return null;
    if (code === 0xa0) return " ";
    return String.fromCodePoint(code);
  }
  return ENTITIES[name.toLowerCase()] ?? null;
}

const BLOCK = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tbody", "thead", "section", "article", "title", "caption", "dd", "dt"]);

/** HTML → text: rows as `| a | b |` lines, blocks as lines, inline tags dropped, entities decoded. */
export function htmlToText(html: string): { text: string; map: OffsetMap } {
  const mb = new MapBuilder();
  const parts: string[] = [];
  let outLen = 0;
  let inCell = false;
  const emit = (s: string, at: number) => {
    mb.mark(outLen, at);
    parts.push(s);
    outLen += s.length;
  };
  const n = html.length;
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end <= textStart) return;
    let seg = html.slice(textStart, end);
    // HTML collapses white space: a line break in the source is not a line of the table.
    seg = seg.replace(/[\r\n\t]+/g, " ");
    if (seg.indexOf("&") >= 0) {
      // Entities change lengths: emit piece by piece so offsets stay close.
      const re = /&(#[xX]?[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;
      let last = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(seg))) {
        const dec = decodeEntity(m[1]);
        if (dec === null) continue;
        if (m.index > last) emit(seg.slice(last, m.index), textStart + last);
        emit(dec, textStart + m.index);
        last = m.index + m[0].length;
      }
      if (last < seg.length) emit(seg.slice(last), textStart + last);
    } else emit(seg, textStart);
  };
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    // Comments and raw-text elements.
    if (html.startsWith("<!--", lt)) {
      flushText(lt);
      const end = html.indexOf("-->", lt + 4);
      i = textStart = end < 0 ? n : end + 3;
      continue;
    }
    const gt = html.indexOf(">", lt + 1);
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(html.slice(lt, lt + 24));
    if (!m || gt < 0 || gt - lt > 4000) {
      i = lt + 1;
      continue;
    }
    flushText(lt);
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    let next = gt + 1;
    if (!closing && (tag === "style" || tag === "noscript")) {
      const re = new RegExp(`</${tag}`, "gi");
      re.lastIndex = next;
      const end = re.exec(html);
      next = end ? end.index : n;
    } else if (tag === "tr") {
      emit(closing ? "\n" : "\n|", lt);
      inCell = false;
    } else if (tag === "td" || tag === "th") {
      if (closing) {
        emit(" |", lt);
        inCell = false;
      } else {
        emit(" ", lt);
        inCell = true;
      }
    } else if (tag === "br") {
      emit(inCell ? " " : "\n", lt);
    } else if (BLOCK.has(tag)) {
      emit(inCell ? " " : "\n", lt);
    }
    i = textStart = next;
  }
  flushText(n);
  return { text: parts.join(""), map: mb.build(html.length) };
}
