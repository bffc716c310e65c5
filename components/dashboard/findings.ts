import { OCR_DOUBTFUL, type FindingCode } from "@/lib/model/keys";

/** What each finding code means, in a sentence a reader understands. */
export const FINDING_LABELS: Record<FindingCode, string> = {
  columns_inferred: "列位置由算术推定",
  value_derived: "空白单元格由算术补出",
  prose_table_mismatch: "正文与表格数字不一致",
  region_unknown: "无法确定所属地区",
  region_guessed: "所属地区为推测",
  identity_broken: "勾稽关系不成立",
  outcome_sum_broken: "办理结果之和与总计不符",
  row_sum_broken: "各类申请人之和与总计不符",
  table4_sum_broken: "复议诉讼各项之和与总计不符",
  agency_unknown: "无法确定机关名称",
  year_unknown: "无法确定年度",
  table_missing: "缺少统计表",
  table_unreadable: "统计表未能读出",
  split_ambiguous: "粘连数字有多种拆分，未采用",
  cell_unreadable: "单元格内容不是有效数字",
  carry_mismatch: "上年结转与上年报告的结转下年不符",
  label_fuzzy: "行名按近似文字认定",
  ocr_unconfirmed: "数字由文字识别（OCR）读出，待人工核对",
};

/** How a cell got its value, when not simply read where printed (report-schema's Provenance). */
export const PROVENANCE_LABELS: Record<string, string> = {
  inferred: "位置由算术推定",
  derived: "原表空白，由算术补出",
  split: "粘连数字按算术拆分",
  prose: "取自正文，非表格",
  ocr: "由文字识别（OCR）读出",
  corrected: "人工更正",
};

/** "文字识别置信度 97%" — a value read by OCR, with how sure the recogniser was; doubtful ones say so. */
export function ocrConfidenceLabel(confidence: number): string {
  return `文字识别置信度 ${Math.round(confidence * 100)}%${confidence < OCR_DOUBTFUL ? "（偏低，请对照原件核对）" : ""}`;
}

/** A cell that was not read: shown empty with this word, never as 0. */
export const UNREAD_LABEL = "未读出";

export const findingLabel = (code: string) => FINDING_LABELS[code as FindingCode] ?? code;
