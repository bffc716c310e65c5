// Table 3 from the token stream of its region: row labels in order, the numbers after each,
// split into row chunks (a line each, or sevens when one number stands per line); rows printed
// apart from their labels (PDF: labels first, numbers later) given back to their labels; a group
// printed with its item labels dropped spread over its items; then the columns solved.
import { TABLE3_GROUPS, TABLE3_ROWS, type Table3Group, type Table3Key } from "@/lib/model/keys";
import { classifyT3, groupOf, isGroupKey, isHeaderWord } from "./labels";
import type { Cell } from "@/lib/model/report-schema";
import { isCount } from "./numbers";
import { outcomeKeys, solveTable3, type RowInput, type Table3Solution } from "./infer-columns";
import { shortSplit, solveSplits, type SolveRow } from "./split-solver";
import type { Token } from "./tokens";

export interface Chunk {
  cells: Token[];
}

interface Entry {
  key: Table3Key;
  label: Token;
  cells: Token[];
  chunks: Chunk[];
}

const OTHER_GROUP = new Set<Table3Key>(["other", "other.overdue_correction", "other.unpaid_fee"]);
const isOutcome = (k: Table3Key) => k === "granted" || k === "partially_granted" || groupOf(k) !== null;

function nextTexts(tokens: Token[], i: number, n: number): Token[] {
  const out: Token[] = [];
  for (let j = i + 1; j < tokens.length && out.length < n; j++) if (tokens[j].k === "text") out.push(tokens[j]);
  return out;
}

function prevText(tokens: Token[], i: number): Token | null {
  for (let j = i - 1; j >= 0; j--) if (tokens[j].k === "text") return tokens[j];
  return null;
}

const TABLE4_HEAD = /行政(?:法)?复议.{0,12}行政诉讼|结果维持.{0,6}结果纠正/;

function readEntries(tokens: Token[]): Entry[] {
  const entries: Entry[] = [];
  let cur: Entry | null = null;
  let prevKey: Table3Key | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.k !== "text") {
      if (cur) cur.cells.push(t);
      continue;
    }
    const c = classifyT3(t.s);
    let key: Table3Key | null = null;
    if (c?.kind === "row") key = c.key;
    else if (c?.kind === "word") {
      // 其他 and 总计 also head columns: a row only in their place in the row order.
      const nearHeader = nextTexts(tokens, i, 2).some((x) => isHeaderWord(x.s)) || isHeaderWord(prevText(tokens, i)?.s ?? "");
      if (c.word === "其他" && (c.numbered || (prevKey && OTHER_GROUP.has(prevKey) && !nearHeader))) key = "other.other";
      if (c.word === "总计" && (c.numbered || (prevKey && isOutcome(prevKey) && !nearHeader))) key = "total_processed";
    }
    if (!key && TABLE4_HEAD.test(t.s)) {
      // Table 4's head (its section heading missed): its numbers are no table-3 row's.
      cur = null;
      continue;
    }
    if (key) {
      cur = { key, label: t, cells: [], chunks: [] };
      entries.push(cur);
      prevKey = key;
    } else if (cur) {
      // A label continued in the next cell ("确认或重新 | 出具已获取信息"): blanks before it are no columns.
      while (cur.cells.length && cur.cells[cur.cells.length - 1].k === "blank" && cur.cells[cur.cells.length - 1].line === t.line) cur.cells.pop();
    }
  }
  return entries;
}

