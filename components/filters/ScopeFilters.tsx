"use client";
// Filters shared by the overview, the directory and the coverage page: region cascade
// 省 → 市 → 县 (GB/T 2260), level, year range, name. Every change goes to the URL (nuqs) and the
// server renders the result; the page number resets.
import { useEffect, useState, useTransition } from "react";
import { debounce, useQueryStates } from "nuqs";
import { filterParsers, filterUrlKeys } from "@/lib/chart-state";
import { LEVEL_LABELS, LEVELS, type Level } from "@/lib/model/keys";

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
  show?: { level?: boolean; q?: boolean; years?: boolean };
  /** Filter by region (r=) when false: the region page picks years only. */
  regionFixed?: boolean;
}

const field = "rounded border border-line bg-white px-2 py-1.5 text-sm";

export function ScopeFilters(p: ScopeFiltersProps) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(filterParsers, {
    urlKeys: filterUrlKeys,
    shallow: false,
    scroll: false,
    startTransition,
  });
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
          <label className="flex flex-col text-xs text-muted">
            省
            <select
              className={field}
              value={p.province ?? ""}
              onChange={(e) => setRegion(e.target.value || null)}
              data-testid="filter-province"
            >
              <option value="">全部省份</option>
              {p.provinces.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-muted">
            市
            <select
              className={field}
              value={p.second ?? ""}
              disabled={!p.province || pending}
              onChange={(e) => setRegion(e.target.value || p.province)}
              data-testid="filter-city"
            >
              <option value="">{p.province ? "全省" : "先选省份"}</option>
              {p.seconds.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-muted">
            县
            <select
              className={field}
              value={p.third ?? ""}
              disabled={p.thirds.length === 0 || pending}
              onChange={(e) => setRegion(e.target.value || p.second)}
              data-testid="filter-county"
            >
              <option value="">{p.thirds.length ? "全市" : "—"}</option>
              {p.thirds.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      )}
      {show.level && (
        <label className="flex flex-col text-xs text-muted">
          级别
          <select
            className={field}
            value={state.level ?? ""}
            onChange={(e) => setState({ level: (e.target.value || null) as Level | null, page: null })}
            data-testid="filter-level"
          >
            <option value="">全部级别</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
      )}
      {show.years && (
        <fieldset className="flex items-end gap-1">
          <legend className="sr-only">年度范围</legend>
          <label className="flex flex-col text-xs text-muted">
            起始年度
            <select
              className={field}
              value={state.from ?? ""}
              onChange={(e) => setState({ from: e.target.value ? Number(e.target.value) : null, page: null })}
              data-testid="filter-from"
            >
              <option value="">最早</option>
              {p.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <span className="pb-2 text-muted" aria-hidden>
            –
          </span>
          <label className="flex flex-col text-xs text-muted">
            截止年度
            <select
              className={field}
              value={state.to ?? ""}
              onChange={(e) => setState({ to: e.target.value ? Number(e.target.value) : null, page: null })}
              data-testid="filter-to"
            >
              <option value="">最近</option>
              {p.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      )}
      {show.q && (
        <label className="flex flex-col text-xs text-muted">
          机关名称
          <input
            type="search"
            className={`${field} w-48`}
            value={q}
            placeholder="如：机关事务"
            onChange={(e) => {
              setQ(e.target.value);
              setState({ q: e.target.value.trim() || null, page: null }, { limitUrlUpdates: debounce(400) });
            }}
            data-testid="filter-q"
          />
        </label>
      )}
      <div className="flex items-center gap-3 pb-1 text-sm">
        <button type="submit" className="rounded bg-accent px-3 py-1.5 text-white">
          筛选
        </button>
        {(state.region || state.level || state.from || state.to || state.q) && (
          <button
            type="button"
            className="text-accent underline"
            onClick={() => {
              setQ("");
              setState({ region: p.regionFixed ? state.region : null, level: null, from: null, to: null, q: null, page: null });
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
