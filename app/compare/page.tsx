import type { Metadata } from "next";
import { cache } from "react";
import { CompareChart, compareTitle as chartTitle } from "@/components/compare/CompareChart";
import { CompareControls } from "@/components/compare/CompareControls";
import { EmptyState } from "@/components/ui/EmptyState";
import { HIDDEN_KEY, loadCompare, loadMap, METRIC_OPTIONS, orderedYears, serializeCompare, serializeMap, type CompareState } from "@/lib/chart-state";
import { MapView, ViewTabs, withParams } from "@/components/map/MapView";
import { getCompare as getCompareUncached } from "@/lib/queries/compare";
import { searchAgencies } from "@/lib/queries/agencies";
import { availableYears } from "@/lib/queries/overview";
import { lastImported } from "@/lib/queries/updated";
import { parseHidden } from "@/lib/url-codec";
import { yearsLabel } from "@/lib/format";

export const dynamic = "force-dynamic";

// generateMetadata and the page read the same chart: one query per request.
const getCompareCached = cache((agencies: string, stat: string, from: number | null, to: number | null) =>
  getCompareUncached({ agencies: agencies ? agencies.split(",").map(Number) : [], stat: stat as CompareState["stat"], from, to }),
);
const getCompare = (o: { agencies: number[]; stat: string; from: number | null; to: number | null }) => getCompareCached(o.agencies.join(","), o.stat, o.from, o.to);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = await searchParams;
  const raw = loadCompare(params);
  const s = { ...raw, ...orderedYears(raw.from, raw.to) };
  const data = await getCompare({ agencies: s.agencies, stat: s.stat, from: s.from, to: s.to });
  const title = data.agencies.length ? chartTitle(data) : "比较机关";
  const m = loadMap(await searchParams);
  // The card draws what the shared link draws: on the map tab the map (statistic, year, region);
  // else the chart's type, scale, minimum base and the series switched off.
  const off = parseHidden(typeof params[HIDDEN_KEY] === "string" ? params[HIDDEN_KEY] : null).filter((h) => h.startsWith("compare:"));
  const card = serializeCompare("/og/compare", { ...s, q: null });
  const og =
    m.view === "map"
      ? serializeMap("/og/map", { ...m, year: m.year ?? s.to, view: null })
      : off.length
        ? `${card}${card.includes("?") ? "&" : "?"}${HIDDEN_KEY}=${encodeURIComponent(off.join(","))}`
        : card;
  return {
    title,
    description: `公开 gongkai：${title}${data.years.length ? `（${yearsLabel(data.years)} 年）` : ""}`,
    openGraph: { title, images: [{ url: og, width: 1200, height: 630, alt: title }] },
    twitter: { card: "summary_large_image", images: [og] },
  };
}

export default async function ComparePage({ searchParams }: Props) {
  const sp = await searchParams;
  const raw = loadCompare(sp);
  const m = loadMap(sp);
  const s: CompareState = { ...raw, ...orderedYears(raw.from, raw.to) };
  const [data, hits, years, updatedAt] = await Promise.all([
    getCompare({ agencies: s.agencies, stat: s.stat, from: s.from, to: s.to }),
    searchAgencies(s.q),
    availableYears(),
    s.agencies.length ? lastImported({ agencies: s.agencies }) : null,
  ]);

  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">比较机关</h1>
        <p className="mt-1 text-sm text-muted">选择机关、统计项、年度和图表类型；每个选择都记在链接里，复制链接即可分享同一张图。</p>
      </div>
      <CompareControls picked={data.agencies} hits={hits} years={years} metricOptions={METRIC_OPTIONS} />
      <ViewTabs view={m.view} chartsHref={withParams("/compare", sp, { view: null, y: null, r: null })} mapHref={withParams("/compare", sp, { view: "map" })} />
      {m.view === "map" ? (
        <MapView
          code={m.region}
          stat={s.stat}
          year={m.year ?? s.to}
          path="/compare"
          params={sp}
          regionHref={(code) => withParams("/compare", sp, { view: "map", r: code })}
        />
      ) : data.agencies.length === 0 ? (
        <EmptyState title="请先添加要比较的机关">
          {years.length === 0 ? "数据库里还没有年报。" : "在上面的搜索框输入机关名称的一部分，然后点“添加”。"}
        </EmptyState>
      ) : (
        <CompareChart data={data} s={s} updatedAt={updatedAt} />
      )}
    </section>
  );
}
