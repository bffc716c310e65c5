// How far the OCR of an upload has got, for the upload page's progress line ("正在识别第 3/10
// 页"). The page names its upload with a random token (form field `progress`); the OCR reader
// reports each page and box it reads (ReadPool → readInPool), and the page asks
// GET /api/ocr-progress/:token every second or two while it waits for the preview. Held in this
// server process's memory, briefly: it is a courtesy, not a record (behind several server
// processes a page may ask one that is not reading its file, and then shows no line).
import type { OcrProgress } from "@/lib/extract/ocr/engine";

export interface OcrStatus {
  state: "waiting" | "reading";
  page?: number;
  pages?: number;
  /** One line for the person waiting, in Chinese. */
  line: string;
}

/** What a progress token looks like (random, from the browser). */
export const PROGRESS_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

const KEPT_MS = 15 * 60_000;
const MAX_KEPT = 1000;

const globalForProgress = globalThis as unknown as { gongkaiOcrProgress?: Map<string, { at: number; status: OcrStatus }> };
const statuses = (globalForProgress.gongkaiOcrProgress ??= new Map());

/** "正在识别第 3/10 页（识别文字 120/231）" */
export function progressStatus(p: OcrProgress | null): OcrStatus {
  if (!p) return { state: "waiting", line: "排队等待文字识别（OCR）…" };
  const step = p.stage === "detect" ? "查找文字" : `识别文字 ${p.done ?? 0}/${p.total ?? 0}`;
  return { state: "reading", page: p.page, pages: p.pages, line: `正在识别第 ${p.page}/${p.pages} 页（${step}）` };
}

export function setOcrStatus(token: string, status: OcrStatus) {
  const now = Date.now();
  statuses.delete(token);
  statuses.set(token, { at: now, status });
  for (const [k, v] of statuses) {
    if (statuses.size <= MAX_KEPT && now - v.at <= KEPT_MS) break; // oldest first
    statuses.delete(k);
  }
}

export function clearOcrStatus(token: string) {
  statuses.delete(token);
}

export function ocrStatus(token: string): OcrStatus | null {
  if (!PROGRESS_TOKEN.test(token)) return null;
  const kept = statuses.get(token);
  return kept && Date.now() - kept.at <= KEPT_MS ? kept.status : null;
}
