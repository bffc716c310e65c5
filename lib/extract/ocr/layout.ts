// OCR text boxes → the parser's text. A scanned table has no text layer and, once blurred and
// tilted, no rules one can trust; what OCR gives is boxes (text, position, confidence). Rows are
// the boxes that share a baseline (after the page's tilt is taken out); within a row a wide gap
// starts a new cell; the numeric columns of a table are the x positions its numbers share over
// its rows, so a blank cell keeps its place. A label wrapped over several lines in its cell is
// joined back to the row its numbers sit on. Every row of a table comes out as
// "| cell | cell | … |", as lib/extract/pdf.ts writes a ruled table, so the parser reads it
// unchanged. Pure functions: no I/O.

export interface OcrBox {
  text: string;
  /** Top-left corner and size, in the page image's pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The recogniser's confidence, 0–1. */
  confidence: number;
}

/** A number as it went into the text: where it was printed and how sure OCR was of it. */
export interface OcrNumber {
  page: number;
  text: string;
  value: number;
  box: { x: number; y: number; width: number; height: number };
  confidence: number;
  /** The table row it sits in (counted over the page, from 0): the numbers of one printed row share it. */
  row: number;
  /** That row's label as read (its text cells left of the numbers, joined). */
  label: string;
}

export interface OcrPageText {
  text: string;
  numbers: OcrNumber[];
  /** The tilt found and taken out, in degrees (positive: the text rises to the right). */
  skewDegrees: number;
}

/** Letters OCR reads for digits in a cell that holds nothing else (O for 0, l for 1 …). */
const DIGIT_LOOKALIKES: Record<string, string> = { O: "0", o: "0", D: "0", Q: "0", "〇": "0", l: "1", I: "1", "|": "1", Z: "2", S: "5", B: "8" };
const NUMBERISH = /^[\d,，.OoDQ〇lI|ZSB]+$/;
const DIGITS = /\d/;

/** A cell's text as a number when it is one (digit look-alikes mended, thousands separators dropped). */
export function readNumber(text: string): string | null {
  const t = text.replace(/\s+/g, "");
  if (!t || !NUMBERISH.test(t)) return null;
  const mended = [...t].map((c) => DIGIT_LOOKALIKES[c] ?? c).join("").replace(/[,，](?=\d{3}\b)/g, "");
  // One look-alike alone (an "O" or "l") is a digit only inside a table row; the caller decides.
  return /^\d+(\.\d+)?$/.test(mended) ? mended : null;
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/**
 * The tilt of a page from its boxes: the angle at which the boxes' centres, projected on the
 * vertical, fall into the fewest, sharpest lines (a projection profile over box centres).
 */
export function estimateSkew(boxes: OcrBox[], maxDegrees = 3, step = 0.05): number {
  if (boxes.length < 8) return 0;
  const h = median(boxes.map((b) => b.height)) || 10;
  const bin = Math.max(2, h / 4);
  let best = 0;
  let bestScore = -1;
  for (let deg = -maxDegrees; deg <= maxDegrees + 1e-9; deg += step) {
    const t = Math.tan((deg * Math.PI) / 180);
    const hist = new Map<number, number>();
    for (const b of boxes) {
      const cx = b.x + b.width / 2;
      const cy = b.y + b.height / 2;
      const k = Math.round((cy + cx * t) / bin);
      hist.set(k, (hist.get(k) ?? 0) + 1);
    }
    let score = 0;
    for (const n of hist.values()) score += n * n;
    // Ties go to the smaller angle (an upright page stays upright).
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) < 1e-9 && Math.abs(deg) < Math.abs(best))) {
      bestScore = score;
      best = deg;
    }
  }
  return Math.round(best * 100) / 100 || 0; // no -0
}

interface Placed extends OcrBox {
  /** Centre after the tilt is taken out. */
  cx: number;
  cy: number;
}

interface Cell {
  text: string;
  left: number;
  right: number;
  cy: number;
  boxes: Placed[];
  number: string | null;
}

interface Line {
  cy: number;
  cells: Cell[];
}

function toLines(boxes: Placed[], h: number): Line[] {
  const sorted = [...boxes].sort((a, b) => a.cy - b.cy);
  const lines: { cy: number; boxes: Placed[] }[] = [];
  for (const b of sorted) {
    const line = lines.find((l) => Math.abs(l.cy - b.cy) <= h * 0.5);
    if (line) {
      line.boxes.push(b);
      line.cy = line.boxes.reduce((s, x) => s + x.cy, 0) / line.boxes.length;
    } else lines.push({ cy: b.cy, boxes: [b] });
  }
  return lines
    .sort((a, b) => a.cy - b.cy)
    .map((l) => {
      const row = l.boxes.sort((a, b) => a.cx - b.cx);
      const cells: Cell[] = [];
      for (const b of row) {
        const left = b.cx - b.width / 2;
        const last = cells[cells.length - 1];
        // Characters of one cell sit close; the next cell starts past a rule and its padding.
        if (last && left - last.right < h * 0.6 && !(last.number !== null && readNumber(b.text) !== null)) {
          last.text += b.text;
          last.right = Math.max(last.right, b.cx + b.width / 2);
          last.boxes.push(b);
          last.number = readNumber(last.text);
        } else cells.push({ text: b.text, left, right: b.cx + b.width / 2, cy: b.cy, boxes: [b], number: readNumber(b.text) });
      }
      return { cy: l.cy, cells };
    });
}

const isNumericLine = (l: Line) => l.cells.filter((c) => c.number !== null).length >= 2;
const centre = (c: Cell) => (c.left + c.right) / 2;

