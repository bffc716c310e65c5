// One of an agency's charts alone (?chart=applications|outcomes|refusals|carry|review), for other
// sites' iframes: the same query parameters as /agencies/[id].
import type { Metadata } from "next";
import { Chart } from "@/components/charts/Chart";
import { EmbedFrame } from "@/components/charts/EmbedFrame";
import { AGENCY_CHARTS, agencyCharts } from "@/components/agency/agencyCharts";
import { EmptyState } from "@/components/ui/EmptyState";
import { loadAgencyState, serializeAgencyState, yearRange } from "@/lib/chart-state";
import { pickChart } from "@/lib/embed";
import { agencyOf } from "@/lib/route-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const agency = await agencyOf((await params).id);
  return { title: agency.name, robots: { index: false } };
}

export default async function EmbedAgency({ params, searchParams }: Props) {
  const agency = await agencyOf((await params).id);
  const sp = await searchParams;
  const state = loadAgencyState(sp);
  const shown = new Set(yearRange(agency.years.map((y) => y.year), state.from, state.to));
  const years = agency.years.filter((y) => shown.has(y.year));
  const chart = pickChart(AGENCY_CHARTS, sp.chart);
  const href = `${serializeAgencyState(`/agencies/${agency.id}`, state)}#chart-${chart}`;
  return (
    <EmbedFrame href={href}>
      {years.length ? <Chart {...agencyCharts(agency, years, state)[chart]} /> : <EmptyState title={`${agency.name}在所选年度没有年报`} />}
    </EmbedFrame>
  );
}
