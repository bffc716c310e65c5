// Word documents. .docx: its parts are checked (and inflated under a hard limit) before mammoth
// converts it to HTML, which then goes through the HTML path so tables keep their rows. .doc
// (Word 97–2003): word-extractor's text; table cells come out tab-separated.
import { ExtractError, formatSize } from "./errors";
import { textStats } from "./decode";
import { htmlToText } from "./html";
import { readEntry, zipEntries, type ZipEntry } from "./zip";

/** Most one part of a .docx may inflate to; a real report's document.xml is a few MB. */
export const MAX_DOCX_PART = 64 * 1024 * 1024;
/** Most all parts together may inflate to (every entry counts: the reader may follow a
 * relationship to a main part of any name, e.g. a `.bin`). */
export const MAX_DOCX_XML_TOTAL = 128 * 1024 * 1024;
/** Most XML elements in all parts together: a long real report has ~100,000; mammoth builds a
 * node for each (60 MB of `<w:p/>` is 10 million, and took the server down). */
export const MAX_DOCX_ELEMENTS = 400_000;

/** Elements in an XML part ("<" followed by a name start), counted up to just past `stopAfter`; 0 for a part that is not XML. */
function xmlElements(b: Buffer, stopAfter: number): number {
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09 || b[i] === 0xef || b[i] === 0xbb || b[i] === 0xbf)) i++;
  if (b[i] !== 0x3c) return 0; // images and other binary parts
  let n = 0;
  for (let at = b.indexOf(0x3c, i); at >= 0; at = b.indexOf(0x3c, at + 1)) {
    const c = b[at + 1];
    if (((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) && ++n > stopAfter) break;
  }
  return n;
}

/** What a ZIP that is not a .docx is, for the message. */
function otherZipKind(entries: ZipEntry[]): string {
  const names = entries.map((e) => e.name);
  if (names.some((n) => n.startsWith("xl/"))) return "这是 Excel 表格（.xlsx），不是 Word 文档。请把报告另存为 .docx 或 PDF 后上传，或复制报告文字后粘贴上传。";
  if (names.some((n) => n.startsWith("ppt/"))) return "这是 PowerPoint 演示文稿，不是年度报告文档。请上传 .docx、PDF 或网页文件。";
  if (names.includes("OFD.xml")) return "暂不支持 OFD 格式。请把报告另存为 PDF 或 .docx 后上传，或复制报告文字后粘贴上传。";
  if (names.includes("mimetype") && names.includes("content.xml")) return "暂不支持 OpenDocument（.odt/WPS 的 ODF）格式。请另存为 .docx 后上传。";
  return "这是一个压缩包（.zip），不是 Word 文档。请解压后上传其中的报告文件。";
}

export async function docxToText(bytes: Uint8Array, opts: { maxPart?: number; maxTotal?: number; maxElements?: number } = {}): Promise<{ text: string; warnings: string[] }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buffer);
  const main = entries.find((e) => e.name === "word/document.xml") ?? entries.find((e) => /^word\/document\d*\.xml$/.test(e.name));
  if (!main) throw new ExtractError("unsupported", otherZipKind(entries));

  // Zip-bomb guard: EVERY entry is inflated here under a hard limit, against one total (the
  // declared sizes are checked first, but a crafted entry can lie about its size, and mammoth
  // follows _rels/.rels to a main part of any name). Then the XML elements of all parts are
  // counted: mammoth would build a node for each.
  const maxPart = opts.maxPart ?? MAX_DOCX_PART;
  const maxTotal = opts.maxTotal ?? MAX_DOCX_XML_TOTAL;
  const maxElements = opts.maxElements ?? MAX_DOCX_ELEMENTS;
  let budget = maxTotal;
  const bomb = () => new ExtractError("too_large", `这个 Word 文件解压后超过 ${formatSize(Math.min(maxPart, maxTotal))}（可能是“压缩炸弹”），已拒绝读取。`);
  if (entries.some((e) => e.size > maxPart) || entries.reduce((s, e) => s + e.size, 0) > maxTotal) throw bomb();
  let elements = 0;
  for (const e of entries) {
    if (e.name.endsWith("/")) continue; // a folder entry
    const data = readEntry(buffer, e, Math.max(1, Math.min(maxPart, budget)));
    budget -= data.length;
    elements += xmlElements(data, maxElements - elements);
    if (elements > maxElements)
      throw new ExtractError("too_complex", `这个 Word 文件有超过 ${maxElements.toLocaleString("zh-CN")} 个 XML 元素，远多于任何年度报告，已拒绝读取。请复制报告文字后粘贴上传。`);
  }

  const mammoth = (await import("mammoth")).default;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      // Images are not read at all (no inflation, no base64 in memory): a report's numbers are text.
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
    );
    html = result.value;
  } catch (e) {
    throw new ExtractError("corrupt", "这个 Word 文件（.docx）已损坏，无法读取。请用 Word 或 WPS 打开后另存为 .docx 再上传。", { cause: e });
  }
  return { text: htmlToText(html, { title: false }), warnings: [] };
}

