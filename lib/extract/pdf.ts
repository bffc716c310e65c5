// PDF text layer → lines (no OCR). Ruled tables — the statistics of almost every report — are
// rebuilt from the lines drawn on the page: each cell's text is gathered (wrapped labels and
// vertically centred numbers alike) and every row becomes one line "| cell | cell | … |", blank
// cells kept, a merged cell placed in the first row it spans, as in HTML. Text outside ruled
// tables is joined into lines by baseline; a wide gap between items on one line becomes " | ".
import { ExtractError } from "./errors";
import { assertPdfContentWithinBudget, assertPdfPages } from "./pdf-guard";

// pdf.js compiles fonts with ArrayBuffer.prototype.transferToFixedLength (Node ≥ 21); on Node 20
// getOperatorList stops at the first font without it. A copy does what pdf.js needs.
{
  const proto = ArrayBuffer.prototype as unknown as Record<string, unknown>;
  if (typeof proto.transferToFixedLength !== "function") {
    Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", {
      configurable: true,
      writable: true,
      value: function transferToFixedLength(this: ArrayBuffer, length: number = this.byteLength) {
        const out = new ArrayBuffer(length);
        new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
        return out;
      },
    });
  }
}

export interface PdfItem {
  str: string;
  x: number;
  /** Baseline, PDF space (origin bottom-left). */
  y: number;
  width: number;
  /** Font size (height of an em). */
  size: number;
}

export interface Segment {
  /** Horizontal: y fixed, from a to b along x. Vertical: x fixed, from a to b along y. */
  at: number;
  a: number;
  b: number;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Thin filled rectangles and stroked straight lines → horizontal and vertical rules. */
export function rulesFromOperators(
  fnArray: number[],
  argsArray: unknown[],
  OPS: Record<string, number>,
): { h: Segment[]; v: Segment[] } {
  const h: Segment[] = [];
  const v: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const STROKE = new Set([OPS.stroke, OPS.closeStroke]);
  const FILL = new Set([OPS.fill, OPS.eoFill]);
  const BOTH = new Set([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const addEdge = (x1: number, y1: number, x2: number, y2: number) => {
    if (Math.abs(y1 - y2) < 0.8 && Math.abs(x1 - x2) > 1) h.push({ at: (y1 + y2) / 2, a: Math.min(x1, x2), b: Math.max(x1, x2) });
    else if (Math.abs(x1 - x2) < 0.8 && Math.abs(y1 - y2) > 1) v.push({ at: (x1 + x2) / 2, a: Math.min(y1, y2), b: Math.max(y1, y2) });
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(argsArray[i] as Matrix, ctm);
    else if (fn === OPS.constructPath) {
      const [paint, [data]] = argsArray[i] as [number, [ArrayLike<number> | null]];
      if (!data) continue;
      const stroked = STROKE.has(paint) || BOTH.has(paint);
      const filled = FILL.has(paint) || BOTH.has(paint);
      if (!stroked && !filled) continue;
      // Subpaths as point lists in page space; curves make a subpath non-rectilinear.
      const subpaths: { pts: [number, number][]; curved: boolean }[] = [];
      let cur: { pts: [number, number][]; curved: boolean } | null = null;
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0) {
          cur = { pts: [apply(ctm, data[k + 1], data[k + 2])], curved: false };
          subpaths.push(cur);
          k += 3;
        } else if (op === 1) {
          cur?.pts.push(apply(ctm, data[k + 1], data[k + 2]));
          k += 3;
        } else if (op === 2) {
          if (cur) cur.curved = true;
          k += 7;
        } else if (op === 3) {
          if (cur) cur.curved = true;
          k += 5;
        } else if (op === 4) {
          if (cur && cur.pts.length) cur.pts.push(cur.pts[0]);
          k += 1;
        } else break; // an encoding we do not know: keep what we have
      }
      for (const sp of subpaths) {
        if (sp.curved || sp.pts.length < 2) continue;
        const xs = sp.pts.map((p) => p[0]);
        const ys = sp.pts.map((p) => p[1]);
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        const w = x1 - x0;
        const ht = y1 - y0;
        if (filled && w <= 3 && ht > 3) v.push({ at: (x0 + x1) / 2, a: y0, b: y1 });
        else if (filled && ht <= 3 && w > 3) h.push({ at: (y0 + y1) / 2, a: x0, b: x1 });
        else if (stroked) for (let k = 1; k < sp.pts.length; k++) addEdge(sp.pts[k - 1][0], sp.pts[k - 1][1], sp.pts[k][0], sp.pts[k][1]);
        // (a large filled rectangle is a cell's shading, not a rule)
      }
    }
  }
  return { h: mergeSegments(h), v: mergeSegments(v) };
}

/** Joins collinear rules that touch or overlap (borders are often drawn cell by cell). */
export function mergeSegments(segs: Segment[], tol = 1.5): Segment[] {
  const sorted = [...segs].sort((p, q) => p.at - q.at || p.a - q.a);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out.findLast((o) => Math.abs(o.at - s.at) <= tol && s.a <= o.b + tol && s.b >= o.a - tol);
    if (last) {
      last.a = Math.min(last.a, s.a);
      last.b = Math.max(last.b, s.b);
    } else out.push({ ...s });
  }
  return out;
}

