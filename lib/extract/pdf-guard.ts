// Limits on a PDF before pdf.js reads it: pages, and the drawing operators of its content
// streams. pdf.js builds an operator list (arrays of every operator and its arguments) for each
// page it reads; a 31 KB file whose content stream inflates to 15 MB of line operators took 11 s
// and a 204 KB one 129 s and 6.9 GB. The Flate streams are inflated here under a hard total, and
// the tokens of those that hold text (content streams; fonts and images are binary) counted.
import zlib from "node:zlib";
import { ExtractError, formatSize } from "./errors";

/** Pages: a long report has 40; 10,000 empty pages took 15 s to walk. */
export const MAX_PDF_PAGES = 1000;
/** Tokens (operators and operands) in all content streams: a 30-page report has ~300,000. */
export const MAX_PDF_CONTENT_TOKENS = 2_000_000;
/** All Flate streams together, inflated. */
export const MAX_PDF_INFLATED = 256 * 1024 * 1024;

const tooComplex = (why: string) => new ExtractError("too_complex", `这个 PDF ${why}，远超任何年度报告，已拒绝读取。请复制报告文字后粘贴上传。`);

export function assertPdfPages(pages: number, max = MAX_PDF_PAGES): void {
  if (pages > max) throw tooComplex(`有 ${pages.toLocaleString("zh-CN")} 页，超过了 ${max.toLocaleString("zh-CN")} 页的上限`);
}

/** Whitespace-separated tokens in a stream that is text (0 for binary data). */
function textTokens(b: Buffer): number {
  const sample = b.subarray(0, 4096);
  let binary = 0;
  for (const c of sample) if (c < 0x09 || (c > 0x0d && c < 0x20) || c > 0x7e) binary++;
  if (binary > sample.length * 0.05) return 0;
  let n = 0;
  let inToken = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    const space = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
    if (!space && !inToken) n++;
    inToken = !space;
  }
  return n;
}

/** Refuses a PDF whose Flate streams inflate past MAX_PDF_INFLATED or hold too many content tokens. */
export function assertPdfContentWithinBudget(bytes: Uint8Array, limits: { tokens?: number; inflated?: number } = {}): void {
  const maxTokens = limits.tokens ?? MAX_PDF_CONTENT_TOKENS;
  let inflatedLeft = limits.inflated ?? MAX_PDF_INFLATED;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const s = b.toString("latin1");
  let tokens = 0;
  const STREAM = /\bstream\r?\n/g;
  for (let m = STREAM.exec(s); m; m = STREAM.exec(s)) {
    const start = m.index + m[0].length;
    const end = s.indexOf("endstream", start);
    if (end < 0) break;
    STREAM.lastIndex = end + 9;
    // The stream's dictionary: from the last "<<" before it (a rough look, enough for /Filter).
    const dict = s.slice(Math.max(0, m.index - 1024), m.index);
    if (!/\/FlateDecode|\/Fl\b/.test(dict.slice(dict.lastIndexOf("obj")))) continue;
    let data: Buffer;
    try {
      data = zlib.inflateSync(b.subarray(start, end), { maxOutputLength: Math.max(1, inflatedLeft), finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError)
        throw new ExtractError("too_large", `这个 PDF 解压后超过 ${formatSize(limits.inflated ?? MAX_PDF_INFLATED)}（可能是“压缩炸弹”），已拒绝读取。`);
      continue; // not plain Flate (encrypted, predictors, damaged): pdf.js decides
    }
    inflatedLeft -= data.length;
    tokens += textTokens(data);
    if (tokens > maxTokens) throw tooComplex(`的页面内容有超过 ${maxTokens.toLocaleString("zh-CN")} 个绘图指令`);
  }
}
