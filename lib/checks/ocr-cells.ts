// Which OCR box each value of a parsed report was read from. The parser reads the text the OCR
// layout wrote ("| label | 3 | 0 | … |"), not the boxes, so the link is made back here: a table-3
// row of the report is the OCR row that printed the same numbers in the same order, under a label
// naming the same row (the parser's own label rules); an OCR row whose label names no row (cut,
// misread) is taken in print order when its numbers agree. Rows that agree with none (a misread
// digit the arithmetic flags, a cell split from a glued run) get no box: an unknown place is left
// unknown, not guessed. Table 4 is the run of OCR rows holding its fifteen numbers in order.
// Pure functions, no I/O.
import { TABLE3_COLUMNS, TABLE3_GROUPS, TABLE4_KEYS, type Table3Key } from "@/lib/model/keys";
import type { OcrCellSource, ParsedReport } from "@/lib/model/report-schema";
import { classifyT3 } from "@/lib/parser/labels";
import type { OcrNumber } from "@/lib/extract/ocr/layout";

/** A number as the OCR layout placed it (its page, box, confidence, row and the row's label). */
export type OcrNumberRead = OcrNumber;

export interface OcrPageRead {
  page: number;
  /** Size of the page image the boxes are in. */
  width: number;
  height: number;
  numbers: OcrNumberRead[];
}

/** Table 3's keys in the template's print order (a group printed as one row before its items). */
const PRINT_ORDER: Table3Key[] = [
  "new_received",
  "carried_over",
  "granted",
  "partially_granted",
  ...(Object.keys(TABLE3_GROUPS) as (keyof typeof TABLE3_GROUPS)[]).flatMap((g) => [g as Table3Key, ...TABLE3_GROUPS[g].map((i) => `${g}.${i}` as Table3Key)]),
  "total_processed",
  "carried_forward",
];

/** Values not read where printed: derived or stated in prose (no box), split from a glued run (one box for several cells). */
const NOT_PRINTED = new Set(["derived", "prose", "split"]);

interface Row {
  page: OcrPageRead;
  numbers: OcrNumberRead[];
  /** The table-3 row its label names, if any. */
  key: Table3Key | null;
}

const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 10000) / 10000;

function source(n: OcrNumberRead, page: OcrPageRead): OcrCellSource {
  return {
    page: n.page,
    x: round(n.box.x / page.width),
    y: round(n.box.y / page.height),
    w: round(n.box.width / page.width),
    h: round(n.box.height / page.height),
    confidence: Math.round(n.confidence * 1000) / 1000,
    text: n.text.slice(0, 40),
  };
}

function rowsOf(pages: OcrPageRead[]): Row[] {
  const rows: Row[] = [];
  for (const page of pages) {
    const byRow = new Map<number, OcrNumberRead[]>();
    for (const n of page.numbers) byRow.set(n.row, [...(byRow.get(n.row) ?? []), n]);
    for (const [, numbers] of [...byRow].sort((a, b) => a[0] - b[0])) {
      const c = numbers[0].label ? classifyT3(numbers[0].label) : null;
      rows.push({ page, numbers, key: c?.kind === "row" ? c.key : null });
    }
  }
  return rows;
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Each value of the report that OCR read, keyed as findings name cells, with its box and confidence. */
export function ocrCells(r: Pick<ParsedReport, "table3" | "table4" | "provenance">, pages: OcrPageRead[]): Record<string, OcrCellSource> {
  const rows = rowsOf(pages);
  const used = new Set<Row>();
  const out: Record<string, OcrCellSource> = {};
  let cursor = 0;
  for (const key of PRINT_ORDER) {
    const values = r.table3[key];
    if (!Array.isArray(values)) continue;
    const cols = TABLE3_COLUMNS.map((c, i) => ({ c, i })).filter(({ c, i }) => values[i] !== null && !NOT_PRINTED.has(r.provenance?.[key]?.[c] ?? ""));
    if (!cols.length) continue;
    const want = cols.map(({ i }) => values[i] as number);
    const fits = (row: Row) => !used.has(row) && same(row.numbers.map((n) => n.value), want);
    // Its own label first (anywhere: a page may be read out of order), else the next unnamed row in print order.
    let at = rows.findIndex((row) => row.key === key && fits(row));
    if (at < 0) {
      at = rows.findIndex((row, i) => i >= cursor && row.key === null && fits(row));
      if (at < 0) continue;
    }
    const row = rows[at];
    used.add(row);
    cursor = Math.max(cursor, at + 1);
    cols.forEach(({ c }, k) => (out[`${key}.${c}`] = source(row.numbers[k], row.page)));
  }

  const t4 = r.table4;
  if (t4) {
    const idx = t4.map((v, i) => (v === null ? -1 : i)).filter((i) => i >= 0);
    const want = idx.map((i) => t4[i] as number);
    for (let s = 0; s < rows.length && want.length; s++) {
      if (used.has(rows[s])) continue;
      const run: OcrNumberRead[] = [];
      for (let e = s; e < rows.length && run.length < want.length && !used.has(rows[e]); e++) run.push(...rows[e].numbers);
      if (!same(run.map((n) => n.value), want)) continue;
      idx.forEach((i, k) => (out[TABLE4_KEYS[i]] = source(run[k], pages.find((p) => p.page === run[k].page)!)));
      break;
    }
  }
  return out;
}