function chunkEntry(e: Entry) {
  // The entry's lines that print a cell, as [from, to) ranges of its tokens (an array per line
  // was most of the parser's garbage in one-cell-per-line layouts).
  const cells = e.cells;
  const lines: number[] = [];
  for (let i = 0; i < cells.length; ) {
    let j = i + 1;
    while (j < cells.length && cells[j].line === cells[i].line) j++;
    for (let k = i; k < j; k++) {
      if (isCell(cells[k])) {
        lines.push(i, j);
        break;
      }
    }
    i = j;
  }
  const n = lines.length / 2;
  if (n === 0) return;
  const lineCells = (l: number) => cells.slice(lines[2 * l], lines[2 * l + 1]);
  let oneNumberEach = n > 1;
  let total = 0;
  let allNumbers = true;
  for (let l = 0; l < n; l++) {
    const from = lines[2 * l];
    const to = lines[2 * l + 1];
    total += to - from;
    if (to - from !== 1 || cells[from].k !== "num" || cells[from].line === e.label.line) oneNumberEach = false;
    for (let k = from; k < to; k++) if (cells[k].k !== "num") allNumbers = false;
  }
  if (oneNumberEach) {
    // One number per line: the row order is all that is left.
    const flat: Token[] = [];
    for (let l = 0; l < n; l++) flat.push(cells[lines[2 * l]]);
    if (flat.length <= 7) e.chunks.push({ cells: flat });
    else for (let i = 0; i < flat.length; i += 7) e.chunks.push({ cells: flat.slice(i, i + 7) });
    return;
  }
  // A PDF converter breaking one row's cells over lines (30 | 0 | 0 | 0 0 0 30): seven numbers
  // in all, only plain numbers, and the last the sum of the others — one row.
  if (n > 1 && total === 7 && allNumbers) {
    const flat: Token[] = [];
    for (let l = 0; l < n; l++) for (let k = lines[2 * l]; k < lines[2 * l + 1]; k++) flat.push(cells[k]);
    if (flat.slice(0, 6).reduce((a, t) => a + t.v, 0) === flat[6].v) {
      e.chunks.push({ cells: flat });
      return;
    }
  }
  for (let l = 0; l < n; l++) e.chunks.push({ cells: lineCells(l) });
}

/** Rows of (mostly) full numbers with a lone number among them: a page number, not a row. */
function withoutStrays(chunks: Chunk[]): Chunk[] {
  const counts = chunks.map((c) => c.cells.filter(isCell).length);
  const full = counts.filter((n) => n >= 5).length;
  return full * 2 > chunks.length ? chunks.filter((_, i) => counts[i] !== 1) : chunks;
}

/** Labels first, numbers later: the last label of a run holds every row's numbers. */
function giveBackDetached(entries: Entry[]) {
  const hasItems = (g: Table3Key) => entries.some((x) => x.key.startsWith(g + "."));
  let runStart = -1;
  for (let j = 0; j < entries.length; j++) {
    const e = entries[j];
    if (e.chunks.length === 0) {
      if (runStart < 0) runStart = j;
      continue;
    }
    if (runStart >= 0 && e.chunks.length >= 2) {
      const run = entries.slice(runStart, j + 1);
      const receivers = run.filter((x) => !(isGroupKey(x.key) && hasItems(x.key)));
      let chunks = e.chunks;
      if (receivers.length !== chunks.length && run.length !== chunks.length) chunks = withoutStrays(chunks);
      const target = receivers.length === chunks.length ? receivers : run.length === chunks.length ? run : null;
      if (target) {
        for (const x of run) x.chunks = [];
        target.forEach((x, i) => (x.chunks = [chunks[i]]));
      }
    }
    runStart = -1;
  }
}

/** A group's label printed down its rows, centred on the line of an item whose label wrapped
 * above it ((六)其他处理 beside 正、行政机关不再处理… 5 0 0 0 0 0 5): the numbers are the item's. */
function giveGroupLineToItem(entries: Entry[]) {
  for (let j = 1; j < entries.length; j++) {
    const e = entries[j];
    const prev = entries[j - 1];
    if (!isGroupKey(e.key) || !prev.key.startsWith(e.key + ".") || prev.chunks.length !== 0 || e.chunks.length !== 1) continue;
    if (e.label.line === prev.label.line) continue;
    prev.chunks = e.chunks;
    e.chunks = [];
  }
}

/** A row's own numbers when more lines follow its label (a page number between): the fullest. */
function mainChunk(chunks: Chunk[]): Chunk | null {
  let best: Chunk | null = null;
  let n = -1;
  for (const c of chunks) {
    const k = c.cells.filter(isCell).length;
    if (k > n) [best, n] = [c, k];
  }
  return best;
}

const isCell = (t: Token) => t.k === "num" || t.k === "run" || t.k === "bad";

/** The cells a chunk prints, in order: a count, or null for what no count can be (-30, 30.7,
 * 2000000000, 三十). A glued run counts a cell per digit here (only to compare chunks). */
function numbersOf(chunk: Chunk): Cell[] {
  const out: Cell[] = [];
  for (const t of chunk.cells) {
    if (t.k === "num") out.push(isCount(t.v) ? t.v : null);
    else if (t.k === "bad") out.push(null);
    else if (t.k === "run") for (let i = 0; i < t.s.length; i++) out.push(t.s.charCodeAt(i) - 48);
  }
  return out;
}

