// Glued digit runs ("640020470", "230 000023") split into table cells by the template's own
// arithmetic, the whole table at once: each row lists the splits its digits allow (no leading
// zeros, the six applicant columns add up to 总计), then the combination of rows that breaks the
// fewest column rules (new + carried = processed + forward; the outcome rows add up to (七)总计) is
// searched for. One best combination: its cells. Several: the cells they agree on, the others left
// unread (null) with the candidates as evidence — never a guess. Table 4: fifteen cells, each
// group's four results adding up to its 总计.
import type { Table3Key } from "@/lib/model/keys";
import type { Cell } from "@/lib/model/report-schema";
import { combos } from "./infer-columns";

/** A row's digits split into seven cells; rowOk: its applicant columns add up to its 总计. */
export interface SplitCandidate {
  v: number[];
  rowOk: boolean;
}

export interface SplitRowResult {
  key: Table3Key;
  /** The cells read (null where the candidates disagree or nothing fits). */
  cells: Cell[];
  /** The distinct readings left when the arithmetic could not decide (empty when decided). */
  candidates: number[][];
  /** The digits could not be split into seven cells at all. */
  unreadable: boolean;
  /** Blank cells dropped too (fewer digits than cells): the columns were placed, not split. */
  placed: boolean;
}

const MAX_DIGITS = 42;
const MAX_CANDIDATES = 400;
/** Largest number of row combinations tried before the rows are decided one by one. */
const MAX_COMBINATIONS = 50_000;

const noLeadingZero = (s: string) => s.length === 1 || s.charCodeAt(0) !== 48;

/** Every way to cut `digits` into `parts` numbers of at most `maxLen` digits, no leading zeros. */
function cuts(digits: string, parts: number, maxLen: number, limit: number, visit: (nums: number[]) => boolean): void {
  const n = digits.length;
  const cur: number[] = [];
  let count = 0;
  const rec = (pos: number): boolean => {
    const left = parts - cur.length;
    if (left === 0) {
      if (pos !== n) return true;
      count++;
      return visit(cur) && count < limit;
    }
    const rest = n - pos;
    if (rest < left || rest > left * maxLen) return true;
    for (let len = 1; len <= maxLen && pos + len <= n - (left - 1); len++) {
      const s = digits.slice(pos, pos + len);
      if (!noLeadingZero(s)) break;
      cur.push(Number(s));
      const go = rec(pos + len);
      cur.pop();
      if (!go) return false;
    }
    return true;
  };
  rec(0);
}

