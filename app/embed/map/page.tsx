// The map alone, for other sites' iframes: the same keys as the map tab (r, s, y). Its regions
// link to the map on gongkai (a new tab: the host page stays where it is).
import type { Metadata } from "next";
import { EmbedFrame } from "@/components/charts/EmbedFrame";
import { MapFigure } from "@/components/map/MapFigure";
import { mapModel } from "@/components/map/mapModel";
import { mapYear } from "@/components/map/MapView";
import { EmptyState } from "@/components/ui/EmptyState";
import { loadMap, serializeMap } from "@/lib/chart-state";
import { isMapStat } from "@/lib/queries/map";
import { regionInfo } from "@/lib/queries/scope";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const m = loadMap(await searchParams);
  return { title: `${regionInfo(m.region)?.name ?? "全国"}地图`, robots: { index: false } };
}

export default async function EmbedMap({ searchParams }: Props) {
  const m = loadMap(await searchParams);
  const stat = isMapStat(m.stat) ? m.stat : "new_received.total";
  const year = await mapYear(m.region, m.year);
  const onSite = (code: string | null) => serializeMap("/", { region: code, stat, year, view: "map" });
  const model = year ? await mapModel({ code: m.region, stat, year, href: onSite }) : null;
  return (
    <EmbedFrame href={`${onSite(m.region)}#chart-map`}>
      {model ? (
        <MapFigure model={model} sharePath={onSite(m.region)} embedPath={serializeMap("/embed/map", { region: m.region, stat, year, view: null })} linkTarget="_blank" />
      ) : (
        <EmptyState title="还没有年报" />
      )}
    </EmbedFrame>
  );
}
