// Where each report is in a page that may hold several (an agency's history, newest first, after
// a disclosure guide): the section headings and table-3 anchors in order, a new report wherever
// the order starts again, and the cut between two reports at the page chrome, the next title, or
// the last signature date.
import { startsWithPlaceName } from "@/lib/regions";
import { lineAt, linesBetween, type Line } from "./offsets";
import type { Heading } from "./sections";

export interface ReportSlice {
  start: number;
  end: number;
  /** Where the first heading or table line is: [start, bodyStart) is the head (title, 发布机构). */
  bodyStart: number;
  headings: Heading[];
  /** Offsets of table-3 anchors (the 本年新收 row label) in this report. */
  anchors: number[];
}

interface Event {
  pos: number;
  lineStart: number;
  sec: number;
  anchor: boolean;
}

export const SEPARATOR_LINE =
  /^(?:扫码使用手机浏览本页内容|扫一扫在手机(?:上)?(?:打开|浏览)(?:当前页|本页)?|【?打印本页】?|【?关闭窗口】?|【?打印本页】?\s*【?关闭窗口】?|【?打印】?\s*【?关闭】?|字号[:：]?.{0,12}|分享到[:：]?.{0,30}|上一篇[:：]?.{0,60}|下一篇[:：]?.{0,60}|返回顶部|相关链接|相关阅读|相关文章|相关词条|热门词条|当前位置[:：].{0,80}|大\s*中\s*小|【?字体[:：]?\s*大\s*中\s*小】?|视力保护色.{0,20})$/;
export const DATE_LINE = /^(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./](\d{1,2})[-./](\d{1,2}))$/;
export const FILE_LINE = /\.(?:pdf|docx?|wps|xlsx?|et|ofd|zip|rar|txt)\s*$/i;
const TITLE_LINE = /(?:年度报告|年报|工作报告)/;
/** A report title inside a line: an agency's name (no punctuation), a year, the report's words. */
const TITLE_IN_LINE = /[\u4e00-\u9fa5]{2,40}?\d{4}\s*年度?[\u4e00-\u9fa5]{0,6}?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度报告|年报|工作报告)/;
const AGENCY_END = /(?:局|委员会|委|办公室|办公厅|厅|中心|人民政府|政府|院|署|所|站|队|会|部|处|馆|办事处|街道|管委会|公司|办)$/;

function isReportTitle(t: string): boolean {
  return isTitleLine(t) && /政府信息公开|政务公开|信息公开/.test(t);
}

/** A report title within the few lines above `pos`. */
function reportTitleAbove(text: string, starts: number[], pos: number): Line | null {
  const lines = linesBetween(text, starts, Math.max(0, pos - 600), pos);
  return lines.reverse().find((l) => isReportTitle(l.text)) ?? null;
}

export function isTitleLine(t: string): boolean {
  return t.length <= 100 && TITLE_LINE.test(t) && /\d{4}/.test(t) && !FILE_LINE.test(t) && !/^(?:根据|本报告|本年度报告|依据|按照)/.test(t);
}

/** Where a report title starts inside a line, after text that is no part of it; -1 when none. */
function gluedTitleAt(text: string, l: Line): number {
  if (l.end - l.start > 20_000) return -1;
  const m = TITLE_IN_LINE.exec(text.slice(l.start, l.end));
  if (!m) return -1;
  // The earlier report's last words glued on (六、其他需要报告的事项 无 + 江苏省…年报, 关闭窗口江苏省…).
  for (let p = 1; p < Math.min(30, m[0].length - 4); p++) {
    const before = m[0].slice(0, p);
    if ((GLUE_WORDS.test(before) || SEPARATOR_LINE.test(before)) && startsWithPlaceName(m[0].slice(p))) return l.start + m.index + p;
  }
  if (m.index === 0) return -1;
  return isHanzi(text.charCodeAt(l.start + m.index - 1)) ? -1 : l.start + m.index;
}

