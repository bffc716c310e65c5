// What a correction, a merge and a rename may carry: the one zod schema for the review pages'
// server actions and POST /api/reports/[id]/corrections.
import { z } from "zod";

/** Text Postgres can store (NUL cannot be) and a person meant to type. */
const text = (min: number, max: number, short: string, long: string) =>
  z.string().trim().min(min, short).max(max, long).refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), "含有控制字符，请重新输入");

const count = z.number().int("应为整数").min(0, "不能为负数").max(1e9, "超过 10 亿，不像是申请件数");

/** Cell key ("granted.total", "review.upheld") → the right number, or null when it cannot be known. */
export const CellCorrections = z.record(z.string().max(80), count.nullable());
/** Why a person changed what was parsed (required with every correction). */
export const CorrectionReason = text(2, 500, "请写明更正的理由（至少两个字）", "理由过长（最多 500 字）");
/** Who corrects (a name); the upload token's label when left empty. */
export const CorrectorName = text(0, 100, "", "姓名过长");

export const CorrectionInput = z.object({
  /** The version in force the person corrected (optimistic concurrency: refused if it is no longer in force). */
  reportId: z.number().int().positive(),
  agency: text(1, 200, "机关名称不能为空", "机关名称过长").optional(),
  year: z.number().int("年度应为整数").min(2007, "年度应在 2007 年之后").max(2100, "年度不合理").optional(),
  regionCode: z.string().regex(/^\d{6}$/, "地区代码应为六位数字").optional(),
  cells: CellCorrections.default({}),
  reason: CorrectionReason,
  by: CorrectorName.optional(),
});
export type CorrectionInput = z.infer<typeof CorrectionInput>;

export const MergeInput = z.object({
  fromId: z.number().int().positive(),
  intoId: z.number().int().positive(),
  reason: text(2, 500, "请写明合并的理由（至少两个字）", "理由过长"),
  by: text(0, 100, "", "姓名过长").optional(),
});
export type MergeInput = z.infer<typeof MergeInput>;

export const RenameInput = z.object({
  agencyId: z.number().int().positive(),
  name: text(2, 200, "机关名称太短", "机关名称过长"),
});
export type RenameInput = z.infer<typeof RenameInput>;
