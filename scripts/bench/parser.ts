// Parser throughput on one core over the generated mix of layouts: the ingest path (analyzeText:
// parse + checks + validation) against the goal, parseReports alone for information. The files
// are read to text first (extraction is the import bench's business), then parsed in a loop.
import { analyzeText } from "@/lib/analyze";
import { extractText } from "@/lib/extract";
import { parseReports } from "@/lib/parser";
import { LAYOUT_NAMES, generateFiles } from "./generate-texts";
import type { BenchSection, Measure } from "./types";

/** Distinct generated files parsed; each pass goes over all of them. */
const FILES = 1_000;
const MIN_SECONDS = 3;

/** Reports per CPU second of `parse` over the texts, passes repeated for at least MIN_SECONDS of
 * CPU time. CPU time, not wall time: on a shared machine other processes take the core away, but
 * not the work this code does (GC threads count against it). */
function throughput(texts: string[], reportsPerPass: number, parse: (t: string) => unknown): number {
  for (const t of texts.slice(0, 100)) parse(t); // warm-up: JIT and the lazy region indexes
  let passes = 0;
  const start = process.cpuUsage();
  let seconds = 0;
  while (seconds < MIN_SECONDS) {
    for (const t of texts) parse(t);
    passes++;
    const used = process.cpuUsage(start);
    seconds = (used.user + used.system) / 1e6;
  }
  return (passes * reportsPerPass) / seconds;
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
    const note = `${reports.toLocaleString("en-US")} generated reports, ${LAYOUT_NAMES.length} layouts, one core, ≥ ${MIN_SECONDS} s of CPU time`;
    const ingest = throughput(texts, reports, (t) => analyzeText(t));
    const parseOnly = throughput(texts, reports, (t) => parseReports(t));
    const rows: Measure[] = [
      { section: "parser", measure: "analyzeText throughput (ingest path)", value: ingest, unit: "reports/s", goal: { op: ">=", value: 2_000 }, note },
      { section: "parser", measure: "parseReports throughput (parse only)", value: parseOnly, unit: "reports/s", note },
    ];
    return rows;
  },
};
