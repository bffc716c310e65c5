// The preview card of an agency page: applications received per year.
import { chartCard } from "@/components/og/card";
import { getCompare } from "@/lib/queries/compare";
import { getAgencyName } from "@/lib/queries/agencies";
import { yearsLabel } from "@/lib/format";

export const alt = "每年新收政府信息公开申请";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  const valid = Number.isSafeInteger(id) && id > 0 && id < 2 ** 31;
  const name = valid ? await getAgencyName(id) : null;
  const data = name ? await getCompare({ agencies: [id], stat: "new_received.total", from: null, to: null }) : null;
  return chartCard({
    title: name ?? "找不到这个机关",
    subtitle: data?.years.length ? `每年新收政府信息公开申请 · ${yearsLabel(data.years)} 年` : "还没有年报",
    years: data?.years ?? [],
    series: name && data ? [{ label: "新收申请", values: data.years.map((y) => data.points.find((p) => p.year === y)?.value ?? null) }] : [],
    unit: "count",
    kind: "bar",
  });
}
