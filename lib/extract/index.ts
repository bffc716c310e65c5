// bytes → text. The format comes from the bytes first (magic numbers), then the file name, then
// the content; the text is returned verbatim but for line endings and control characters.
import { ExtractError } from "./errors";
import { decodeText, utf16Guess } from "./decode";
import { htmlToText, looksLikeHtml } from "./html";
import { docToText, docxToText } from "./office";
import { pdfToText } from "./pdf";

export { ExtractError, type ExtractErrorCode } from "./errors";

export type ExtractFormat = "txt" | "html" | "pdf" | "docx" | "doc";

export interface Extracted {
  text: string;
  format: ExtractFormat;
  encoding?: string;
  warnings?: string[];
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

function sniff(bytes: Uint8Array, fileName = ""): ExtractFormat | "binary" {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return "pdf"; // %PDF
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "docx"; // zip
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "doc"; // OLE2
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  if (ext === "pdf" || ext === "docx" || ext === "doc") return "binary"; // the name promised a format the bytes are not
  if (looksBinary(bytes)) return "binary";
  if (ext === "html" || ext === "htm") return "html";
  return "txt";
}

/** NUL bytes outside UTF-16, or many control bytes: not a text file whatever its name. */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  if (n === 0) return false;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return false;
  if (utf16Guess(b)) return false;
  let zeros = 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    if (b[i] === 0) zeros++;
    else if (b[i] < 0x09 || (b[i] > 0x0d && b[i] < 0x20)) controls++;
  }
  return zeros > 0 || controls / n > 0.05;
}

export function normalizeText(s: string): string {
  return s
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

export async function extractText(
  bytes: Uint8Array,
  opts: { fileName?: string; mimeType?: string; maxBytes?: number } = {},
): Promise<Extracted> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength === 0) throw new ExtractError("empty");
  if (bytes.byteLength > max) {
    throw new ExtractError("too_large", `文件超过大小限制（${(max / 1024 / 1024).toFixed(0)} MB）。请拆分文件，或只粘贴报告正文。`);
  }
  const format = sniff(bytes, opts.fileName);
  let result: Extracted;
  switch (format) {
    case "pdf":
      result = { text: await pdfToText(bytes), format };
      break;
    case "docx":
      result = { text: await docxToText(bytes), format };
      break;
    case "doc":
      result = { text: await docToText(bytes), format };
      break;
    case "binary":
      throw new ExtractError(/\.(pdf|docx?)$/i.test(opts.fileName ?? "") ? "corrupt" : "unsupported");
    default: {
      const { text, encoding } = decodeText(bytes);
      const html = format === "html" || looksLikeHtml(text);
      result = { text: html ? htmlToText(text) : text, format: html ? "html" : "txt", encoding };
    }
  }
  result.text = normalizeText(result.text);
  if (!result.text.trim()) throw new ExtractError("empty", "文件里没有可读取的文字。");
  return result;
}

/** Pasted text, which may itself be the HTML source of a page. */
export function extractPastedText(text: string): Extracted {
  const clean = normalizeText(text);
  if (!clean.trim()) throw new ExtractError("empty", "粘贴的内容是空的。");
  return looksLikeHtml(clean) ? { text: normalizeText(htmlToText(clean)), format: "html" } : { text: clean, format: "txt" };
}
