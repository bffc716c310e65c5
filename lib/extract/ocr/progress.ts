import type { OcrProgress } from "./engine";

/** "文字识别 第 2/10 页：识别 120/231" — one line for a terminal or a status message. */
export function ocrProgressLine(p: OcrProgress): string {
  const step = p.stage === "detect" ? "查找文字" : `识别 ${p.done ?? 0}/${p.total ?? 0}`;
  return `文字识别（OCR）第 ${p.page}/${p.pages} 页：${step}`;
}
