// The reliability figures (one JSON per test file, see tests/reliability/figures.ts) as one table.
import fs from "node:fs";
import path from "node:path";

const COLUMNS = [
  ["cases", "cases"],
  ["crashes", "crashes"],
  ["hangs", "hangs"],
  ["lost", "lost"],
  ["duplicates", "dupl."],
  ["versionGaps", "gaps"],
  ["misattributed", "misattr."],
];

/** Prints the table; `extra` rows are added as they are ({ what, note, …figures }). Returns the rows. */
export function printFigures(dir, extra = []) {
  const rows = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")))
    : [];
  rows.push(...extra);
  if (!rows.length) return rows;
  const cell = (v) => (v === undefined ? "–" : String(v));
  const table = [["what", ...COLUMNS.map((c) => c[1]), "note"], ...rows.map((r) => [r.what, ...COLUMNS.map(([k]) => cell(r[k])), r.note ?? ""])];
  const width = (i) => Math.max(...table.map((r) => [...r[i]].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
  const pad = (s, w, right) => {
    const len = [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    return right ? " ".repeat(Math.max(0, w - len)) + s : s + " ".repeat(Math.max(0, w - len));
  };
  const widths = table[0].map((_, i) => (i === table[0].length - 1 ? 0 : width(i)));
  console.log("\nreliability figures:");
  for (const [n, r] of table.entries()) {
    console.log(r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i], i > 0))).join("  "));
    if (n === 0) console.log(widths.map((w) => "-".repeat(w || 4)).join("  "));
  }
  const sum = (k) => rows.reduce((s, r) => s + (r[k] ?? 0), 0);
  console.log(`total: ${sum("cases")} cases tried, ${sum("crashes")} crashes, ${sum("hangs")} hangs, ${sum("lost")} reports lost, ${sum("duplicates")} duplicates, ${sum("versionGaps")} version gaps, ${sum("misattributed")} misattributed reports`);
  return rows;
}
