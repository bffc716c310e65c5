// The real-report test sets and how a parse is scored against their hand-checked totals, shared by
// tests/unit/parser-real.test.ts and scripts/score-real.ts. The scoring is that of
// ../shared/tools/compare_parse.py (totals format): agency (any of agency_accept), then every
// total-column value of table 3 (group totals = sums of their items), then the table-4 totals the
// golden states. The parse is the one `npm run parse` does: bytes → extractText → analyzeText.
import fs from "node:fs";
import path from "node:path";
import { analyzeText } from "@/lib/analyze";
import { extractText } from "@/lib/extract";
import type { ParsedReport } from "@/lib/model/report-schema";

const ROOT = path.resolve(__dirname, "..", "..");

/** The sets scored: this repository's own, and the shared development set beside the clone (CI). */
export const REAL_SETS = [
  { name: "real", dir: path.join(ROOT, "tests", "fixtures", "real") },
  { name: "shared", dir: path.join(ROOT, "..", "shared", "fixtures", "real") },
] as const;

export const KNOWN_FAILING_FILE = path.join(ROOT, "tests", "fixtures", "real", "known-failing.json");

export const TOTAL_KEYS = [
  "new_received", "carried_over", "granted", "partially_granted", "denied_total", "unable_to_provide_total",
  "not_processed_total", "other_total", "total_processed", "carried_forward",
] as const;
type TotalKey = (typeof TOTAL_KEYS)[number];

const GROUP_OF: Partial<Record<TotalKey, string>> = {
  denied_total: "denied",
  unable_to_provide_total: "unable",
  not_processed_total: "not_processed",
  other_total: "other",
};

const TABLE4_KEYS = ["review_total", "litigation_direct_total", "litigation_after_review_total"] as const;

export interface TotalsGolden {
  source: string;
  agency: string | null;
  agency_accept?: string[];
  year: number;
  table3_total_column: Partial<Record<TotalKey, number>>;
  table4?: Partial<Record<(typeof TABLE4_KEYS)[number], number>>;
  /** Layout family of the source (README of tests/fixtures/real); the shared set is all archive dumps. */
  layout_family?: string;
  province?: string;
  notes?: string;
}

export interface RealFixture {
  /** "real/101", "shared/002": set name and file stem. */
  id: string;
  set: string;
  file: string;
  goldens: TotalsGolden[];
  family: string;
}

/** Every fixture with a golden, in both sets (a set whose folder is absent is skipped). */
export function listRealFixtures(): RealFixture[] {
  const out: RealFixture[] = [];
  for (const set of REAL_SETS) {
    const expDir = path.join(set.dir, "expected");
    if (!fs.existsSync(expDir)) continue;
    const files = fs.readdirSync(set.dir);
    for (const e of fs.readdirSync(expDir).filter((f) => f.endsWith(".json")).sort()) {
      const stem = e.replace(/\.json$/, "");
      const src = files.find((f) => f.startsWith(stem + ".") && fs.statSync(path.join(set.dir, f)).isFile());
      if (!src) continue;
      const raw = JSON.parse(fs.readFileSync(path.join(expDir, e), "utf8")) as TotalsGolden | { reports: TotalsGolden[] };
      const goldens = "reports" in raw ? raw.reports : [raw];
      out.push({
        id: `${set.name}/${stem}`,
        set: set.name,
        file: path.join(set.dir, src),
        goldens,
        family: goldens[0]?.layout_family ?? "archive-dump",
      });
    }
  }
  return out;
}

/** Fixture id → why it fails today (the parser helpers shrink this list). */
export function readKnownFailing(): Record<string, string> {
  if (!fs.existsSync(KNOWN_FAILING_FILE)) return {};
  return JSON.parse(fs.readFileSync(KNOWN_FAILING_FILE, "utf8")) as Record<string, string>;
}

/** The same bytes → text → reports path as scripts/parse.ts. */
export async function parseFile(file: string): Promise<ParsedReport[]> {
  const { text } = await extractText(new Uint8Array(fs.readFileSync(file)), { fileName: path.basename(file) });
  return analyzeText(text).reports;
}

function totalOf(rep: ParsedReport, row: string): number | null {
  const t3 = rep.table3 as Record<string, (number | null)[] | null | undefined>;
  const direct = t3[row];
  if (direct != null) return direct.length === 7 ? direct[6] ?? null : null;
  const items = Object.entries(t3).filter(([k]) => k.startsWith(row + ".")).map(([, v]) => v);
  if (!items.length || items.some((v) => !v || v.length !== 7 || v[6] == null)) return null;
  return items.reduce((s, v) => s + (v![6] as number), 0);
}

function pick(reports: ParsedReport[], g: TotalsGolden): ParsedReport | null {
  const sameYear = reports.filter((r) => r.year === g.year);
  const names = g.agency_accept ?? [g.agency];
  const named = sameYear.find((r) => g.agency && names.includes(r.agency ?? null));
  if (named) return named;
  return sameYear.length === 1 ? sameYear[0] : null;
}

export interface Score {
  ok: number;
  total: number;
  misses: string[];
  reportsFound: number;
  reports: number;
}

/** Scores one fixture's parse against its goldens, value by value. */
export function scoreFixture(fx: RealFixture, reports: ParsedReport[]): Score {
  const s: Score = { ok: 0, total: 0, misses: [], reportsFound: 0, reports: 0 };
  const check = (where: string, want: unknown, got: unknown) => {
    s.total += 1;
    if (want === got) s.ok += 1;
    else s.misses.push(`${where}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
  };
  for (const g of fx.goldens) {
    s.reports += 1;
    const r = pick(reports, g);
    if (!r) {
      s.total += 1;
      s.misses.push(`${g.agency} ${g.year}: report not found (${reports.length} reports parsed: ${reports.map((x) => `${x.agency} ${x.year}`).join("; ") || "none"})`);
      continue;
    }
    s.reportsFound += 1;
    if (g.agency) {
      const accepted = g.agency_accept ?? [g.agency];
      check("agency", g.agency, accepted.includes(r.agency ?? "") ? g.agency : r.agency);
    }
    for (const [key, want] of Object.entries(g.table3_total_column) as [TotalKey, number][]) {
      check(`total.${key}`, want, totalOf(r, GROUP_OF[key] ?? key));
    }
    TABLE4_KEYS.forEach((key, i) => {
      if (g.table4 && key in g.table4) {
        const t4 = r.table4;
        check(`table4.${key}`, g.table4[key], t4 && t4.length === 15 ? t4[i * 5 + 4] : null);
      }
    });
  }
  return s;
}
