// The text as one stream of tokens, whatever the layout: lines split into cells at | or tab,
// cells into labels and numbers at white space. Pipe tables, tab tables, one cell per line, the
// delimiter on its own line, PDF rows ("label 3 0 0 0 0 0 3") and whole articles on one line all
// become the same sequence of text / num / blank tokens.
import { NUMBERING, isGlueLabel } from "./labels";
import { parseNumber } from "./numbers";
import { lineAt } from "./offsets";

export type TokenKind = "text" | "num" | "blank" | "run";

export interface Token {
  k: TokenKind;
  /** The text as printed (for run: the glued digits). */
  s: string;
  /** The value of a num token. */
  v: number;
  line: number;
  start: number;
  end: number;
}

// Page furniture inside tables: "- 3 -", "第 3 页 共 9 页", "3/9", "Page 3".
const PAGE_LINE = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$/i;
// Markdown table rule: |---|:---:|
const MD_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const ONLY_DELIMITERS = /^[\s|]*$/;
const GLUED = /^(.*?[^\d\s.,])(\d+)$/;

function splitCells(line: string): { text: string; offset: number }[] {
  const cells: { text: string; offset: number }[] = [];
  let from = 0;
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line.charCodeAt(i) : -1;
    if (c === 124 /* | */ || c === 9 /* tab */ || c === -1) {
      cells.push({ text: line.slice(from, i), offset: from });
      from = i + 1;
    }
  }
  return cells;
}

function lineTokens(text: string, from: number, to: number, lineNo: number, out: Token[]) {
  const line = text.slice(from, to);
  if (ONLY_DELIMITERS.test(line) || PAGE_LINE.test(line) || MD_RULE.test(line)) return;
  tokenizeLine(line, from, lineNo, out);
}

/** Tokens on demand, line by line (prose between the tables is never tokenized). */
export class TokenSource {
  private cache: (Token[] | undefined)[];
  constructor(
    private text: string,
    private starts: number[],
  ) {
    this.cache = new Array(starts.length);
  }

  lineIndex(pos: number): number {
    return lineAt(this.starts, pos);
  }

  line(i: number): Token[] {
    let t = this.cache[i];
    if (!t) {
      t = [];
      const end = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length;
      lineTokens(this.text, this.starts[i], end, i, t);
      this.cache[i] = t;
    }
    return t;
  }

  /** Tokens starting in [from, to). */
  range(from: number, to: number): Token[] {
    const out: Token[] = [];
    if (to <= from) return out;
    const last = this.lineIndex(Math.max(from, to - 1));
    for (let i = this.lineIndex(from); i <= last; i++) {
      for (const t of this.line(i)) if (t.start >= from && t.start < to) out.push(t);
    }
    return out;
  }
}

const DIGIT_OR_MARK = /[\d/\\\-—–无]/;

function tokenizeLine(line: string, base: number, lineNo: number, out: Token[]) {
  const delimited = line.indexOf("|") >= 0 || line.indexOf("\t") >= 0;
  if (!delimited && line.length > 120 && !DIGIT_OR_MARK.test(line)) {
    // Prose with no number in it: one text token.
    const lead = line.length - line.trimStart().length;
    out.push({ k: "text", s: line.trim(), v: 0, line: lineNo, start: base + lead, end: base + line.trimEnd().length });
    return;
  }
  if (!delimited) {
    tokenizeCell(line, base, lineNo, out);
    return;
  }
  const cells = splitCells(line);
  // The pipes at the two ends of `| a | b |` do not open cells.
  let first = 0;
  let last = cells.length - 1;
  if (cells.length > 1 && cells[0].text.trim() === "" && line.trimStart().startsWith("|")) first = 1;
  if (last > first && cells[last].text.trim() === "") last--;
  for (let i = first; i <= last; i++) {
    const c = cells[i];
    if (c.text.trim() === "") out.push({ k: "blank", s: "", v: 0, line: lineNo, start: base + c.offset, end: base + c.offset });
    else tokenizeCell(c.text, base + c.offset, lineNo, out);
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0;

/** One cell: white-space pieces; numbers alone, labels merged until numbering starts a new one. */
function tokenizeCell(cell: string, base: number, lineNo: number, out: Token[]) {
  let text: Token | null = null;
  const n = cell.length;
  let i = 0;
  while (i < n) {
    if (isSpace(cell.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !isSpace(cell.charCodeAt(j))) j++;
    const piece = cell.slice(i, j);
    const start = base + i;
    const end = base + j;
    i = j;
    const v = parseNumber(piece);
    // A number after "浏览次数:" or "电话:" belongs to its text.
    if (v !== null && !(text && text.s.charCodeAt(text.s.length - 1) === 58)) {
      out.push({ k: "num", s: piece, v, line: lineNo, start, end });
      text = null;
      continue;
    }
    const joins = text !== null && !NUMBERING.test(piece);
    const last = piece.charCodeAt(piece.length - 1);
    const glued = piece.length < 100 && last >= 48 && last <= 57 ? GLUED.exec(piece) : null;
    if (glued && isGlueLabel((joins ? text!.s + " " : "") + glued[1])) {
      const labelEnd = start + glued[1].length;
      if (joins) {
        text!.s += " " + glued[1];
        text!.end = labelEnd;
      } else out.push({ k: "text", s: glued[1], v: 0, line: lineNo, start, end: labelEnd });
      out.push({ k: "run", s: glued[2], v: 0, line: lineNo, start: labelEnd, end });
      text = null;
      continue;
    }
    if (joins) {
      text!.s += " " + piece;
      text!.end = end;
    } else {
      text = { k: "text", s: piece, v: 0, line: lineNo, start, end };
      out.push(text);
    }
  }
}