const GLUE_WORDS = /^(?:无|暂无|没有|无其他需要报告的事项。?)$/;
const isHanzi = (c: number) => c >= 0x4e00 && c <= 0x9fa5;
/** The sentence that opens most reports (根据《条例》…编制本报告), where a report has no title. */
const OPENING = /(?:本报告)?(?:根据|依据|按照)《中华人民共和国政府信息公开条例》/;
const OPENING_GOES_ON = /以下简称|编制|本报告|年度报告/;

/** Where a report's opening sentence starts in a line of the gap between two reports; -1 when none. */
function openingAt(text: string, l: Line): number {
  if (l.end - l.start > 20_000) return -1;
  const line = text.slice(l.start, l.end);
  const m = OPENING.exec(line);
  if (!m || !OPENING_GOES_ON.test(line.slice(m.index, m.index + 200))) return -1;
  const before = line.slice(0, m.index).trim();
  // At the line's start, after the earlier report's last words or chrome, or after a URL.
  const ok = !before || GLUE_WORDS.test(before) || SEPARATOR_LINE.test(before) || !isHanzi(before.charCodeAt(before.length - 1));
  return ok ? l.start + m.index : -1;
}

/** The cut between two reports inside the gap [from, to): end of the earlier, start of the later. */
function cut(text: string, starts: number[], from: number, to: number): { prevEnd: number; nextStart: number } {
  // A gap of megabytes (garbage between two reports): only its two ends matter.
  const lines =
    to - from > 60_000
      ? [...linesBetween(text, starts, from, from + 20_000), ...linesBetween(text, starts, to - 20_000, to)]
      : linesBetween(text, starts, from, to);
  const seps = lines.filter((l) => l.text.length <= 80 && SEPARATOR_LINE.test(l.text));
  if (seps.length) return { prevEnd: seps[0].start, nextStart: Math.min(to, seps[seps.length - 1].end + 1) };
  const t = lines.findIndex((l) => isTitleLine(l.text));
  if (t >= 0) {
    // The agency may stand on the line above its title.
    const above = t > 0 ? lines[t - 1] : null;
    const at = above && above.text.length <= 40 && AGENCY_END.test(above.text) && !DATE_LINE.test(above.text) ? above.start : lines[t].start;
    // The title glued to the end of the earlier report's last line (…art_5252357.html江苏省…年报).
    const glued = at === lines[t].start ? gluedTitleAt(text, lines[t]) : -1;
    return glued > 0 ? { prevEnd: glued, nextStart: glued } : { prevEnd: at, nextStart: at };
  }
  // A title glued to the line before (two files joined with no line break), else the opening
  // sentence of a report without a title: the last one.
  for (let i = lines.length - 1; i >= 0; i--) {
    const at = gluedTitleAt(text, lines[i]);
    if (at > 0) return { prevEnd: at, nextStart: at };
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const at = openingAt(text, lines[i]);
    if (at >= 0) return { prevEnd: at, nextStart: at };
  }
  let d = -1;
  for (let i = 0; i < lines.length; i++) if (DATE_LINE.test(lines[i].text)) d = i;
  if (d >= 0) {
    let k = d + 1;
    while (k < lines.length && FILE_LINE.test(lines[k].text)) k++;
    const at = k < lines.length ? lines[k].start : to;
    return { prevEnd: at, nextStart: at };
  }
  return { prevEnd: to, nextStart: to };
}