/** Columns of a run of numeric lines: the x centres their number cells share. */
function numericColumns(lines: Line[], h: number): number[] {
  const xs = lines.flatMap((l) => l.cells.filter((c) => c.number !== null).map(centre)).sort((a, b) => a - b);
  const cols: { sum: number; n: number }[] = [];
  for (const x of xs) {
    const last = cols[cols.length - 1];
    if (last && x - last.sum / last.n < h * 1.2) {
      last.sum += x;
      last.n++;
    } else cols.push({ sum: x, n: 1 });
  }
  // A column is one most rows print in (a stray number elsewhere is not a column).
  const need = Math.max(1, Math.ceil(lines.length * 0.3));
  return cols.filter((c) => c.n >= need).map((c) => c.sum / c.n);
}

/**
 * One page's boxes → its text (prose lines, table rows as "| … |") and the numbers placed in
 * table cells, each with its box and confidence.
 */
export function layoutPage(input: OcrBox[], page = 1): OcrPageText {
  const boxes = input.filter((b) => b.text.trim() && b.width > 0 && b.height > 0);
  if (!boxes.length) return { text: "", numbers: [], skewDegrees: 0 };
  const skew = estimateSkew(boxes);
  const t = Math.tan((skew * Math.PI) / 180);
  const placed: Placed[] = boxes.map((b) => {
    const cx = b.x + b.width / 2;
    const cy = b.y + b.height / 2;
    return { ...b, text: b.text.trim(), cx: cx - cy * t, cy: cy + cx * t };
  });
  const h = median(placed.map((b) => b.height)) || 10;
  const lines = toLines(placed, h);

  // Tables: runs of numeric lines, with the text-only lines between them (wrapped labels).
  type Block = { kind: "prose"; line: Line } | { kind: "table"; lines: Line[] };
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isNumericLine(lines[i])) {
      blocks.push({ kind: "prose", line: lines[i] });
      continue;
    }
    const run: Line[] = [lines[i]];
    let j = i + 1;
    // Text-only lines inside the table (up to five in a row: labels wrapped in their cells).
    for (; j < lines.length; j++) {
      if (isNumericLine(lines[j])) run.push(lines[j]);
      else {
        let k = j;
        while (k < lines.length && !isNumericLine(lines[k]) && k - j < 5 && lines[k].cy - lines[k - 1].cy < h * 2.5) k++;
        if (k < lines.length && isNumericLine(lines[k]) && lines[k].cy - lines[k - 1].cy < h * 2.5) {
          run.push(...lines.slice(j, k));
          j = k - 1;
        } else break;
      }
    }
    blocks.push({ kind: "table", lines: run });
    i = j - 1;
  }

  const out: string[] = [];
  const numbers: OcrNumber[] = [];
  let rowNo = 0;
  for (const b of blocks) {
    if (b.kind === "prose") {
      out.push(b.line.cells.length > 1 ? b.line.cells.map((c) => c.text).join(" | ") : b.line.cells[0].text);
      continue;
    }
    const rows = b.lines.filter(isNumericLine);
    const wraps = b.lines.filter((l) => !isNumericLine(l));
    const cols = numericColumns(rows, h);
    const firstCol = cols.length ? cols[0] - h * 1.2 : Infinity;
    // Each wrapped fragment joins the numeric row nearest to it, in the label cell it overlaps.
    const labels = new Map<Line, Cell[]>(rows.map((r) => [r, r.cells.filter((c) => centre(c) < firstCol)]));
    for (const w of wraps)
      for (const frag of w.cells) {
        const row = rows.reduce((best, r) => (Math.abs(r.cy - frag.cy) < Math.abs(best.cy - frag.cy) ? r : best), rows[0]);
        const cells = labels.get(row)!;
        const into = cells.find((c) => frag.left < c.right && frag.right > c.left);
        if (into) {
          into.text = frag.cy < into.cy ? frag.text + into.text : into.text + frag.text;
          into.left = Math.min(into.left, frag.left);
          into.right = Math.max(into.right, frag.right);
        } else {
          cells.push({ ...frag });
          cells.sort((a, c) => a.left - c.left);
        }
      }
    for (const r of rows) {
      const row = rowNo++;
      const label = labels.get(r)!.map((c) => c.text);
      const rest = r.cells.filter((c) => centre(c) >= firstCol);
      const values: string[] = [];
      if (cols.length >= 2) {
        for (const x of cols) {
          const c = rest.find((k) => Math.abs(centre(k) - x) < h * 1.2);
          values.push(c ? (c.number ?? c.text) : "");
          if (c?.number) numbers.push(numberOf(c, page, row, label.join("")));
        }
      } else
        for (const c of rest) {
          values.push(c.number ?? c.text);
          if (c.number) numbers.push(numberOf(c, page, row, label.join("")));
        }
      out.push(`| ${[...label, ...values].join(" | ")} |`);
    }
  }
  return { text: out.join("\n"), numbers, skewDegrees: skew };
}

function numberOf(c: Cell, page: number, row: number, label: string): OcrNumber {
  const xs = c.boxes.map((b) => b.x);
  const ys = c.boxes.map((b) => b.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    page,
    text: c.text,
    value: Number(c.number),
    box: { x, y, width: Math.max(...c.boxes.map((b) => b.x + b.width)) - x, height: Math.max(...c.boxes.map((b) => b.y + b.height)) - y },
    confidence: Math.min(...c.boxes.map((b) => b.confidence)),
    row,
    label,
  };
}
