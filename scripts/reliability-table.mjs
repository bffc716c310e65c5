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
  printHardening(rows);
  return rows;
}

/**
 * Issue 17's figures, from the rows that carry them (a figure no test of this run measured says
 * so): hostile files tried and the server up after each, the slowest page load beside them,
 * bodies stored byte for byte, reports given to the wrong agency (the two-agency test writes
 * `misattributed`), database restarts survived.
 */
function printHardening(rows) {
  const has = (k) => rows.some((r) => r[k] !== undefined);
  const sum = (k) => rows.reduce((s, r) => s + (r[k] ?? 0), 0);
  const max = (k) => Math.max(...rows.map((r) => r[k] ?? 0));
  const notRun = "not measured in this run";
  console.log("\nhardening (issue 17):");
  console.log(`  hostile files tried: ${has("hostileFiles") ? sum("hostileFiles") : notRun}; server up after each: ${has("serverUpAfter") ? `${sum("serverUpAfter")}/${sum("hostileFiles")}` : notRun}`);
  const bound = () => {
    const b = max("pageBoundMs");
    const quiet = max("quietPageMs");
    // The bound is 3 s unless the machine was slower than that with no hostile upload in flight.
    return `bound ${b} ms${b === 2 * quiet ? ": twice the slowest load between them, on a machine busy with other work" : ""}; slowest between them ${quiet} ms`;
  };
  console.log(`  slowest page load beside a hostile upload: ${has("slowestPageMs") ? `${max("slowestPageMs")} ms (${bound()})` : notRun}`);
  console.log(`  bodies stored byte for byte (every accepted body up to the limit): ${has("bodiesAccepted") ? `${sum("bodiesExact")}/${sum("bodiesAccepted")}` : notRun}`);
  console.log(`  misattributed reports: ${has("misattributed") ? sum("misattributed") : notRun}`);
  console.log(`  database restarts survived: ${has("dbRestarts") ? sum("dbRestarts") : notRun}`);
}
