// A person's correction applied to a report (pure: the correction form runs it in the browser
// while cells are edited, the server runs it again before storing). Corrected table-3 cells get
// provenance "corrected"; the arithmetic is checked again, and the findings the correction
// settles go (a finding about cells that were all corrected, "agency unknown" once an agency is
// given); the cross-year carry check is made by the database when the version is stored.
import { runChecks } from "@/lib/checks";
import { TABLE3_COLUMNS, TABLE4_KEYS, type Table3Column } from "@/lib/model/keys";
import type { Cell, Finding, ParsedReport, RegionRef } from "@/lib/model/report-schema";
import type { Level } from "@/lib/model/keys";

/** Cell key → new value: "granted.total" (table 3) or "review.upheld" (table 4); null = not known. */
export type CellEdits = Record<string, Cell>;

export interface MetaEdits {
  agency?: string;
  year?: number;
  region?: RegionRef | null;
  level?: Level | null;
}

/** Findings the checks recompute from the tables. */
const RECOMPUTED = new Set(["identity_broken", "outcome_sum_broken", "row_sum_broken", "table4_sum_broken"]);
/** Recomputed by the database against the neighbouring years when the version is stored. */
const CROSS_YEAR = new Set(["carry_mismatch"]);
/** Findings that say the text does not name something: settled once a person names it. */
const FILLED: Record<string, keyof MetaEdits> = {
  agency_unknown: "agency",
  year_unknown: "year",
  region_unknown: "region",
  region_guessed: "region",
};
/** Findings about cells that could not be read. */
const UNREAD = new Set(["table_unreadable", "cell_unreadable", "split_ambiguous", "table_missing"]);

export interface CorrectionOutcome {
  report: ParsedReport;
  /** Cells whose value changed, as keys. */
  changed: string[];
  /** Findings of the base that the correction settles. */
  cleared: Finding[];
  /** Findings the correction brings (a sum that no longer adds up). */
  added: Finding[];
}

const T3_COLS = TABLE3_COLUMNS as readonly string[];
const T4 = TABLE4_KEYS as readonly string[];

/** Splits "denied.state_secret.total" into its row and column; null for a table-4 key. */
export function table3Cell(key: string): { row: string; col: Table3Column; i: number } | null {
  const dot = key.lastIndexOf(".");
  const col = key.slice(dot + 1);
  const i = T3_COLS.indexOf(col);
  return dot > 0 && i >= 0 ? { row: key.slice(0, dot), col: col as Table3Column, i } : null;
}

/** A cell's value in a report; undefined when the report has no such cell (row not printed). */
export function cellValue(r: Pick<ParsedReport, "table3" | "table4">, key: string): Cell | undefined {
  const t3 = table3Cell(key);
  if (t3) {
    const row = r.table3[t3.row as keyof typeof r.table3];
    return row ? row[t3.i] : undefined;
  }
  const i = T4.indexOf(key);
  if (i < 0) return undefined;
  return r.table4 ? r.table4[i] : undefined;
}

const findingId = (f: Finding) => `${f.code}|${(f.cells ?? []).join(",")}`;

export function applyCorrection(base: ParsedReport, cells: CellEdits, meta: MetaEdits = {}): CorrectionOutcome {
  const table3 = { ...base.table3 };
  const provenance: ParsedReport["provenance"] = { ...base.provenance };
  let table4 = base.table4 ? [...base.table4] : null;
  const changed: string[] = [];
  for (const [key, value] of Object.entries(cells)) {
    const before = cellValue(base, key);
    if (before === value || (before === undefined && value === null)) continue;
    const t3 = table3Cell(key);
    if (t3) {
      const k = t3.row as keyof typeof table3;
      const row = [...(table3[k] ?? TABLE3_COLUMNS.map(() => null))] as Cell[];
      row[t3.i] = value;
      table3[k] = row;
      provenance[k] = { ...(provenance[k] ?? {}), [t3.col]: "corrected" };
    } else {
      const i = T4.indexOf(key);
      if (i < 0) continue;
      table4 ??= T4.map(() => null);
      table4[i] = value;
    }
    changed.push(key);
  }

  const next: ParsedReport = { ...base, table3, table4, provenance };
  if (meta.agency !== undefined) next.agency = meta.agency;
  if (meta.year !== undefined) next.year = meta.year;
  if (meta.region !== undefined) next.region = meta.region;
  if (meta.level !== undefined) next.level = meta.level;

  const corrected = new Set(changed);
  const anyUnread = Object.values(table3).some((row) => row?.some((v) => v === null)) || (table4?.some((v) => v === null) ?? false);
  const kept = base.flags.filter((f) => {
    if (RECOMPUTED.has(f.code) || CROSS_YEAR.has(f.code)) return false;
    const field = FILLED[f.code];
    if (field && meta[field] !== undefined && meta[field] !== null) return false;
    const fcells = f.cells ?? [];
    if (fcells.length > 0) return !fcells.every((c) => corrected.has(c));
    if (UNREAD.has(f.code)) return anyUnread || changed.length === 0;
    return true;
  });
  next.flags = kept;
  next.flags = [...kept, ...runChecks(next)];

  const before = new Set(base.flags.filter((f) => !CROSS_YEAR.has(f.code)).map(findingId));
  const after = new Set(next.flags.map(findingId));
  return {
    report: next,
    changed,
    cleared: base.flags.filter((f) => !CROSS_YEAR.has(f.code) && !after.has(findingId(f))),
    added: next.flags.filter((f) => !before.has(findingId(f))),
  };
}
