export type ExtractErrorCode = "empty" | "too_large" | "unsupported" | "no_text_layer" | "encrypted" | "unreadable_encoding" | "corrupt";

const MESSAGES: Record<ExtractErrorCode, string> = {
  empty: "文件是空的，没有可读取的内容。",
  too_large: "文件超过大小限制。",
  unsupported: "不支持这种文件格式。请上传 .txt、.html、.pdf、.docx 或 .doc 文件，或直接粘贴报告文字。",
  no_text_layer: "这个 PDF 没有文字层（可能是扫描件），无法读取表格。请复制报告文字后粘贴上传。",
  encrypted: "这个 PDF 已加密，无法读取。请上传未加密的文件，或复制报告文字后粘贴上传。",
  unreadable_encoding: "无法识别文件的文字编码（不是 UTF-8、GBK/GB18030 或 UTF-16）。请另存为 UTF-8 后再上传。",
  corrupt: "文件已损坏或不是它的扩展名所说的格式，无法读取。",
};

/** A file we cannot turn into text; `message` is a sentence for the person uploading it. */
export class ExtractError extends Error {
  constructor(
    public code: ExtractErrorCode,
    message = MESSAGES[code],
  ) {
    super(message);
    this.name = "ExtractError";
  }
}
