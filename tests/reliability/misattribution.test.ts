// Files holding several agencies' reports (issue 17 item 4): every ordered pair of the bundled
// samples joined into one file — with a line break between, and glued as `cat a b` makes it —
// read exactly as an upload reads it (lib/ingest/read). A report is misattributed when one of the
// pair's reports does not come out under its own agency and year with its own numbers, or when a
// report comes out under an agency and year that is none of them. Expected: 0.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFile } from "@/lib/ingest/read";
import { SAMPLES_DIR } from "@/lib/ingest/samples";
import type { ParsedReport } from "@/lib/model/report-schema";
import { recordFigures } from "./figures";

interface Golden {
  agency: string;
  year: number;
  table3: Record<string, number[]>;
}
const EXPECTED = path.join(process.cwd(), "tests", "fixtures", "seeds", "expected");
const stems = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort();
const goldens = (stem: string): Golden[] => JSON.parse(fs.readFileSync(path.join(EXPECTED, `${stem}.json`), "utf8")).reports;
const bytesOf = (stem: string) => fs.readFileSync(path.join(SAMPLES_DIR, `${stem}.txt`));
const total = (r: ParsedReport | Golden, row: string) => r.table3[row]?.[6] ?? null;

const figures = { cases: 0, misattributed: 0 };
const misses: string[] = [];

/** How many of the expected reports are not where they belong, plus reports that belong to no one. */
function misattributed(reports: ParsedReport[], expected: Golden[], what: string): number {
  let n = 0;
  for (const g of expected) {
    const r = reports.find((x) => x.agency === g.agency && x.year === g.year);
    const same = r && ["new_received", "granted", "total_processed", "carried_forward"].every((row) => total(r, row) === total(g, row));
    if (!same) {
      n++;
      misses.push(`${what}: ${g.agency} ${g.year} ${r ? "has other numbers" : "not found under its agency"}`);
    }
  }
  for (const r of reports) {
    if (!expected.some((g) => g.agency === r.agency && g.year === r.year)) {
      n++;
      misses.push(`${what}: a report under ${r.agency ?? "(no agency)"} ${r.year}`);
    }
  }
  return n;
}

describe("files holding two agencies' reports", () => {
  afterAll(() => {
    recordFigures("misattribution", {
      what: `mixed files: ${stems.length} samples joined in pairs (both orders, glued or not)`,
      ...figures,
      note: misses.slice(0, 3).join("; "),
    });
  });

  it("gives every report its own agency, year and numbers", async () => {
    for (const a of stems) {
      for (const b of stems) {
        if (a === b) continue;
        for (const glue of ["\n", ""]) {
          const bytes = Buffer.concat([bytesOf(a), Buffer.from(glue), bytesOf(b)]);
          const doc = await readFile(new Uint8Array(bytes), "mixed.txt");
          figures.cases++;
          figures.misattributed += misattributed(doc.reports, [...goldens(a), ...goldens(b)], `${a.slice(0, 3)}+${b.slice(0, 3)}${glue ? "" : " glued"}`);
        }
      }
    }
    expect(misses).toEqual([]);
    expect(figures.misattributed).toBe(0);
  });
});
