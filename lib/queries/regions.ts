import { getPrisma } from "@/lib/db/client";

export interface RegionRow {
  code: string;
  name: string;
  level: string;
}

/** For each code, its chain of regions from the province down. */
export async function regionPath(codes: (string | null)[]): Promise<Map<string, RegionRow[]>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (wanted.length === 0) return new Map();
  const prisma = getPrisma();
  const rows = await prisma.$queryRaw<{ start: string; code: string; name: string; level: string; depth: number }[]>`
    WITH RECURSIVE up AS (
      SELECT code AS start, code, name, level::text AS level, parent_code, 0 AS depth FROM region WHERE code = ANY(${wanted})
      UNION ALL
      SELECT up.start, r.code, r.name, r.level::text, r.parent_code, up.depth + 1 FROM region r JOIN up ON r.code = up.parent_code
    )
    SELECT start, code, name, level, depth FROM up ORDER BY start, depth DESC`;
  const out = new Map<string, RegionRow[]>();
  for (const r of rows) {
    const list = out.get(r.start.trim()) ?? [];
    list.push({ code: r.code.trim(), name: r.name, level: r.level });
    out.set(r.start.trim(), list);
  }
  return out;
}
