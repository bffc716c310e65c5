// One of a region's charts alone (?chart=applications|outcomes), for other sites' iframes: the
// same query parameters as /regions/[code].
import type { Metadata } from "next";
import { Chart } from "@/components/charts/Chart";
import { EmbedFrame } from "@/components/charts/EmbedFrame";
import { REGION_CHARTS, regionCharts } from "@/components/region/regionCharts";
import { EmptyState } from "@/components/ui/EmptyState";
import { loadAgencyState, serializeAgencyState } from "@/lib/chart-state";
import { pickChart } from "@/lib/embed";
import { agenciesInScope, totalsPerYear } from "@/lib/queries/overview";
import { lastImported } from "@/lib/queries/updated";
import { regionOf } from "@/lib/route-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const region = async (params: Props["params"]) => regionOf((await params).code);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await region(params);
  return { title: `${r.name}汇总`, robots: { index: false } };
}

export default async function EmbedRegion({ params, searchParams }: Props) {
  const r = await region(params);
  const sp = await searchParams;
  const st = loadAgencyState(sp);
  const [perYear, agencies, updatedAt] = await Promise.all([
    totalsPerYear({ region: r.code, from: st.from, to: st.to }),
    agenciesInScope({ region: r.code }),
    lastImported({ region: r.code }),
  ]);
  const chart = pickChart(REGION_CHARTS, sp.chart);
  const props = regionCharts(r, perYear, st, agencies, updatedAt)[chart];
  return (
    <EmbedFrame href={`${serializeAgencyState(`/regions/${r.code}`, st)}#chart-${props.id}`}>
      {perYear.length ? <Chart {...props} /> : <EmptyState title={`${r.name}在所选年度还没有年报`} />}
    </EmbedFrame>
  );
}
