// Where the importer's CPU goes, step by step, on a sample of the import bench's files: the same
// calls as a bulk import's reader (lib/ingest/read.ts → read-pool.ts → store.ts), each timed by
// CPU (process.cpuUsage, so the machine's other load does not count), after a warm-up pass.
// Run by the import bench in a child process with `npm run import`'s node flags:
//   node --max-semi-space-size=64 --import tsx scripts/bench/import-steps.ts DIR [EVERY]
// Prints one JSON object: { reports, files, steps: { name: ms per report } , perFile: { ext: ms } }.
import fs from "node:fs";
import path from "node:path";
import { analyzeExtracted } from "@/lib/analyze";
import { extractText } from "@/lib/extract";
import { sha256 } from "@/lib/ingest/hashing";
import { documentPayload } from "@/lib/ingest/store";
import { PARSER_VERSION } from "@/lib/parser";

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function pass(dir: string, files: string[]) {
  const steps: Record<string, number> = {};
  const byExt: Record<string, { ms: number; files: number }> = {};
  const add = (k: string, v: number) => (steps[k] = (steps[k] ?? 0) + v);
  let reports = 0;
  for (const f of files) {
    const ext = path.extname(f).slice(1);
    let at = cpuMs();
    const lap = (step: string) => {
      const now = cpuMs();
      add(step, now - at);
      at = now;
      return now;
    };
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, f)));
    const sha = sha256(bytes);
    lap("reading files and sha256");
    const started = at;
    const extracted = await extractText(bytes, { fileName: f });
    const done = lap(`extraction .${ext}`);
    byExt[ext] = { ms: (byExt[ext]?.ms ?? 0) + done - started, files: (byExt[ext]?.files ?? 0) + 1 };
    const { reports: parsed } = analyzeExtracted(extracted, { fileName: f });
    lap("parsing and checks (analyzeExtracted)");
    const payload = documentPayload(
      { bytes, fileName: f, format: extracted.format, encoding: extracted.encoding ?? null, text: extracted.text, reports: parsed, parserVersion: PARSER_VERSION },
      { asParsed: true, bytesSha256: sha },
    );
    Buffer.from(payload.text, "utf8"); // packed for the database (storeDocuments)
    lap("rows, hashes and JSON for the database (documentPayload)");
    reports += parsed.length;
  }
  return { steps, byExt, reports };
}

async function main() {
  const dir = process.argv[2];
  const every = Number(process.argv[3] ?? 10);
  const files = fs.readdirSync(dir).sort().filter((_, i) => i % every === 0);
  await pass(dir, files.slice(0, Math.ceil(files.length / 3))); // warm-up: compiled code, as deep in a long import
  const { steps, byExt, reports } = await pass(dir, files);
  console.log(
    JSON.stringify({
      reports,
      files: files.length,
      steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, v / reports])),
      perFile: Object.fromEntries(Object.entries(byExt).map(([k, v]) => [k, { ms: v.ms / v.files, files: v.files }])),
    }),
  );
}

main();