const PLAIN_DIGITS = /^\d+$/;

/** Glued or space-broken digits ("640020470", "20 0 0 0 02"): a run, or a number printed with a
 * leading zero, which no cell of its own can be. */
function isGlued(chunk: Chunk): boolean {
  return chunk.cells.some((t) => t.k === "run" || (t.k === "num" && t.s.length > 1 && t.s.charCodeAt(0) === 48 && PLAIN_DIGITS.test(t.s)));
}

/** The digits of a row read as one run (white space inside it is no cell boundary), or null
 * when it prints something other than digits and zero marks. */
/** Seven numbers, or fewer whose last is the sum of the others: a row as printed, blanks dropped. */
function blanksDropped(chunk: Chunk): boolean {
  const nums = chunk.cells.filter(isCell);
  if (nums.length === 7) return true;
  if (nums.length > 7 || nums.some((t) => t.k !== "num")) return false;
  let sum = 0;
  for (let i = 0; i < nums.length - 1; i++) sum += nums[i].v;
  return sum === nums[nums.length - 1].v;
}

function digitsOf(chunk: Chunk): string | null {
  let d = "";
  for (const t of chunk.cells) {
    if (t.k === "run") d += t.s;
    else if (t.k === "num") {
      if (PLAIN_DIGITS.test(t.s)) d += t.s;
      else if (t.v === 0) d += "0";
      else return null;
    } else if (t.k === "bad") return null;
  }
  return d;
}

/** Column positions learnt from full rows: cells in the row → index of the first number. */
function learnPositions(chunks: Iterable<Chunk | null>): Map<number, number> {
  const learnt = new Map<number, number>([[7, 0]]);
  for (const c of chunks) {
    if (!c) continue;
    let nums = 0;
    for (const t of c.cells) if (t.k === "num") nums++;
    if (nums !== 7 || c.cells.some((t) => t.k === "run")) continue;
    const lead = c.cells.findIndex((t) => t.k === "num");
    const prev = learnt.get(c.cells.length);
    learnt.set(c.cells.length, prev === undefined || prev === lead || c.cells.length === 7 ? lead : -1);
  }
  return learnt;
}

/** A row as printed. (The row built here, not spread into one: V8 copies a spread on a slow path.) */
function readChunk(key: Table3Key, chunk: Chunk | null, learnt: Map<number, number>): RowInput {
  if (!chunk) return { key };
  const all = numbersOf(chunk);
  if (all.length >= 7) return { key, exact: all.slice(0, 7) };
  if (all.length === 0) return { key };
  // A cell no count can be, in a row with blanks dropped: where its neighbours stand is unknown.
  if (all.includes(null)) return { key, unreadable: true };
  const nums = all as number[];
  // Blanks kept in place (HTML tables): read by position when the row's cell count says where.
  const lead = learnt.get(chunk.cells.length);
  if (lead !== undefined && lead >= 0 && !chunk.cells.some((t) => t.k === "run")) {
    const window = chunk.cells.slice(lead, lead + 7);
    const inside = chunk.cells.every((t, i) => t.k !== "num" || (i >= lead && i < lead + 7));
    if (window.length === 7 && inside) {
      const v = window.map((t) => (t.k === "num" && isCount(t.v) ? t.v : 0));
      // (an unreadable cell in this row was ruled out above)
      const apps = v.slice(0, 6).reduce((a, b) => a + b, 0);
      if (window[6].k === "num" && apps === v[6]) return { key, exact: v };
      // 总计 left blank: the six columns stand where printed, the total is derived — unless the
      // numbers read like a row whose blanks were pushed right (last = sum of the others).
      const last = nums[nums.length - 1];
      const shifted = nums.slice(0, -1).reduce((a, b) => a + b, 0) === last;
      if (window[6].k === "blank" && !shifted) return { key, exact: v.slice(0, 6), blankTotal: true };
    }
  }
  return { key, nums };
}

