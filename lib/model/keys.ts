// Canonical names of every statistic (../shared/report-model.md). The parser output, the
// database, CSV headers and URLs all use these keys.

export const TABLE3_COLUMNS = [
  "natural_person",
  "commercial",
  "research",
  "social_org",
  "legal_service",
  "other_org",
  "total",
] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

export const TABLE3_COLUMN_LABELS: Record<Table3Column, string> = {
  natural_person: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  social_org: "社会公益组织",
  legal_service: "法律服务机构",
  other_org: "其他组织",
  total: "总计",
};

export const TABLE3_GROUPS = {
  denied: [
    "state_secret",
    "prohibited_by_law",
    "three_safeties_one_stability",
    "third_party_rights",
    "internal_affairs",
    "process_information",
    "law_enforcement_files",
    "administrative_query",
  ],
  unable: ["not_held", "needs_creation", "unclear_after_correction"],
  not_processed: ["petition_or_complaint", "duplicate", "publication", "excessive", "confirm_or_reissue"],
  other: ["overdue_correction", "unpaid_fee", "other"],
} as const;
export type Table3Group = keyof typeof TABLE3_GROUPS;
export const TABLE3_GROUP_KEYS = Object.keys(TABLE3_GROUPS) as Table3Group[];

/** The 25 leaf rows of table 3, in the template's order. */
export const TABLE3_ROWS = [
  "new_received",
  "carried_over",
  "granted",
  "partially_granted",
  ...TABLE3_GROUPS.denied.map((k) => `denied.${k}` as const),
  ...TABLE3_GROUPS.unable.map((k) => `unable.${k}` as const),
  ...TABLE3_GROUPS.not_processed.map((k) => `not_processed.${k}` as const),
  ...TABLE3_GROUPS.other.map((k) => `other.${k}` as const),
  "total_processed",
  "carried_forward",
] as const;
export type Table3Row = (typeof TABLE3_ROWS)[number];

/** Rows a report may print: the 25 leaves plus a group printed as one row with no items. */
export type Table3Key = Table3Row | Table3Group;
export const TABLE3_KEYS: readonly Table3Key[] = [...TABLE3_ROWS, ...TABLE3_GROUP_KEYS];

/** The outcome rows whose sum is total_processed. */
export const OUTCOME_ROWS = TABLE3_ROWS.filter(
  (r) => !["new_received", "carried_over", "total_processed", "carried_forward"].includes(r),
) as Table3Row[];

export const TABLE3_ROW_LABELS: Record<Table3Key, string> = {
  new_received: "本年新收政府信息公开申请数量",
  carried_over: "上年结转政府信息公开申请数量",
  granted: "予以公开",
  partially_granted: "部分公开",
  denied: "不予公开",
  "denied.state_secret": "属于国家秘密",
  "denied.prohibited_by_law": "其他法律行政法规禁止公开",
  "denied.three_safeties_one_stability": "危及“三安全一稳定”",
  "denied.third_party_rights": "保护第三方合法权益",
  "denied.internal_affairs": "属于三类内部事务信息",
  "denied.process_information": "属于四类过程性信息",
  "denied.law_enforcement_files": "属于行政执法案卷",
  "denied.administrative_query": "属于行政查询事项",
  unable: "无法提供",
  "unable.not_held": "本机关不掌握相关政府信息",
  "unable.needs_creation": "没有现成信息需要另行制作",
  "unable.unclear_after_correction": "补正后申请内容仍不明确",
  not_processed: "不予处理",
  "not_processed.petition_or_complaint": "信访举报投诉类申请",
  "not_processed.duplicate": "重复申请",
  "not_processed.publication": "要求提供公开出版物",
  "not_processed.excessive": "无正当理由大量反复申请",
  "not_processed.confirm_or_reissue": "要求行政机关确认或重新出具已获取信息",
  other: "其他处理",
  "other.overdue_correction": "申请人逾期不补正",
  "other.unpaid_fee": "申请人逾期未缴纳费用",
  "other.other": "其他",
  total_processed: "总计",
  carried_forward: "结转下年度继续办理",
};

export const TABLE3_GROUP_LABELS: Record<Table3Group, string> = {
  denied: "不予公开",
  unable: "无法提供",
  not_processed: "不予处理",
  other: "其他处理",
};

export const TABLE4_GROUPS = ["review", "litigation_direct", "litigation_after_review"] as const;
export const TABLE4_RESULTS = ["upheld", "corrected", "other", "pending", "total"] as const;
/** The 15 numbers of table 4, in the printed order. */
export const TABLE4_KEYS = TABLE4_GROUPS.flatMap((g) => TABLE4_RESULTS.map((r) => `${g}.${r}` as const));
export type Table4Key = (typeof TABLE4_KEYS)[number];

export const TABLE4_GROUP_LABELS: Record<(typeof TABLE4_GROUPS)[number], string> = {
  review: "行政复议",
  litigation_direct: "未经复议直接起诉",
  litigation_after_review: "复议后起诉",
};
export const TABLE4_RESULT_LABELS: Record<(typeof TABLE4_RESULTS)[number], string> = {
  upheld: "结果维持",
  corrected: "结果纠正",
  other: "其他结果",
  pending: "尚未审结",
  total: "总计",
};

export const LEVELS = ["province", "city", "county", "township"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = {
  province: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇",
};

/** Finding codes: the parser's and the checks'. */
export const FINDING_CODES = [
  "columns_inferred",
  "value_derived",
  "prose_table_mismatch",
  "region_unknown",
  "region_guessed",
  "identity_broken",
  "outcome_sum_broken",
  "row_sum_broken",
  "table4_sum_broken",
  "agency_unknown",
  "year_unknown",
  "table_missing",
  /** A table is printed but (part of) it could not be read: its cells are empty, not 0. */
  "table_unreadable",
  /** More than one way to split a glued digit run satisfies every rule: the cells are left empty and the candidates listed. */
  "split_ambiguous",
  /** A cell holds what cannot be a count (negative, fractional, words, beyond 1e9): left empty. */
  "cell_unreadable",
  "carry_mismatch",
  /** A row label read by similarity to the template's (an OCR slip such as 不子公开): check the row. */
  "label_fuzzy",
  /** The numbers were read by OCR from a scan or photo: in the review queue until a person confirms or corrects them. */
  "ocr_unconfirmed",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** `code` is one of the finding codes (e.g. a filter from a URL). */
export const isFindingCode = (code: string): code is FindingCode => (FINDING_CODES as readonly string[]).includes(code);

/** An OCR value read with less confidence than this is doubtful: marked in the tables and named in ocr_unconfirmed. */
export const OCR_DOUBTFUL = 0.9;

/** "予以公开·自然人", "行政复议·结果维持": a cell key ("granted.natural_person", "review.upheld") as a person reads it. */
export function cellName(key: string): string {
  const dot = key.lastIndexOf(".");
  const col = key.slice(dot + 1);
  if ((TABLE3_COLUMNS as readonly string[]).includes(col)) {
    const row = key.slice(0, dot);
    return `${TABLE3_ROW_LABELS[row as Table3Key] ?? row}·${TABLE3_COLUMN_LABELS[col as Table3Column]}`;
  }
  const [g, r] = key.split(".");
  return `${TABLE4_GROUP_LABELS[g as (typeof TABLE4_GROUPS)[number]] ?? g}·${TABLE4_RESULT_LABELS[r as (typeof TABLE4_RESULTS)[number]] ?? r}`;
}
