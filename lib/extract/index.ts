// bytes → text, the first stage of gongkai. The format comes from the bytes first (magic numbers:
// %PDF, ZIP → .docx, OLE2 → .doc), then the file name and MIME type, then the content (HTML tags,
// MHTML headers, HTML inside JavaScript/JSON strings). Text and HTML are decoded from UTF-8,
// GBK/GB18030, Big5 or UTF-16 without ever returning mojibake. The text is returned verbatim but
// for line endings, control characters and radical code points (see normalize.ts); tables come
// out as one line per row, "| cell | cell | … |", for the parser.
import { decodeText, looksBinary } from "./decode";
import { ExtractError, formatSize } from "./errors";
import { htmlToText, looksLikeHtml } from "./html";
import { looksLikeMhtml, mhtmlHtmlPart } from "./mhtml";
import { isBlank, normalizeText } from "./normalize";
import { scriptPayloadToHtml } from "./script-html";
import { OCR_MISSING, ocrInstalled } from "./ocr/engine";
import type { OcrOptions, OcrPageResult } from "./ocr";

export { ExtractError, EXTRACT_MESSAGES, formatSize, type ExtractErrorCode } from "./errors";
export { normalizeText } from "./normalize";
export { htmlToText } from "./html";

export type ExtractFormat = "txt" | "html" | "pdf" | "docx" | "doc" | "image";

/** What OCR read: every page it read, with the numbers it placed in table cells (box, confidence). */
export interface OcrSummary {
  pages: Omit<OcrPageResult, "text">[];
}

export interface Extracted {
  text: string;
  format: ExtractFormat;
  /** The text encoding a txt/html file was read in ("utf-8", "gb18030", "big5", "utf-16le", "utf-16be"). */
  encoding?: string;
  /** Things the user should know about the reading (in Chinese), e.g. pages without a text layer. */
  warnings?: string[];
  /** Set when (some of) the text was read by OCR from page images. */
  ocr?: OcrSummary;
}

export interface ExtractOptions {
  fileName?: string;
  mimeType?: string;
  /** Largest accepted input in bytes (default DEFAULT_MAX_BYTES, 20 MB). */
  maxBytes?: number;
  /** Read scanned PDFs and PNG/JPEG images by OCR (slow: the caller gives it its own budget). Without
   * it a PDF without a text layer is refused as no_text_layer and an image as unsupported. */
  ocr?: boolean | OcrOptions;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

type Magic = "pdf" | "zip" | "ole" | { unsupported: string };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, n: number) => Buffer.from(b.buffer, b.byteOffset, Math.min(n, b.byteLength)).toString("latin1");

const NOT_A_REPORT = "这个文件是图片、音视频、压缩包或程序，不是文字文件，无法读取。请上传报告的 .txt、.html、.pdf、.docx 或 .doc 文件，或复制报告文字后粘贴上传。";

