// The compare chart built from the query's answer and the URL state: on /compare and alone on
// /embed/compare (the same query parameters draw the same chart).
import { Chart, type ChartRow } from "@/components/charts/Chart";
import { compareShareUrl, RATIO_NOTES, type CompareState } from "@/lib/chart-state";
import type { CompareData } from "@/lib/queries/compare";
import { drawnRows } from "@/lib/chart-scale";
import { formatCount, yearsLabel } from "@/lib/format";

export function compareTitle(data: CompareData) {
  return data.agencies.length ? `${data.stat.label}：${data.agencies.map((a) => a.name).join("、")}` : data.stat.label;
}

const BASE_LABELS = { grant_rate: "办理结果总计", refusal_rate: "办理结果总计", litigation_per_100: "本年新收申请" } as const;

export function CompareChart({ data, s, updatedAt }: { data: CompareData; s: CompareState; updatedAt: Date | null }) {
  const key = (id: number, year: number) => `${id}|${year}`;
  const byKey = new Map(data.points.map((p) => [key(p.agencyId, p.year), p]));
  const cells = (pick: (p: CompareData["points"][number]) => number | null): ChartRow[] =>
    data.years.map((year) => ({
      year,
      ...Object.fromEntries(data.agencies.map((a) => [String(a.id), byKey.has(key(a.id, year)) ? pick(byKey.get(key(a.id, year))!) : null])),
    }));
  const ratio = data.stat.kind === "ratio" ? data.stat.ratio : null;
  const unit = data.stat.kind === "ratio" ? data.stat.unit : "count";
  const note = [ratio ? `${data.stat.label} = ${RATIO_NOTES[ratio]}；n 为${BASE_LABELS[ratio]}。` : null, "空缺表示该年度没有年报或年报未列出这一项。"]
    .filter(Boolean)
    .join("");
  const names = new Map(data.agencies.map((a) => [a.id, a.name]));
  const order = (id: number) => data.agencies.findIndex((x) => x.id === id);
  const rows = cells((p) => p.value);
  const bases = ratio ? cells((p) => p.base) : undefined;
  const minBase = ratio ? s.minBase : 0;
  const keys = data.agencies.map((a) => String(a.id));
  const points = data.points.filter((p) => names.has(p.agencyId)).sort((a, b) => order(a.agencyId) - order(b.agencyId) || a.year - b.year);
  return (
    <Chart
      id="compare"
      title={compareTitle(data)}
      subtitle={data.years.length ? `${yearsLabel(data.years)} 年` : "所选年度没有数据"}
      note={note}
      kind={s.type === "table" ? "table" : s.type}
      unit={unit}
      rows={rows}
      bases={bases}
      baseLabel={ratio ? BASE_LABELS[ratio] : undefined}
      minBase={minBase}
      scale={s.scale}
      drawn={minBase > 0 || s.scale !== "linear" ? drawnRows(rows, bases, keys, minBase, s.scale) : undefined}
      series={data.agencies.map((a) => ({ key: String(a.id), label: a.name }))}
      sharePath={compareShareUrl(s)}
      embedPath={compareShareUrl(s, "/embed/compare")}
      fileName={`比较_${data.stat.key}`}
      tableOpen={s.type === "table"}
      source={`${formatCount(data.agencies.length)} 个机关的 ${formatCount(points.length)} 份年报`}
      updatedAt={updatedAt?.toISOString() ?? null}
      corrected={points.filter((p) => p.corrected).map((p) => `${p.year}|${p.agencyId}`)}
      csv={{
        header: ["agency_id", "agency", "year", data.stat.key, ...(ratio ? ["base_n"] : []), "corrected"],
        rows: points.map((p) => [p.agencyId, names.get(p.agencyId)!, p.year, p.value, ...(ratio ? [p.base] : []), p.corrected ? 1 : 0]),
      }}
      height={340}
    />
  );
}
