// npm run score:real [-- --misses] [-- --json] [-- --update-known-failing]   how well the parser
// reads the real reports: per fixture, per layout family and per set (tests/fixtures/real and
// ../shared/fixtures/real), "values right / values checked" and "reports exact" (every value
// right). The same parse and scoring as tests/unit/parser-real.test.ts. --misses lists each wrong
// value; --json prints the whole result as one JSON object; --update-known-failing rewrites
// tests/fixtures/real/known-failing.json to the fixtures failing now (a reason kept while the
// fixture still fails, a new one from its misses otherwise).
import fs from "node:fs";
import {
  KNOWN_FAILING_FILE, listRealFixtures, parseFile, readKnownFailing, scoreFixture, type Score,
} from "@/tests/helpers/real-fixtures";

interface Row {
  id: string;
  set: string;
  family: string;
  ok: number;
  total: number;
  exact: boolean;
  knownFailing: boolean;
  misses: string[];
  error?: string;
}

interface Tally {
  ok: number;
  total: number;
  exact: number;
  fixtures: number;
}

const pct = (ok: number, total: number) => (total ? ((100 * ok) / total).toFixed(1) : "0.0");

function tally(rows: Row[], key: (r: Row) => string): Map<string, Tally> {
  const m = new Map<string, Tally>();
  for (const r of rows) {
    const t = m.get(key(r)) ?? { ok: 0, total: 0, exact: 0, fixtures: 0 };
    t.ok += r.ok;
    t.total += r.total;
    t.exact += r.exact ? 1 : 0;
    t.fixtures += 1;
    m.set(key(r), t);
  }
  return m;
}

function printTally(title: string, m: Map<string, Tally>) {
  console.log(`\n${title}`);
  for (const [k, t] of [...m.entries()].sort()) {
    console.log(`  ${k.padEnd(24)} values ${`${t.ok}/${t.total}`.padStart(9)} (${pct(t.ok, t.total).padStart(5)}%)   reports exact ${t.exact}/${t.fixtures}`);
  }
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const known = readKnownFailing();
  const rows: Row[] = [];
  for (const fx of listRealFixtures()) {
    let score: Score;
    let error: string | undefined;
    try {
      score = scoreFixture(fx, await parseFile(fx.file));
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      score = { ok: 0, total: 1, misses: [`read failed: ${error}`], reportsFound: 0, reports: fx.goldens.length };
    }
    rows.push({
      id: fx.id, set: fx.set, family: fx.family, ok: score.ok, total: score.total,
      exact: score.misses.length === 0, knownFailing: Boolean(known[fx.id]), misses: score.misses, error,
    });
  }

  if (args.has("--update-known-failing")) {
    const next: Record<string, string> = {};
    for (const r of rows.filter((x) => !x.exact)) {
      next[r.id] = known[r.id] ?? `${r.ok}/${r.total} right; ${r.misses.slice(0, 3).join("; ")}${r.misses.length > 3 ? "; …" : ""}`;
    }
    fs.writeFileSync(KNOWN_FAILING_FILE, JSON.stringify(next, null, 1) + "\n");
    console.log(`known-failing.json: ${Object.keys(next).length} fixtures (was ${Object.keys(known).length})`);
  }

  if (args.has("--json")) {
    const obj = (m: Map<string, Tally>) => Object.fromEntries(m);
    console.log(JSON.stringify({
      fixtures: rows,
      byFamily: obj(tally(rows, (r) => r.family)),
      bySet: obj(tally(rows, (r) => r.set)),
      bySetAndFamily: obj(tally(rows, (r) => `${r.set}/${r.family}`)),
    }, null, 1));
    return;
  }

  console.log("fixture                      family          values     exact  known-failing");
  for (const r of rows) {
    const mark = r.exact ? "yes" : "no";
    const kf = r.knownFailing ? (r.exact ? "LISTED BUT PASSES" : "listed") : r.exact ? "" : "NOT LISTED";
    console.log(`  ${r.id.padEnd(26)} ${r.family.padEnd(14)} ${`${r.ok}/${r.total}`.padStart(7)}  ${mark.padEnd(5)}  ${kf}`);
    if (args.has("--misses")) for (const m of r.misses) console.log(`      ${m}`);
  }
  printTally("by layout family (both sets):", tally(rows, (r) => r.family));
  printTally("by set and family:", tally(rows, (r) => `${r.set}/${r.family}`));
  const all = tally(rows, () => "all").get("all") ?? { ok: 0, total: 0, exact: 0, fixtures: 0 };
  for (const [set, t] of [...tally(rows, (r) => r.set).entries()].sort()) {
    console.log(`\n${set}: values right ${t.ok}/${t.total} (${pct(t.ok, t.total)}%), reports exact ${t.exact}/${t.fixtures}`);
  }
  console.log(`all: values right ${all.ok}/${all.total} (${pct(all.ok, all.total)}%), reports exact ${all.exact}/${all.fixtures}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exitCode = 1;
});
