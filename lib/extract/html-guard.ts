// Limits on an HTML document as the real parser builds it: parse5 (cheerio's parser) is given a
// tree adapter that counts every element and comment it creates and knows each node's depth, and
// stops the parse the moment either passes its cap. A pre-scan of the source text could not see
// what parse5 sees (`<div/>` opens a div; an attribute may hold "<"), and 40,000 nested divs in
// 240 KB took 11 s to build and walk.
import { adapter } from "parse5-htmlparser2-tree-adapter";
import { ExtractError } from "./errors";

/** Far deeper than any real page (browsers stop nesting at 512 levels). */
export const MAX_HTML_DEPTH = 1500;
/** Elements and comments of one document: a long report saved by Word is ~100,000. */
export const MAX_HTML_ELEMENTS = 200_000;

type Adapter = typeof adapter;
type Node = Parameters<Adapter["appendChild"]>[1];

const tooMany = (max: number) =>
  new ExtractError("too_complex", `这个网页有超过 ${max.toLocaleString("zh-CN")} 个标签，不像正常的年度报告网页，已拒绝读取。请复制报告文字后粘贴上传。`);

/**
 * Tags in the source ("<" and a letter): an upper bound of the elements parse5 makes from tags,
 * counted in a few milliseconds, so that millions of tags are refused without parsing the first
 * (parse5 builds 20,000–50,000 elements a second). The adapter below holds the exact count.
 */
export function assertFewTags(html: string, max = MAX_HTML_ELEMENTS): void {
  let n = 0;
  for (let at = html.indexOf("<"); at >= 0; at = html.indexOf("<", at + 1)) {
    const c = html.charCodeAt(at + 1) | 0x20;
    if (c >= 0x61 && c <= 0x7a && ++n > max) throw tooMany(max);
  }
}

export function guardedTreeAdapter(limits: { depth?: number; elements?: number } = {}): Adapter {
  const maxDepth = limits.depth ?? MAX_HTML_DEPTH;
  const maxElements = limits.elements ?? MAX_HTML_ELEMENTS;
  let elements = 0;
  const depth = new WeakMap<object, number>();
  const count = () => {
    if (++elements > maxElements) throw tooMany(maxElements);
  };
  const place = (parent: object, child: Node) => {
    const d = (depth.get(parent) ?? 0) + 1;
    if (d > maxDepth)
      throw new ExtractError("too_complex", `这个网页的标签嵌套超过 ${maxDepth} 层，不像正常的网页，已拒绝读取。请复制报告文字后粘贴上传。`);
    depth.set(child as object, d);
  };
  return {
    ...adapter,
    createElement(tagName, namespaceURI, attrs) {
      count();
      return adapter.createElement(tagName, namespaceURI, attrs);
    },
    createCommentNode(data) {
      count();
      return adapter.createCommentNode(data);
    },
    appendChild(parent, child) {
      place(parent, child);
      adapter.appendChild(parent, child);
    },
    insertBefore(parent, child, reference) {
      place(parent, child);
      adapter.insertBefore(parent, child, reference);
    },
  };
}
