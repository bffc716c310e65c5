// Errors the ingest raises for the person importing: a Chinese sentence for the UI, a code for
// programs. Anything else thrown is a bug or an outage and is reported as such.
import { ExtractError } from "@/lib/extract/errors";
import { isDatabaseUnavailable, OUTAGE_MESSAGE } from "@/lib/db/outage";

export type IngestErrorCode =
  | "invalid_report"
  | "agency_missing"
  | "year_missing"
  | "no_report_found"
  | "region_not_found";

export class IngestError extends Error {
  constructor(
    public code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** The SQLSTATE a database error carries (raw SQL through Prisma's adapter, or pg), if any. */
export function sqlState(e: unknown): string | null {
  for (let x = e, depth = 0; x && typeof x === "object" && depth < 8; x = (x as { cause?: unknown }).cause, depth++) {
    const o = x as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string } }; code?: string } };
    const code = o.meta?.driverAdapterError?.cause?.originalCode ?? o.originalCode ?? o.meta?.code ?? o.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^P\d{4}$/.test(code)) return code;
  }
  return null;
}

/** Database refusals a person can act on (the text holds a NUL, a number too large to store, a
 * source that did not arrive whole): a sentence instead of an internal error with a stack. */
export const SQLSTATE_MESSAGES: Record<string, string> = {
  "22P05": "文件名、机关名称或文字中含有数据库无法保存的字符（如 NUL），文件未保存。请删除这些字符后重试。",
  "22021": "文件名、机关名称或文字中含有无效的字符编码，文件未保存。",
  "22003": "报告中的数字超出了可保存的范围，文件未保存。请检查表格中的数字。",
  GK001: "文件内容在传输或保存中不完整（长度或校验值不符），文件未保存。请重新上传。",
};

/** What a person importing files is told when one cannot be stored. */
export function failureMessage(e: unknown): string {
  if (e instanceof IngestError || e instanceof ExtractError) return e.message;
  if (isDatabaseUnavailable(e)) return OUTAGE_MESSAGE;
  const state = sqlState(e);
  if (state && SQLSTATE_MESSAGES[state]) return SQLSTATE_MESSAGES[state];
  return `内部错误：${(e as Error).message}`;
}
