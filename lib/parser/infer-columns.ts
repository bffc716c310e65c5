// Rows that lost their blank cells: which column each printed number belongs to, recovered from
// the arithmetic (row sum: total = the six applicant columns; identity: new + carried = processed
// + forward; outcome sum: processed = the outcome rows). Each such row lists the placements its
// numbers allow; a small coordinate descent picks, row by row, the placement that breaks the
// column arithmetic least, starting from the most likely one (numbers to the left, last = total).
import { TABLE3_COLUMNS, type Table3Key } from "@/lib/model/keys";
import type { Cell } from "@/lib/model/report-schema";
import { groupOf, isGroupKey } from "./labels";

export type Provenance = "inferred" | "derived" | "split";

export interface RowInput {
  key: Table3Key;
  /** Seven values read where printed (blank = 0; null: not read). */
  exact?: Cell[];
  /** exact came from a glued digit run: split by the arithmetic, or placed (blanks dropped too). */
  how?: "split" | "inferred";
  /** Printed, but nothing in it could be read as cells. */
  unreadable?: boolean;
  /** The numbers printed, in order, when there are fewer than seven. */
  nums?: number[];
  /** exact holds the six applicant columns; the 总计 cell was printed blank. */
  blankTotal?: boolean;
  /** The row as printed, for the evidence. */
  printed?: string;
}

export interface Table3Solution {
  values: Map<Table3Key, Cell[]>;
  provenance: Partial<Record<Table3Key, Partial<Record<(typeof TABLE3_COLUMNS)[number], Provenance>>>>;
  /** Rows whose numbers' columns were inferred, with what was printed. */
  inferred: { key: Table3Key; printed: string }[];
  /** Cells computed rather than printed ("row.column"). */
  derived: string[];
}

const COMBOS: number[][][] = [];
/** Positions for r numbers among the six applicant columns, in order (memoised). */
export function combos(r: number): number[][] {
  if (COMBOS[r]) return COMBOS[r];
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (from: number) => {
    if (cur.length === r) {
      out.push([...cur]);
      return;
    }
    for (let i = from; i <= 6 - (r - cur.length); i++) {
      cur.push(i);
      rec(i + 1);
      cur.pop();
    }
  };
  rec(0);
  COMBOS[r] = out;
  return out;
}

interface Candidate {
  v: number[];
  penalty: number;
  derivedTotal: boolean;
}

const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);

function place(values: number[], positions: number[], total: number): number[] {
  const v = [0, 0, 0, 0, 0, 0, total];
  positions.forEach((p, i) => (v[p] = values[i]));
  return v;
}

