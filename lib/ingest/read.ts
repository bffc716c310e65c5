// bytes → text → reports: what the import CLI, the sample import and the upload page share
// before anything is stored.
import { extractText, extractPastedText } from "@/lib/extract";
import { analyzeText } from "@/lib/analyze";
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
): Promise<DocumentToStore> {
  const extracted = await extractText(bytes, { fileName, maxBytes, mimeType });
  const { reports } = analyzeText(extracted.text, { ...hints, fileName });
  return {
    bytes,
    fileName,
    format: extracted.format,
    encoding: extracted.encoding ?? null,
    text: extracted.text,
    reports,
    parserVersion: PARSER_VERSION,
  };
}

export function readPastedText(text: string, hints?: ReadHints): DocumentToStore {
  const extracted = extractPastedText(text);
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