/** The format the bytes announce, whatever the file is called. */
function sniffMagic(b: Uint8Array): Magic | null {
  if (ascii(b, 1024).includes("%PDF-")) return "pdf"; // the header may follow up to 1 KB of junk
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return "zip";
  if (startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return { unsupported: "这是一个空的压缩包，没有可读取的内容。" };
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  if (ascii(b, 6) === "{\\rtf1" || ascii(b, 5) === "{\\rtf")
    return { unsupported: "暂不支持 RTF 格式。请用 Word 或 WPS 打开后另存为 .docx 再上传，或复制报告文字后粘贴上传。" };
  const sigs: number[][] = [
    [0x89, 0x50, 0x4e, 0x47], // PNG
    [0xff, 0xd8, 0xff], // JPEG
    [0x47, 0x49, 0x46, 0x38], // GIF
    [0x49, 0x49, 0x2a, 0x00], // TIFF
    [0x4d, 0x4d, 0x00, 0x2a],
    [0x1f, 0x8b], // gzip
    [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
    [0x52, 0x61, 0x72, 0x21], // rar
    [0x4d, 0x5a], // exe (MZ)
    [0x7f, 0x45, 0x4c, 0x46], // ELF
    [0x49, 0x44, 0x33], // mp3
    [0x00, 0x00, 0x00], // mp4/ftyp and other box formats start with a length
  ];
  if (sigs.some((s) => startsWith(b, s))) return { unsupported: NOT_A_REPORT };
  if (startsWith(b, [0x42, 0x4d]) && b.byteLength > 14 && b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0) return { unsupported: NOT_A_REPORT }; // BMP
  if (ascii(b, 12).slice(8) === "WEBP" || ascii(b, 4) === "OggS" || ascii(b, 4) === "RIFF") return { unsupported: NOT_A_REPORT };
  return null;
}

const extOf = (name = "") => /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase() ?? "";
const HTML_EXT = new Set(["html", "htm", "xhtml", "shtml", "shtm", "asp", "aspx", "jsp", "php", "xml"]);
const BINARY_EXT: Record<string, string> = { pdf: "PDF", docx: "Word", doc: "Word", wps: "WPS", xls: "Excel", xlsx: "Excel", ofd: "OFD" };

function charsetFromMime(mime?: string): string | null {
  return mime ? (/charset\s*=\s*"?([\w.:-]+)/i.exec(mime)?.[1] ?? null) : null;
}

function finish(text: string, format: ExtractFormat, encoding: string | undefined, warnings: string[], ocr?: OcrSummary): Extracted {
  const clean = normalizeText(text);
  if (isBlank(clean)) throw new ExtractError("empty", ocr ? "这个文件没有文字层（扫描件或图片），文字识别（OCR）也没有在图像中读出文字。请复制报告文字后粘贴上传。" : "文件里没有可读取的文字。");
  const out: Extracted = { text: clean, format };
  if (encoding) out.encoding = encoding;
  if (warnings.length) out.warnings = warnings;
  if (ocr) out.ocr = ocr;
  return out;
}

const OCR_WARNING = "数字由文字识别（OCR）从图像读出，可能有误：保存后报告进入待核对队列，请对照原件核对。";
const summary = (pages: OcrPageResult[]): OcrSummary => ({ pages: pages.map(({ text: _t, ...p }) => p) });
const isImage = (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || startsWith(b, [0xff, 0xd8, 0xff]);

/** Text that may be HTML source or HTML inside JavaScript/JSON → the parser's text. */
function textOrHtml(text: string, hintHtml: boolean): { text: string; html: boolean } {
  const t = text.replace(/^\uFEFF/, "");
  const fromScript = scriptPayloadToHtml(t);
  if (fromScript !== null) return { text: htmlToText(fromScript), html: true };
  if (hintHtml ? /<[a-z!?/]/i.test(t) : looksLikeHtml(t)) return { text: htmlToText(t), html: true };
  return { text: t, html: false };
}

/**
 * Reads an uploaded file. Throws ExtractError (code + a Chinese sentence for the user) when the
 * file is empty, too large, of a format we do not read, a PDF without a text layer, encrypted,
 * in an encoding we cannot tell, or corrupt.
 */
export async function extractText(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<Extracted> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!bytes || bytes.byteLength === 0) throw new ExtractError("empty");
  if (bytes.byteLength > max) {
    throw new ExtractError(
      "too_large",
      `文件大小为 ${formatSize(bytes.byteLength)}，超过了 ${formatSize(max)} 的上限。请只上传年度报告本身，或复制报告文字后粘贴上传。`,
    );
  }
  const ext = extOf(opts.fileName);
  const mime = (opts.mimeType ?? "").toLowerCase();
  const magic = sniffMagic(bytes);

  const ocr = opts.ocr ? (opts.ocr === true ? {} : opts.ocr) : null;
  if (magic === "pdf") {
    const { pdfToText } = await import("./pdf");
    const r = await pdfToText(bytes, { keepScanned: !!ocr });
    if (ocr && r.scannedPages.length) {
      const { ocrPdfPages } = await import("./ocr");
      const read = await ocrPdfPages(bytes, r.scannedPages, ocr);
      const pages = [...r.pages];
      for (const p of read) pages[p.page - 1] = p.text;
      const warnings = [...r.warnings, `PDF 共 ${r.pages.length} 页，其中 ${read.length} 页是扫描页，已用文字识别（OCR）读出。${OCR_WARNING}`];
      return finish(pages.filter((t) => t.trim()).join("\n"), "pdf", undefined, warnings, summary(read));
    }
    return finish(r.text, "pdf", undefined, r.warnings);
  }
  if (isImage(bytes)) {
    if (!ocr) throw new ExtractError("unsupported", ocrInstalled() ? NOT_A_REPORT : `这是一张图片。${OCR_MISSING}`);
    const { ocrImage } = await import("./ocr");
    const page = await ocrImage(bytes, ocr);
    return finish(page.text, "image", undefined, [`图片已用文字识别（OCR）读出。${OCR_WARNING}`], summary([page]));
  }
  if (magic === "zip") {
    const { docxToText } = await import("./office");
    const r = await docxToText(bytes);
    return finish(r.text, "docx", undefined, r.warnings);
  }
  if (magic === "ole") {
    const { docToText } = await import("./office");
    const r = await docToText(bytes);
    return finish(r.text, "doc", undefined, r.warnings);
  }
  if (magic) throw new ExtractError("unsupported", magic.unsupported);

  // No binary signature: text, HTML or MHTML — whatever the name says.
  const warnings: string[] = [];
  const claimed =
    BINARY_EXT[ext] ??
    (mime.includes("pdf") ? "PDF" : /msword|wordprocessingml/.test(mime) ? "Word" : null);

  if (looksLikeMhtml(bytes)) {
    const part = mhtmlHtmlPart(bytes);
    if (!part) throw new ExtractError("corrupt", "这个网页存档（.mht）里没有网页内容，无法读取。");
    const decoded = decodeText(part.bytes, { declared: part.charset });
    if (claimed) warnings.push(`文件扩展名是 .${ext || "doc"}，但内容是网页存档（MHTML），已按网页读取。`);
    return finish(htmlToText(decoded.text), "html", decoded.encoding, [...warnings, ...decoded.warnings]);
  }

  // NUL bytes without a BOM or an obvious UTF-16 pattern: binary, unless it reads as plausible
  // UTF-16 (dense Chinese with few ASCII characters has few zero bytes).
  let decodedEarly: ReturnType<typeof decodeText> | null = null;
  if (looksBinary(bytes)) {
    try {
      const d = decodeText(bytes, { declared: charsetFromMime(opts.mimeType) });
      if (d.encoding.startsWith("utf-16")) decodedEarly = d;
    } catch {
      /* not text */
    }
  }
  if (!decodedEarly && looksBinary(bytes)) {
    throw new ExtractError(
      claimed ? "corrupt" : "unsupported",
      claimed ? `这个文件扩展名是 .${ext || "pdf"}，但内容不是有效的 ${claimed} 文件（可能已损坏或下载不完整），无法读取。` : NOT_A_REPORT,
    );
  }

  const decoded = decodedEarly ?? decodeText(bytes, { declared: charsetFromMime(opts.mimeType) });
  warnings.push(...decoded.warnings);
  const hintHtml = HTML_EXT.has(ext) || mime.includes("html");
  const r = textOrHtml(decoded.text, hintHtml);
  if (claimed) {
    if (!r.html) {
      throw new ExtractError("corrupt", `这个文件扩展名是 .${ext || "pdf"}，但内容不是有效的 ${claimed} 文件（可能已损坏或下载不完整），无法读取。`);
    }
    warnings.push(`文件扩展名是 .${ext || "doc"}，但内容是网页（HTML），已按网页读取。`);
  }
  return finish(r.text, r.html ? "html" : "txt", decoded.encoding, warnings);
}

/** Pasted text, which may itself be the HTML source of a page (or HTML inside a script). */
export function extractPastedText(text: string, opts: { maxBytes?: number } = {}): Extracted {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof text !== "string" || isBlank(text)) throw new ExtractError("empty", "粘贴的内容是空的。");
  const size = Buffer.byteLength(text, "utf8");
  if (size > max) throw new ExtractError("too_large", `粘贴的内容有 ${formatSize(size)}，超过了 ${formatSize(max)} 的上限。请只粘贴年度报告本身。`);
  const r = textOrHtml(text, false);
  const clean = normalizeText(r.text);
  if (isBlank(clean)) throw new ExtractError("empty", "粘贴的内容里没有可读取的文字。");
  return { text: clean, format: r.html ? "html" : "txt" };
}
