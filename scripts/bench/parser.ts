// Parser throughput on one core over the generated mix of layouts: the ingest path (analyzeText:
// parse + checks + validation) against the goal, parseReports alone, and the tokenising limit of
// the same texts (every line split into cells and numbers, nothing more: what no parser can beat)
// with the ingest path's share of it. The files are read to text first (extraction is the import
// bench's business), then parsed in a loop.
import os from "node:os";
import { analyzeText } from "@/lib/analyze";
import { extractText } from "@/lib/extract";
import { parseReports } from "@/lib/parser";
import { LAYOUT_NAMES, generateFiles } from "./generate-texts";
import type { BenchSection, Measure } from "./types";

/** Distinct generated files parsed; each pass goes over all of them. */
const FILES = 1_000;
const ROUNDS = 5;
const ROUND_SECONDS = 1;

/** Reports per CPU second of each of `parsers` over the texts: the best of ROUNDS rounds of at
 * least ROUND_SECONDS of CPU time each, after a warm-up pass (JIT, the lazy region indexes). The
 * parsers take turns within each round, so a busy spell of the machine falls on all of them and
 * their ratio holds whatever the load. CPU time, not wall time, and the best round: on a shared
 * machine other processes take the core and its caches away, not the work this code does (GC
 * threads count against it). */
function throughputs(texts: string[], reportsPerPass: number, parsers: ((t: string) => unknown)[]): number[] {
  for (const parse of parsers) for (const t of texts) parse(t);
  const best = parsers.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    parsers.forEach((parse, i) => {
      let passes = 0;
      let seconds = 0;
      const start = process.cpuUsage();
      while (seconds < ROUND_SECONDS) {
        for (const t of texts) parse(t);
        passes++;
        const used = process.cpuUsage(start);
        seconds = (used.user + used.system) / 1e6;
      }
      best[i] = Math.max(best[i], (passes * reportsPerPass) / seconds);
    });
  }
  return best;
}

const SPACE = /[\s\u3000]+/;
const NUMBER = /^[+-]?\d[\d,]*(?:\.\d+)?$/;

/** The tokenising limit: lines split into cells at | and tab, cells into pieces at white space,
 * each piece that is a number read as one. Returns the numbers' sum so the work cannot be skipped. */
function tokenise(text: string): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    for (const cell of line.split(/[|\t]/)) {
      for (const piece of cell.split(SPACE)) if (piece && NUMBER.test(piece)) sum += Number(piece.replaceAll(",", ""));
    }
  }
  return sum;
}

export const section: BenchSection = {
  name: "parser",
  async run(ctx) {
    const texts: string[] = [];
    let reports = 0;
    for (const f of generateFiles(FILES)) {
      texts.push((await extractText(await f.bytes(), { fileName: f.name })).text);
      reports += f.reports.length;
    }
    ctx.log(`parser: ${texts.length} texts, ${reports} reports, ${LAYOUT_NAMES.length} layouts`);
    const note = `${reports.toLocaleString("en-US")} generated reports, ${LAYOUT_NAMES.length} layouts, one core, CPU time, best of ${ROUNDS} rounds of ≥ ${ROUND_SECONDS} s`;
    const [ingest, parseOnly, limit] = throughputs(texts, reports, [(t) => analyzeText(t), (t) => parseReports(t), tokenise]);
    const rows: Measure[] = [
      { section: "parser", measure: "analyzeText throughput (ingest path)", value: ingest, unit: "reports/s", goal: { op: ">=", value: 5_000 }, note },
      { section: "parser", measure: "parseReports throughput (parse only)", value: parseOnly, unit: "reports/s", note },
      { section: "parser", measure: "tokenising limit (cells and numbers only)", value: limit, unit: "reports/s", note: "same texts: lines split into cells and numbers, nothing else" },
      {
        section: "parser",
        measure: "analyzeText / tokenising limit",
        value: (100 * ingest) / limit,
        unit: "%",
        note: `measured in turns, so the ratio holds under load (load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores); parse only: ${((100 * parseOnly) / limit).toFixed(0)} %; checks and validation: ${Math.max(0, 100 * (1 / ingest - 1 / parseOnly) * ingest).toFixed(0)} % of the ingest path's time`,
      },
    ];
    return rows;
  },
};
