// A page of a stored scan as an image for the source view (the boxes of report.ocr are drawn over
// it). From the source's bytes, kept verbatim: a PDF page rasterised by pdftoppm (the program OCR
// used; a child process with a time limit, at a lower priority than the server), a photo turned
// upright by its EXIF orientation as OCR turned it (sharp, in libvips' threads). Boxes are
// fractions of the page, so any size of the page maps them.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OCR_MAX_IMAGE_PIXELS } from "./index";

/** Long side of a page image shown on the report page, in pixels. */
export const PAGE_IMAGE_SIDE = 1600;
const RENDER_TIMEOUT_MS = 30_000;

function pdfPage(bytes: Uint8Array, page: number): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-page-"));
  const file = path.join(dir, "scan.pdf");
  fs.writeFileSync(file, bytes);
  return new Promise<Buffer>((resolve, reject) => {
    const child = execFile(
      "pdftoppm",
      ["-f", String(page), "-l", String(page), "-scale-to", String(PAGE_IMAGE_SIDE), "-jpeg", "-jpegopt", "quality=80", file],
      { encoding: "buffer", maxBuffer: 32 * 1024 * 1024, timeout: RENDER_TIMEOUT_MS },
      (err, stdout) => (err ? reject(err) : stdout.byteLength ? resolve(stdout) : reject(new Error("pdftoppm: no image"))),
    );
    try {
      if (child.pid) os.setPriority(child.pid, 10);
    } catch {
      /* not allowed here: it runs at the server's priority */
    }
  }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

async function photo(bytes: Uint8Array): Promise<Buffer> {
  const { default: sharp } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "sharp" as string);
  return sharp(bytes, { limitInputPixels: OCR_MAX_IMAGE_PIXELS })
    .rotate()
    .resize({ width: PAGE_IMAGE_SIDE, height: PAGE_IMAGE_SIDE, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Page `page` (1-based) of a stored scan as a JPEG. `format` is the source's ("pdf" or "image"). */
export function renderPage(bytes: Uint8Array, format: string, page: number): Promise<Buffer> {
  if (format === "image") return photo(bytes);
  return pdfPage(bytes, page);
}
