// A report read by OCR: every table value it holds came from an image, so each cell is marked
// `ocr` (unless the parser already says how it got it: derived, inferred, split, prose), and the
// report carries ocr_unconfirmed — the review queue holds it until a person confirms or corrects
// it. The evidence names the OCR's confidence, and the least certain numbers with their page.
import { TABLE3_COLUMNS, type Table3Key } from "@/lib/model/keys";
import type { Finding, ParsedReport } from "@/lib/model/report-schema";

export interface OcrNumberSeen {
  page: number;
  text: string;
  confidence: number;
}

export interface OcrEvidence {
  pages: { page: number; confidence: number; numbers: OcrNumberSeen[] }[];
}

/** Below this a number is listed by name in the finding's evidence. */
export const OCR_DOUBTFUL = 0.9;
const LISTED = 12;

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function ocrEvidence(o: OcrEvidence): string {
  const numbers = o.pages.flatMap((p) => p.numbers);
  const pages = o.pages.map((p) => p.page);
  const parts = [`文字识别 ${pages.length} 页（第 ${pages.join("、")} 页），表格中读出数字 ${numbers.length} 个`];
  if (numbers.length) {
    const mean = numbers.reduce((s, n) => s + n.confidence, 0) / numbers.length;
    const min = numbers.reduce((a, n) => (n.confidence < a.confidence ? n : a));
    parts.push(`数字的平均置信度 ${pct(mean)}，最低 ${pct(min.confidence)}（第 ${min.page} 页“${min.text}”）`);
    const doubtful = numbers.filter((n) => n.confidence < OCR_DOUBTFUL).sort((a, b) => a.confidence - b.confidence);
    if (doubtful.length)
      parts.push(
        `置信度低于 ${pct(OCR_DOUBTFUL)} 的 ${doubtful.length} 个：` +
          doubtful
            .slice(0, LISTED)
            .map((n) => `第 ${n.page} 页“${n.text}”${pct(n.confidence)}`)
            .join("、") +
          (doubtful.length > LISTED ? " 等" : ""),
      );
  }
  return parts.join("；");
}

/** Marks a parsed report as read by OCR (provenance and the ocr_unconfirmed finding), in place. */
export function markOcr(r: ParsedReport, o: OcrEvidence): void {
  for (const [key, row] of Object.entries(r.table3) as [Table3Key, (number | null)[]][]) {
    if (!Array.isArray(row)) continue;
    const prov = { ...(r.provenance[key] ?? {}) };
    TABLE3_COLUMNS.forEach((c, i) => {
      if (row[i] === null || row[i] === undefined) return;
      prov[c] ??= "ocr";
    });
    if (Object.keys(prov).length) r.provenance[key] = prov;
  }
  const finding: Finding = {
    code: "ocr_unconfirmed",
    message: "这份报告是扫描件或图片，数字由文字识别（OCR）读出，可能有误：请对照原件核对，确认或更正后才算核实。",
    evidence: ocrEvidence(o),
  };
  // No cell list: every value is marked ocr already, and listing them all would bury the
  // arithmetic findings that point at the cells most likely misread.
  r.flags.push(finding);
}
