// HTML → the text the parser reads: paragraphs as lines, every table row as one line
// "| cell | cell |" (one cell per <td>/<th> whatever its span; blanks kept as empty cells).
import * as cheerio from "cheerio";
import type { AnyNode } from "domhandler";

const BLOCK = new Set(["p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "table", "title", "header", "footer", "dd", "dt", "pre", "blockquote"]);

export function looksLikeHtml(s: string): boolean {
  return /<(?:html|body|table|p|div|tr|td|br)\b[^>]*>/i.test(s.slice(0, 200_000));
}

/** HTML that arrives inside a JavaScript or JSON string (document.write("<table>…"), \" escapes). */
export function unescapeScriptHtml(s: string): string {
  if (!/\\["'/nt]|\\u[0-9a-fA-F]{4}/.test(s) || !/<\\?\/?(?:table|tr|td|p)\b/i.test(s)) return s;
  return s
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\r\\n|\\n|\\r/g, "\n")
    .replace(/\\t/g, "\t")
    .replace(/\\(["'/\\])/g, "$1");
}

const clean = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, " ").trim();

export function htmlToText(html: string): string {
  const $ = cheerio.load(unescapeScriptHtml(html));
  $("script, style, noscript, nav, iframe, svg, button, select, input, textarea, form").remove();
  const lines: string[] = [];
  let current = "";
  const flush = () => {
    const line = clean(current);
    if (line) lines.push(line);
    current = "";
  };

  const walk = (node: AnyNode) => {
    if (node.type === "text") {
      current += (node as unknown as { data: string }).data;
      return;
    }
    if (node.type !== "tag") return;
    const el = node as unknown as { name: string; children: AnyNode[] };
    const name = el.name.toLowerCase();
    if (name === "tr") {
      flush();
      const cells = $(node)
        .children("td, th")
        .toArray()
        .map((td) => clean($(td).find("br").replaceWith(" ").end().text()));
      if (cells.length) lines.push(`| ${cells.join(" | ")} |`);
      return;
    }
    if (name === "br") {
      flush();
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of el.children) walk(child);
    if (block) flush();
  };
  const root = $("body").length ? $("body")[0] : $.root()[0];
  for (const child of (root as unknown as { children: AnyNode[] }).children) walk(child);
  flush();
  const title = clean($("title").first().text());
  if (title && !lines.slice(0, 5).some((l) => l.includes(title))) lines.unshift(title);
  return lines.join("\n");
}
