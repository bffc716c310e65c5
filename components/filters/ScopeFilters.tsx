"use client";
// Filters shared by the overview, the directory and the coverage page: region cascade
// 省 → 市 → 县 (GB/T 2260), level, year range, name. Every change goes to the URL (nuqs) and the
// server renders the result; the page number resets.
import { useEffect, useState } from "react";
import { loadFilters, MIN_BASE_OPTIONS, serializeFilters } from "@/lib/filter-url";
import { useUrlStates } from "@/components/ui/useUrlState";
import { orderedYears } from "@/lib/chart-url";
import { LEVEL_LABELS, LEVELS, type Level } from "@/lib/model/keys";
import { fieldClass, Select, toYear, yearOptions } from "@/components/ui/Select";

export interface CascadeOption {
  code: string;
  name: string;
}

export interface ScopeFiltersProps {
  provinces: CascadeOption[];
  seconds: CascadeOption[];
  thirds: CascadeOption[];
  province: string | null;
  second: string | null;
  third: string | null;
  years: number[];
  show?: { level?: boolean; q?: boolean; years?: boolean; flagged?: boolean; minBase?: boolean };
  /** Finding codes to filter by (the review queue): value → label. */
  codes?: Array<{ value: string; label: string }>;
  /** Filter by region (r=) when false: the region page picks years only. */
  regionFixed?: boolean;
}

const readFilters = (p: URLSearchParams) => loadFilters(p);
const regionOptions = (rs: CascadeOption[]) => rs.map((r) => ({ value: r.code, label: r.name }));

export function ScopeFilters(p: ScopeFiltersProps) {
  // Back undoes a filter (history push); the server renders the result.
  const [state, setState, pending] = useUrlStates(readFilters, serializeFilters);
  const show = { level: true, q: true, years: true, ...p.show };
  const [q, setQ] = useState(state.q);
  useEffect(() => setQ(state.q), [state.q]);

  const setRegion = (code: string | null) => setState({ region: code, page: null });

  return (
    <form
      role="search"
      aria-label="筛选"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        setState({ q: q.trim() || null, page: null });
      }}
    >
      {!p.regionFixed && (
        <fieldset className="flex flex-wrap items-end gap-2">
          <legend className="sr-only">地区</legend>
          <Select label="省" value={p.province} blank="全部省份" options={regionOptions(p.provinces)} onChange={setRegion} testId="filter-province" />
          <Select
            label="市"
            value={p.second}
            blank={p.province ? "全省" : "先选省份"}
            options={regionOptions(p.seconds)}
            disabled={!p.province || pending}
            onChange={(v) => setRegion(v || p.province)}
            testId="filter-city"
          />
          <Select
            label="县"
            value={p.third}
            blank={p.thirds.length ? "全市" : "—"}
            options={regionOptions(p.thirds)}
            disabled={p.thirds.length === 0 || pending}
            onChange={(v) => setRegion(v || p.second)}
            testId="filter-county"
          />
        </fieldset>
      )}
      {show.level && (
        <Select
          label="级别"
          value={state.level}
          blank="全部级别"
          options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
          onChange={(v) => setState({ level: v as Level | null, page: null })}
          testId="filter-level"
        />
      )}
      {show.years && (
        <fieldset className="flex items-end gap-1">
          <legend className="sr-only">年度范围</legend>
          <Select label="起始年度" value={state.from} blank="最早" options={yearOptions(p.years)} onChange={(v) => setState({ ...orderedYears(toYear(v), state.to), page: null })} testId="filter-from" />
          <span className="pb-2 text-muted" aria-hidden>
            –
          </span>
          <Select label="截止年度" value={state.to} blank="最近" options={yearOptions(p.years)} onChange={(v) => setState({ ...orderedYears(state.from, toYear(v)), page: null })} testId="filter-to" />
        </fieldset>
      )}
      {show.q && (
        <label className="flex flex-col text-xs text-muted">
          机关名称
          <input
            type="search"
            className={`${fieldClass} w-48`}
            value={q}
            placeholder="如：机关事务"
            onChange={(e) => {
              setQ(e.target.value);
              setState({ q: e.target.value.trim() || null, page: null }, { debounceMs: 400 });
            }}
            data-testid="filter-q"
          />
        </label>
      )}
      {p.codes && (
        <Select label="核查提示" value={state.code} blank="全部" options={p.codes} onChange={(v) => setState({ code: v, page: null })} testId="filter-code" />
      )}
      {show.flagged && (
        <label className="flex items-center gap-1 pb-2 text-sm">
          <input type="checkbox" checked={!!state.flagged} onChange={(e) => setState({ flagged: e.target.checked || null, page: null })} data-testid="filter-flagged" />
          有核查提示
        </label>
      )}
      {show.minBase && (
        <Select
          label="比率的最小基数"
          value={String(state.minBase)}
          options={MIN_BASE_OPTIONS.map((n) => ({ value: String(n), label: n === 0 ? "不限" : `n ≥ ${n}` }))}
          onChange={(v) => setState({ minBase: Number(v) || null, page: null })}
          testId="filter-min-base"
        />
      )}
      <div className="flex items-center gap-3 pb-1 text-sm">
        <button type="submit" className="rounded bg-accent px-3 py-1.5 text-white">
          筛选
        </button>
        {(state.region || state.level || state.from || state.to || state.q || state.flagged || state.code) && (
          <button
            type="button"
            className="text-accent underline"
            onClick={() => {
              setQ("");
              setState({ region: p.regionFixed ? state.region : null, level: null, from: null, to: null, q: null, flagged: null, code: null, page: null });
            }}
          >
            清除筛选
          </button>
        )}
        <span role="status" aria-live="polite" className="text-xs text-muted">
          {pending ? "加载中…" : ""}
        </span>
      </div>
    </form>
  );
}
