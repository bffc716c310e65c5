// Open Graph image of a compare chart: the same URL parameters as /compare, and what they change
// in the drawing — chart type, scale (log axis, index, year-on-year change), the minimum base of a
// rate (rates on fewer cases left out, as the chart leaves them out) and the legend's switched-off
// series (off=compare:ID).
import { chartCard } from "@/components/og/card";
import { HIDDEN_KEY, loadCompare, orderedYears, SCALE_LABELS } from "@/lib/chart-state";
import { parseHidden } from "@/lib/url-codec";
import { drawnRows, scaledUnit, type Row } from "@/lib/chart-scale";
import { getCompare } from "@/lib/queries/compare";
import { formatCount, yearsLabel } from "@/lib/format";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const raw = loadCompare(request.url);
  const s = { ...raw, ...orderedYears(raw.from, raw.to) };
  const off = new Set(parseHidden(new URL(request.url).searchParams.get(HIDDEN_KEY)).filter((h) => h.startsWith("compare:")).map((h) => h.slice(8)));
  const data = await getCompare({ agencies: s.agencies, stat: s.stat, from: s.from, to: s.to });
  const ratio = data.stat.kind === "ratio";
  const keys = data.agencies.map((a) => String(a.id));
  const byKey = new Map(data.points.map((p) => [`${p.agencyId}|${p.year}`, p]));
  const rows = (pick: (p: (typeof data.points)[number]) => number | null): Row[] =>
    data.years.map((year) => ({ year, ...Object.fromEntries(keys.map((k) => [k, byKey.has(`${k}|${year}`) ? pick(byKey.get(`${k}|${year}`)!) : null])) }));
  const minBase = ratio ? s.minBase : 0;
  const drawn = drawnRows(rows((p) => p.value), ratio ? rows((p) => p.base) : undefined, keys, minBase, s.scale);
  const unit = scaledUnit(ratio ? data.stat.unit : "count", s.scale);
  const shown = data.agencies.filter((a) => !off.has(String(a.id)));
  const note = [s.scale !== "linear" ? (s.scale === "log" ? "对数坐标" : SCALE_LABELS[s.scale]) : null, minBase > 0 ? `基数 n 不足 ${formatCount(minBase)} 的比率未画出` : null]
    .filter(Boolean)
    .join(" · ");
  return chartCard({
    title: data.agencies.length ? `${data.stat.label}` : "比较机关",
    subtitle: data.agencies.length ? `${shown.map((a) => a.name).join("、")}${data.years.length ? ` · ${yearsLabel(data.years)} 年` : ""}` : "公开 gongkai：政府信息公开年报数据",
    note: note || undefined,
    years: data.years,
    series: shown.map((a) => ({ label: a.name, values: drawn.map((r) => (r[String(a.id)] as number | null | undefined) ?? null) })),
    unit,
    kind: s.type === "bar" ? "bar" : "line",
    log: s.scale === "log",
  });
}
