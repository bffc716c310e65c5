// The preview card of an agency page, following the shared page's state (the same from, to, mix
// parameters): applications received per year, or with mix=pct the 予以公开率 per year.
import { chartCard } from "@/components/og/card";
import { loadAgencyState, orderedYears, RATIO_LABELS } from "@/lib/chart-state";
import { getCompare } from "@/lib/queries/compare";
import { getAgencyName } from "@/lib/queries/agencies";
import { yearsLabel } from "@/lib/format";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  const id = Number(raw);
  const valid = /^\d+$/.test(raw) && Number.isSafeInteger(id) && id > 0 && id < 2 ** 31;
  const state = loadAgencyState(request.url);
  const { from, to } = orderedYears(state.from, state.to);
  const pct = state.mix === "pct";
  const name = valid ? await getAgencyName(id) : null;
  const data = name ? await getCompare({ agencies: [id], stat: pct ? "grant_rate" : "new_received.total", from, to }) : null;
  const what = pct ? RATIO_LABELS.grant_rate : "每年新收政府信息公开申请";
  return chartCard({
    title: name ?? "找不到这个机关",
    subtitle: data?.years.length ? `${what} · ${yearsLabel(data.years)} 年` : "还没有年报",
    years: data?.years ?? [],
    series: name && data ? [{ label: pct ? "予以公开率" : "新收申请", values: data.years.map((y) => data.points.find((p) => p.year === y)?.value ?? null) }] : [],
    unit: pct ? "percent" : "count",
    kind: pct ? "line" : "bar",
  });
}
