// The template's six section headings (一、总体情况 … 六、其他需要报告的事项), found at line
// starts, or inside a long line when numbered (a whole article on one line).
import { lineStarts } from "./offsets";

export interface Heading {
  /** Section number by its words: 1 总体情况 … 6 其他需要报告的事项. */
  sec: number;
  /** Where the heading starts / its line ends. */
  start: number;
  lineEnd: number;
}

const KEYWORDS: [string, number][] = [
  ["总体情况|概述", 1],
  ["主动公开政府信息(?:的)?情况", 2],
  ["收到和处理政府信息公开申请(?:的)?情况|收到和处理政府信息公开申请", 3],
  ["政府信息公开行政法?复议|行政复议[、,和及与]\\s*(?:提起)?行政诉讼(?:的)?情况", 4],
  ["存在的主要问题|主要问题及改进|存在的问题及改进|问题及改进情况|问题和改进情况", 5],
  ["其他需要报告的事项", 6],
];

const ALL = KEYWORDS.map(([k]) => `(${k})`).join("|");
const AT_LINE_START = new RegExp(`^[\\s|#*>]*(?:第?[(]?[一二三四五六七][)、.,]?\\s*)?(?:行政机关|本机关|本单位|本部门)?(?:${ALL})`);
// A short numbered line may put words before the keyword: 四、因政府信息公开工作被申请行政复议、
// 行政诉讼情况; 五、政府信息公开工作存在的主要问题及改进情况.
const NUMBERED_LINE = new RegExp(`^[\\s|#*>]*[一二三四五六七][、.]\\s*[^\\d|]{0,16}?(?:${ALL})`);
// (Words before the keyword, no punctuation: 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况.)
const NUMBERED = new RegExp(`[一二三四五六][、.]\\s*(?:行政机关|本机关|本单位|本部门)?[^\\d|。,，;；:：、]{0,12}?(?:${ALL})`, "g");

/** A match that carries its own numbering (一、, 第一, (三)). */
const UNNUMBERED_LIST = /^[\s|#*>]*(?:第?[(]?[一二三四五六七][)、.,])/;
const LIST_GOES_ON = /^[、,，;；和及与]/;

function secOf(m: RegExpExecArray): number {
  for (let i = 1; i <= KEYWORDS.length; i++) if (m[i] !== undefined) return KEYWORDS[i - 1][1];
  return 0;
}

/** Characters a heading can start with after [\s|#*>]* (numbering, the agency words, each
 * keyword's first character): a line starting otherwise (most table lines) skips the patterns. */
const HEADING_FIRST = new Set([..."第(一二三四五六七行本总概主收政存问其"].map((c) => c.charCodeAt(0)));
const LEAD = /[\s|#*>]/;

/** The first character of text[s, e) past the marks the heading patterns skip (-1: none). */
function firstAfterLead(text: string, s: number, e: number): number {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f && c !== 0xa0 && c !== 0x3000 && c !== 0xfeff && !(c >= 0x1680 && c <= 0x205f)) return c;
    if (!LEAD.test(text[i])) return c;
  }
  return -1;
}

export function findHeadings(text: string, starts: number[] = lineStarts(text)): Heading[] {
  const out: Heading[] = [];
  for (let li = 0; li < starts.length; li++) {
    const s = starts[li];
    const e = li + 1 < starts.length ? starts[li + 1] - 1 : text.length;
    if (e - s < 2) continue;
    // Only the first 60 characters can hold a heading that starts the line.
    const head = text.slice(s, Math.min(e, s + 60));
    let m = HEADING_FIRST.has(firstAfterLead(text, s, e)) ? (AT_LINE_START.exec(head) ?? (e - s <= 60 ? NUMBERED_LINE.exec(head) : null)) : null;
    // A sentence listing the sections, wrapped by a PDF so that a line starts with one
    // (政府信息公开行政复议、行政诉讼情况、存在的主要问题…): no heading.
    if (m && !UNNUMBERED_LIST.test(m[0]) && LIST_GOES_ON.test(text.slice(s + m[0].length, s + m[0].length + 1))) m = null;
    if (m) out.push({ sec: secOf(m), start: s, lineEnd: e });
    if (e - s > 300) {
      // A whole article on one line: numbered headings inside it.
      const line = text.slice(s, e);
      NUMBERED.lastIndex = m ? m[0].length : 0;
      let k: RegExpExecArray | null;
      while ((k = NUMBERED.exec(line))) out.push({ sec: secOf(k), start: s + k.index, lineEnd: e });
    }
  }
  return out;
}
