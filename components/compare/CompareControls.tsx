"use client";
// The compare chart's choices: agencies (search and add), statistic (metric + applicant column),
// years and chart type. Every choice is written to the URL through the shared parsers; the
// server renders the chart.
import { useEffect, useState } from "react";
import { useUrlStates } from "@/components/ui/useUrlState";
import { CHART_TYPE_LABELS, CHART_TYPES, loadCompare, serializeCompare } from "@/lib/compare-url";
import { orderedYears, SCALE_LABELS, SCALES, type Scale } from "@/lib/chart-url";
import { MAX_COMPARE, MIN_BASE_OPTIONS } from "@/lib/filter-url";
import { composeStat, statColumn, statKind, statMetric } from "@/lib/stat-rows";
import { TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, type Table3Column } from "@/lib/model/keys";
import { PALETTE } from "@/components/charts/palette";
import { fieldClass, Select, toYear, yearOptions } from "@/components/ui/Select";

export interface PickedAgency {
  id: number;
  name: string;
  regionName: string;
}


/** The statistic select's options, grouped (METRIC_OPTIONS of lib/chart-state.ts, passed by the server so the labels stay out of this page's JavaScript). */
export type MetricOptions = Array<{ group: string; options: Array<{ value: string; label: string }> }>;

type CompareControlsProps = {
  picked: PickedAgency[];
  hits: Array<PickedAgency & { reports: number }>;
  years: number[];
  metricOptions: MetricOptions;
};

const readCompare = (p: URLSearchParams) => loadCompare(p);

export function CompareControls({
  picked,
  hits,
  years,
  metricOptions,
}: CompareControlsProps) {
  // Every choice is a history step (Back undoes it) and a new page from the server.
  const [state, setState, pending] = useUrlStates(readCompare, serializeCompare);
  const [q, setQ] = useState(state.q);
  useEffect(() => setQ(state.q), [state.q]);
  const metric = statMetric(state.stat);
  const column = statColumn(state.stat);
  const isTable3 = statKind(state.stat) === "table3";
  const isRatio = statKind(state.stat) === "ratio";
  const full = state.agencies.length >= MAX_COMPARE;

  return (
    <div className="space-y-3 rounded-lg border border-line bg-white p-3">
      <section aria-labelledby="picker-title">
        <h2 id="picker-title" className="text-sm font-medium">
          机关 <span className="font-normal text-muted">（最多 {MAX_COMPARE} 个）</span>
        </h2>
        <ul className="mt-2 flex flex-wrap gap-2" data-testid="picked-agencies">
          {picked.map((a, i) => (
            <li key={a.id} className="flex items-center gap-1 rounded-full border border-line py-0.5 pl-2 pr-1 text-sm">
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: PALETTE[i % PALETTE.length] }} />
              <span>{a.name}</span>
              <button
                type="button"
                className="rounded-full px-1.5 text-muted hover:bg-paper hover:text-ink"
                aria-label={`移除 ${a.name}`}
                onClick={() => setState({ agencies: state.agencies.filter((id) => id !== a.id) })}
              >
                ×
              </button>
            </li>
          ))}
          {picked.length === 0 && <li className="text-sm text-muted">还没有选择机关：在下面搜索并添加。</li>}
        </ul>
        <form
          role="search"
          className="mt-2"
          onSubmit={(e) => {
            e.preventDefault();
            setState({ q: q.trim() || null });
          }}
        >
          <label className="flex flex-col text-xs text-muted">
            搜索机关
            <input
              type="search"
              className={`${fieldClass} w-full max-w-md`}
              value={q}
              placeholder="输入机关名称的一部分，如：机关事务"
              data-testid="compare-search"
              onChange={(e) => {
                setQ(e.target.value);
                setState({ q: e.target.value.trim() || null }, { debounceMs: 300, history: "replace" }); // typing is not a step to go Back to
              }}
            />
          </label>
        </form>
        {state.q && (
          <ul className="mt-2 max-w-md divide-y divide-line rounded border border-line text-sm" data-testid="compare-hits" aria-label="搜索结果">
            {hits.length === 0 && <li className="px-2 py-1.5 text-muted">没有找到名称含“{state.q}”的机关</li>}
            {hits.map((h) => {
              const added = state.agencies.includes(h.id);
              return (
                <li key={h.id} className="flex items-center gap-2 px-2 py-1.5">
                  <span className="min-w-0 flex-1">
                    {h.name}
                    <span className="ml-2 text-xs text-muted">
                      {h.regionName || "地区未知"} · {h.reports} 份年报
                    </span>
                  </span>
                  <button
                    type="button"
                    disabled={added || full}
                    className="rounded border border-line px-2 py-0.5 hover:bg-paper disabled:text-muted"
                    aria-label={added ? `${h.name} 已添加` : `添加 ${h.name}`}
                    onClick={() => setState({ agencies: [...state.agencies, h.id], q: null })}
                  >
                    {added ? "已添加" : "添加"}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs text-muted">
          统计项
          <select
            className={`${fieldClass} max-w-xs`}
            value={metric}
            data-testid="compare-metric"
            onChange={(e) => setState({ stat: composeStat(e.target.value, column) })}
          >
            {metricOptions.map((g) => (
              <optgroup key={g.group} label={g.group}>
                {g.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <Select
          label="申请人"
          value={isTable3 ? column : "total"}
          options={TABLE3_COLUMNS.map((c) => ({ value: c, label: c === "total" ? "全部申请人（总计）" : TABLE3_COLUMN_LABELS[c] }))}
          disabled={!isTable3}
          onChange={(v) => setState({ stat: composeStat(metric, v as Table3Column) })}
          testId="compare-column"
        />
        <Select label="起始年度" value={state.from} blank="最早" options={yearOptions(years)} onChange={(v) => setState(orderedYears(toYear(v), state.to))} testId="compare-from" />
        <Select label="截止年度" value={state.to} blank="最近" options={yearOptions(years)} onChange={(v) => setState(orderedYears(state.from, toYear(v)))} testId="compare-to" />
        <Select
          label="刻度"
          value={state.scale}
          options={SCALES.map((v) => ({ value: v, label: SCALE_LABELS[v] }))}
          onChange={(v) => setState({ scale: (v as Scale) === "linear" ? null : (v as Scale) })}
          testId="compare-scale"
        />
        <Select
          label="比率的最小基数"
          value={String(state.minBase)}
          options={MIN_BASE_OPTIONS.map((n) => ({ value: String(n), label: n === 0 ? "不限" : `n ≥ ${n}` }))}
          disabled={!isRatio}
          onChange={(v) => setState({ minBase: Number(v) || null })}
          testId="compare-min-base"
        />
        <fieldset className="flex flex-col text-xs text-muted">
          <legend>图表类型</legend>
          <div className="mt-0.5 inline-flex overflow-hidden rounded border border-line text-sm">
            {CHART_TYPES.map((t) => (
              <label key={t} className={`cursor-pointer px-2 py-1.5 ${state.type === t ? "bg-accent text-white" : "bg-white text-ink"} has-[:focus-visible]:outline has-[:focus-visible]:outline-2`}>
                <input
                  type="radio"
                  name="chart-type"
                  value={t}
                  checked={state.type === t}
                  onChange={() => setState({ type: t })}
                  className="sr-only"
                  data-testid={`compare-type-${t}`}
                />
                {CHART_TYPE_LABELS[t]}
              </label>
            ))}
          </div>
        </fieldset>
        <span role="status" aria-live="polite" className="pb-2 text-xs text-muted">
          {pending ? "加载中…" : ""}
        </span>
      </div>
    </div>
  );
}
