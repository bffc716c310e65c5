// Table 3 from the token stream of its region: row labels in order, the numbers after each,
// split into row chunks (a line each, or sevens when one number stands per line); rows printed
// apart from their labels (PDF: labels first, numbers later) given back to their labels; a group
// printed with its item labels dropped spread over its items; then the columns solved.
import { TABLE3_GROUPS, TABLE3_ROWS, type Table3Group, type Table3Key } from "@/lib/model/keys";
import { classifyT3, groupOf, isGroupKey, isHeaderWord } from "./labels";
import { isCount } from "./numbers";
import { solveTable3, type RowInput, type Table3Solution } from "./infer-columns";
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
  const lines: Token[][] = [];
  let last = -1;
  for (const t of e.cells) {
    if (t.line !== last) {
      lines.push([]);
      last = t.line;
    }
    lines[lines.length - 1].push(t);
  }
  const withNumbers = lines.filter((l) => l.some((t) => t.k === "num" || t.k === "run"));
  if (withNumbers.length === 0) return;
  if (withNumbers.length > 1 && withNumbers.every((l) => l.length === 1 && l[0].k === "num" && l[0].line !== e.label.line)) {
    // One number per line: the row order is all that is left.
    const flat = withNumbers.map((l) => l[0]);
    if (flat.length <= 7) e.chunks.push({ cells: flat });
    else for (let i = 0; i < flat.length; i += 7) e.chunks.push({ cells: flat.slice(i, i + 7) });
    return;
  }
  for (const l of withNumbers) e.chunks.push({ cells: l });
}