export interface Table3Read extends Table3Solution {
  /** Keys printed as one row for a whole group (no items). */
  groupRows: Table3Group[];
  /** Every key whose label was printed. */
  printed: Set<Table3Key>;
  labelCount: number;
  /** Row labels matched by similarity (OCR slips): as printed, and the template's label. */
  fuzzyLabels: { key: Table3Key; printed: string; label: string }[];
  /** Glued runs that more than one split satisfies: the readings left (their cells are null). */
  ambiguous: { key: Table3Key; printed: string; candidates: number[][] }[];
  /** Rows printed but not read (digits no split fits, cells whose place is unknown). */
  unreadRows: { key: Table3Key; printed: string }[];
  /** Cells that hold what no count can be ("row.column" or the row alone, with the text). */
  badCells: { key: Table3Key; column: number | null; text: string }[];
}

const printedOf = (chunk: Chunk) => chunk.cells.filter(isCell).map((t) => t.s).join(" ");

/** Glued rows solved together (lib/parser/split-solver), the others read as printed. */
function readRows(chunkFor: Map<Table3Key, Chunk | null>) {
  const learnt = learnPositions(chunkFor.values());
  let glued = false;
  for (const c of chunkFor.values()) if (c !== null && isGlued(c)) glued = true;
  const rows: RowInput[] = [];
  const solve: SolveRow[] = [];
  const digitRows = new Map<Table3Key, string>();
  for (const [key, chunk] of chunkFor) {
    // In a glued table a row of clean numbers that is no row with blanks dropped (its last is
    // not the sum of the others) is glued too ("10 0 0 0 0 1").
    let d = chunk && glued && (isGlued(chunk) || !blanksDropped(chunk)) ? digitsOf(chunk) : null;
    if (d !== null && d.length < 7 && !/^0*$/.test(d)) {
      // Blank cells dropped too (数量314): the numbers go to the placement by the arithmetic.
      const nums = shortSplit(d);
      rows.push(nums ? { key, nums, printed: d } : { key, unreadable: true });
      solve.push({ key });
      continue;
    }
    if (d !== null) {
      digitRows.set(key, printedOf(chunk!));
      solve.push({ key, digits: d });
      rows.push({ key });
    } else {
      const r = readChunk(key, chunk, learnt);
      rows.push(r);
      const blank = !r.unreadable && !r.exact && !(r.nums && r.nums.some((x) => x !== 0));
      solve.push({ key, fixed: r.exact && !r.blankTotal ? r.exact : blank ? ZEROS() : undefined });
    }
  }
  const ambiguous: Table3Read["ambiguous"] = [];
  const unreadRows: Table3Read["unreadRows"] = [];
  const placed: { key: Table3Key; printed: string }[] = [];
  if (digitRows.size) {
    const present = new Set(chunkFor.keys());
    const solved = solveSplits(solve, new Set(outcomeKeys(present)));
    for (const s of solved) {
      const r = rows.find((x) => x.key === s.key)!;
      const printed = digitRows.get(s.key) ?? "";
      if (s.unreadable) {
        r.unreadable = true;
        unreadRows.push({ key: s.key, printed });
        continue;
      }
      r.exact = s.cells;
      r.how = s.placed ? "inferred" : "split";
      if (s.placed && !s.candidates.length) placed.push({ key: s.key, printed });
      if (s.candidates.length) ambiguous.push({ key: s.key, printed, candidates: s.candidates });
    }
  }
  for (const r of rows) if (r.unreadable && !digitRows.has(r.key)) unreadRows.push({ key: r.key, printed: chunkFor.get(r.key) ? printedOf(chunkFor.get(r.key)!) : "" });
  return { rows, ambiguous, unreadRows, placed };
}

function badCellsOf(chunkFor: Map<Table3Key, Chunk | null>): Table3Read["badCells"] {
  const out: Table3Read["badCells"] = [];
  for (const [key, chunk] of chunkFor) {
    // (Most rows hold none: looked for before the row's cells are gathered.)
    if (!chunk || !chunk.cells.some((t) => t.k === "bad" || (t.k === "num" && !isCount(t.v)))) continue;
    const cells = chunk.cells.filter(isCell);
    cells.forEach((t, i) => {
      if (t.k === "bad" || (t.k === "num" && !isCount(t.v))) out.push({ key, column: cells.length === 7 ? i : null, text: t.s });
    });
  }
  return out;
}

/** When table 3 was not read: what shows it is printed all the same (its row labels or column
 * headers), shortened for the evidence; null when nothing does (no table, e.g. an image). */
