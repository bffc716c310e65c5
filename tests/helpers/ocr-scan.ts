// A table as OCR gives it, without OCR: the boxes of a printed table 3 (optionally tilted), laid
// out by lib/extract/ocr/layout.ts into the text and numbers an OCR'd page yields. For tests of
// what follows OCR (the layout, the cells' boxes, storing them) that need no image.
import { layoutPage, type OcrBox } from "@/lib/extract/ocr/layout";
import { RICH, T3_LINES, valuesOf, type Values } from "./report-builder";

/** Boxes of a printed table: labels at x=100, seven number columns from x=800, rows 60 px apart,
 * the page turned by `deg` (y grows down, so a positive tilt lowers the right side). */
export function tableBoxes(rows: { label: string; values: (number | null)[] }[], deg = 0): OcrBox[] {
  const t = Math.tan((deg * Math.PI) / 180);
  const out: OcrBox[] = [];
  const at = (text: string, x: number, y: number, width: number) => out.push({ text, x, y: y + x * t, width, height: 30, confidence: 0.97 });
  rows.forEach((r, i) => {
    const y = 300 + i * 60;
    at(r.label, 100, y, Math.min(r.label.length * 28, 620)); // a long label wraps in its cell, short of the numbers
    r.values.forEach((v, c) => v !== null && at(String(v), 800 + c * 95, y, 14 * String(v).length));
  });
  return out;
}


/** The page the boxes of scannedTable sit on, in pixels. */
export const SCAN_PAGE = { WIDTH: 2000, HEIGHT: 2800 };

/** Table 3 of `values` as a scan gives it (title and prose above it), new_received's 自然人 read with confidence 0.62. */
export function scannedTable(values: Values = RICH, agency = "某县人民政府办公室") {
  const rows = T3_LINES.map((l) => ({ label: l.cells[l.cells.length - 1], values: valuesOf(values, l.key) }));
  const boxes = tableBoxes(rows);
  const doubtful = boxes.find((b) => b.x === 800 && b.y === 300)!; // new_received, 自然人
  doubtful.confidence = 0.62;
  const laid = layoutPage(boxes, 1);
  const text = `${agency}2023年政府信息公开工作年度报告\n一、总体情况\n本年共收到申请${valuesOf(values, "new_received")[6]}件。\n三、收到和处理政府信息公开申请情况\n${laid.text}`;
  return { text, ocr: { pages: [{ page: 1, width: SCAN_PAGE.WIDTH, height: SCAN_PAGE.HEIGHT, confidence: 0.95, numbers: laid.numbers }] } };
}
