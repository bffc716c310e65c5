import { getPrisma } from "@/lib/db/client";

export async function getOverview() {
  const prisma = getPrisma();
  const [agencies, agg, years] = await Promise.all([
    prisma.agency.count({ where: { reports: { some: { inForce: true } } } }),
    prisma.report.aggregate({ where: { inForce: true }, _count: true, _sum: { newReceived: true } }),
    prisma.report.findMany({ where: { inForce: true }, distinct: ["year"], select: { year: true }, orderBy: { year: "asc" } }),
  ]);
  return { agencies, reports: agg._count, newReceived: agg._sum.newReceived ?? 0, years: years.map((y) => y.year) };
}
