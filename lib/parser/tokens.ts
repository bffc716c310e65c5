// The text as one stream of tokens, whatever the layout: lines split into cells at | or tab,
// cells into labels and numbers at white space. Pipe tables, tab tables, one cell per line, the
// delimiter on its own line, PDF rows ("label 3 0 0 0 0 0 3") and whole articles on one line all
// become the same sequence of text / num / blank tokens.
import { NUMBERING, classifyT3, isGlueLabel } from "./labels";
import { parseNumber } from "./numbers";
import { lineAt } from "./offsets";

export type TokenKind = "text" | "num" | "blank" | "run" | "bad";

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

/** White space as String.prototype.trim sees it. */
function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** line[from, to) is white space only (its trim() is empty), without slicing it out. */
function isBlank(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isTrimmed(line.charCodeAt(i))) return false;
  return true;
}

/** Length of line[from, to) trimmed. */
function trimmedLength(line: string, from: number, to: number): number {
  while (from < to && isTrimmed(line.charCodeAt(from))) from++;
  while (to > from && isTrimmed(line.charCodeAt(to - 1))) to--;
  return to - from;
}

/** First characters (after white space) the three line patterns above can start with. */
const FURNITURE_START = new Set([..."|:-—–第共pP0123456789"].map((c) => c.charCodeAt(0)));

function lineTokens(text: string, from: number, to: number, lineNo: number, out: Token[]) {
  const line = text.slice(from, to);
  const first = firstPrinted(line);
  if (first === -1) return;
  // (Most lines start with a label: no pattern needs trying.)
  if (FURNITURE_START.has(first) && (ONLY_DELIMITERS.test(line) || PAGE_LINE.test(line) || MD_RULE.test(line))) return;
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

  /** Tokens starting in [from, to), and a label that runs across `from` (a heading glued into
   * the text before it: …深入贯彻。二、主动公开…情况第二十条… 规章 holds the item 规章). */
  range(from: number, to: number): Token[] {
    const out: Token[] = [];
    if (to <= from) return out;
    const last = this.lineIndex(Math.max(from, to - 1));
    for (let i = this.lineIndex(from); i <= last; i++) {
      for (const t of this.line(i)) if ((t.start >= from || (t.k === "text" && t.end > from)) && t.start < to) out.push(t);
    }
    return out;
  }
}

const DIGIT_OR_MARK = /[\d/\\\-—–无]/;

/** Where a line's cells end (each | or tab, then the line's end): reused, the tokenizer is never
 * re-entered, and a fresh array of cells per line was a good part of its garbage. */
const cellEnds: number[] = [];

function tokenizeLine(line: string, base: number, lineNo: number, out: Token[]) {
  const delimited = line.indexOf("|") >= 0 || line.indexOf("\t") >= 0;
  if (!delimited && line.length > 120 && !DIGIT_OR_MARK.test(line)) {
    // Prose with no number in it: one text token.
    const lead = line.length - line.trimStart().length;
    out.push({ k: "text", s: line.trim(), v: 0, line: lineNo, start: base + lead, end: base + line.trimEnd().length });
    return;
  }
  if (!delimited) {
    tokenizeCell(line, 0, line.length, base, lineNo, out, false);
    return;
  }
  cellEnds.length = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 124 /* | */ || c === 9 /* tab */) cellEnds.push(i);
  }
  cellEnds.push(line.length);
  const cellStart = (i: number) => (i === 0 ? 0 : cellEnds[i - 1] + 1);
  // The pipes at the two ends of `| a | b |` do not open cells.
  let first = 0;
  let last = cellEnds.length - 1;
  if (cellEnds.length > 1 && isBlank(line, 0, cellEnds[0]) && firstPrinted(line) === 124) first = 1;
  if (last > first && isBlank(line, cellStart(last), cellEnds[last])) last--;
  for (let i = first; i <= last; i++) {
    const from = cellStart(i);
    const to = cellEnds[i];
    if (isBlank(line, from, to)) out.push({ k: "blank", s: "", v: 0, line: lineNo, start: base + from, end: base + from });
    else tokenizeCell(line, from, to, base, lineNo, out, true);
  }
}

/** The line's first character that is not white space (-1: none). */
function firstPrinted(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (!isTrimmed(c)) return c;
  }
  return -1;
}

