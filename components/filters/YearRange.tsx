"use client";
// From/to year selects kept in the URL (from=, to=); the server re-renders the page's charts.
import { orderedYears, parseYear } from "@/lib/url-codec";
import { useUrlStates } from "@/components/ui/useUrlState";
import { Select, toYear, yearOptions } from "@/components/ui/Select";

type Years = { from: number | null; to: number | null };
const readYears = (p: URLSearchParams): Years => ({ from: parseYear(p.get("from")), to: parseYear(p.get("to")) });
function writeYears(base: string, v: { from?: number | null; to?: number | null }): string {
  const [path, query = ""] = base.split("?");
  const p = new URLSearchParams(query);
  for (const k of ["from", "to"] as const) {
    if (v[k] === undefined) continue;
    if (v[k] === null) p.delete(k);
    else p.set(k, String(v[k]));
  }
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}

export function YearRange({ years, label = "年度" }: { years: number[]; label?: string }) {
  // A new range is a new page from the server (push: Back returns to the previous range).
  const [state, setYears, pending] = useUrlStates(readYears, writeYears);
  const setState = (r: Years) => setYears(r);
  return (
    <fieldset className="flex flex-wrap items-center gap-2 text-sm">
      <legend className="sr-only">{label}范围</legend>
      <Select inline label="从" value={state.from} blank="最早" options={yearOptions(years)} onChange={(v) => setState(orderedYears(toYear(v), state.to))} testId="year-from" />
      <Select inline label="到" value={state.to} blank="最近" options={yearOptions(years)} onChange={(v) => setState(orderedYears(state.from, toYear(v)))} testId="year-to" />
      <span role="status" aria-live="polite" className="text-xs text-muted">
        {pending ? "加载中…" : ""}
      </span>
    </fieldset>
  );
}
