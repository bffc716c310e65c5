// Cells a person types over what was parsed, shared by the report page's correction form and the
// upload preview: the typed text per cell, the numbers it means, and the checks run again on them.
import { useMemo, useState } from "react";
import { applyCorrection, cellValue, type CellEdits, type CorrectionOutcome } from "@/lib/review/apply";
import type { ParsedReport } from "@/lib/model/report-schema";

/** A typed cell: a count, null when left empty (not known), "bad" when it is not a count. */
export function parseCell(s: string): number | null | "bad" {
  const t = s.trim().replace(/[,，\s]/g, "");
  if (t === "") return null;
  if (!/^\d{1,10}$/.test(t) || Number(t) > 1e9) return "bad";
  return Number(t);
}

export interface CellEditState {
  /** What is typed in each touched cell. */
  values: Record<string, string>;
  setValue: (key: string, text: string) => void;
  /** The text a cell shows: what was typed, else the parsed value ("" when unread). */
  shown: (key: string) => string;
  /** Cells whose typed value differs from the parsed one, with the new value. */
  edits: CellEdits;
  /** Cells whose text is not a count. */
  bad: string[];
  outcome: CorrectionOutcome;
  reset: () => void;
}

export function useCellEdits(base: ParsedReport, initial: Record<string, string> = {}): CellEditState {
  const [values, setValues] = useState<Record<string, string>>(initial);
  const { edits, bad } = useMemo(() => {
    const edits: CellEdits = {};
    const bad: string[] = [];
    for (const [k, s] of Object.entries(values)) {
      const v = parseCell(s);
      if (v === "bad") bad.push(k);
      else if (v !== (cellValue(base, k) ?? null)) edits[k] = v;
    }
    return { edits, bad };
  }, [values, base]);
  const outcome = useMemo(() => applyCorrection(base, edits), [base, edits]);
  return {
    values,
    setValue: (key, text) => setValues((x) => ({ ...x, [key]: text })),
    shown: (key) => {
      if (key in values) return values[key];
      const v = cellValue(base, key);
      return v === null || v === undefined ? "" : String(v);
    },
    edits,
    bad,
    outcome,
    reset: () => setValues({}),
  };
}
