// Open Graph image of a map: the same keys as the map tab (r, s, y).
import { mapCard } from "@/components/og/mapCard";
import { mapModel } from "@/components/map/mapModel";
import { mapYear } from "@/components/map/MapView";
import { loadMap } from "@/lib/chart-state";
import { isMapStat } from "@/lib/queries/map";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const m = loadMap(request.url);
  const stat = isMapStat(m.stat) ? m.stat : "new_received.total";
  const year = (await mapYear(m.region, m.year)) ?? new Date().getFullYear() - 1;
  const model = await mapModel({ code: m.region, stat, year, href: () => null });
  return mapCard(model!);
}
