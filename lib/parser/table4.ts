// Table 4: fifteen numbers (review, direct litigation, litigation after review; each upheld,
// corrected, other, pending, total). When blanks were dropped, the numbers are split into the
// three groups so that each group's last number is the sum of the others, placed from the left.
// Glued or space-broken digits ("10203120001200000") are split by the same group sums
// (lib/parser/split-solver); a cell no count can be is left unread (null).
import type { Cell } from "@/lib/model/report-schema";
import type { Token } from "./tokens";
import { isCount } from "./numbers";
import { splitTable4 } from "./split-solver";

export interface Table4Read {
  values: Cell[];
  inferred: boolean;
  printed: number[];
  /** Cells obtained by splitting glued digits. */
  split?: boolean;
  /** Several splits of the glued digits satisfy the group sums: the readings (cells left null). */
  candidates?: number[][];
  /** The digits as printed, when glued. */
  digits?: string;
  /** Printed but not read: its cells are null. */
  unreadable?: boolean;
  /** What no count can be (-3, 1.5, 三十), left null. */
  badCells?: { index: number | null; text: string }[];
}

const groupOk = (g: number[]) => g.length === 0 || g.every((x) => x === 0) || (g.length >= 2 && g.length <= 5 && g[g.length - 1] === g.slice(0, -1).reduce((a, b) => a + b, 0));

function placeGroup(g: number[]): number[] {
  const v = [0, 0, 0, 0, 0];
  if (g.length === 0) return v;
  if (g.length === 5) return [...g];
  g.slice(0, -1).forEach((x, i) => (v[i] = x));
  v[4] = g[g.length - 1];
  return v;
}

function partition(nums: number[]): { values: number[]; ambiguous: boolean } | null {
  const k = nums.length;
  for (let a = Math.min(5, k); a >= 0; a--) {
    for (let b = Math.min(5, k - a); b >= 0; b--) {
      const c = k - a - b;
      if (c > 5) continue;
      const g1 = nums.slice(0, a);
      const g2 = nums.slice(a, a + b);
      const g3 = nums.slice(a + b);
      if (groupOk(g1) && groupOk(g2) && groupOk(g3)) {
        // Which sub-column holds a number is a guess unless the group printed all five.
        const ambiguous = [g1, g2, g3].some((g) => g.length > 0 && g.length < 5 && g.some((x) => x !== 0));
        return { values: [...placeGroup(g1), ...placeGroup(g2), ...placeGroup(g3)], ambiguous };
      }
    }
  }
  return null;
}

const sumsHold = (v: number[]) => [0, 5, 10].every((o) => v[o] + v[o + 1] + v[o + 2] + v[o + 3] === v[o + 4]);

const HEADER = /^(?:行政复议|行政诉讼|结果维持|结果纠正|其他结果|尚未审结|总计|合计|未经复议直接起诉|复议后起诉|数据\d*|[\s\d]*)$/;
// The next section's heading glued after the table (一行一篇: …总计000000000000000五、存在的…).
const NEXT_SECTION = /^[五六七八][、.]/;
const T4_COLUMNS = /结果维持|结果纠正|其他结果|尚未审结|未经复议|复议后起诉/;
const isCell = (t: Token) => t.k === "num" || t.k === "run" || t.k === "bad";
const PLAIN_DIGITS = /^\d+$/;

/** Glued digits: a run, or a number printed with a leading zero. */
function gluedDigits(cells: Token[]): string | null {
  if (!cells.some((t) => t.k === "run" || (t.k === "num" && t.s.length > 1 && t.s.charCodeAt(0) === 48 && PLAIN_DIGITS.test(t.s)))) return null;
  let d = "";
  for (const t of cells) {
    if (t.k === "run" || (t.k === "num" && PLAIN_DIGITS.test(t.s))) d += t.s;
    else if (t.k === "num" && t.v === 0) d += "0";
    else return null;
  }
  return d;
}

export function readTable4(tokens: Token[]): Table4Read | null {
  const byLine = new Map<number, Token[]>();
  let seenCells = false;
  for (const t of tokens) {
    if (t.k === "text" && seenCells && NEXT_SECTION.test(t.s)) break;
    if (isCell(t)) seenCells = true;
    const l = byLine.get(t.line);
    if (l) l.push(t);
    else byLine.set(t.line, [t]);
  }
  const lines: Token[][] = [];
  for (const l of byLine.values()) {
    const cells = l.filter((t) => t.k !== "text");
    if (cells.length === 0) continue;
    // Prose after the table ("2024 年将…") is no row of it; a labelled row of the table is.
    const prose = l.some((t) => t.k === "text" && !HEADER.test(t.s.replace(/\s+/g, "")));
    if (prose && cells.filter((t) => t.k === "num").length < 5 && !cells.some((t) => t.k === "run")) continue;
    lines.push(cells);
  }
  // (Loops, not lines.flat().filter(…): flat is slow in V8, and this runs for every report.)
  const allCells: Token[] = [];
  const nums: number[] = [];
  for (const l of lines) {
    for (const t of l) {
      if (isCell(t)) allCells.push(t);
      if (t.k === "num" && isCount(t.v)) nums.push(t.v);
    }
  }
  const glued = gluedDigits(allCells);
  if (glued !== null) {
    const s = splitTable4(glued);
    return {
      values: s.cells,
      inferred: false,
      printed: [],
      split: true,
      digits: allCells.map((t) => t.s).join(" "),
      candidates: s.candidates.length ? s.candidates : undefined,
      unreadable: s.unreadable || undefined,
    };
  }
  const bad = allCells.filter((t) => t.k === "bad" || (t.k === "num" && !isCount(t.v)));
  if (bad.length) {
    // Fifteen cells with some no count can be: those null, the others where printed.
    const cells = lines.find((l) => l.filter(isCell).length === 15)?.filter(isCell) ?? (allCells.length === 15 ? allCells : null);
    const badCells = bad.map((t) => ({ index: cells ? cells.indexOf(t) : null, text: t.s }));
    if (!cells) return { values: new Array(15).fill(null), inferred: false, printed: nums, unreadable: true, badCells };
    return { values: cells.map((t) => (t.k === "num" && isCount(t.v) ? t.v : null)), inferred: false, printed: nums, badCells };
  }
  // No number at all: a table printed blank is zeros; no table (an image, [图片]) is nothing read.
  if (nums.length === 0) return lines.length > 0 || tokens.some((t) => t.k === "text" && T4_COLUMNS.test(t.s)) ? { values: new Array(15).fill(0), inferred: false, printed: [] } : null;
  // A full row, or one whose blanks stayed in place.
  for (const l of lines) {
    const n = l.filter((t) => t.k === "num");
    if (n.length === 15) return { values: n.map((t) => (isCount(t.v) ? t.v : 0)), inferred: false, printed: nums };
    // Blanks in place (a tab line may have lost its last, blank cell).
    if ((l.length === 15 || l.length === 14) && n.length > 0) {
      const v = l.map((t) => (t.k === "num" && isCount(t.v) ? t.v : 0));
      if (v.length === 14) v.push(0);
      if (sumsHold(v)) return { values: v, inferred: false, printed: nums };
    }
  }
  if (nums.length >= 15) return { values: nums.slice(0, 15), inferred: false, printed: nums };
  if (nums.every((x) => x === 0)) return { values: new Array(15).fill(0), inferred: false, printed: nums };
  const p = partition(nums);
  if (p) return { values: p.values, inferred: p.ambiguous, printed: nums };
  const v = new Array(15).fill(0);
  nums.forEach((x, i) => (v[i] = x));
  return { values: v, inferred: true, printed: nums };
}
