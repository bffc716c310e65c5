// Each reliability test writes its figures (cases tried, crashes, reports lost …) to one JSON file
// per test file; scripts/reliability.mjs prints them all as one table at the end of the run.
import fs from "node:fs";
import path from "node:path";

export type Figures = Partial<Record<"cases" | "crashes" | "hangs" | "lost" | "duplicates" | "versionGaps" | "misattributed", number>> & {
  /** What was tried, in a few words (the table's first column). */
  what: string;
  /** Extra detail for the table's last column (slowest case, statuses seen …). */
  note?: string;
} & Partial<
  Record<
    // Issue 17's figures, printed below the table (scripts/reliability-table.mjs).
    | "hostileFiles"
    | "serverUpAfter"
    | "slowestPageMs"
    /** The slowest load of the same page between the hostile requests, and the bound that follows (hostile.test.ts). */
    | "quietPageMs"
    | "pageBoundMs"
    | "bodiesAccepted"
    | "bodiesExact"
    | "misattributed"
    | "dbRestarts",
    number
  >
>;

export const FIGURES_DIR = process.env.RELIABILITY_FIGURES ?? path.join(process.cwd(), ".data", "reliability");

export function recordFigures(name: string, figures: Figures) {
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  fs.writeFileSync(path.join(FIGURES_DIR, `${name}.json`), JSON.stringify(figures));
}
