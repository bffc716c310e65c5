"use client";
// From/to year selects kept in the URL (from=, to=); the server re-renders the page's charts.
import { useTransition } from "react";
import { orderedYears, parseYear } from "@/lib/url-codec";
import { useUrlState } from "@/components/ui/useUrlState";
import { Select, toYear, yearOptions } from "@/components/ui/Select";

export function YearRange({ years, label = "年度" }: { years: number[]; label?: string }) {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useUrlState();
  const state = { from: parseYear(params.get("from")), to: parseYear(params.get("to")) };
  // A new range is a new page from the server (push: Back returns to the previous range).
  const setState = (r: { from: number | null; to: number | null }) =>
    startTransition(() => setParams({ from: r.from === null ? null : String(r.from), to: r.to === null ? null : String(r.to) }, { history: "push", shallow: false }));
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
