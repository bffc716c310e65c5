// Cross-year rule: carried_over of year Y equals carried_forward of Y−1 for the same agency.
// Recomputed for the pairs around a year whenever a report of that year is stored, so the
// finding follows whichever version is in force.
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export async function refreshCarryFindings(tx: Tx, agencyId: number, year: number) {
  const reports = await tx.report.findMany({
    where: { agencyId, inForce: true, year: { gte: year - 1, lte: year + 1 } },
    select: { id: true, year: true, carriedOver: true, carriedForward: true },
  });
  const byYear = new Map(reports.map((r) => [r.year, r]));
  for (const y of [year, year + 1]) {
    const prev = byYear.get(y - 1);
    const cur = byYear.get(y);
    if (!prev || !cur) continue;
    await tx.finding.deleteMany({ where: { code: "carry_mismatch", reportId: { in: [prev.id, cur.id] }, evidence: { contains: `${y - 1}→${y}` } } });
    if (prev.carriedForward === null || cur.carriedOver === null || prev.carriedForward === cur.carriedOver) continue;
    const evidence = `${y - 1}→${y}：${y - 1} 年结转下年度 ${prev.carriedForward}，${y} 年上年结转 ${cur.carriedOver}`;
    await tx.finding.createMany({
      data: [
        {
          reportId: cur.id,
          code: "carry_mismatch",
          message: `本年“上年结转”(${cur.carriedOver}) 与 ${y - 1} 年报告的“结转下年度继续办理”(${prev.carriedForward}) 不一致。`,
          evidence,
          cells: ["carried_over.total"],
        },
        {
          reportId: prev.id,
          code: "carry_mismatch",
          message: `“结转下年度继续办理”(${prev.carriedForward}) 与 ${y} 年报告的“上年结转”(${cur.carriedOver}) 不一致。`,
          evidence,
          cells: ["carried_forward.total"],
        },
      ],
    });
  }
  for (const r of reports) {
    const n = await tx.finding.count({ where: { reportId: r.id } });
    await tx.report.update({ where: { id: r.id }, data: { findingCount: n } });
  }
}
