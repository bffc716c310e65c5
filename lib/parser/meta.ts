// Who published a report and for which year: from its title (also split over two lines), the
// 发布机构 line, the opening sentence (综合2023年度X的政务公开工作情况), the signature above the
// date, the attachment names; the year also from the statistical period (统计期限自2021年1月1日),
// the prose ("2020年,市机关事务管理局…"), or the publication date minus one.
import { findRegionsByName, startsWithPlaceName } from "@/lib/regions";
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
/** A crawled page's header field naming the title (标题: …) or a file's name. */
const TITLE_FIELD = /^(?:标\s*题|题\s*目|文章标题|信息名称|文件名称|名\s*称)[:：]\s*/;
/** A place standing for its government (平潭综合实验区2019年度…报告, 淮安市2024年…). */
const PLACE_AGENCY = /^[\u4e00-\u9fa5]{2,16}(?:省|市|县|区|州|旗|盟)$/;
const ZONE = /(?:综合实验区|新区|开发区|高新区|经济区|管理区|示范区|合作区)$/;

/** A title naming a place, not an office: the place is who reports. */
export function isPlaceAgency(s: string): boolean {
  if (!PLACE_AGENCY.test(s)) return false;
  if (findRegionsByName(s).length > 0) return true;
  // A zone is a place when what stands before it is one (平潭 of 平潭县).
  const stem = s.replace(ZONE, "");
  return stem !== s && stem.length >= 2 && ["", "县", "市", "区"].some((x) => findRegionsByName(stem + x).length > 0);
}

/** The agency's name with a zone named after its county put as that county, for placing it in
 * GB/T 2260 (平潭综合实验区公安局 → 平潭县公安局); null when it names no such zone. */
export function zoneAsRegion(agency: string): string | null {
  const m = /^([\u4e00-\u9fa5]{2,6}?)(综合实验区|新区|开发区|高新区|经济区|管理区|示范区|合作区)/.exec(agency);
  // A zone that is a division of its own (镇江新区 321171) is found as itself.
  if (!m || findRegionsByName(m[1] + m[2]).length) return null;
  for (const x of ["县", "市", "区"]) {
    const r = findRegionsByName(m[1] + x);
    if (r.length === 1) return r[0].name + agency.slice(m[0].length);
  }
  return null;
}

// Characters OCR confuses in place names (沐阳 for 沭阳): tried before any other approximate match.
const OCR_LOOKALIKES: Record<string, string> = { 沐: "沭", 己: "已", 已: "己", 汨: "汩", 汩: "汨", 嘉: "喜", 荥: "荣", 荣: "荥", 郓: "郸", 郸: "郓", 泸: "沪", 沪: "泸" };

/** The agency with one look-alike character in its place name put right, when that makes it start
 * with a real place name and the name as printed does not; null otherwise. */
export function placeLookalike(agency: string): string | null {
  if (startsWithPlaceName(agency)) return null;
  for (let i = 0; i < Math.min(agency.length, 8); i++) {
    const to = OCR_LOOKALIKES[agency[i]];
    if (!to) continue;
    const fixed = agency.slice(0, i) + to + agency.slice(i + 1);
    if (startsWithPlaceName(fixed)) return fixed;
  }
  return null;
}

