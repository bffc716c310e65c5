// Table 4: fifteen numbers (review, direct litigation, litigation after review; each upheld,
// corrected, other, pending, total). When blanks were dropped, the numbers are split into the
// three groups so that each group's last number is the sum of the others, placed from the left.
import type { Token } from "./tokens";
import { isCount } from "./numbers";

export interface Table4Read {
  values: number[];
  inferred: boolean;
  printed: number[];
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

export function readTable4(tokens: Token[]): Table4Read | null {
  const byLine = new Map<number, Token[]>();
  for (const t of tokens) {
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
    if (prose && cells.filter((t) => t.k === "num").length < 5) continue;
    lines.push(cells);
  }
  const nums = lines.flat().filter((t) => t.k === "num" && isCount(t.v)).map((t) => t.v);
  if (nums.length === 0) return lines.length > 0 || tokens.length > 0 ? { values: new Array(15).fill(0), inferred: false, printed: [] } : null;
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