const isSpace = (c: number) => (c <= 32 ? c === 32 || c === 9 || c === 10 || c === 13 : c === 0x3000 || c === 0xa0);

/** One cell, line[from, to): white-space pieces; numbers alone, labels merged until numbering
 * starts a new one. */
function tokenizeCell(line: string, from: number, to: number, base: number, lineNo: number, out: Token[], delimited: boolean) {
  let text: Token | null = null;
  let i = from;
  while (i < to) {
    if (isSpace(line.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && !isSpace(line.charCodeAt(j))) j++;
    const piece = line.slice(i, j);
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
    if (v === null && isUnreadableNumber(piece, delimited && piece.length === trimmedLength(line, from, to))) {
      out.push({ k: "bad", s: piece, v: 0, line: lineNo, start, end });
      text = null;
      continue;
    }
    const segs = piece.length <= 5000 && (piece.length > 30 || hasDigit(piece)) ? segmentCached(piece) : null;
    if (!segs) {
      text = addText(text, piece, start, end, lineNo, out);
      continue;
    }
    for (const g of segs) {
      const s = piece.slice(g.from, g.to);
      if (g.run) {
        out.push({ k: "run", s, v: 0, line: lineNo, start: start + g.from, end: start + g.to });
        text = null;
      } else text = addText(text, s, start + g.from, start + g.to, lineNo, out);
    }
  }
}

// What a cell may hold that no count can be: 3e1, more digits than any count, a number in words
// (三十, 一百二十) — read as an unread cell (null), never as 0 and never skipped (the row would shift).
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;
const LONG_DIGITS = /^\d{25,}$/;
const CN_WITH_UNIT = /^[零〇一二两三四五六七八九]*[十百千万][零〇一二两三四五六七八九十百千万]*$/;
const CN_ANY = /^[零〇一二两三四五六七八九十百千万]+$/;

/** wholeCell: the piece is the whole of a delimited cell (| 五 |), where any number word is a cell. */
function isUnreadableNumber(piece: string, wholeCell: boolean): boolean {
  const c = piece.charCodeAt(0);
  if (c >= 48 && c <= 57) return SCIENTIFIC.test(piece) || LONG_DIGITS.test(piece);
  if (c === 43 || c === 45) return SCIENTIFIC.test(piece);
  if (piece.length > 8 || c < 0x4e00) return false;
  return CN_WITH_UNIT.test(piece) || (wholeCell && CN_ANY.test(piece));
}

/** A label piece: joined to the text before it unless numbering starts a new label. */
function addText(text: Token | null, s: string, start: number, end: number, lineNo: number, out: Token[]): Token {
  if (text !== null && !NUMBERING.test(s)) {
    text.s += " " + s;
    text.end = end;
    return text;
  }
  const t: Token = { k: "text", s, v: 0, line: lineNo, start, end };
  out.push(t);
  return t;
}

interface Segment {
  from: number;
  to: number;
  run: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) return true;
  return false;
}
// A number followed by these is prose (2019年, 23件, 30号), not table cells.
const UNIT_AFTER = new Set([..."年月日时分秒件个项次人条元万亿家余多号份天名页篇期届批户起部类岁倍%‰㎡米章节款"]);
// Before these a number belongs to its text (第3条, 电话:123, 3.5, 〔2021〕, font-size:12pt).
const TEXT_BEFORE = /[第:.\/\-_#〔\[<=a-zA-Z%]$/;
const CN_NUM = /^[一二三四五六七八九十]{1,3}[、.]|^[(（][一二三四五六七八九十]{1,3}[)）]/;
// Numbering inside a label piece: where a new label may start (…其他一、本年新收…, …不予公开1.属于…).
const NUMBERING_AT = /[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十]{1,3}[)）]|[1-9][.、](?!\d)/g;

/**
 * A piece where labels and digit runs are glued together (a whole article saved on one line:
 * "(三)不予公开1.属于国家秘密00000002.其他法律…"): its label pieces and runs of table cells.
 * A run ends at the next label's numbering; the item number in front of that label ("…00000002.")
 * is its last digit, a year after it ("20000022025年") its last four. Digits inside prose (2019年,
 * 23件, 第3条) stay text. Null when the piece is one label.
 */
