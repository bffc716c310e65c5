// HTML → the text the parser reads: headings and paragraphs as lines, and every row of a data
// table as ONE line "| cell | cell | … |" (one cell per <td>/<th> whatever its colspan/rowspan,
// a blank cell kept as an empty one, <br> and line breaks inside a cell → one space).
// Scripts that write the report (document.write, innerHTML strings) are expanded in place first;
// script, style, navigation and form controls are dropped.
import * as cheerio from "cheerio";
import { assertFewTags, guardedTreeAdapter } from "./html-guard";
import { htmlFromScript } from "./script-html";

/** The parts of a domhandler node this module reads (cheerio's nodes have them all). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
  "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
  "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p",
  "section", "summary", "title", "ul", "tr", "table", "tbody", "thead", "tfoot", "td", "th",
]);

/** Elements that are never the report's text (and anything with role="navigation"). */
const NOISE = new Set([
  "script", "style", "noscript", "template", "iframe", "frame", "object", "embed", "svg", "canvas", "map", "audio", "video",
  "button", "select", "input", "textarea", "nav", "link", "meta", "head",
]);
const isNoise = (n: DomNode) => NOISE.has(n.name ?? "") || n.attribs?.role === "navigation";

/**
 * The elements under `root` that `match`, in document order (as a CSS selector would find them,
 * without compiling one and testing it against every element: this runs for every HTML file).
 */