/** One rebuilt cell: its text and its place in the grid. */
interface Cell {
  row: number;
  col: number;
  top: number;
  left: number;
  items: PdfItem[];
}

export interface TableRow {
  /** y of the row's top edge (PDF space). */
  top: number;
  cells: string[];
}

const TOL = 2;
const covers = (s: Segment, from: number, to: number) => s.a <= from + TOL && s.b >= to - TOL;

/** Distinct positions (within the tolerance) in ascending order. */
function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1] > TOL) out.push(v);
  return out;
}

/**
 * Ruled tables on a page: connected groups of rules with at least two of each direction. Their
 * grid boxes are merged where no rule separates them (colspan/rowspan); the text items whose
 * centre falls in a cell are taken out of `items` and the table's rows returned.
 */
export function tablesFromRules(h: Segment[], v: Segment[], items: PdfItem[]): { rows: TableRow[]; rest: PdfItem[] } {
  // Connected components of rules (a horizontal and a vertical rule touch when they cross).
  const all = [...h.map((s) => ({ s, hz: true })), ...v.map((s) => ({ s, hz: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const p = all[i];
      const q = all[j];
      if (p.hz === q.hz) continue;
      const [hs, vs] = p.hz ? [p.s, q.s] : [q.s, p.s];
      if (vs.at >= hs.a - TOL && vs.at <= hs.b + TOL && hs.at >= vs.a - TOL && hs.at <= vs.b + TOL) parent[find(i)] = find(j);
    }
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  all.forEach((r, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    (r.hz ? g.h : g.v).push(r.s);
    groups.set(find(i), g);
  });

  const rows: TableRow[] = [];
  let rest = items;
  for (const g of groups.values()) {
    // A table cut by a page break has no rule along the cut (and some tables have no outer
    // top or bottom border): close it where its vertical rules end.
    if (g.v.length >= 2) {
      const left = Math.min(...g.v.map((s) => s.at));
      const right = Math.max(...g.v.map((s) => s.at));
      for (const y of [Math.max(...g.v.map((s) => s.b)), Math.min(...g.v.map((s) => s.a))])
        if (!g.h.some((s) => Math.abs(s.at - y) <= TOL && covers(s, left, right))) g.h.push({ at: y, a: left, b: right });
    }
    const xs = distinct(g.v.map((s) => s.at));
    const ys = distinct(g.h.map((s) => s.at)).reverse(); // top first
    if (xs.length < 2 || ys.length < 2) continue;
    const nr = ys.length - 1;
    const nc = xs.length - 1;
    if (nr * nc > 20000) continue;
    // Union-find over grid boxes: two neighbours merge when no rule separates them.
    const id = (r: number, c: number) => r * nc + c;
    const up = Array.from({ length: nr * nc }, (_, i) => i);
    const root = (i: number): number => (up[i] === i ? i : (up[i] = root(up[i])));
    for (let r = 0; r < nr; r++)
      for (let c = 0; c < nc; c++) {
        if (c + 1 < nc && !g.v.some((s) => Math.abs(s.at - xs[c + 1]) <= TOL && covers(s, ys[r + 1], ys[r])))
          up[root(id(r, c + 1))] = root(id(r, c));
        if (r + 1 < nr && !g.h.some((s) => Math.abs(s.at - ys[r + 1]) <= TOL && covers(s, xs[c], xs[c + 1])))
          up[root(id(r + 1, c))] = root(id(r, c));
      }
    // A box outside every ruled cell (no rule on one of its sides anywhere) is not part of the table.
    const boxInside = (r: number, c: number) =>
      g.v.some((s) => s.at <= xs[c] + TOL && covers(s, ys[r + 1], ys[r])) &&
      g.v.some((s) => s.at >= xs[c + 1] - TOL && covers(s, ys[r + 1], ys[r])) &&
      g.h.some((s) => s.at >= ys[r] - TOL && covers(s, xs[c], xs[c + 1])) &&
      g.h.some((s) => s.at <= ys[r + 1] + TOL && covers(s, xs[c], xs[c + 1]));
    const cells = new Map<number, Cell>();
    for (let r = 0; r < nr; r++)
      for (let c = 0; c < nc; c++) {
        if (!boxInside(r, c)) continue;
        const k = root(id(r, c));
        const cell = cells.get(k);
        if (!cell) cells.set(k, { row: r, col: c, top: ys[r], left: xs[c], items: [] });
        else {
          cell.row = Math.min(cell.row, r);
          cell.col = Math.min(cell.col, c);
        }
      }
    if (cells.size < 2) continue;
    const left: PdfItem[] = [];
    for (const it of rest) {
      const cx = it.x + it.width / 2;
      const cy = it.y + it.size * 0.35;
      const c = xs.findIndex((x, i) => i < nc && cx >= x && cx < xs[i + 1]);
      const r = ys.findIndex((y, i) => i < nr && cy <= y && cy > ys[i + 1]);
      const cell = c >= 0 && r >= 0 && boxInside(r, c) ? cells.get(root(id(r, c))) : undefined;
      if (cell) cell.items.push(it);
      else left.push(it);
    }
    // A "table" whose cells hold prose is a frame around the page: leave its text as lines.
    const texts = [...cells.values()].map((c) => ({ c, text: cellText(c.items) }));
    if (texts.some((t) => t.text.replace(/\s/g, "").length > 300)) continue;
    rest = left;
    const byRow = new Map<number, { c: Cell; text: string }[]>();
    for (const t of texts) byRow.set(t.c.row, [...(byRow.get(t.c.row) ?? []), t]);
    for (const [r, list] of [...byRow].sort((a, b) => a[0] - b[0])) {
      list.sort((a, b) => a.c.col - b.c.col);
      rows.push({ top: ys[r], cells: list.map((t) => t.text) });
    }
  }
  return { rows, rest };
}

const CJK = /[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]/;

/** Items → lines by baseline (top to bottom), each line's items in x order. */
function groupLines(items: PdfItem[]): PdfItem[][] {
  const lines: { y: number; size: number; items: PdfItem[] }[] = [];
  for (const it of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l.y - it.y) <= Math.max(1.5, Math.min(l.size, it.size) * 0.35));
    if (line) line.items.push(it);
    else lines.push({ y: it.y, size: it.size, items: [it] });
  }
  return lines.sort((a, b) => b.y - a.y).map((l) => l.items.sort((a, b) => a.x - b.x));
}

/** One line's items joined: nothing between touching CJK, a space for a small gap, `sep` for a wide one. */
function joinLine(items: PdfItem[], sep: string | null): string {
  let out = "";
  let end = Number.NEGATIVE_INFINITY;
  for (const it of items) {
    const gap = it.x - end;
    if (out) {
      if (sep !== null && gap > Math.max(it.size * 1.2, 6)) out += sep;
      else if (gap > it.size * 0.2 && !(CJK.test(out.slice(-1)) && CJK.test(it.str[0]) && gap < it.size * 0.6)) out += " ";
    }
    out += it.str;
    end = Math.max(end, it.x + it.width);
  }
  return out.trim();
}

/** A cell's text: its lines joined, without a space where a CJK label wrapped. */
function cellText(items: PdfItem[]): string {
  let out = "";
  for (const line of groupLines(items)) {
    const t = joinLine(line, null);
    if (!t) continue;
    out += out && !(CJK.test(out.slice(-1)) && CJK.test(t[0])) ? " " + t : t;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** A page's text: prose lines and table rows merged top to bottom. */
export function pageText(items: PdfItem[], rules: { h: Segment[]; v: Segment[] }): string {
  const visible = items.filter((it) => it.str.trim());
  const { rows, rest } = tablesFromRules(rules.h, rules.v, visible);
  const blocks: { y: number; text: string }[] = rows.map((r) => ({ y: r.top, text: `| ${r.cells.join(" | ")} |` }));
  for (const line of groupLines(rest)) {
    const text = joinLine(line, " | ");
    if (text) blocks.push({ y: Math.max(...line.map((i) => i.y + i.size * 0.8)), text });
  }
  return blocks
    .sort((a, b) => b.y - a.y)
    .map((b) => b.text)
    .join("\n");
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

export interface PdfText {
  text: string;
  warnings: string[];
  /** Each page's text ("" for a broken page or one without a text layer), in page order. */
  pages: string[];
  /** Pages (1-based) without a text layer: scans, for OCR. */
  scannedPages: number[];
}

const PDF_CORRUPT = "这个 PDF 文件已损坏或不完整，无法读取。请重新下载后再上传，或复制报告文字后粘贴上传。";

type PdfDocument = Awaited<ReturnType<typeof import("unpdf").getDocumentProxy>>;

async function readPage(doc: PdfDocument, n: number) {
  const page = await doc.getPage(n);
  return { page, content: await page.getTextContent() };
}

/** `keepScanned`: pages without a text layer are listed for OCR instead of refused or warned about. */
export async function pdfToText(bytes: Uint8Array, opts: { keepScanned?: boolean } = {}): Promise<PdfText> {
  // Caps first (pdf-guard.ts): content operators before pdf.js sees the file, pages once it has
  // read the page tree.
  assertPdfContentWithinBudget(bytes);
  const { getDocumentProxy, getResolvedPDFJS } = await import("unpdf");
  const { OPS } = (await getResolvedPDFJS()) as unknown as { OPS: Record<string, number> };
  let doc: PdfDocument;
  try {
    // pdf.js may detach the buffer it is given: hand it a copy.
    doc = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (e) {
    const name = (e as { name?: string })?.name ?? "";
    if (name === "PasswordException" || /password/i.test(String((e as Error)?.message))) {
      throw new ExtractError("encrypted", "这个 PDF 设置了打开密码，无法读取。请上传未加密的 PDF，或复制报告文字后粘贴上传。", { cause: e });
    }
    throw new ExtractError("corrupt", PDF_CORRUPT, { cause: e });
  }
  const warnings: string[] = [];
  try {
    assertPdfPages(doc.numPages);
    const pages: string[] = [];
    const scannedPages: number[] = [];
    let pagesWithText = 0;
    let brokenPages = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      // A damaged page (pdf.js throws its own exception types) is skipped, not a crash.
      const read = await readPage(doc, p).catch(() => null);
      if (!read) {
        brokenPages++;
        pages.push("");
        continue;
      }
      const { page, content } = read;
      const items: PdfItem[] = [];
      for (const raw of content.items as TextItemLike[]) {
        if (typeof raw.str !== "string" || !raw.transform) continue;
        const [a, b, c, d, e, f] = raw.transform;
        const size = Math.hypot(c, d) || Math.hypot(a, b) || raw.height || 10;
        items.push({ str: raw.str, x: e, y: f, width: raw.width ?? 0, size });
      }
      let rules: { h: Segment[]; v: Segment[] } = { h: [], v: [] };
      if (items.some((i) => i.str.trim())) {
        try {
          const ops = await page.getOperatorList();
          rules = rulesFromOperators(ops.fnArray, ops.argsArray, OPS);
        } catch {
          /* no rules: lines by baseline only */
        }
      }
      const text = pageText(items, rules);
      if (text.replace(/\s/g, "").length >= 10) pagesWithText++;
      else scannedPages.push(p);
      pages.push(text);
      page.cleanup();
    }
    const text = pages.filter((t) => t.trim()).join("\n");
    if (opts.keepScanned && scannedPages.length) {
      if (brokenPages) warnings.push(`PDF 共 ${doc.numPages} 页，其中 ${brokenPages} 页已损坏，这些页的内容没有读取。`);
      return { text, warnings, pages, scannedPages };
    }
    if (text.replace(/\s/g, "").length < 10) {
      throw brokenPages ? new ExtractError("corrupt", PDF_CORRUPT) : new ExtractError("no_text_layer");
    }
    if (brokenPages) warnings.push(`PDF 共 ${doc.numPages} 页，其中 ${brokenPages} 页已损坏，这些页的内容没有读取。`);
    const scannedCount = doc.numPages - brokenPages - pagesWithText;
    if (scannedCount > 0)
      warnings.push(`PDF 共 ${doc.numPages} 页，其中 ${scannedCount} 页没有文字层（可能是扫描页），这些页的内容没有读取。`);
    return { text, warnings, pages, scannedPages: [] };
  } finally {
    await doc.loadingTask.destroy();
  }
}
