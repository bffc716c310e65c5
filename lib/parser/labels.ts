// The fixed template's labels: which table-3 row a piece of text names (by the words that
// survive line breaks, OCR and rewording), table 2's items, and header words to skip.
import { TABLE3_GROUP_KEYS, TABLE3_ROW_LABELS, type Table3Group, type Table3Key } from "@/lib/model/keys";

/** Numbering in front of a label: 一、 (三) 1. 2、 (1) … */
export const NUMBERING = /^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.]|[(（]\d{1,2}[)）]|\d{1,2}[.、](?!\d))\s*/;

export function stripNumbering(s: string): string {
  let out = s.replace(/\s+/g, "");
  for (let i = 0; i < 3; i++) {
    const next = out.replace(NUMBERING, "");
    if (next === out) break;
    out = next;
  }
  return out;
}

// Most specific first: items before their group, rows before words that also head columns.
const RULES: [RegExp, Table3Key][] = [
  [/本年新收|新收政府信息公开申请|本年度?新收/, "new_received"],
  [/上年结转|上一年度?结转/, "carried_over"],
  [/结转下年度|结转下一年度|继续办理/, "carried_forward"],
  [/国家秘密/, "denied.state_secret"],
  [/行政法规禁止|法规禁止公开|其他法律/, "denied.prohibited_by_law"],
  [/三安全|一稳定|危及/, "denied.three_safeties_one_stability"],
  [/第三方合法权益|保护第三方/, "denied.third_party_rights"],
  [/内部事务/, "denied.internal_affairs"],
  [/过程性信息|四类过程/, "denied.process_information"],
  [/行政执法案[卷件]|执法案卷/, "denied.law_enforcement_files"],
  [/行政查询|行政查找|查询事项/, "denied.administrative_query"],
  [/不掌握/, "unable.not_held"],
  [/另行制作|没有现成信息/, "unable.needs_creation"],
  [/仍不明确|补正后申请/, "unable.unclear_after_correction"],
  [/信访|举报投诉/, "not_processed.petition_or_complaint"],
  [/重复申请/, "not_processed.duplicate"],
  [/公开出版物/, "not_processed.publication"],
  [/大量反复|无正当理由大量/, "not_processed.excessive"],
  [/确认或重新|重新出具|要求行政机关确认/, "not_processed.confirm_or_reissue"],
  [/逾期不补|申请人无正当理由|不补正/, "other.overdue_correction"],
  [/逾期未按|收费通知|缴纳费用/, "other.unpaid_fee"],
  [/予以公开/, "granted"],
  [/部分公开/, "partially_granted"],
  [/不予公开/, "denied"],
  [/无法提供/, "unable"],
  [/不予处理/, "not_processed"],
  [/其他处理/, "other"],
];

export type T3Class =
  /** fuzzy: the template's label the text was matched to by similarity (an OCR slip). */
  | { kind: "row"; key: Table3Key; fuzzy?: string }
  /** 其他 / 总计 with no numbering: a row or a column header, by context. */
  | { kind: "word"; word: "其他" | "总计"; numbered: boolean }
  | { kind: "header" }
  | null;

const HEADER_WORDS =
  /^(?:申请人情况|自然人|法人或其他组织|法人或者其他组织|商业企业|科研机构|社会公益组织|法律服务机构|其他组织|本年度办理结果|办理结果)$/;
const HEADER_ANY = /申请人情况|商业企业|科研机构|社会公益组织|法律服务机构|勾稽关系/;

export function isHeaderWord(s: string): boolean {
  const t = stripNumbering(s);
  return HEADER_WORDS.test(t) || HEADER_ANY.test(t);
}

const classified = new Map<string, T3Class>();

/** Which table-3 row a text names (cached: the same labels recur in every report). */
export function classifyT3(text: string): T3Class {
  if (text.length > 90) return null;
  const hit = classified.get(text);
  if (hit !== undefined) return hit;
  if (classified.size > 20000) classified.clear();
  const c = classifyUncached(text);
  classified.set(text, c);
  return c;
}

function classifyUncached(text: string): T3Class {
  const t = stripNumbering(text);
  if (!t) return null;
  const numbered = t.length !== text.replace(/\s+/g, "").length;
  if (t === "其他" || t === "其它") return { kind: "word", word: "其他", numbered };
  if (t === "总计" || t === "合计" || t === "总数") return { kind: "word", word: "总计", numbered };
  for (const [re, key] of RULES) if (re.test(t)) return { kind: "row", key };
  if (HEADER_WORDS.test(t) || HEADER_ANY.test(t)) return { kind: "header" };
  return fuzzyRow(t);
}

// Labels by similarity, for OCR slips (本年新牧政府信息公幵申请数量, 不子公开): the share of
// character pairs a text has in common with a template label (Dice over bigrams).
const FUZZY_MIN = 0.6;
const LABEL_BIGRAMS: { key: Table3Key; label: string; grams: Set<string> }[] = Object.entries(TABLE3_ROW_LABELS)
  .filter(([, label]) => label.length >= 4)
  .map(([key, label]) => ({ key: key as Table3Key, label, grams: bigrams(label) }));

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function fuzzyRow(t: string): T3Class {
  if (t.length < 4 || t.length > 40 || /[\d\s,，。;；:：]/.test(t)) return null;
  const grams = bigrams(t);
  let best: (typeof LABEL_BIGRAMS)[number] | null = null;
  let bestScore = 0;
  for (const l of LABEL_BIGRAMS) {
    if (t.length < l.label.length * 0.6 || t.length > l.label.length * 1.6) continue;
    let common = 0;
    for (const g of grams) if (l.grams.has(g)) common++;
    const score = (2 * common) / (grams.size + l.grams.size);
    if (score > bestScore) [best, bestScore] = [l, score];
  }
  return best && bestScore >= FUZZY_MIN ? { kind: "row", key: best.key, fuzzy: best.label } : null;
}

export function isGroupKey(key: Table3Key): key is Table3Group {
  return (TABLE3_GROUP_KEYS as string[]).includes(key);
}

/** The group a row belongs to (its own key for a group printed as one row). */
export function groupOf(key: Table3Key): Table3Group | null {
  const dot = key.indexOf(".");
  if (dot > 0) return key.slice(0, dot) as Table3Group;
  return isGroupKey(key) ? key : null;
}

/** Table-2 items, for glued cells such as 规章000. */
const T2_ITEMS = /^(?:规章|(?:行政)?规范性文件|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购|行政征收|行政给付|行政裁决|行政确认|行政奖励|行政检查)$/;

export function isTable2Item(s: string): boolean {
  return T2_ITEMS.test(stripNumbering(s));
}

/** Header cells of table 2 (column titles and item headings). */
export const T2_HEADER = /信息内容|件数|数量|金额|第二十条|增\/?减|增减|单位|项目数|本年新|总数量|^数据\d*$/;

/** A label a run of digits may be glued to (规章000, 行政许可000). */
export function isGlueLabel(s: string): boolean {
  if (isTable2Item(s)) return true;
  const c = classifyT3(s);
  return c !== null && c.kind === "row" && !c.fuzzy;
}
