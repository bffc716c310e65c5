// Who published a report and for which year: from its title (also split over two lines), the
// 发布机构 line, the opening sentence (综合2023年度X的政务公开工作情况), the signature above the
// date, the attachment names; the year also from the statistical period (统计期限自2021年1月1日),
// the prose ("2020年,市机关事务管理局…"), or the publication date minus one.
import { startsWithPlaceName } from "@/lib/regions";
import type { Line } from "./offsets";
import { DATE_LINE, FILE_LINE } from "./split-reports";

export interface Found<T> {
  value: T;
  source: string;
  evidence: string;
}

const AGENCY_END =
  /(?:局|委员会|委|办公室|办公厅|厅|中心|人民政府|政府|院|署|所|站|队|会|部|处|馆|办事处|街道|管委会|管理委员会|公司|集团|办|乡|镇)$/;
const NOISE_PREFIX = /^.*?(?:大\s*中\s*小|字号[:：]?|当前位置[:：][^\s]*|【[^】]{0,10}】)\s*/;

export function isAgencyLike(s: string): boolean {
  return (
    s.length >= 2 &&
    s.length <= 50 &&
    AGENCY_END.test(s) &&
    // 我局, 本机关, 贵单位 … name no one; 本溪市, 贵港市, 全州县 are places.
    (!/^(?:我|本|该|各|全|贵)/.test(s) || startsWithPlaceName(s)) &&
    !/[,，。;；:：!?()（）《》“”"]/.test(s) &&
    !/\d{4}/.test(s) &&
    !/(?:报告|条例|根据|关于印发|通知)/.test(s)
  );
}

function cleanAgency(s: string): string {
  return s
    .replace(NOISE_PREFIX, "")
    .replace(/\s+/g, "")
    .replace(/^[《“"'「【\-—_·.、]+|[》”"'」】\-—_·.、]+$/g, "")
    .replace(/^关于/, "")
    .replace(/(?:关于|的)$/, "");
}

const TITLE_AGENCY_YEAR = /^(.*?)(?:关于)?(\d{4})\s*年度?(?:的)?(?:政府信息公开|政务公开|信息公开|政府信息|政务信息公开)/;
const TITLE_YEAR_AGENCY = /^(\d{4})\s*年度?(.*?)(?:政府信息公开|政务公开|信息公开|政务信息公开)/;
const TITLE_YEAR_AFTER = /^(.*?)(?:政府信息公开|政务公开|信息公开).{0,16}?[(（\[【]?(\d{4})\s*年?度?[)）\]】]?$/;
const TITLE_AGENCY_ONLY = /^(.*?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)/;
const TITLE_WORDS = /(?:年度报告|年报|工作报告|报告)/;

export interface Title {
  agency: string | null;
  year: number | null;
  line: string;
}

export function parseTitle(raw: string): Title | null {
  const line = raw.replace(NOISE_PREFIX, "").replace(/\s+/g, "");
  if (line.length > 100 || !TITLE_WORDS.test(line) || /^(?:根据|本报告|本年度报告|依据|按照|现将)/.test(line)) return null;
  let m = TITLE_AGENCY_YEAR.exec(line);
  if (m) return { agency: pickAgency(m[1]), year: Number(m[2]), line };
  m = TITLE_YEAR_AGENCY.exec(line);
  if (m) return { agency: pickAgency(m[2]), year: Number(m[1]), line };
  m = TITLE_YEAR_AFTER.exec(line);
  if (m) return { agency: pickAgency(m[1]), year: Number(m[2]), line };
  m = TITLE_AGENCY_ONLY.exec(line);
  if (m) return { agency: pickAgency(m[1]), year: null, line };
  return null;
}

function pickAgency(s: string): string | null {
  const a = cleanAgency(s);
  return isAgencyLike(a) ? a : null;
}

/** The report's title among its head lines (a title without agency takes the line above). */
export function findTitle(head: Line[]): Title | null {
  for (let i = 0; i < head.length; i++) {
    if (FILE_LINE.test(head[i].text)) continue;
    const t = parseTitle(head[i].text);
    if (!t || (t.year === null && t.agency === null)) continue;
    // A title without its agency: the agency stands on the line above, or below.
    for (const k of [i - 1, i + 1]) {
      if (t.agency || k < 0 || k >= head.length) continue;
      const near = cleanAgency(head[k].text);
      if (isAgencyLike(near)) t.agency = near;
    }
    return t;
  }
  return null;
}

const PUBLISHER = /(?:发布机构|发布机关|发文机关|发布单位|发文单位|来源单位|信息来源|来源)[:：]\s*([^\s|,，;；]{2,40})/g;
const OPENING = [
  /综合\s*(?:\d{4}\s*年度?)?\s*([^\s,，。、;；:：]{2,40}?)(?:的)?(?:政府信息公开|政务公开)/,
  /(?:电子版|本报告|本年度报告)可(?:在|从|到|登录)\s*([^\s,，。;；(（]{2,40}?)(?:门户)?网站/,
];

export function agencyFromPublisher(head: string): Found<string> | null {
  PUBLISHER.lastIndex = 0;
  let m: RegExpExecArray | null;
  let fallback: Found<string> | null = null;
  while ((m = PUBLISHER.exec(head))) {
    const a = cleanAgency(m[1]);
    if (!isAgencyLike(a)) continue;
    const found = { value: a, source: "publisher", evidence: m[0] };
    if (!/来源/.test(m[0])) return found;
    fallback ??= found;
  }
  return fallback;
}

export function agencyFromOpening(intro: string): Found<string> | null {
  for (const re of OPENING) {
    const m = re.exec(intro);
    if (m) {
      const a = cleanAgency(m[1]);
      if (isAgencyLike(a)) return { value: a, source: "opening", evidence: m[0] };
    }
  }
  return null;
}

/** The agency above the closing date, and the date itself. */
export function signature(tail: Line[]): { agency: Found<string> | null; date: Found<number> | null; file: Title | null } {
  let agency: Found<string> | null = null;
  let date: Found<number> | null = null;
  let file: Title | null = null;
  for (let i = 0; i < tail.length; i++) {
    const d = DATE_LINE.exec(tail[i].text);
    if (d) {
      date = { value: Number(d[1]), source: "date", evidence: tail[i].text };
      for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
        const a = cleanAgency(tail[k].text);
        if (isAgencyLike(a)) {
          agency = { value: a, source: "signature", evidence: `${tail[k].text} ${tail[i].text}` };
          break;
        }
      }
    } else if (FILE_LINE.test(tail[i].text) && !file) {
      const t = parseTitle(tail[i].text.replace(FILE_LINE, ""));
      if (t && (t.agency || t.year)) file = t;
    }
  }
  return { agency, date, file };
}

const PERIOD = [
  /统计期限(?:为|自|是|从)?\s*(\d{4})\s*年/,
  /(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?(?:至|到|-|—|–)\s*(?:\d{4}\s*年\s*)?12\s*月\s*31\s*日/,
];

export function yearFromPeriod(text: string): Found<number> | null {
  for (const re of PERIOD) {
    const m = re.exec(text);
    if (m) return { value: Number(m[1]), source: "period", evidence: m[0] };
  }
  return null;
}

const YEAR_MENTION = /(\d{4})\s*年(?!\s*\d{1,2}\s*月)/g;

function yearMentions(text: string): { year: number; index: number }[] {
  const out: { year: number; index: number }[] = [];
  YEAR_MENTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = YEAR_MENTION.exec(text))) {
    const y = Number(m[1]);
    if (y < 2007 || y > 2100) continue;
    // Inside 《…》 (a cited document) the year says nothing about this report.
    const before = text.lastIndexOf("《", m.index);
    if (before >= 0 && text.lastIndexOf("》", m.index) < before && m.index - before < 60) continue;
    if (m.index > 0 && /[\d〔\[]/.test(text[m.index - 1])) continue;
    out.push({ year: y, index: m.index });
  }
  return out;
}

/** The first year the opening prose speaks of ("2020年,我局…"). */
export function yearFromProse(intro: string): Found<number> | null {
  const m = yearMentions(intro)[0];
  return m ? { value: m.year, source: "prose", evidence: intro.slice(m.index, m.index + 24) } : null;
}

/** The year the whole report speaks of most. */
export function yearFromBody(body: string): Found<number> | null {
  const counts = new Map<number, number>();
  for (const m of yearMentions(body)) counts.set(m.year, (counts.get(m.year) ?? 0) + 1);
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of counts) if (c > n || (c === n && best !== null && y < best)) [best, n] = [y, c];
  return best === null ? null : { value: best, source: "body", evidence: `${best}年 ×${n}` };
}

const PUBLISHED = /(?:发布(?:时间|日期)|成文日期|发文日期|印发日期|日期)[:：]\s*(\d{4})\s*[-年./]/;

export function publicationYear(head: string): Found<number> | null {
  const m = PUBLISHED.exec(head);
  return m ? { value: Number(m[1]), source: "published", evidence: m[0] } : null;
}