export function splitReports(text: string, starts: number[], headings: Heading[], anchors: number[]): ReportSlice[] {
  const lineOf = (pos: number) => starts[lineAt(starts, pos)];
  const events: Event[] = [
    ...headings.map((h) => ({ pos: h.start, lineStart: lineOf(h.start), sec: h.sec, anchor: false })),
    ...anchors.map((a) => ({ pos: a, lineStart: lineOf(a), sec: 3, anchor: true })),
  ].sort((a, b) => a.pos - b.pos || Number(a.anchor) - Number(b.anchor));

  interface Group {
    events: Event[];
    maxSec: number;
    anchor: number | null;
    lastPos: number;
  }
  const groups: Group[] = [];
  let cur: Group | null = null;
  for (const e of events) {
    let split = false;
    if (cur) {
      if (e.anchor) split = cur.anchor !== null || cur.maxSec > 3;
      else if (e.sec < cur.maxSec) split = true;
      else if (e.sec === 3 && cur.anchor !== null && cur.anchor < e.pos) split = true;
      else if (e.sec === 1 && cur.maxSec === 1 && e.pos - cur.lastPos > 400) split = true;
    }
    if (!cur || split) {
      cur = { events: [], maxSec: 0, anchor: null, lastPos: e.pos };
      groups.push(cur);
    }
    cur.events.push(e);
    cur.maxSec = Math.max(cur.maxSec, e.sec);
    cur.lastPos = e.pos;
    if (e.anchor && cur.anchor === null) cur.anchor = e.pos;
  }

  // A report has its table 3, or the heading of section 三, or at least three of the headings.
  const kept = groups.filter((g) => {
    if (g.anchor !== null || g.events.some((e) => e.sec === 3)) return true;
    // Tables (and their headings) published as images: a report title just above will do.
    return new Set(g.events.map((e) => e.sec)).size >= 3 || reportTitleAbove(text, starts, g.events[0].lineStart) !== null;
  });
  if (kept.length === 0) {
    // No heading at all: a report title followed by what the prose says of requests.
    const title = linesBetween(text, starts, 0, Math.min(text.length, 20_000)).find((l) => isReportTitle(l.text));
    if (title && /政府信息公开申请|信息公开申请|依申请公开/.test(text.slice(title.end, title.end + 20_000))) {
      const bodyStart = Math.min(text.length, title.end + 1);
      return [{ start: title.start, end: text.length, bodyStart, headings: [], anchors: [] }];
    }
    return [];
  }

  const slices: ReportSlice[] = [];
  for (let i = 0; i < kept.length; i++) {
    const g = kept[i];
    // A heading deep inside a line (a whole article on one line): the head ends at the heading.
    const e0 = g.events[0];
    const bodyStart = e0.pos - e0.lineStart > 8 ? e0.pos : e0.lineStart;
    let start: number;
    if (i === 0) {
      // The first report: after the last page chrome line above it.
      const above = linesBetween(text, starts, Math.max(0, bodyStart - 20_000), bodyStart);
      let s = 0;
      for (const l of above) if (l.text.length <= 80 && SEPARATOR_LINE.test(l.text)) s = Math.min(bodyStart, l.end + 1);
      start = s;
    } else start = slices[i - 1].end;
    slices.push({
      start,
      end: text.length,
      bodyStart,
      headings: [],
      anchors: [],
    });
    if (i > 0) {
      const prev = slices[i - 1];
      const lastEvent = kept[i - 1].events[kept[i - 1].events.length - 1];
      const gapFrom = lineEnd(text, lastEvent.pos);
      const { prevEnd, nextStart } = cut(text, starts, gapFrom, bodyStart);
      prev.end = Math.max(prevEnd, gapFrom);
      slices[i].start = Math.min(Math.max(nextStart, prev.end), bodyStart);
    }
  }
  // The last report ends at the first page chrome line after its last section.
  if (slices.length) {
    const last = slices[slices.length - 1];
    const g = kept[kept.length - 1];
    const from = lineEnd(text, g.events[g.events.length - 1].pos);
    const sep = linesBetween(text, starts, from, Math.min(text.length, from + 60_000)).find((l) => l.text.length <= 80 && SEPARATOR_LINE.test(l.text));
    if (sep) last.end = sep.start;
  }
  // Headings by position, looked up per report: filtering all headings for every report was
  // quadratic (20 000 headings-only reports in 1 MB took 20 s; 20 MB would take hours).
  const headingsAt = new Map<number, Heading[]>();
  for (const h of headings) {
    const at = headingsAt.get(h.start);
    if (at) at.push(h);
    else headingsAt.set(h.start, [h]);
  }
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i];
    const seen = new Set<number>();
    for (const e of kept[i].events) {
      if (e.anchor) s.anchors.push(e.pos);
      else if (!seen.has(e.pos)) {
        // Each position's headings once, in the order the events meet them.
        seen.add(e.pos);
        for (const h of headingsAt.get(e.pos) ?? []) s.headings.push(h);
      }
    }
  }
  return slices;
}

function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf("\n", pos);
  return nl < 0 ? text.length : nl + 1;
}