function segmentPiece(piece: string): Segment[] | null {
  const n = piece.length;
  if (!hasDigit(piece)) {
    const segs: Segment[] = [];
    return splitLabels(piece, 0, n, segs) ? segs : null;
  }
  const segs: Segment[] = [];
  let textFrom = 0;
  let i = 0;
  while (i < n) {
    if (!isDigit(piece.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isDigit(piece.charCodeAt(j))) j++;
    let runEnd = -1;
    if (i > textFrom || i === 0) {
      const before = piece.slice(textFrom, i);
      if (!TEXT_BEFORE.test(before)) {
        const next = piece[j];
        if (j === n) {
          // Digits at the end of the piece: cells only after a label of the tables (规章000).
          if (i > 0 && isCellLabel(lastLabel(before))) runEnd = j;
        } else if ((next === "." || next === "、") && j + 1 < n && !isDigit(piece.charCodeAt(j + 1)) && piece[j - 1] !== "0") {
          // The next label's item number ends the run.
          runEnd = j - 1;
        } else if (next === "年") {
          if (j - i > 4 && /^(?:19|20)\d\d$/.test(piece.slice(j - 4, j))) runEnd = j - 4;
        } else if (!UNIT_AFTER.has(next) && (CN_NUM.test(piece.slice(j, j + 5)) || isCellLabel(lastLabel(before)) || labelAt(piece, j))) {
          // Before the next label (…申请0 0 0 0 0 00其他0…), or after a label of the tables
          // (…尚未审结总计10000100000000000我局…).
          runEnd = j;
        }
      }
    }
    if (runEnd > i) {
      if (i > textFrom) splitLabels(piece, textFrom, i, segs);
      segs.push({ from: i, to: runEnd, run: true });
      textFrom = runEnd;
    }
    i = j;
  }
  if (segs.length === 0) return splitLabels(piece, 0, n, segs) ? segs : null;
  if (n > textFrom) splitLabels(piece, textFrom, n, segs);
  return segs;
}

/** segmentPiece's answers for pieces seen before (the template's long labels recur in every
 * report; the answer depends on the piece alone). Long pieces (a whole article) are not kept. */
const segmented = new Map<string, readonly Segment[] | null>();

function segmentCached(piece: string): readonly Segment[] | null {
  if (piece.length > 200) return segmentPiece(piece);
  let segs = segmented.get(piece);
  if (segs === undefined) {
    segs = segmentPiece(piece);
    if (segmented.size > 20_000) segmented.clear();
    segmented.set(piece, segs);
  }
  return segs;
}

/** The last label of a text: from its last numbering on (…其他一、本年新收…数量 → 一、本年新收…数量). */
function lastLabel(s: string): string {
  if (s.length <= 60) return s;
  let at = 0;
  NUMBERING_AT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBERING_AT.exec(s))) at = m.index;
  return s.slice(at);
}

/** A table-3 label starts at `at` (up to the next digit). */
function labelAt(piece: string, at: number): boolean {
  let end = at;
  while (end < piece.length && end - at <= 60 && !isDigit(piece.charCodeAt(end))) end++;
  if (end - at > 60) return false;
  const c = classifyT3(piece.slice(at, end));
  return c !== null && (c.kind === "row" || c.kind === "word");
}

const isCellLabel = (s: string) => isGlueLabel(s) || classifyT3(s)?.kind === "word" || /(?:总计|合计|审结|其他)$/.test(s);

/** Text of a glued piece, split where a table-3 label starts after other words (each numbered
 * piece up to the next numbering is tried as a label). True when split. */
function splitLabels(piece: string, from: number, to: number, segs: Segment[]): boolean {
  const s = piece.slice(from, to);
  const pos: number[] = [];
  NUMBERING_AT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBERING_AT.exec(s))) pos.push(m.index);
  let at = 0;
  for (let i = 0; i < pos.length; i++) {
    const p = pos[i];
    const end = i + 1 < pos.length ? pos[i + 1] : s.length;
    if (p === 0 || end - p > 60) continue;
    const c = classifyT3(s.slice(p, end));
    if (c && (c.kind === "row" || c.kind === "word")) {
      segs.push({ from: from + at, to: from + p, run: false });
      at = p;
    }
  }
  segs.push({ from: from + at, to, run: false });
  return at > 0;
}
