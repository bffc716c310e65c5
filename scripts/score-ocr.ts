// npm run score:ocr [-- DIR] [--misses] [--json]
// OCR + parse of the scanned seed reports (tests/fixtures/scans, made by scripts/ocr/make-scans.ts)
// against their goldens: agency, year, every table-3 cell and the 15 of table 4. A value OCR got
// wrong must not pass as certain: each miss must sit in a report the arithmetic checks flag
// (identity, outcome or row sums, table 4), or be left unread. Prints one line per scan, then
//   ocr: values 1234/1240 (99.5 %), misses flagged 6/6, boxes 1230/1234 (disagreeing 0), 12.3 s a page (one core)
// (boxes: values that carry the OCR box they were read from; a box whose text is not its value fails.)
import fs from "node:fs";
import path from "node:path";
import { analyzeExtracted } from "@/lib/analyze";
import { extractText } from "@/lib/extract";
import { ocrInstalled } from "@/lib/extract/ocr/engine";
import { readNumber } from "@/lib/extract/ocr/layout";
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_KEYS } from "@/lib/model/keys";
import type { ParsedReport } from "@/lib/model/report-schema";

const ARITHMETIC = new Set(["identity_broken", "outcome_sum_broken", "row_sum_broken", "table4_sum_broken"]);

interface Golden {
  agency: string;
  year: number;
  table3: Record<string, (number | null)[]>;
  table4: (number | null)[] | null;
}

export interface ScanScore {
  file: string;
  pages: number;
  seconds: number;
  /** Values read with the box they were read from (report.ocr), and boxes whose text is not the cell's value. */
  boxes?: { values: number; withBox: number; disagree: number };
  values: number;
  matched: number;
  misses: { where: string; want: unknown; got: unknown; flagged: boolean }[];
}

export function scoreReport(file: string, want: Golden, got: ParsedReport | undefined): Omit<ScanScore, "pages" | "seconds"> {
  const misses: ScanScore["misses"] = [];
  let values = 0;
  const codes = new Set(got?.flags.map((f) => f.code) ?? []);
  const check = (where: string, w: unknown, g: unknown, table: 3 | 4 | 0) => {
    values++;
    if (w === g) return;
    // A cell left unread (null) is not shown as a number; a wrong number must be in a flagged table.
    const flagged = g === null || (table === 3 && [...codes].some((c) => ARITHMETIC.has(c) && c !== "table4_sum_broken")) || (table === 4 && codes.has("table4_sum_broken"));
    misses.push({ where, want: w, got: g, flagged });
  };
  check("agency", want.agency, got?.agency ?? null, 0);
  check("year", want.year, got?.year ?? null, 0);
  for (const k of TABLE3_ROWS) {
    const w = want.table3[k] ?? [0, 0, 0, 0, 0, 0, 0];
    const g = got?.table3[k];
    w.forEach((v, i) => check(`table3.${k}[${i}]`, v, Array.isArray(g) ? g[i] : null, 3));
  }
  (want.table4 ?? Array(15).fill(0)).forEach((v, i) => check(`table4[${i}]`, v, got?.table4?.[i] ?? null, 4));
  return { file, values, matched: values - misses.length, misses };
}

/** How many of a report's values carry their OCR box, and whether each box read that value. */
export function scoreBoxes(got: ParsedReport | undefined): NonNullable<ScanScore["boxes"]> {
  const cells = got?.ocr?.cells ?? {};
  const out = { values: 0, withBox: 0, disagree: 0 };
  const check = (key: string, v: number | null | undefined) => {
    if (v === null || v === undefined) return;
    out.values++;
    const c = cells[key];
    if (!c) return;
    out.withBox++;
    if (Number(readNumber(c.text)) !== v) out.disagree++;
  };
  for (const [k, row] of Object.entries(got?.table3 ?? {})) if (Array.isArray(row)) TABLE3_COLUMNS.forEach((c, i) => check(`${k}.${c}`, row[i]));
  got?.table4?.forEach((v, i) => check(TABLE4_KEYS[i], v));
  return out;
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const dir = path.resolve(args.find((a) => !a.startsWith("--")) ?? "tests/fixtures/scans");
  if (!ocrInstalled()) {
    console.error("OCR 组件未安装（npm install --include=optional）: the OCR packages are not installed");
    process.exitCode = 1;
    return;
  }
  const scores: ScanScore[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => /\.(pdf|png|jpe?g)$/i.test(x) && fs.existsSync(path.join(dir, "expected", x.replace(/\.\w+$/, ".json")))).sort()) {
    const golden = JSON.parse(fs.readFileSync(path.join(dir, "expected", f.replace(/\.\w+$/, ".json")), "utf8"));
    const t0 = performance.now();
    const extracted = await extractText(new Uint8Array(fs.readFileSync(path.join(dir, f))), { fileName: f, ocr: true });
    const seconds = (performance.now() - t0) / 1000;
    const { reports } = analyzeExtracted(extracted, { fileName: f });
    const want: Golden = golden.reports[0];
    const got = reports.find((r) => r.year === want.year) ?? reports[0];
    const s = { ...scoreReport(f, want, got), pages: extracted.ocr?.pages.length ?? 0, seconds, boxes: scoreBoxes(got) };
    scores.push(s);
    const flagged = s.misses.filter((m) => m.flagged).length;
    console.log(
      `${f}: ${s.matched}/${s.values} values, misses flagged ${flagged}/${s.misses.length}, boxes ${s.boxes.withBox}/${s.boxes.values} (disagreeing ${s.boxes.disagree}), ${s.pages} pages in ${seconds.toFixed(1)} s`,
    );
    if (args.includes("--misses")) for (const m of s.misses) console.log(`  ${m.where}: want ${m.want}, got ${m.got}${m.flagged ? "" : "  ← NOT FLAGGED"}`);
  }
  const values = scores.reduce((a, s) => a + s.values, 0);
  const matched = scores.reduce((a, s) => a + s.matched, 0);
  const misses = scores.flatMap((s) => s.misses);
  const pages = scores.reduce((a, s) => a + s.pages, 0);
  const seconds = scores.reduce((a, s) => a + s.seconds, 0);
  const summary = {
    values,
    matched,
    share: values ? matched / values : 0,
    misses: misses.length,
    missesFlagged: misses.filter((m) => m.flagged).length,
    secondsPerPage: pages ? seconds / pages : 0,
    boxValues: scores.reduce((a, s) => a + (s.boxes?.values ?? 0), 0),
    withBox: scores.reduce((a, s) => a + (s.boxes?.withBox ?? 0), 0),
    boxesDisagree: scores.reduce((a, s) => a + (s.boxes?.disagree ?? 0), 0),
  };
  if (args.includes("--json")) console.log(JSON.stringify({ summary, scores }));
  console.log(
    `ocr: values ${matched}/${values} (${(summary.share * 100).toFixed(1)} %), misses flagged ${summary.missesFlagged}/${summary.misses}, boxes ${summary.withBox}/${summary.boxValues} (disagreeing ${summary.boxesDisagree}), ${summary.secondsPerPage.toFixed(1)} s a page (wall, OCR_THREADS=${process.env.OCR_THREADS ?? 1})`,
  );
  // A box that shows another number than its cell would mislead whoever checks against the scan.
  process.exitCode = summary.share >= 0.99 && summary.missesFlagged === summary.misses && summary.boxesDisagree === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]).includes("score-ocr")) void main();
