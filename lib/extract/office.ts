// Word documents: .docx through mammoth (to HTML, so tables keep their rows), .doc through
// word-extractor. A .docx is a zip: its document part's declared size is checked first, so a
// zip bomb is refused before it is inflated.
import { ExtractError } from "./errors";
import { htmlToText } from "./html";

const MAX_DOCUMENT_XML = 200 * 1024 * 1024;

/** Uncompressed size of word/document.xml from the zip's central directory (no inflation). */
function declaredDocumentSize(b: Buffer): number | null {
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && p + 46 <= b.length; i++) {
    if (b.readUInt32LE(p) !== 0x02014b50) return null;
    const size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const name = b.toString("utf8", p + 46, p + 46 + nameLen);
    if (name === "word/document.xml") return size;
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

export async function docxToText(bytes: Uint8Array): Promise<string> {
  const buffer = Buffer.from(bytes);
  const size = declaredDocumentSize(buffer);
  if (size === null) throw new ExtractError("corrupt", "这不是有效的 .docx 文件（缺少正文部分），无法读取。");
  if (size > MAX_DOCUMENT_XML || size === 0xffffffff) throw new ExtractError("too_large", "这个 .docx 的正文解压后过大，可能是恶意文件，已拒绝。");
  const mammoth = await import("mammoth");
  try {
    const { value } = await mammoth.convertToHtml({ buffer });
    return htmlToText(value);
  } catch {
    throw new ExtractError("corrupt");
  }
}

export async function docToText(bytes: Uint8Array): Promise<string> {
  const { default: WordExtractor } = await import("word-extractor");
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes));
    return doc.getBody();
  } catch {
    throw new ExtractError("corrupt");
  }
}
