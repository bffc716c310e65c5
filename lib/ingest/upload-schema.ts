// What an upload may carry besides the file: the one zod schema shared by the upload page's
// server actions, POST /api/reports and the import CLI.
import { z } from "zod";

export const ReportEdit = z.object({
  /** Which report of the document (a page can hold several). */
  index: z.number().int().min(0).max(99),
  agency: z.string().trim().min(1, "机关名称不能为空").max(200, "机关名称过长").optional(),
  year: z.coerce.number().int("年度应为整数").min(2007, "年度应在 2007 年之后").max(2100, "年度不合理").optional(),
  regionCode: z.string().regex(/^\d{6}$/, "地区代码应为六位数字").optional(),
});
export type ReportEdit = z.infer<typeof ReportEdit>;

export const UploadOptions = z.object({
  /** Filled in by the person uploading where the parser could not tell (我局, no year, 市国资委). */
  edits: z.array(ReportEdit).max(100).default([]),
  /** Hints for every report of the document (the API's agency/year/region fields). */
  agency: z.string().trim().min(1).max(200).optional(),
  year: z.coerce.number().int().min(2007).max(2100).optional(),
  regionCode: z.string().regex(/^\d{6}$/, "地区代码应为六位数字").optional(),
});
export type UploadOptions = z.infer<typeof UploadOptions>;

export const PastedText = z
  .string()
  .max(20 * 1024 * 1024, "粘贴的文字过长")
  .refine((s) => s.trim().length > 0, "粘贴的内容是空的");
