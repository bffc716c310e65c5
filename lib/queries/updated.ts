// "数据更新于": when the newest report in force behind a chart was imported (or corrected).
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { inRegion } from "./scope";

export async function lastImported(s: { agencies?: number[]; region?: string | null } = {}): Promise<Date | null> {
  const parts: Prisma.Sql[] = [Prisma.sql`r.in_force`];
  if (s.agencies) parts.push(Prisma.sql`r.agency_id = ANY(${s.agencies})`);
  if (s.region) parts.push(inRegion(Prisma.sql`r.region_code`, s.region));
  const [row] = await getPrisma().$queryRaw<{ at: Date | null }[]>`SELECT max(r.imported_at) AS at FROM report r WHERE ${Prisma.join(parts, " AND ")}`;
  return row?.at ?? null;
}
