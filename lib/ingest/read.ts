// bytes → text → reports: what the import CLI, the sample import and the upload page share
// before anything is stored.
import { extractText, extractPastedText, type ExtractOptions } from "@/lib/extract";
import { analyzeExtracted, analyzeText } from "@/lib/analyze";
import { PARSER_VERSION } from "@/lib/parser";
import type { DocumentToStore } from "./store";

export interface ReadHints {
  agency?: string;
  year?: number;
  regionCode?: string;
}

export async function readFile(
  bytes: Uint8Array,
  fileName: string,
  hints?: ReadHints,
  maxBytes?: number,
  /** The Content-Type a web server sent with the bytes (its charset decides a page's encoding). */
  mimeType?: string,
  /** Read scans and images by OCR (lib/extract/ocr); only in a reader with OCR's budget. */
  ocr?: ExtractOptions["ocr"],
): Promise<DocumentToStore> {
  const extracted = await extractText(bytes, { fileName, maxBytes, mimeType, ocr });
  const { reports } = analyzeExtracted(extracted, { ...hints, fileName });
  return {
    bytes,
    fileName,
    format: extracted.format,
    encoding: extracted.encoding ?? null,
    text: extracted.text,
    reports,
    parserVersion: PARSER_VERSION,
    ...(extracted.ocr ? { ocrPages: extracted.ocr.pages.length } : {}),
  };
}

export function readPastedText(text: string, hints?: ReadHints, maxBytes?: number): DocumentToStore {
  const extracted = extractPastedText(text, { maxBytes });
  const { reports } = analyzeText(extracted.text, hints);
  return {
    bytes: new TextEncoder().encode(text),
    fileName: null,
    format: "paste",
    encoding: "utf-8",
    text: extracted.text,
    reports,
    parserVersion: PARSER_VERSION,
  };
}
