// Why a file could not be turned into text, as a code for the program and a sentence in
// Simplified Chinese for the person who uploaded it.

export type ExtractErrorCode =
  | "empty"
  | "too_large"
  | "unsupported"
  | "no_text_layer"
  | "encrypted"
  | "unreadable_encoding"
  | "corrupt"
  /** Over a reading budget (time, memory, pages, operators, elements): refused, not attempted. */
  | "too_complex";

export const EXTRACT_MESSAGES: Record<ExtractErrorCode, string> = {
  empty: "文件是空的，没有可读取的内容。",
  too_large: "文件太大，超过了上传大小限制。请只上传年度报告本身，或复制报告文字后粘贴上传。",
  unsupported:
    "不支持这种文件格式。请上传 .txt、.html、.pdf、.docx 或 .doc 文件，或复制报告文字后粘贴上传。",
  no_text_layer: "这个 PDF 没有文字层（可能是扫描件），无法读取表格。请复制报告文字后粘贴上传。",
  encrypted: "这个文件设置了打开密码，无法读取。请上传未加密的文件，或复制报告文字后粘贴上传。",
  unreadable_encoding:
    "无法识别文件的文字编码（不是 UTF-8、GBK/GB18030、Big5 或 UTF-16），读出来会是乱码。请将文件另存为 UTF-8 编码后再上传，或复制报告文字后粘贴上传。",
  corrupt: "文件已损坏，或者内容与文件扩展名不符，无法读取。请重新下载或另存后再上传。",
  too_complex: "这个文件的结构过于复杂，超过了读取的上限，已拒绝读取。请复制报告文字后粘贴上传。",
};

/** A file we cannot turn into text; `message` is a sentence for the person uploading it. */
export class ExtractError extends Error {
  readonly code: ExtractErrorCode;

  constructor(code: ExtractErrorCode, message: string = EXTRACT_MESSAGES[code], options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ExtractError";
    this.code = code;
  }
}

/** "20 MB", "512 KB": a size for a message. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} 字节`;
}
