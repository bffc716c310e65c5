// npm run --silent parse -- FILE   prints {"reports": [...]} for one report file (txt in any
// encoding, html, pdf, docx, doc: lib/extract), one JSON object on stdout.
// Errors: a Chinese + English message on stderr, exit code 1.
import fs from "node:fs";
import path from "node:path";
import { analyzeExtracted } from "@/lib/analyze";
import { ExtractError, extractText } from "@/lib/extract";
import { ocrInstalled } from "@/lib/extract/ocr/engine";
import { ocrProgressLine } from "@/lib/extract/ocr/progress";

const EXTRACT_ENGLISH: Record<string, string> = {
  empty: "the file is empty",
  too_large: "the file is too large",
  unsupported: "unsupported file format",
  no_text_layer: "the PDF has no text layer (scanned?)",
  encrypted: "the file is password-protected",
  unreadable_encoding: "unknown text encoding",
  corrupt: "the file is corrupt or not what its name says",
};

async function main(): Promise<number> {
  const file = process.argv.slice(2).find((a) => a !== "--");
  if (!file) {
    console.error("用法: npm run --silent parse -- 文件  (usage: npm run --silent parse -- FILE)");
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    console.error(`无法读取文件 ${file}（cannot read the file: ${(e as Error).message}）`);
    return 1;
  }
  try {
    const fileName = path.basename(file);
    // Scans and photos are read by OCR when it is installed, with a progress line on a terminal.
    const ocr = ocrInstalled() ? { onProgress: process.stderr.isTTY ? (p: Parameters<typeof ocrProgressLine>[0]) => process.stderr.write(`\r${ocrProgressLine(p)}\x1b[K`) : undefined } : false;
    const extracted = await extractText(bytes, { fileName, ocr });
    if (ocr && ocr.onProgress && extracted.ocr) process.stderr.write("\n");
    process.stdout.write(JSON.stringify(analyzeExtracted(extracted, { fileName })) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof ExtractError) {
      console.error(`${e.message}（${EXTRACT_ENGLISH[e.code] ?? e.code}: ${file}）`);
      return 1;
    }
    throw e;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`解析失败（parse failed）: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
