// The agency page's charts as props, built once from the agency's years: the page draws them
// all, /embed/agencies/[id]?chart=… draws one alone with the same query parameters.
import type { ChartProps, ChartRow } from "@/components/charts/Chart";
import { outcomeRows, OUTCOME_SERIES } from "@/components/dashboard/outcomes";
import { serializeAgencyState, type AgencyState } from "@/lib/chart-state";
import type { AgencyDetail } from "@/lib/queries/agencies";
import { TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_GROUPS, TABLE3_ROW_LABELS, TABLE4_GROUP_LABELS, TABLE4_KEYS, TABLE4_RESULT_LABELS, type Table3Key } from "@/lib/model/keys";
import { formatCount, yearsLabel } from "@/lib/format";

export const AGENCY_CHARTS = ["applications", "outcomes", "refusals", "carry", "review"] as const;
export type AgencyChartId = (typeof AGENCY_CHARTS)[number];

export function agencyCharts(agency: AgencyDetail, years: AgencyDetail["years"], state: AgencyState): Record<AgencyChartId, ChartProps> {
  const name = agency.name;
  const path = `/agencies/${agency.id}`;
  const range = { from: state.from, to: state.to };
  const sharePath = serializeAgencyState(path, { ...range, mix: null });
  const embed = (chart: AgencyChartId, mix = false) => {
    const url = serializeAgencyState(`/embed${path}`, { ...range, mix: mix ? state.mix : null });
    return `${url}${url.includes("?") ? "&" : "?"}chart=${chart}`;
  };
  const yearLinks = Object.fromEntries(years.map((y) => [y.year, `/reports/${y.reportId}`]));
  const inForce = agency.versions.filter((v) => v.inForce);
  const updated = inForce.length ? new Date(Math.max(...inForce.map((v) => v.importedAt.getTime()))).toISOString() : null;
  const context = { source: `${name} ${formatCount(years.length)} 份年报（${yearsLabel(years.map((y) => y.year))} 年）`, updatedAt: updated, yearLinks };

  const applicants: ChartRow[] = years.map((y) => ({
    year: y.year,
    ...Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, y.newReceived?.[c] ?? null])),
  }));
  const deniedKeys = TABLE3_GROUPS.denied.map((k) => `denied.${k}` as Table3Key);
  const refusals: ChartRow[] = years.map((y) => ({
    year: y.year,
    ...Object.fromEntries(deniedKeys.map((k) => [k, y.rows[k] ?? null])),
    denied: y.rows.denied ?? null,
  }));
  const groupOnly = years.filter((y) => y.rows.denied !== undefined && deniedKeys.every((k) => y.rows[k] === undefined)).map((y) => y.year);
  const review: ChartRow[] = years.map((y) => ({
    year: y.year,
    ...Object.fromEntries(TABLE4_KEYS.map((k) => [k, y.table4?.[k] ?? null])),
  }));
  const carry: ChartRow[] = years.map((y) => ({ year: y.year, carried_over: y.carriedOver, carried_forward: y.carriedForward }));
  const carryBreaks = years
    .map((y) => {
      const before = agency.years.find((p) => p.year === y.year - 1);
      return before && before.carriedForward !== null && y.carriedOver !== null && before.carriedForward !== y.carriedOver
        ? `${y.year} 年上年结转 ${y.carriedOver} 件，${before.year} 年结转下年 ${before.carriedForward} 件`
        : null;
    })
    .filter((s): s is string => !!s);

  return {
    applications: {
      id: "applications",
      title: "本年新收政府信息公开申请（按申请人）",
      subtitle: `${name} · ${yearsLabel(years.map((y) => y.year))} 年`,
      kind: "stacked",
      unit: "count",
      rows: applicants,
      series: TABLE3_COLUMNS.map((c) => ({ key: c, label: TABLE3_COLUMN_LABELS[c], tableOnly: c === "total" })),
      sharePath,
      embedPath: embed("applications"),
      fileName: `${name}_新收申请`,
      ...context,
    },
    outcomes: {
      id: "outcomes",
      title: "办理结果",
      subtitle: `${name} · 每年办理结果构成`,
      kind: "stacked",
      unit: "count",
      percentSwitch: true,
      rows: outcomeRows(years.map((y) => ({ year: y.year, ...y.outcomes, totalProcessed: y.totalProcessed }))),
      series: OUTCOME_SERIES,
      embedPath: embed("outcomes", true),
      fileName: `${name}_办理结果`,
      note: "百分比以六类办理结果之和为分母。",
      ...context,
    },
    refusals: {
      id: "refusals",
      title: "不予公开的理由",
      subtitle: name,
      kind: "stacked",
      unit: "count",
      rows: refusals,
      series: [...deniedKeys.map((k) => ({ key: k, label: TABLE3_ROW_LABELS[k] })), { key: "denied", label: "不予公开合计", tableOnly: true }],
      sharePath,
      embedPath: embed("refusals"),
      fileName: `${name}_不予公开理由`,
      note: groupOnly.length ? `${groupOnly.join("、")} 年的年报只列出不予公开合计，未分理由。` : undefined,
      ...context,
    },
    carry: {
      id: "carry",
      title: "上年结转与结转下年",
      subtitle: name,
      kind: "bar",
      unit: "count",
      rows: carry,
      series: [
        { key: "carried_over", label: "上年结转" },
        { key: "carried_forward", label: "结转下年", color: "#E69F00" },
      ],
      sharePath,
      embedPath: embed("carry"),
      fileName: `${name}_结转`,
      note: carryBreaks.length ? `前后年度不衔接：${carryBreaks.join("；")}。` : "本年的上年结转应等于上一年的结转下年。",
      ...context,
    },
    review: {
      id: "review",
      title: "行政复议和行政诉讼",
      // The chart draws the two totals; the results per kind are in its table.
      subtitle: `${name} · 图中为总数，结果（维持、纠正、其他、尚未审结）见数据表`,
      kind: "bar",
      unit: "count",
      rows: review,
      series: TABLE4_KEYS.map((k) => {
        const [g, r] = k.split(".") as [keyof typeof TABLE4_GROUP_LABELS, keyof typeof TABLE4_RESULT_LABELS];
        return { key: k, label: r === "total" ? TABLE4_GROUP_LABELS[g] : `${TABLE4_GROUP_LABELS[g]}·${TABLE4_RESULT_LABELS[r]}`, tableOnly: r !== "total" };
      }),
      sharePath,
      embedPath: embed("review"),
      fileName: `${name}_复议诉讼`,
      ...context,
    },
  };
}