function dedupe(cands: SplitCandidate[]): SplitCandidate[] {
  const seen = new Set<string>();
  return cands.filter((c) => {
    const k = c.v.join(",");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The readings of one row's digits as `width` cells whose last is the sum of the others.
 * Splits that keep that rule when there are any; else every split (the source's own error,
 * decided by the column rules or left unread). Fewer digits than cells: blank cells were dropped
 * too — the numbers (last = sum of the others) placed over the columns.
 */
export function rowCandidates(digits: string, width = 7, extraZeros = true): { cands: SplitCandidate[]; placed: boolean } {
  const n = digits.length;
  // Zeros only: every cell 0 (a stray extra 0 in a table-3 row, too).
  if (/^0*$/.test(digits) && (extraZeros || n <= width)) return { cands: [{ v: new Array(width).fill(0), rowOk: true }], placed: false };
  if (n > MAX_DIGITS) return { cands: [], placed: false };
  if (n >= width) {
    const ok: SplitCandidate[] = [];
    // 总计 has as many digits as the largest applicant cell, or one more.
    for (let t = 1; t <= Math.min(10, n - (width - 1)); t++) {
      const total = digits.slice(n - t);
      if (!noLeadingZero(total)) continue;
      const tv = Number(total);
      cuts(digits.slice(0, n - t), width - 1, t, MAX_CANDIDATES, (nums) => {
        let s = 0;
        for (const x of nums) s += x;
        if (s === tv) ok.push({ v: [...nums, tv], rowOk: true });
        return ok.length < MAX_CANDIDATES;
      });
    }
    if (ok.length) return { cands: ok, placed: false };
    const broken: SplitCandidate[] = [];
    cuts(digits, width, 10, MAX_CANDIDATES + 1, (nums) => {
      broken.push({ v: [...nums], rowOk: false });
      return true;
    });
    return { cands: broken.length > MAX_CANDIDATES ? [] : broken, placed: false };
  }
  // Fewer digits than cells.
  const placed: SplitCandidate[] = [];
  for (let k = Math.min(n, width); k >= 2; k--) {
    cuts(digits, k, n, MAX_CANDIDATES, (nums) => {
      const total = nums[k - 1];
      let s = 0;
      for (let i = 0; i < k - 1; i++) s += nums[i];
      if (s !== total) return true;
      for (const pos of width === 7 ? combos(k - 1) : [[...Array(k - 1).keys()]]) {
        const v = new Array(width).fill(0);
        pos.forEach((p, i) => (v[p] = nums[i]));
        v[width - 1] = total;
        placed.push({ v, rowOk: true });
      }
      return true;
    });
  }
  return { cands: dedupe(placed), placed: true };
}

/**
 * Fewer digits than cells (blank cells dropped as well as the delimiters: 本年新收…数量314): the
 * numbers printed — the split into the most numbers whose last is the sum of the others (3 1 4),
 * for the blanks-dropped placement (lib/parser/infer-columns). Null when two such splits tie.
 */
export function shortSplit(digits: string): number[] | null {
  const n = digits.length;
  let best: number[] | null = null;
  let tie = false;
  for (let k = Math.min(n, 7); k >= 2 && !best; k--) {
    cuts(digits, k, n, MAX_CANDIDATES, (nums) => {
      let sum = 0;
      for (let i = 0; i < k - 1; i++) sum += nums[i];
      if (sum !== nums[k - 1]) return true;
      if (best) tie = true;
      else best = [...nums];
      return true;
    });
  }
  return best && !tie ? best : null;
}

/** A table-3 row for the joint solve: fixed cells, or the candidates of its glued digits. */
export interface SolveRow {
  key: Table3Key;
  fixed?: Cell[];
  digits?: string;
}

/** The rule rows: identity (new + carried − processed − forward) and outcome sum (processed − outcomes). */
function coefficients(key: Table3Key, outcomes: Set<Table3Key>): [number, number] {
  if (key === "new_received" || key === "carried_over") return [1, 0];
  if (key === "carried_forward") return [-1, 0];
  if (key === "total_processed") return [-1, 1];
  if (outcomes.has(key)) return [0, -1];
  return [0, 0];
}

export function solveSplits(rows: SolveRow[], outcomes: Set<Table3Key>): SplitRowResult[] {
  const present = new Set(rows.map((r) => r.key));
  const identityOn = present.has("new_received") && present.has("total_processed");
  const outcomeOn = present.has("total_processed") && [...outcomes].some((k) => present.has(k));
  // Column sums of the fixed rows; a column with an unread fixed cell has no rule.
  const I = new Array(7).fill(0);
  const O = new Array(7).fill(0);
  const iOpen = new Array(7).fill(identityOn);
  const oOpen = new Array(7).fill(outcomeOn);
  const split: { key: Table3Key; cands: SplitCandidate[]; placed: boolean; a: number; b: number }[] = [];
  for (const r of rows) {
    const [a, b] = coefficients(r.key, outcomes);
    if (r.digits === undefined) {
      for (let c = 0; c < 7; c++) {
        const x = r.fixed?.[c] ?? null;
        if (x === null) {
          if (a) iOpen[c] = false;
          if (b) oOpen[c] = false;
        } else {
          I[c] += a * x;
          O[c] += b * x;
        }
      }
      continue;
    }
    const { cands, placed } = rowCandidates(r.digits);
    if (cands.length === 0) {
      if (a) iOpen.fill(false);
      if (b) oOpen.fill(false);
    }
    split.push({ key: r.key, cands, placed, a, b });
  }

  const live = split.filter((s) => s.cands.length > 0);
  // Fixed part: rows with one reading.
  for (const s of live) {
    if (s.cands.length !== 1) continue;
    const v = s.cands[0].v;
    for (let c = 0; c < 7; c++) {
      I[c] += s.a * v[c];
      O[c] += s.b * v[c];
    }
  }
  const open = live.filter((s) => s.cands.length > 1);
  const used = open.map(() => new Set<number>());
  let combinations = 1;
  for (const s of open) combinations = Math.min(combinations * s.cands.length, MAX_COMBINATIONS + 1);

  if (open.length && combinations <= MAX_COMBINATIONS) {
    let best = Infinity;
    const choice = new Array(open.length).fill(0);
    const score = () => {
      let e = 0;
      for (let c = 0; c < 7; c++) {
        if (iOpen[c] && I[c] !== 0) e++;
        if (oOpen[c] && O[c] !== 0) e++;
      }
      return e;
    };
    const rec = (i: number, rowBreaks: number) => {
      if (rowBreaks > best) return;
      if (i === open.length) {
        const e = rowBreaks + score();
        if (e < best) {
          best = e;
          used.forEach((u) => u.clear());
        }
        if (e === best) choice.forEach((j, k) => used[k].add(j));
        return;
      }
      const s = open[i];
      for (let j = 0; j < s.cands.length; j++) {
        const v = s.cands[j].v;
        for (let c = 0; c < 7; c++) {
          I[c] += s.a * v[c];
          O[c] += s.b * v[c];
        }
        choice[i] = j;
        rec(i + 1, rowBreaks + (s.cands[j].rowOk ? 0 : 1));
        for (let c = 0; c < 7; c++) {
          I[c] -= s.a * v[c];
          O[c] -= s.b * v[c];
        }
      }
    };
    rec(0, 0);
  } else {
    // Too many combinations to try: each row on its own, its readings that keep its row sum.
    open.forEach((s, k) => {
      const anyOk = s.cands.some((c) => c.rowOk);
      s.cands.forEach((c, j) => (!anyOk || c.rowOk) && used[k].add(j));
    });
  }

  return split.map((s) => {
    if (s.cands.length === 0) return { key: s.key, cells: new Array(7).fill(null), candidates: [], unreadable: true, placed: s.placed };
    const k = open.indexOf(s);
    const chosen = k < 0 ? [s.cands[0].v] : [...used[k]].map((j) => s.cands[j].v);
    const cells: Cell[] = chosen[0].map((x, c) => (chosen.every((v) => v[c] === x) ? x : null));
    return { key: s.key, cells, candidates: chosen.length > 1 ? chosen : [], unreadable: false, placed: s.placed };
  });
}

export interface Table4Split {
  cells: Cell[];
  candidates: number[][];
  unreadable: boolean;
}

/**
 * Table 4's digits as fifteen cells: three groups of five, each group's first four adding up to
 * its fifth. The splits that break fewest groups; cells they disagree on are left unread.
 */
export function splitTable4(digits: string): Table4Split {
  const n = digits.length;
  if (/^0*$/.test(digits)) return { cells: new Array(15).fill(0), candidates: [], unreadable: false };
  if (n < 15 || n > 3 * MAX_DIGITS) return { cells: new Array(15).fill(null), candidates: [], unreadable: true };
  const memo = new Map<string, SplitCandidate[]>();
  const group = (from: number, to: number) => {
    const key = `${from}:${to}`;
    let g = memo.get(key);
    if (!g) {
      g = rowCandidates(digits.slice(from, to), 5, false).cands;
      memo.set(key, g);
    }
    return g;
  };
  let best = Infinity;
  const found: number[][] = [];
  for (let a = 5; a <= n - 10; a++) {
    for (let b = a + 5; b <= n - 5; b++) {
      const g1 = group(0, a);
      const g2 = group(a, b);
      const g3 = group(b, n);
      if (!g1.length || !g2.length || !g3.length) continue;
      for (const x of g1)
        for (const y of g2)
          for (const z of g3) {
            const e = (x.rowOk ? 0 : 1) + (y.rowOk ? 0 : 1) + (z.rowOk ? 0 : 1);
            if (e > best) continue;
            if (e < best) {
              best = e;
              found.length = 0;
            }
            if (found.length <= MAX_CANDIDATES) found.push([...x.v, ...y.v, ...z.v]);
          }
    }
  }
  if (found.length === 0 || found.length > MAX_CANDIDATES) return { cells: new Array(15).fill(null), candidates: [], unreadable: true };
  const cells: Cell[] = found[0].map((x, c) => (found.every((v) => v[c] === x) ? x : null));
  return { cells, candidates: found.length > 1 ? found : [], unreadable: false };
}