/** Places ending in `suffix` (区, 县 …) named in `text`, most named first. */
function placesNamed(text: string, suffix: string): string[] {
  const counts = new Map<string, number>();
  for (let i = text.indexOf(suffix); i >= 0; i = text.indexOf(suffix, i + 1)) {
    for (let len = Math.min(16, i + 1); len >= 3; len--) {
      const sub = text.slice(i + 1 - len, i + 1);
      if (isPlaceAgency(sub)) {
        counts.set(sub, (counts.get(sub) ?? 0) + 1);
        break;
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p);
}

/** 区公安局, 县市场监督管理局: a bureau named by its level alone, placed in the district or zone
 * the title or header names (平潭综合实验区公安局). Null when no such place is named. */
export function qualifyAgency(agency: string, context: string): Found<string> | null {
  const m = /^(区|县|市|省|州|旗)(.{2,})$/.exec(agency);
  if (!m || startsWithPlaceName(agency)) return null;
  const place = placesNamed(context, m[1])[0];
  return place ? { value: place + m[2], source: "qualified", evidence: `${agency}（${place}）` } : null;
}

export function isAgencyLike(s: string): boolean {
  return (
    s.length >= 2 &&
    s.length <= 50 &&
    AGENCY_END.test(s) &&
    // 我局, 本机关, 贵单位 … name no one; 本溪市, 贵港市, 全州县 are places.
    (!/^(?:我|本|该|各|全|贵)/.test(s) || startsWithPlaceName(s)) &&
    !/[,，。;；:：!?()（）《》“”"]/.test(s) &&
    !/\d{4}/.test(s) &&
    !/(?:报告|条例|根据|关于印发|通知)/.test(s) &&
    !GENERIC_UNIT.test(s)
  );
}

/** A unit every agency has (发布机构: 办公室): names no one without its agency. */
const GENERIC_UNIT = /^(?:局|委|办|办公室|办公厅|综合办公室|党政办公室|党政综合办公室|综合科|秘书科|政务公开办|政务公开办公室|信息中心|网站管理中心|信息公开办|管理员|桌面)$/;

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
  const line = raw.replace(TITLE_FIELD, "").replace(NOISE_PREFIX, "").replace(/\s+/g, "");
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
  return isAgencyLike(a) || isPlaceAgency(a) ? a : null;
}

/** The report's title among its head lines (a title without agency takes the line above). */
export function findTitle(head: Line[]): Title | null {
  // A crawled page's 标题: field is the title as the site published it.
  for (const l of head) {
    if (!TITLE_FIELD.test(l.text)) continue;
    const t = parseTitle(l.text);
    if (t && t.agency) return t;
  }
  for (let i = 0; i < head.length; i++) {
    if (FILE_LINE.test(head[i].text)) continue;
    let t = parseTitle(head[i].text);
    // A title wrapped inside the agency's name (江苏省机关事务管理\n局2023年度…): the two lines as one.
    if (t && !t.agency && i > 0 && head[i - 1].text.length <= 40) {
      const joined = parseTitle(head[i - 1].text + head[i].text);
      if (joined?.agency) t = joined;
    }
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

// The value on the field's own line: an empty 发布机构: is no reason to read the next field.
const PUBLISHER = /(?:发布机构|发布机关|发文机关|发布单位|发文单位|来源单位|信息来源|来源)[:：][ \t]*([^\s|,，;；]{2,40})/g;
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
  // A PDF's text wraps the sentence anywhere (…缙云县人民政府办公\n室的政务公开…).
  const joined = intro.length < 50_000 ? intro.replace(/(\S)\n(?=\S)/g, "$1") : intro;
  for (const re of OPENING) {
    const m = re.exec(joined);
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

// When: the date a report was published, as the document says it.

export interface PublishedDate {
  date: string;
  from: "header" | "signature" | "title" | "file_name";
  evidence: string;
}

/** YYYY-MM-DD when the three numbers make a real calendar date, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  // (The month's last day by the calendar's rule, not a Date built per call.)
  const last = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > last) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const HEADER_DATE =
  /(发布时间|发布日期|公开日期|成文日期|发文日期|印发日期|生成日期|日期)[:：][ \t]*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/g;

/** A crawled page's or a portal's 发布时间 (成文日期 only when the page gives no 发布时间). */
export function publishedFromHeader(head: string): PublishedDate | null {
  HEADER_DATE.lastIndex = 0;
  let best: PublishedDate | null = null;
  let m: RegExpExecArray | null;
  while ((m = HEADER_DATE.exec(head))) {
    const date = isoDate(Number(m[2]), Number(m[3]), Number(m[4]));
    if (!date) continue;
    const found: PublishedDate = { date, from: "header", evidence: m[0] };
    if (/发布|公开/.test(m[1])) return found;
    best ??= found;
  }
  return best;
}

const FULL_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

/** A date written out in a title line (…年度报告（2024年1月15日）). */
export function publishedFromTitle(line: string): PublishedDate | null {
  const m = FULL_DATE.exec(line);
  const date = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return date ? { date, from: "title", evidence: m![0] } : null;
}

const FILE_DATE = /(?:^|\D)(20\d{2})[-_.年]?(\d{2})[-_.月]?(\d{2})(?:\D|$)/;

/** A date in the file's name (t20200120_80576.htm, 2024-01-15_年报.pdf). */
export function publishedFromFileName(name: string): PublishedDate | null {
  const m = FILE_DATE.exec(name) ?? FULL_DATE.exec(name);
  const date = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return date ? { date, from: "file_name", evidence: name } : null;
}

// The 落款 run into the last line of a one-line page: "…处理费。 平潭综合实验区市场监督管理局 2024年1月31日 附件下载".
const END_SIGNATURE =
  /([^\s。；;!！?？,，:：)）》”"]{2,40}?)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:[(（][^)）]{0,12}[)）]|附件(?:下载)?[:：]?|打印本页|关闭窗口|\s)*$/;

/** The agency and the date that close the text, when they end its last line. */
export function signatureAtEnd(tail: string): { agency: Found<string> | null; date: PublishedDate | null } {
  const m = END_SIGNATURE.exec(tail.slice(-240));
  if (!m) return { agency: null, date: null };
  const date = isoDate(Number(m[2]), Number(m[3]), Number(m[4]));
  const a = cleanAgency(m[1]);
  return {
    agency: isAgencyLike(a) ? { value: a, source: "signature", evidence: m[0].trim() } : null,
    date: date ? { date, from: "signature", evidence: m[0].trim() } : null,
  };
}

/** The 落款 date on a line of its own (the DATE_LINE the signature found). */
export function dateOfLine(line: string): PublishedDate | null {
  const d = DATE_LINE.exec(line.trim());
  if (!d) return null;
  const date = isoDate(Number(d[1]), Number(d[2] ?? d[4]), Number(d[3] ?? d[5]));
  return date ? { date, from: "signature", evidence: line.trim() } : null;
}

/** The title a file's name carries (80576_平潭综合实验区2019年度政府信息公开工作年度报告.txt). */
export function titleFromFileName(name: string): Title | null {
  const base = name
    .replace(/^.*[\\/]/, "")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/^[\dA-Za-z_\-\s.()（）]+(?=[\u4e00-\u9fa5])/, "");
  return base ? parseTitle(base) : null;
}
