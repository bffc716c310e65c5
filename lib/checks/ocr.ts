// A report read by OCR: every table value it holds came from an image, so each cell is marked
// `ocr` (unless the parser already says how it got it: derived, inferred, split, prose), keeps the
// box it was read from and the recogniser's confidence (report.ocr, lib/checks/ocr-cells.ts), and
// the report carries ocr_unconfirmed — the review queue holds it until a person confirms or
// corrects it. The evidence names the OCR's confidence and lists the cells read with less than
// OCR_DOUBTFUL by name, page and confidence; the tables mark them from report.ocr.
import { cellName, OCR_DOUBTFUL, TABLE3_COLUMNS, type Table3Key } from "@/lib/model/keys";
import type { Finding, OcrCellSource, ParsedReport } from "@/lib/model/report-schema";
import { ocrCells, type OcrPageRead } from "./ocr-cells";

export interface OcrEvidence {
  /** Each page read by OCR, with the numbers it placed in table cells and its mean confidence. */
  pages: (OcrPageRead & { confidence: number })[];
}

export { OCR_DOUBTFUL, cellName };
const LISTED = 12;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The cells read with less than OCR_DOUBTFUL confidence, least sure first. */
export function doubtfulCells(cells: Record<string, OcrCellSource>): [string, OcrCellSource][] {
  return Object.entries(cells)
    .filter(([, c]) => c.confidence < OCR_DOUBTFUL)
    .sort((a, b) => a[1].confidence - b[1].confidence);
}

export function ocrEvidence(o: OcrEvidence, cells: Record<string, OcrCellSource>): string {
  const pages = o.pages.map((p) => p.page);
  const numbers = o.pages.flatMap((p) => p.numbers);
  const placed = Object.values(cells);
  const parts = [`文字识别 ${pages.length} 页（第 ${pages.join("、")} 页），表格中读出数字 ${numbers.length} 个，其中 ${placed.length} 个对应到本报告的表格单元格`];
  if (placed.length) {
    const mean = placed.reduce((s, c) => s + c.confidence, 0) / placed.length;
    parts.push(`单元格数字的平均置信度 ${pct(mean)}`);
    const doubtful = doubtfulCells(cells);
    parts.push(
      doubtful.length
        ? `置信度低于 ${pct(OCR_DOUBTFUL)} 的 ${doubtful.length} 格：` +
            doubtful
              .slice(0, LISTED)
              .map(([k, c]) => `${cellName(k)}（第 ${c.page} 页，读作“${c.text}”，置信度 ${pct(c.confidence)}）`)
              .join("、") +
            (doubtful.length > LISTED ? " 等" : "")
        : `没有置信度低于 ${pct(OCR_DOUBTFUL)} 的单元格`,
    );
  } else if (numbers.length) {
    const min = numbers.reduce((a, n) => (n.confidence < a.confidence ? n : a));
    parts.push(`最低置信度 ${pct(min.confidence)}（第 ${min.page} 页“${min.text}”）`);
  }
  return parts.join("；");
}

/** Marks a parsed report as read by OCR (provenance, each cell's box and confidence, the ocr_unconfirmed finding), in place. */
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
  const cells = ocrCells(r, o.pages);
  r.ocr = { pages: o.pages.map((p) => p.page), cells };
  const finding: Finding = {
    code: "ocr_unconfirmed",
    message: "这份报告是扫描件或图片，数字由文字识别（OCR）读出，可能有误：请对照原件核对，确认或更正后才算核实。",
    evidence: ocrEvidence(o, cells),
  };
  // No cells: every value is marked ocr already (the doubtful ones by their confidence in
  // report.ocr), and a finding with cells is settled once those cells are corrected
  // (lib/review/apply.ts) — correcting the doubtful few must not confirm the rest.
  r.flags.push(finding);
}