/** Rows of (mostly) full numbers with a lone number among them: a page number, not a row. */
function withoutStrays(chunks: Chunk[]): Chunk[] {
  const counts = chunks.map((c) => c.cells.filter((t) => t.k === "num" || t.k === "run").length);
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

/** A row's own numbers when more lines follow its label (a page number between): the fullest. */
function mainChunk(chunks: Chunk[]): Chunk | null {
  let best: Chunk | null = null;
  let n = -1;
  for (const c of chunks) {
    const k = c.cells.filter((t) => t.k === "num" || t.k === "run").length;
    if (k > n) [best, n] = [c, k];
  }
  return best;
}

/** Digits glued to a label: each digit a cell when there are seven (or all are zeros), else
 * every split into seven numbers whose first six add up to the seventh (at most 40). */
function splitRun(digits: string): number[][] {
  if (digits.length === 7 || /^0+$/.test(digits)) return [[...digits].map(Number)];
  const n = digits.length;
  const found: number[][] = [];
  const parts: number[] = [];
  const rec = (pos: number) => {
    if (found.length >= 40) return;
    if (parts.length === 6) {
      const rest = digits.slice(pos);
      if (rest && (rest === "0" || rest[0] !== "0") && Number(rest) === parts.reduce((a, b) => a + b, 0)) found.push([...parts, Number(rest)]);
      return;
    }
    for (let len = 1; len <= 4 && pos + len < n; len++) {
      const s = digits.slice(pos, pos + len);
      if (s.length > 1 && s[0] === "0") break;
      parts.push(Number(s));
      rec(pos + len);
      parts.pop();
    }
  };
  if (n <= 28) rec(0);
  if (found.length) return found;
  // Fewer digits than columns: blanks dropped too (33 = 3 and its total 3). The split with the
  // most numbers whose last is the sum of the others; a single number when none is.
  if (n < 7) {
    let best: number[] | null = null;
    for (let mask = 0; mask < 1 << (n - 1); mask++) {
      const nums: number[] = [];
      let from = 0;
      let ok = true;
      for (let i = 1; i <= n; i++) {
        if (i === n || mask & (1 << (i - 1))) {
          const part = digits.slice(from, i);
          if (part.length > 1 && part[0] === "0") ok = false;
          nums.push(Number(part));
          from = i;
        }
      }
      if (ok && nums.length > 1 && nums.slice(0, -1).reduce((a, b) => a + b, 0) === nums[nums.length - 1] && (!best || nums.length > best.length)) best = nums;
    }
    if (best) return [best];
  }
  return [[Number(digits)]];
}

function numbersOf(chunk: Chunk): number[] {
  const out: number[] = [];
  for (const t of chunk.cells) {
    if (t.k === "num" && isCount(t.v)) out.push(t.v);
    else if (t.k === "run") out.push(...splitRun(t.s)[0].filter(isCount));
  }
  return out;
}

/** Column positions learnt from full rows: cells in the row → index of the first number. */
function learnPositions(chunks: Chunk[]): Map<number, number> {
  const learnt = new Map<number, number>([[7, 0]]);
  for (const c of chunks) {
    const nums = c.cells.filter((t) => t.k === "num");
    if (nums.length !== 7 || c.cells.some((t) => t.k === "run")) continue;
    const lead = c.cells.findIndex((t) => t.k === "num");
    const prev = learnt.get(c.cells.length);
    learnt.set(c.cells.length, prev === undefined || prev === lead || c.cells.length === 7 ? lead : -1);
  }
  return learnt;
}

function readChunk(chunk: Chunk | null, learnt: Map<number, number>): Omit<RowInput, "key"> {
  if (!chunk) return {};
  const run = chunk.cells.length === 1 && chunk.cells[0].k === "run" ? splitRun(chunk.cells[0].s) : null;
  if (run && run.length > 1) return { alternatives: run, printed: chunk.cells[0].s };
  const nums = numbersOf(chunk);
  if (nums.length >= 7) return { exact: nums.slice(0, 7) };
  if (nums.length === 0) return {};
  // Blanks kept in place (HTML tables): read by position when the row's cell count says where.
  const lead = learnt.get(chunk.cells.length);
  if (lead !== undefined && lead >= 0 && !chunk.cells.some((t) => t.k === "run")) {
    const window = chunk.cells.slice(lead, lead + 7);
    const inside = chunk.cells.every((t, i) => t.k !== "num" || (i >= lead && i < lead + 7));
    if (window.length === 7 && inside) {
      const v = window.map((t) => (t.k === "num" && isCount(t.v) ? t.v : 0));
      const apps = v.slice(0, 6).reduce((a, b) => a + b, 0);
      if (window[6].k === "num" && apps === v[6]) return { exact: v };
      // 总计 left blank: the six columns stand where printed, the total is derived — unless the
      // numbers read like a row whose blanks were pushed right (last = sum of the others).
      const last = nums[nums.length - 1];
      const shifted = nums.slice(0, -1).reduce((a, b) => a + b, 0) === last;
      if (window[6].k === "blank" && !shifted) return { exact: v.slice(0, 6), blankTotal: true };
    }
  }
  return { nums };
}

export interface Table3Read extends Table3Solution {
  /** Keys printed as one row for a whole group (no items). */
  groupRows: Table3Group[];
  /** Every key whose label was printed. */
  printed: Set<Table3Key>;
  labelCount: number;
}

export function readTable3(tokens: Token[]): Table3Read | null {
  const entries = readEntries(tokens);
  if (!entries.some((e) => e.key === "new_received") && entries.length < 5) return null;
  for (const e of entries) chunkEntry(e);
  giveBackDetached(entries);

  const chunkFor = new Map<Table3Key, Chunk | null>();
  const set = (key: Table3Key, chunk: Chunk | null) => {
    const prev = chunkFor.get(key);
    // A row printed twice (a repeated page header, a subtotal): keep the one with numbers.
    if (prev && (!chunk || numbersOf(prev).length >= numbersOf(chunk).length)) return;
    chunkFor.set(key, chunk);
  };
  const groupRows: Table3Group[] = [];
  for (const e of entries) {
    if (isGroupKey(e.key)) {
      const items = TABLE3_GROUPS[e.key];
      const hasItems = entries.some((x) => x.key.startsWith(e.key + "."));
      if (e.chunks.length >= 2 && !hasItems) {
        // Item labels dropped: the group's rows follow in the items' order.
        items.forEach((it, i) => set(`${e.key}.${it}` as Table3Key, e.chunks[i] ?? null));
      } else if (e.chunks.length >= 1 || !hasItems) {
        set(e.key, e.chunks[0] ?? null);
        if (!hasItems) groupRows.push(e.key);
      }
    } else set(e.key, mainChunk(e.chunks));
  }
  const learnt = learnPositions([...chunkFor.values()].filter((c): c is Chunk => c !== null));
  const rows: RowInput[] = [];
  for (const [key, chunk] of chunkFor) rows.push({ key, ...readChunk(chunk, learnt) });
  const solved = solveTable3(rows);
  return { ...solved, groupRows, printed: new Set(chunkFor.keys()), labelCount: entries.length };
}

/** Table-3 output: every leaf row (null when not printed), plus groups printed as one row. */
export function table3Output(read: Table3Read): Record<string, number[] | null> {
  const out: Record<string, number[] | null> = {};
  for (const key of TABLE3_ROWS) out[key] = read.values.get(key) ?? null;
  for (const g of read.groupRows) {
    const v = read.values.get(g) ?? null;
    out[g] = v;
    if (g === "other" && v) {
      // The older template's single (六)其他处理 row: its count is the "other" item's, the two
      // named reasons did not exist yet.
      out["other.other"] = v;
      out["other.overdue_correction"] = [0, 0, 0, 0, 0, 0, 0];
      out["other.unpaid_fee"] = [0, 0, 0, 0, 0, 0, 0];
    }
  }
  // A group printed with its total and its items: keep both.
  for (const g of ["denied", "unable", "not_processed", "other"] as const) {
    if (!(g in out) && read.values.has(g) && read.printed.has(g)) out[g] = read.values.get(g) ?? null;
  }
  return out;
}
