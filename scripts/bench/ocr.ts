// OCR of scanned pages (issue 15): CPU seconds a page on one core (OCR_THREADS=1: ONNX Runtime on
// one thread, as the OCR reader runs it), wall seconds a page, the models' load time, and the
// reader's peak resident memory. The scans are tests/fixtures/scans (A4 pages of table 3 and 4,
// tilted, blurred, JPEG'd). Run in a child process of its own so its memory is its own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BenchSection, Measure } from "./types";

const SCANS = path.resolve("tests/fixtures/scans");
const FILES = ["scan1.pdf", "scan3.pdf"];

async function child() {
  const { extractText } = await import("@/lib/extract");
  const { ocrEngine } = await import("@/lib/extract/ocr/engine");
  let t = performance.now();
  await ocrEngine();
  const load = (performance.now() - t) / 1000;
  let pages = 0;
  const cpu0 = process.cpuUsage();
  t = performance.now();
  for (const f of FILES) {
    const r = await extractText(new Uint8Array(fs.readFileSync(path.join(SCANS, f))), { fileName: f, ocr: true });
    pages += r.ocr?.pages.length ?? 0;
  }
  const wall = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ pages, load, wall, cpu: (used.user + used.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

export const section: BenchSection = {
  name: "ocr",
  async run(ctx) {
    ctx.log(`OCR of ${FILES.join(", ")} (one core)`);
    const out = execFileSync(process.execPath, ["--import", "tsx", __filename, "--child"], { env: { ...process.env, OCR_THREADS: "1" }, encoding: "utf8", maxBuffer: 1 << 20 });
    const r = JSON.parse(out) as { pages: number; load: number; wall: number; cpu: number; maxRssMb: number };
    const note = `${r.pages} A4 pages at ≤2400 px (pdftoppm excluded from CPU)`;
    const rows: Measure[] = [
      { section: "ocr", measure: "CPU seconds a page (one core)", value: r.cpu / r.pages, unit: "s", note },
      { section: "ocr", measure: "wall seconds a page", value: r.wall / r.pages, unit: "s", note },
      { section: "ocr", measure: "models loaded", value: r.load, unit: "s", note: "PP-OCRv4 det + rec, 16 MB" },
      { section: "ocr", measure: "OCR reader peak memory (RSS)", value: r.maxRssMb, unit: "MB", note },
    ];
    return rows;
  },
};

if (process.argv.includes("--child")) void child();
