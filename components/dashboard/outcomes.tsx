// The six outcome groups of table 3 (their totals are denormalised on each report), as chart
// series and as a table of shares per year.
import type { ChartRow, ChartSeries } from "@/components/charts/Chart";
import { formatCount, formatPercent } from "@/lib/format";
import type { OutcomeCounts } from "@/lib/queries/outcome-counts";
import { Panel } from "@/components/ui/Panel";

export const OUTCOME_SERIES: ChartSeries[] = [
  { key: "granted", label: "予以公开" },
  { key: "partially_granted", label: "部分公开" },
  { key: "denied", label: "不予公开" },
  { key: "unable", label: "无法提供" },
  { key: "not_processed", label: "不予处理" },
  { key: "other", label: "其他处理" },
  { key: "total_processed", label: "总计", tableOnly: true },
];

export interface OutcomeYear extends OutcomeCounts {
  year: number;
  totalProcessed: number | null;
}

export function outcomeRows(years: OutcomeYear[]): ChartRow[] {
  return years.map((y) => ({
    year: y.year,
    granted: y.granted,
    partially_granted: y.partiallyGranted,
    denied: y.denied,
    unable: y.unable,
    not_processed: y.notProcessed,
    other: y.other,
    total_processed: y.totalProcessed,
  }));
}

/** Counts and shares per year, server-rendered beside the outcome chart. */
export function OutcomeShareTable({ perYear }: { perYear: Array<OutcomeYear & { reports: number; newReceived: number | null }> }) {
  const keys = ["granted", "partiallyGranted", "denied", "unable", "notProcessed", "other"] as const;
  return (
    <Panel id="totals" title="每年合计">
      {/* Focusable: a keyboard can scroll it on a phone (axe: scrollable-region-focusable). */}
      <div className="scroll-hint mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label="每年合计表" data-scroll-hint>
        <table className="w-full border-collapse text-right text-sm" data-testid="table-overview-totals">
          <thead>
            <tr className="border-b border-line text-muted">
              <th scope="col" className="py-1 pr-3 text-left font-normal">年度</th>
              <th scope="col" className="px-2 font-normal">年报</th>
              <th scope="col" className="px-2 font-normal">新收申请</th>
              {OUTCOME_SERIES.filter((s) => !s.tableOnly).map((s) => (
                <th key={s.key} scope="col" className="px-2 font-normal">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {perYear.map((y) => {
              const sum = keys.reduce((s, k) => s + (y[k] ?? 0), 0);
              return (
                <tr key={y.year} className="border-b border-line/60" data-year={y.year}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal">{y.year}</th>
                  <td className="px-2 tabular-nums" data-key="reports">{formatCount(y.reports)}</td>
                  <td className="px-2 tabular-nums" data-key="new_received">{formatCount(y.newReceived)}</td>
                  {keys.map((k) => (
                    <td key={k} className="px-2 tabular-nums" data-key={k}>
                      {formatPercent(sum ? (y[k] ?? 0) / sum : null)}
                      <span className="ml-1 text-xs text-muted">({formatCount(y[k])})</span>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
