// Open Graph image of a compare chart: the same URL parameters as /compare.
import { chartCard } from "@/components/og/card";
import { loadCompare, orderedYears } from "@/lib/chart-state";
import { getCompare } from "@/lib/queries/compare";
import { yearsLabel } from "@/lib/format";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const raw = loadCompare(request.url);
  const s = { ...raw, ...orderedYears(raw.from, raw.to) };
  const data = await getCompare({ agencies: s.agencies, stat: s.stat, from: s.from, to: s.to });
  const byKey = new Map(data.points.map((p) => [`${p.agencyId}|${p.year}`, p.value]));
  return chartCard({
    title: data.agencies.length ? `${data.stat.label}` : "比较机关",
    subtitle: data.agencies.length ? `${data.agencies.map((a) => a.name).join("、")}${data.years.length ? ` · ${yearsLabel(data.years)} 年` : ""}` : "公开 gongkai：政府信息公开年报数据",
    years: data.years,
    series: data.agencies.map((a) => ({ label: a.name, values: data.years.map((y) => byKey.get(`${a.id}|${y}`) ?? null) })),
    unit: data.stat.kind === "ratio" ? data.stat.unit : "count",
    kind: s.type === "bar" ? "bar" : "line",
  });
}
