// Scanned pages and photos → text, by OCR (engine.ts) and layout (layout.ts). PDF pages are
// rasterised by poppler's pdftoppm (Debian poppler-utils: reliable, offline, a child process the
// reader can time out) to grey at up to OCR_MAX_SIDE pixels on the long side (~200 dpi for A4:
// small table digits stay readable); PNG/JPEG uploads are decoded by sharp under a pixel cap.
// Each page's boxes become lines and "| … |" rows for the parser; the numbers placed in table
// cells come back with their boxes and confidences, for provenance and for the source view.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ExtractError } from "../errors";
import { ocrEngine, type OcrProgress, type PixelImage } from "./engine";
import { layoutPage, type OcrNumber } from "./layout";

export { OCR_MISSING, ocrInstalled, type OcrProgress } from "./engine";
export type { OcrBox, OcrNumber } from "./layout";

/** Long side of a page image given to OCR, in pixels (A4 at ~200 dpi). */
export const OCR_MAX_SIDE = 2400;
/** Largest photo accepted (pixels): a 12-megapixel phone photo is 12e6. */
export const OCR_MAX_IMAGE_PIXELS = 50_000_000;
/** Pages of one scan read by OCR: a long report has 40. */
export const OCR_MAX_PAGES = 60;

export interface OcrPageResult {
  page: number;
  text: string;
  numbers: OcrNumber[];
  /** Image size the boxes refer to. */
  width: number;
  height: number;
  skewDegrees: number;
  /** Mean confidence of every box read on the page. */
  confidence: number;
}

export interface OcrOptions {
  onProgress?: (p: OcrProgress) => void;
}

function parsePgm(buf: Buffer): PixelImage {
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.toString("latin1", 0, 64));
  if (!m || Number(m[3]) !== 255) throw new ExtractError("corrupt", "这个 PDF 的页面无法转成图像，无法读取。");
  const width = Number(m[1]);
  const height = Number(m[2]);
  const data = new Uint8Array(buf.buffer, buf.byteOffset + m[0].length, width * height);
  return { width, height, data };
}

function pdftoppm(file: string, page: number): Promise<PixelImage> {
  return new Promise((resolve, reject) => {
    execFile(
      "pdftoppm",
      ["-f", String(page), "-l", String(page), "-scale-to", String(OCR_MAX_SIDE), "-gray", file],
      { encoding: "buffer", maxBuffer: OCR_MAX_SIDE * OCR_MAX_SIDE + 1024, timeout: 60_000 },
      (err, stdout) => {
        if (err) {
          const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
          return reject(
            new ExtractError(
              missing ? "unsupported" : "corrupt",
              missing ? "本机没有安装 pdftoppm（poppler-utils），扫描的 PDF 无法转成图像读取。请复制报告文字后粘贴上传。" : "这个 PDF 的扫描页无法转成图像，无法读取。",
              { cause: err },
            ),
          );
        }
        try {
          resolve(parsePgm(stdout));
        } catch (e) {
          reject(e);
        }
      },
    );
  });
}

async function readPage(image: PixelImage, page: number, pages: number, opts: OcrOptions): Promise<OcrPageResult> {
  const engine = await ocrEngine();
  opts.onProgress?.({ page, pages, stage: "detect" });
  const boxes = await engine.read(image, (done, total) => opts.onProgress?.({ page, pages, stage: "recognise", done, total }));
  const laid = layoutPage(boxes, page);
  const confidence = boxes.length ? boxes.reduce((s, b) => s + b.confidence, 0) / boxes.length : 0;
  return { page, text: laid.text, numbers: laid.numbers, width: image.width, height: image.height, skewDegrees: laid.skewDegrees, confidence };
}

/** The given pages (1-based) of a PDF, read by OCR, in order. */
export async function ocrPdfPages(bytes: Uint8Array, pages: number[], opts: OcrOptions = {}): Promise<OcrPageResult[]> {
  if (pages.length > OCR_MAX_PAGES)
    throw new ExtractError("too_complex", `这个 PDF 有 ${pages.length} 页扫描页，超过了文字识别 ${OCR_MAX_PAGES} 页的上限。请只上传年度报告本身。`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-ocr-"));
  try {
    const file = path.join(dir, "scan.pdf");
    fs.writeFileSync(file, bytes);
    const out: OcrPageResult[] = [];
    for (const [i, p] of pages.entries()) out.push(await readPage(await pdftoppm(file, p), p, pages.length, { ...opts, onProgress: opts.onProgress && ((e) => opts.onProgress!({ ...e, page: i + 1 })) }));
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A PNG or JPEG photo or scan of a page, read by OCR. */
export async function ocrImage(bytes: Uint8Array, opts: OcrOptions = {}): Promise<OcrPageResult> {
  const { default: sharp } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "sharp" as string);
  let raw: { data: Buffer; info: { width: number; height: number } };
  try {
    raw = await sharp(bytes, { limitInputPixels: OCR_MAX_IMAGE_PIXELS })
      .rotate() // as the camera held it (EXIF orientation)
      .grayscale()
      .resize({ width: OCR_MAX_SIDE, height: OCR_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    const big = /pixel limit/i.test(String((e as Error)?.message));
    throw new ExtractError(big ? "too_large" : "corrupt", big ? "这张图片的像素过多，超过了读取的上限。请缩小后再上传。" : "这张图片已损坏或格式不受支持，无法读取。", { cause: e });
  }
  return readPage({ width: raw.info.width, height: raw.info.height, data: new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength) }, 1, 1, opts);
}
