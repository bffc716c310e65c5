// What an upload may carry besides the file: the one zod schema shared by the upload page's
// server actions, POST /api/reports and the import CLI.
import { z } from "zod";
import { getRegion } from "@/lib/regions";
import { CellCorrections, CorrectionReason, CorrectorName } from "@/lib/review/schema";

/** Control characters (NUL above all: Postgres text cannot hold it) have no place in a name. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const agencyName = (required: string) =>
  z
    .string()
    .trim()
    .min(1, required)
    .max(200, "机关名称过长")
    .refine((s) => !CONTROL.test(s), "机关名称含有不可见的控制字符（如 NUL），请删除后重试");

const regionCode = z
  .string()
  .regex(/^\d{6}$/, "地区代码应为六位数字")
  .refine((c) => !!getRegion(c), { error: (issue) => `没有代码为 ${String(issue.input)} 的地区（GB/T 2260），请从提示中选择地区` });

export const ReportEdit = z
  .object({
    /** Which report of the document (a page can hold several). */
    index: z.number().int().min(0).max(99),
    agency: agencyName("机关名称不能为空").optional(),
    year: z.coerce.number().int("年度应为整数").min(2007, "年度应在 2007 年之后").max(2100, "年度不合理").optional(),
    regionCode: regionCode.optional(),
    /**
     * Cells the person corrected in the preview (the correction API's cells): stored as a
     * correction version beside the parsed report, with the reason and who.
     */
    cells: CellCorrections.optional(),
    reason: CorrectionReason.optional(),
    by: CorrectorName.optional(),
  })
  .refine((e) => !e.cells || Object.keys(e.cells).length === 0 || e.reason !== undefined, {
    message: "请写明更正数字的理由（至少两个字）",
    path: ["reason"],
  });
export type ReportEdit = z.infer<typeof ReportEdit>;

export const UploadOptions = z.object({
  /** Filled in by the person uploading where the parser could not tell (我局, no year, 市国资委). */
  edits: z.array(ReportEdit).max(100).default([]),
  /** Hints for every report of the document (the API's agency/year/region fields). */
  agency: agencyName("机关名称不能为空").optional(),
  year: z.coerce.number().int().min(2007).max(2100).optional(),
  regionCode: regionCode.optional(),
});
export type UploadOptions = z.infer<typeof UploadOptions>;

export const PastedText = z
  .string()
  .max(20 * 1024 * 1024, "粘贴的文字过长")
  .refine((s) => s.trim().length > 0, "粘贴的内容是空的");

/** Why a file name cannot be stored (a control character, NUL above all), or null. */
export function fileNameProblem(name: string): string | null {
  if (CONTROL.test(name)) return "文件名含有不可见的控制字符（如 NUL），请给文件改名后再上传。";
  if (name.length > 1000) return "文件名过长，请给文件改名后再上传。";
  return null;
}