export function tablePrinted(tokens: Token[]): string | null {
  const seen: string[] = [];
  for (const t of tokens) {
    if (t.k !== "text") continue;
    const c = classifyT3(t.s);
    if (c && (c.kind === "row" || c.kind === "header")) seen.push(t.s.length > 20 ? t.s.slice(0, 20) + "…" : t.s);
  }
  return seen.length >= 2 ? seen.slice(0, 4).join("、") : null;
}

export function readTable3(tokens: Token[]): Table3Read | null {
  const entries = readEntries(tokens);
  if (!entries.some((e) => e.key === "new_received") && entries.length < 5) return null;
  for (const e of entries) chunkEntry(e);
  giveBackDetached(entries);
  giveGroupLineToItem(entries);

  const chunkFor = new Map<Table3Key, Chunk | null>();
  const set = (key: Table3Key, chunk: Chunk | null) => {
    const prev = chunkFor.get(key);
    // A row printed twice (a repeated page header, a subtotal): keep the one with numbers.
    if (prev && (!chunk || numbersOf(prev).length >= numbersOf(chunk).length)) return;
    chunkFor.set(key, chunk);
  };
  const groupRows: Table3Group[] = [];
  // Groups some of whose items are printed (once, not a scan of the entries per group).
  const withItems = new Set<Table3Key>();
  for (const x of entries) if (x.key.indexOf(".") > 0) withItems.add(groupOf(x.key)!);
  for (const e of entries) {
    if (isGroupKey(e.key)) {
      const items = TABLE3_GROUPS[e.key];
      const hasItems = withItems.has(e.key);
      if (e.chunks.length >= 2 && !hasItems) {
        // Item labels dropped: the group's rows follow in the items' order.
        items.forEach((it, i) => set(`${e.key}.${it}` as Table3Key, e.chunks[i] ?? null));
      } else if (e.chunks.length >= 1 || !hasItems) {
        set(e.key, e.chunks[0] ?? null);
        if (!hasItems) groupRows.push(e.key);
      }
    } else set(e.key, mainChunk(e.chunks));
  }
  const { rows, ambiguous, unreadRows, placed } = readRows(chunkFor);
  const solved = solveTable3(rows);
  // Glued rows with fewer digits than cells: placed over the columns by the arithmetic.
  solved.inferred.push(...placed);
  const fuzzyLabels: Table3Read["fuzzyLabels"] = [];
  for (const e of entries) {
    const c = classifyT3(e.label.s);
    if (c?.kind === "row" && c.fuzzy) fuzzyLabels.push({ key: e.key, printed: e.label.s, label: c.fuzzy });
  }
  // Named, not spread ({ ...solved }): V8 copies a spread object through a slow path (a few % of
  // the whole parse in the bench).
  const { values, provenance, inferred, derived } = solved;
  return { values, provenance, inferred, derived, groupRows, printed: new Set(chunkFor.keys()), labelCount: entries.length, fuzzyLabels, ambiguous, unreadRows, badCells: badCellsOf(chunkFor) };
}

const ZEROS = (): Cell[] => [0, 0, 0, 0, 0, 0, 0];

/** Every leaf row, null: the shape table3Output starts from. */
const LEAF_ROWS: Readonly<Record<string, Cell[] | null>> = Object.fromEntries(TABLE3_ROWS.map((key) => [key, null]));

/** Table-3 output: every leaf row (null when not printed), plus groups printed as one row. */
export function table3Output(read: Table3Read): Record<string, Cell[] | null> {
  // A copy of a ready object with every leaf key, filled in: an object given more than a dozen
  // keys one by one (out[key] = …) turns into a slow dictionary that every later reader pays for.
  const out: Record<string, Cell[] | null> = { ...LEAF_ROWS };
  for (const key of TABLE3_ROWS) out[key] = read.values.get(key) ?? null;
  for (const g of read.groupRows) {
    const v = read.values.get(g) ?? null;
    out[g] = v;
    if (g === "other" && v) {
      // The older template's single (六)其他处理 row: its count is the "other" item's, the two
      // named reasons did not exist yet.
      out["other.other"] = v;
      out["other.overdue_correction"] = ZEROS();
      out["other.unpaid_fee"] = ZEROS();
    }
  }
  // A group printed with its total and its items: keep both.
  for (const g of ["denied", "unable", "not_processed", "other"] as const) {
    if (!(g in out) && read.values.has(g) && read.printed.has(g)) out[g] = read.values.get(g) ?? null;
  }
  return out;
}