function elementsWhere(root: DomNode, match: (n: DomNode) => boolean): DomNode[] {
  const out: DomNode[] = [];
  const walk = (n: DomNode) => {
    for (const c of n.children ?? []) {
      if (c.type !== "tag" && c.type !== "script" && c.type !== "style") continue;
      if (match(c)) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** All the text under a node (as cheerio's .text()). */
function textOf(n: DomNode): string {
  if (n.type === "text") return n.data ?? "";
  let out = "";
  for (const c of n.children ?? []) out += textOf(c);
  return out;
}

const SPACE = /[ \t\n\r\f\u00a0]+/g;
/** Characters between which a line break of the HTML source is no space: CJK and its punctuation. */
const CJK = /[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]/;

/**
 * Collapses whitespace as a browser would, except that a source line break between two CJK
 * characters disappears (Word's "save as web page" wraps lines in the middle of Chinese text).
 */
export function collapseSpace(s: string): string {
  return s
    .replace(SPACE, (run, offset: number, all: string) => {
      if (/[\n\r]/.test(run) && !run.includes("\u00a0") && CJK.test(all[offset - 1] ?? "") && CJK.test(all[offset + run.length] ?? ""))
        return "";
      return " ";
    })
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
}

/** Structural tags, to tell an HTML document or fragment from text that merely holds a "<". */
const HTML_TAG = /<\/?(?:html|head|body|meta|title|p|div|span|table|tbody|thead|tr|td|th|br|h[1-6]|ul|ol|li|font|strong|b|center|section|article|a|img)\b[^<>]*>/gi;

export function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 1 << 20);
  if (/^\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)/i.test(head)) return true;
  const tags = head.match(HTML_TAG) ?? [];
  return tags.length >= 3 || (tags.length >= 2 && tags.some((t) => t.startsWith("</")));
}

const textLength = (s: string) => s.replace(/\s+/g, "").length;

/**
 * A cell that holds page layout rather than a value: a nested table, or paragraphs of prose.
 * Its row is read as blocks, not as one line of cells (gov sites lay whole pages out in tables).
 */
function isLayoutCell(cell: DomNode): boolean {
  // A walk, not $cell.find(selector): css-select compiles the selector on every call, which was
  // most of the time an HTML report took to read (npm run bench → import).
  let tables = 0;
  let blocks = 0;
  const walk = (n: DomNode) => {
    for (const c of n.children ?? []) {
      if (c.type !== "tag") continue;
      if (c.name === "table") tables++;
      else if (LAYOUT_BLOCKS.has(c.name ?? "")) blocks++;
      walk(c);
    }
  };
  walk(cell);
  if (tables) return true;
  const len = textLength(textOf(cell));
  if (len > 300) return true;
  return blocks >= 4 && len > 100;
}

const LAYOUT_BLOCKS = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br"]);

/** The rows of a table, not those of tables nested in its cells. */
function ownRows(table: DomNode): DomNode[] {
  const rows: DomNode[] = [];
  for (const child of table.children ?? []) {
    if (child.type !== "tag") continue;
    if (child.name === "tr") rows.push(child);
    else if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot")
      for (const r of child.children ?? []) if (r.type === "tag" && r.name === "tr") rows.push(r);
  }
  return rows;
}

const isCell = (n: DomNode) => n.type === "tag" && (n.name === "td" || n.name === "th");

/** The text of one cell on one line: blocks and <br> become spaces. */
function cellText(cell: DomNode): string {
  let out = "";
  const walk = (n: DomNode) => {
    if (n.type === "text") out += n.data ?? "";
    else if (n.type === "tag") {
      if (n.name === "br") {
        out += "\u00a0"; // a space that survives the CJK line-break rule
        return;
      }
      const block = BLOCK.has(n.name ?? "");
      if (block) out += "\u00a0";
      for (const c of n.children ?? []) walk(c);
      if (block) out += "\u00a0";
    }
  };
  for (const c of cell.children ?? []) walk(c);
  return collapseSpace(out);
}

export interface HtmlToTextOptions {
  /** Put the <title> first when the body does not repeat it (default true). */
  title?: boolean;
}

export function htmlToText(html: string, opts: HtmlToTextOptions = {}): string {
  // Parsed within limits of depth and elements (html-guard.ts); the HTML a script writes is
  // parsed by the same adapter, so its elements count against the same total.
  assertFewTags(html);
  const $ = cheerio.load(html, { treeAdapter: guardedTreeAdapter() } as cheerio.CheerioOptions);

  const root = () => $.root()[0] as unknown as DomNode;
  // Scripts (and textareas) that carry the report's HTML in strings: replace them by that HTML.
  for (const el of elementsWhere(root(), (n) => n.name === "script" || n.name === "textarea")) {
    const $el = $(el as never);
    const src = el.name === "textarea" ? null : $el.text();
    const written = src !== null ? htmlFromScript(src) : /<t[dr]\b|<p\b/i.test($el.text()) ? $el.text() : null;
    if (written) {
      $el.replaceWith(written);
    }
  }
  const title = collapseSpace($("title").first().text());
  $(elementsWhere(root(), isNoise) as never).remove();

  const lines: string[] = [];
  let current = "";
  const flush = () => {
    const line = collapseSpace(current);
    if (line) lines.push(line);
    current = "";
  };

  const walk = (node: DomNode): void => {
    if (node.type === "text") {
      current += node.data ?? "";
      return;
    }
    if (node.type !== "tag" && node.type !== "root") return;
    const name = node.name ?? "";
    if (name === "br" || name === "hr") {
      flush();
      return;
    }
    if (name === "pre") {
      flush();
      for (const l of $(node as never).text().split(/\r\n?|\n/)) if (l.trim()) lines.push(l.replace(/\s+$/, ""));
      return;
    }
    if (name === "table") {
      flush();
      for (const child of node.children ?? []) if (child.type === "tag" && child.name === "caption") walk(child);
      for (const row of ownRows(node)) {
        const cells = (row.children ?? []).filter(isCell);
        if (!cells.length) continue;
        if (cells.some(isLayoutCell)) {
          for (const c of cells) {
            flush();
            for (const k of c.children ?? []) walk(k);
            flush();
          }
        } else lines.push(`| ${cells.map(cellText).join(" | ")} |`);
      }
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of node.children ?? []) walk(child);
    if (block) flush();
  };

  const body = $("body")[0] as unknown as DomNode | undefined;
  walk(body ?? ($.root()[0] as unknown as DomNode));
  flush();

  if (opts.title !== false && title && lines.length && !lines.slice(0, 8).some((l) => l.includes(title) || (l.length >= 6 && title.includes(l)))) {
    lines.unshift(title);
  }
  return lines.join("\n");
}
