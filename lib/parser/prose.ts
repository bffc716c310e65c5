// Figures the prose states (一、总体情况: "共收到政府信息公开申请2件"), keyed like table cells
// ("new_received.total"). Used to check the tables, and as the only figures when the tables
// were published as images.

const N = "(\\d{1,3}(?:,\\d{3})+|\\d{1,7}|[零〇一二两三四五六七八九十百]{1,6})";
const UNIT = "\\s*(?:件|个|条|份|起|宗|人次)(?!工作日|小时|日|天|月)";
const APPLY = "(?:政府信息公开|信息公开|政府信息|依申请公开(?:政府信息)?|公开)(?:的)?申请";

const NEW_RECEIVED: RegExp[] = [
  new RegExp(`(?:收到|受理|接收|接到|新收)(?:了)?(?:各类|[^，。；,;]{0,12}?(?:提出|递交)的)?\\s*${APPLY}(?:数量|件数)?(?:共|共计|总计|合计|为)?\\s*${N}${UNIT}`),
  new RegExp(`(?:收到|受理|接收|接到|新收)(?:了)?\\s*${N}${UNIT}\\s*(?:[^，。；,;]{0,8}?)${APPLY}`),
  new RegExp(`(?:收到|受理|接收|接到)(?:政府信息)?依申请公开(?:件|申请件)\\s*${N}${UNIT}`),
  new RegExp(`(?:新收|收到)${APPLY}[^。；;,，\\d增减较比同上去]{0,6}?${N}${UNIT}`),
];
const NONE_RECEIVED = new RegExp(`未(?:收到|受理|接到)(?:任何)?(?:过)?${APPLY}`);

const OTHER_FIGURES: [RegExp, string][] = [
  [new RegExp(`上年结转${APPLY}?\\s*${N}${UNIT}`), "carried_over.total"],
  [new RegExp(`(?:办结|已办结|答复)${APPLY}?\\s*${N}${UNIT}`), "total_processed.total"],
  [new RegExp(`结转(?:至)?下(?:一)?年度?(?:继续办理)?\\s*${N}${UNIT}`), "carried_forward.total"],
  [new RegExp(`(?<!不)予以公开\\s*${N}${UNIT}`), "granted.total"],
  [new RegExp(`部分公开\\s*${N}${UNIT}`), "partially_granted.total"],
  [new RegExp(`不予公开\\s*${N}${UNIT}`), "denied.total"],
  [new RegExp(`无法提供\\s*${N}${UNIT}`), "unable.total"],
  [new RegExp(`不予处理\\s*${N}${UNIT}`), "not_processed.total"],
  [new RegExp(`其他处理\\s*${N}${UNIT}`), "other.total"],
  [new RegExp(`行政复议(?:案件)?\\s*${N}${UNIT}`), "review.total"],
  [new RegExp(`行政诉讼(?:案件)?\\s*${N}${UNIT}`), "litigation.total"],
];
const NO_REVIEW = /未(?:发生|收到|出现|产生|有)[^。；;]{0,20}?行政复议/;
const NO_LITIGATION = /未(?:发生|收到|出现|产生|有)[^。；;]{0,20}?行政诉讼/;

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 12, 十二, 一百零五, 两 → the number. */
export function toNumber(s: string): number | null {
  if (/^[\d,]+$/.test(s)) return Number(s.replace(/,/g, ""));
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGIT) digit = CN_DIGIT[ch];
    else if (ch === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else return null;
  }
  return total + digit;
}

export interface ProseFigure {
  value: number;
  evidence: string;
}

function around(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 12);
  return text.slice(from, Math.min(text.length, index + length + 4)).replace(/\s+/g, " ").trim();
}

/** The figures one report's prose states. `all` adds the less certain ones used when tables are missing. */
export function proseFigures(prose: string, all: boolean): Record<string, ProseFigure> {
  const out: Record<string, ProseFigure> = {};
  let best: { index: number; value: number; len: number } | null = null;
  for (const re of NEW_RECEIVED) {
    const m = re.exec(prose);
    const value = m ? toNumber(m[1]) : null;
    if (m && value !== null && (!best || m.index < best.index)) best = { index: m.index, value, len: m[0].length };
  }
  const none = NONE_RECEIVED.exec(prose);
  if (none && (!best || none.index < best.index)) best = { index: none.index, value: 0, len: none[0].length };
  if (best) out["new_received.total"] = { value: best.value, evidence: around(prose, best.index, best.len) };
  if (!all) return out;
  for (const [re, key] of OTHER_FIGURES) {
    const m = re.exec(prose);
    const value = m ? toNumber(m[1]) : null;
    if (m && value !== null) out[key] = { value, evidence: around(prose, m.index, m[0].length) };
  }
  const nr = NO_REVIEW.exec(prose);
  if (nr && !out["review.total"]) out["review.total"] = { value: 0, evidence: around(prose, nr.index, nr[0].length) };
  const nl = NO_LITIGATION.exec(prose);
  if (nl && !out["litigation.total"]) out["litigation.total"] = { value: 0, evidence: around(prose, nl.index, nl[0].length) };
  return out;
}
