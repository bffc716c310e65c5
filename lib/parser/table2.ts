// Table 2 as printed: each item label with the numbers after it (column headers skipped).
// Labels keep the report's wording (规范性文件 / 行政规范性文件); numbers may be decimal (万元)
// or negative (本年增/减).
import { T2_HEADER, stripNumbering } from "./labels";
import type { Token } from "./tokens";

function expandRun(digits: string): number[] {
  return /^0+$/.test(digits) ? [...digits].map(() => 0) : [Number(digits)];
}

const labels = new Map<string, string | null>();

/** The item a text names, or null for a column header (cached: the same cells recur). */
function itemLabel(s: string): string | null {
  let label = labels.get(s);
  if (label !== undefined) return label;
  // The last word of a merged text run is the item (whole articles on one line).
  const words = s.trim().split(/\s+/);
  const last = stripNumbering(words[words.length - 1]);
  label = last && !T2_HEADER.test(last) && last.length <= 30 && /[\u4e00-\u9fa5]/.test(last) ? last : null;
  if (labels.size > 20000) labels.clear();
  labels.set(s, label);
  return label;
}

export function readTable2(tokens: Token[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  let label: string | null = null;
  for (const t of tokens) {
    if (t.k === "text") {
      label = itemLabel(t.s);
      if (label && label in out) label = null;
      continue;
    }
    if (!label) continue;
    const nums = t.k === "num" ? [t.v] : t.k === "run" ? expandRun(t.s) : [];
    if (nums.length === 0) continue;
    (out[label] ??= []).push(...nums);
    if (out[label].length > 12) label = null;
  }
  return out;
}
