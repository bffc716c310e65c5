// A region's charts as props: drawn on /regions/[code] and one alone on /embed/regions/[code].
import type { ChartProps } from "@/components/charts/Chart";
import { outcomeRows, OUTCOME_SERIES } from "@/components/dashboard/outcomes";
import { serializeAgencyState, type AgencyState } from "@/lib/chart-state";
import type { YearTotals } from "@/lib/queries/overview";
import { formatCount, yearsLabel } from "@/lib/format";

export const REGION_CHARTS = ["applications", "outcomes"] as const;
export type RegionChartId = (typeof REGION_CHARTS)[number];

export function regionCharts(r: { code: string; name: string }, perYear: YearTotals[], state: AgencyState, agencies: number, updatedAt: Date | null): Record<RegionChartId, ChartProps> {
  const range = { from: state.from, to: state.to };
  const share = serializeAgencyState(`/regions/${r.code}`, { ...range, mix: null });
  const embed = (chart: RegionChartId, mix = false) => {
    const url = serializeAgencyState(`/embed/regions/${r.code}`, { ...range, mix: mix ? state.mix : null });
    return `${url}${url.includes("?") ? "&" : "?"}chart=${chart}`;
  };
  const reports = perYear.reduce((s, y) => s + y.reports, 0);
  const context = {
    source: `${r.name} ${formatCount(agencies)} 个机关的 ${formatCount(reports)} 份年报（${yearsLabel(perYear.map((y) => y.year))} 年）`,
    updatedAt: updatedAt?.toISOString() ?? null,
  };
  return {
    applications: {
      id: "region-applications",
      title: `${r.name}每年新收申请`,
      kind: "bar",
      unit: "count",
      rows: perYear.map((y) => ({ year: y.year, new_received: y.newReceived, reports: y.reports, review_total: y.reviewTotal, litigation_total: y.litigationTotal })),
      series: [
        { key: "new_received", label: "新收申请" },
        { key: "reports", label: "年报份数", tableOnly: true },
        { key: "review_total", label: "行政复议", tableOnly: true },
        { key: "litigation_total", label: "行政诉讼", tableOnly: true },
      ],
      sharePath: share,
      embedPath: embed("applications"),
      fileName: `${r.name}_每年新收申请`,
      ...context,
    },
    outcomes: {
      id: "region-outcomes",
      title: `${r.name}办理结果构成`,
      kind: "stacked",
      unit: "count",
      percentSwitch: true,
      rows: outcomeRows(perYear),
      series: OUTCOME_SERIES,
      embedPath: embed("outcomes", true),
      fileName: `${r.name}_办理结果`,
      note: "百分比以六类办理结果之和为分母。",
      ...context,
    },
  };
}
