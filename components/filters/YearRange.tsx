"use client";
// From/to year selects kept in the URL (from=, to=); the server re-renders the page's charts.
import { useTransition } from "react";
import { useQueryStates } from "nuqs";
import { agencyParsers } from "@/lib/chart-state";

const field = "rounded border border-line bg-white px-2 py-1 text-sm";

export function YearRange({ years, label = "年度" }: { years: number[]; label?: string }) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(
    { from: agencyParsers.from, to: agencyParsers.to },
    { shallow: false, scroll: false, startTransition },
  );
  return (
    <fieldset className="flex flex-wrap items-center gap-2 text-sm">
      <legend className="sr-only">{label}范围</legend>
      <label className="flex items-center gap-1">
        <span className="text-muted">从</span>
        <select className={field} value={state.from ?? ""} onChange={(e) => setState({ from: e.target.value ? Number(e.target.value) : null })} data-testid="year-from">
          <option value="">最早</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        <span className="text-muted">到</span>
        <select className={field} value={state.to ?? ""} onChange={(e) => setState({ to: e.target.value ? Number(e.target.value) : null })} data-testid="year-to">
          <option value="">最近</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <span role="status" aria-live="polite" className="text-xs text-muted">
        {pending ? "加载中…" : ""}
      </span>
    </fieldset>
  );
}
