// The preview card of a region page, following the shared page's state (from, to, mix — the same
// parameters as /regions/[code]): applications received per year, or with mix=pct the
// 予以公开率 per year (granted ÷ total processed over the region's reports).
import { chartCard } from "@/components/og/card";
import { loadAgencyState, orderedYears, RATIO_LABELS } from "@/lib/chart-state";
import { totalsPerYear } from "@/lib/queries/overview";
import { regionInfo, regionPathOf } from "@/lib/queries/scope";
import { ratio, yearsLabel } from "@/lib/format";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const code = (await params).code;
  const region = /^\d{6}$/.test(code) ? regionInfo(code) : null;
  const state = loadAgencyState(request.url);
  const { from, to } = orderedYears(state.from, state.to);
  const pct = state.mix === "pct";
  const perYear = region ? await totalsPerYear({ region: region.code, from, to }) : [];
  const years = perYear.map((y) => y.year);
  const what = pct ? RATIO_LABELS.grant_rate : "每年新收政府信息公开申请";
  return chartCard({
    title: region ? regionPathOf(region.code).map((r) => r.name).join(" ") : "找不到这个地区",
    subtitle: years.length ? `${what} · ${yearsLabel(years)} 年 · 本地区及下级地区各机关合计` : "还没有年报",
    years,
    series: region && years.length ? [{ label: pct ? "予以公开率" : "新收申请", values: perYear.map((y) => (pct ? ratio(y.granted, y.totalProcessed) : y.newReceived)) }] : [],
    unit: pct ? "percent" : "count",
    kind: pct ? "line" : "bar",
  });
}