function candidates(nums: number[], blankTotalFirst: boolean): Candidate[] {
  const k = nums.length;
  const apps = nums.slice(0, k - 1);
  const total = nums[k - 1];
  const gap = Math.abs(sum(apps) - total);
  const withTotal: Candidate[] = combos(k - 1).map((p) => ({ v: place(apps, p, total), penalty: gap, derivedTotal: false }));
  const blankTotal: Candidate[] = combos(k).map((p) => ({ v: place(nums, p, sum(nums)), penalty: 0, derivedTotal: true }));
  const all = gap === 0 && !blankTotalFirst ? [...withTotal, ...blankTotal] : [...blankTotal, ...withTotal];
  if (!nums.includes(0)) return all;
  // Printed zeros make several placements the same row: keep each reading once, first one first.
  const seen = new Set<string>();
  return all.filter((c) => {
    const key = c.v.join(",") + (c.derivedTotal ? "d" : "");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const sameRow = (a: number[], b: number[]) => a.every((x, i) => x === b[i]);

/** The rows whose sum is total_processed: each group's items when printed, else its one row
 * (the rule lib/checks applies too). */
export function outcomeKeys(present: Set<Table3Key>): Table3Key[] {
  const withItems = new Set<string>();
  for (const k of present) if (k.includes(".")) withItems.add(groupOf(k)!);
  return [...present].filter((k) => k === "granted" || k === "partially_granted" || (groupOf(k) !== null && !(isGroupKey(k) && withItems.has(k))));
}

export function solveTable3(rows: RowInput[]): Table3Solution {
  const values = new Map<Table3Key, Cell[]>();
  const provenance: Table3Solution["provenance"] = {};
  const inferred: Table3Solution["inferred"] = [];
  const derived: string[] = [];
  const tpRow = rows.find((r) => r.key === "total_processed");
  // (七)总计 printed blank: it is derived from the outcome rows.
  const deriveTp = !!tpRow && !tpRow.exact && !(tpRow.nums && tpRow.nums.length);
  const partial = rows.filter((r) => r.nums && r.nums.length > 0 && r.nums.some((x) => x !== 0));
  for (const r of rows) {
    if (!r.how || !r.exact) continue;
    const prov: Partial<Record<(typeof TABLE3_COLUMNS)[number], Provenance>> = {};
    r.exact.forEach((x, c) => x !== null && (prov[TABLE3_COLUMNS[c]] = r.how));
    provenance[r.key] = prov;
  }
  const read = (r: RowInput): Cell[] => (r.unreadable ? [null, null, null, null, null, null, null] : (r.exact ?? [0, 0, 0, 0, 0, 0, 0]));
  if (partial.length === 0 && !deriveTp && !rows.some((r) => r.blankTotal)) {
    // Every row printed in full: nothing to solve.
    for (const r of rows) values.set(r.key, read(r));
    return { values, provenance, inferred, derived };
  }
  const present = new Set(rows.map((r) => r.key));
  const outcomes = new Set(outcomeKeys(present));
  const blankTotalMode = partial.some((r) => {
    const n = r.nums;
    return !!n && n.length === 6 && sum(n.slice(0, 5)) !== n[5];
  });

  for (const r of rows) {
    if (r.unreadable) values.set(r.key, read(r));
    else if (r.exact && r.blankTotal) {
      const six = r.exact.slice(0, 6) as number[];
      const v = [...six, sum(six)];
      values.set(r.key, v);
      if (v[6] !== 0) {
        provenance[r.key] = { total: "derived" };
        derived.push(`${r.key}.total`);
      }
    } else if (r.exact) values.set(r.key, r.exact);
    else if (!r.nums || r.nums.every((x) => x === 0)) values.set(r.key, [0, 0, 0, 0, 0, 0, 0]);
  }

  // Coefficients of each row in the identity (a) and the outcome sum (b).
  const coef = (key: Table3Key): [number, number] => {
    if (key === "new_received" || key === "carried_over") return [1, 0];
    if (key === "carried_forward") return [-1, 0];
    if (key === "total_processed") return deriveTp ? [0, 0] : [-1, 1];
    if (outcomes.has(key)) return deriveTp ? [-1, 0] : [0, -1];
    return [0, 0];
  };
  const I = [0, 0, 0, 0, 0, 0, 0];
  const O = [0, 0, 0, 0, 0, 0, 0];
  // (An unread cell counts as 0 here: it only steers where other rows' numbers are placed.)
  const add = (key: Table3Key, v: Cell[], sign: number) => {
    const [a, b] = coef(key);
    if (a === 0 && b === 0) return;
    const sa = sign * a;
    const sb = sign * b;
    for (let c = 0; c < 7; c++) {
      const x = v[c] ?? 0;
      I[c] += sa * x;
      O[c] += sb * x;
    }
  };
  if (partial.length === 0 && !deriveTp) return { values, provenance, inferred, derived };
  for (const [key, v] of values) add(key, v, 1);

  const open = partial.map((r) => {
    const cands = candidates(r.nums!, blankTotalMode && r.nums!.length === 6);
    return { key: r.key, printed: r.printed ?? (r.nums ?? []).join(" "), cands, choice: 0 };
  });
  for (const o of open) add(o.key, o.cands[0].v, 1);

  // Coordinate descent: each row in turn takes the placement that breaks the column sums least
  // (plus its own row-sum break), the others held; a few passes until nothing moves.
  const colError = () => {
    let e = 0;
    for (let c = 0; c < 7; c++) e += Math.abs(I[c]) + Math.abs(O[c]);
    return e;
  };
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const o of open) {
      if (o.cands.length < 2) continue;
      const curChoice = o.choice;
      add(o.key, o.cands[curChoice].v, -1);
      let bestJ = curChoice;
      let best = Infinity;
      for (let j = 0; j < o.cands.length; j++) {
        add(o.key, o.cands[j].v, 1);
        const e = colError() + o.cands[j].penalty;
        add(o.key, o.cands[j].v, -1);
        // Ties keep the current reading (the likelier one it started from).
        if (e < best || (e === best && j === curChoice)) {
          best = e;
          bestJ = j;
        }
      }
      o.choice = bestJ;
      add(o.key, o.cands[bestJ].v, 1);
      if (bestJ !== curChoice) changed = true;
    }
    if (!changed) break;
  }

  for (const o of open) {
    const chosen = o.cands[o.choice];
    values.set(o.key, chosen.v);
    // Readings that keep the row sum: several distinct ones mean the columns were a choice.
    const pool = chosen.penalty === 0 ? o.cands.filter((c) => c.penalty === 0) : o.cands;
    const prov: Partial<Record<(typeof TABLE3_COLUMNS)[number], Provenance>> = {};
    if (pool.some((c) => !sameRow(c.v, pool[0].v))) {
      inferred.push({ key: o.key, printed: o.printed });
      for (let c = 0; c < 6; c++) prov[TABLE3_COLUMNS[c]] = "inferred";
    }
    if (chosen.derivedTotal && chosen.v[6] !== 0) {
      prov.total = "derived";
      derived.push(`${o.key}.total`);
    }
    if (Object.keys(prov).length) provenance[o.key] = prov;
  }

  if (deriveTp) {
    const tp: Cell[] = [0, 0, 0, 0, 0, 0, 0];
    for (const k of outcomes) {
      const v = values.get(k);
      if (v) for (let c = 0; c < 7; c++) tp[c] = tp[c] === null || v[c] === null ? null : tp[c]! + v[c]!;
    }
    values.set("total_processed", tp);
    if (tp.some((x) => x !== 0)) {
      provenance.total_processed = Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, "derived" as const]));
      derived.push(...TABLE3_COLUMNS.map((c) => `total_processed.${c}`));
    }
  }
  return { values, provenance, inferred, derived };
}
