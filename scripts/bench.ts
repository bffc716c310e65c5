// npm run bench [-- --scale 1e6] [--import 10000] [--only parser,import,...] [--out FILE] [--keep]
// Runs every bench section, prints one table (measure, value, goal, met?) and writes it as JSON
// (default bench-results.json). The default scale finishes in a few minutes; `--scale 1e6` is the
// full million-report run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { met, type BenchContext, type BenchSection, type Measure } from "./bench/types";

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

// Sections in the order they run; each is loaded only when selected.
const SECTIONS: Record<string, () => Promise<BenchSection>> = {
  parser: async () => (await import("./bench/parser")).section,
  import: async () => (await import("./bench/import")).section,
  queries: async () => (await import("./bench/queries")).section,
  http: async () => (await import("./bench/http")).section,
  bundle: async () => (await import("./bench/bundle")).section,
};

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
  return n.toFixed(Math.abs(n) >= 10 ? 1 : 2);
}

function printTable(rows: Measure[]) {
  const cells = rows.map((m) => [
    m.section,
    m.measure,
    `${fmt(m.value)} ${m.unit}`,
    m.goal ? `${m.goal.op} ${fmt(m.goal.value)} ${m.unit}` : "",
    { true: "yes", false: "NO", undefined: "" }[String(met(m)) as "true" | "false" | "undefined"],
    m.note ?? "",
  ]);
  const head = ["section", "measure", "value", "goal", "met?", "conditions"];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(width[i])).join("  ").trimEnd();
  console.log(line(head));
  console.log(width.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<number> {
  const only = opt("only")?.split(",");
  const unknown = only?.filter((s) => !(s in SECTIONS)) ?? [];
  if (unknown.length) {
    console.error(`unknown section ${unknown.join(", ")}; sections: ${Object.keys(SECTIONS).join(", ")}`);
    return 2;
  }
  const ctx: BenchContext = {
    scale: Number(opt("scale") ?? 50_000),
    scaleGiven: opt("scale") !== undefined,
    importCount: Number(opt("import") ?? 10_000), // the goal's own size: the CLI's start-up (~2 s) would weigh on fewer
    workDir: fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-bench-")),
    log: (l) => process.stderr.write(`${l}\n`),
  };
  const rows: Measure[] = [];
  const failures: string[] = [];
  try {
    for (const [name, load] of Object.entries(SECTIONS)) {
      if (only && !only.includes(name)) continue;
      ctx.log(`── ${name}`);
      const started = Date.now();
      try {
        rows.push(...(await (await load()).run(ctx)));
      } catch (e) {
        failures.push(`${name}: ${e instanceof Error ? e.stack ?? e.message : e}`);
      }
      ctx.log(`── ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (!args.includes("--keep")) fs.rmSync(ctx.workDir, { recursive: true, force: true });
  }
  console.log("");
  printTable(rows);
  const out = opt("out") ?? "bench-results.json";
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30) };
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine, scale: ctx.scale, importCount: ctx.importCount, results: rows.map((m) => ({ ...m, met: met(m) })), failures }, null, 2));
  console.log(`\n${rows.length} measures, ${rows.filter((m) => met(m) === false).length} goals not met; written to ${out}`);
  for (const f of failures) console.error(`section failed: ${f}`);
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