/** OLE2 compound file: which kind, from the directory entry names (UTF-16LE) near its start. */
export function oleKind(b: Uint8Array): "word" | "encrypted" | "excel" | "powerpoint" | "other" {
  const s = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
  const has = (name: string) => s.includes(name.split("").join("\0"));
  if (has("EncryptedPackage") || has("EncryptionInfo")) return "encrypted";
  if (has("WordDocument")) return "word";
  if (has("Workbook") || has("Book")) return "excel";
  if (has("PowerPoint Document")) return "powerpoint";
  return "other";
}

/**
 * Word binary tables come out of word-extractor as cells ending in a tab, and the mark that ends a
 * row is not always a line break: a cell followed by the row-end tab (and the empty cells that
 * continue merged cells) and then a label ("2.…", "（二）…") starts a new row.
 */
export function splitDocRows(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.includes("\t") ? line.replace(/([^\t\n])\t\t(?=\t*(?:[^\t\d\s]|\d+[.、．]))/g, "$1\t\n") : line))
    .join("\n")
    .replace(/\t+$/gm, "");
}

export async function docToText(bytes: Uint8Array): Promise<{ text: string; warnings: string[] }> {
  const kind = oleKind(bytes);
  if (kind === "encrypted") throw new ExtractError("encrypted", "这个 Word 文件设置了打开密码，无法读取。请取消密码后另存再上传，或复制报告文字后粘贴上传。");
  if (kind === "excel") throw new ExtractError("unsupported", "这是 Excel 表格（.xls），不是 Word 文档。请把报告另存为 .docx 或 PDF 后上传，或复制报告文字后粘贴上传。");
  if (kind === "powerpoint") throw new ExtractError("unsupported", "这是 PowerPoint 演示文稿，不是年度报告文档。请上传 .docx、PDF 或网页文件。");
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { default: WordExtractor } = await import("word-extractor");
  let body: string;
  try {
    const doc = await new WordExtractor().extract(b);
    body = doc.getBody({ filterUnicode: false });
  } catch (e) {
    const msg = String((e as Error)?.message ?? "");
    if (/encrypt|password/i.test(msg)) throw new ExtractError("encrypted", "这个 Word 文件设置了打开密码，无法读取。请取消密码后另存再上传。", { cause: e });
    throw new ExtractError("corrupt", "这个 Word 文件（.doc）已损坏或不是 Word 文档，无法读取。请用 Word 或 WPS 打开后另存为 .docx 再上传。", { cause: e });
  }
  // An encrypted .doc (which word-extractor does not detect) reads as noise.
  const st = textStats(body);
  const han = st.cjk + st.odd;
  if (st.bad + st.replacement > st.chars * 0.05 || (han >= 20 && st.commonCjk / han < 0.3)) {
    throw new ExtractError("corrupt", "这个 Word 文件（.doc）读出来是乱码，可能设置了密码或已损坏。请用 Word 或 WPS 打开后另存为 .docx 再上传。");
  }
  return { text: splitDocRows(body), warnings: [] };
}
