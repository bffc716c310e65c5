// Cross-year rule: carried_over of year Y equals carried_forward of Y−1 for the same agency.
// Recomputed for the pairs around a year whenever a report of that year is stored, so the
// finding follows whichever version is in force. Raw SQL, a few statements in all: it runs for
// every report a bulk import stores (see store.ts).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Finding } from "@/lib/model/report-schema";

type Tx = Prisma.TransactionClient;

/** Inserts findings in one statement. */
export async function insertFindings(tx: Tx, findings: (Finding & { report_id: number })[]) {
  const rows = findings.map((f) => ({ report_id: f.report_id, code: f.code, message: f.message, evidence: f.evidence ?? "", cells: f.cells ?? [] }));
  await tx.$executeRaw`
    INSERT INTO finding (report_id, code, message, evidence, cells)
    SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(report_id int, code text, message text, evidence text, cells text[])`;
}

export async function refreshCarryFindings(tx: Tx, agencyId: number, year: number) {
  const reports = await tx.$queryRaw<{ id: number; year: number; carried_over: number | null; carried_forward: number | null }[]>`
    SELECT id, year, carried_over, carried_forward FROM report
    WHERE agency_id = ${agencyId} AND in_force AND year BETWEEN ${year - 1} AND ${year + 1}`;
  if (reports.length < 2) return; // no neighbouring year: no pair to check
  const byYear = new Map(reports.map((r) => [r.year, r]));
  const pairs: string[] = [];
  const found: (Finding & { report_id: number })[] = [];
  for (const y of [year, year + 1]) {
    const prev = byYear.get(y - 1);
    const cur = byYear.get(y);
    if (!prev || !cur) continue;
    pairs.push(`%${y - 1}→${y}%`);
    if (prev.carried_forward === null || cur.carried_over === null || prev.carried_forward === cur.carried_over) continue;
    const evidence = `${y - 1}→${y}：${y - 1} 年结转下年度 ${prev.carried_forward}，${y} 年上年结转 ${cur.carried_over}`;
    found.push(
      {
        report_id: cur.id,
        code: "carry_mismatch",
        message: `本年“上年结转”(${cur.carried_over}) 与 ${y - 1} 年报告的“结转下年度继续办理”(${prev.carried_forward}) 不一致。`,
        evidence,
        cells: ["carried_over.total"],
      },
      {
        report_id: prev.id,
        code: "carry_mismatch",
        message: `“结转下年度继续办理”(${prev.carried_forward}) 与 ${y} 年报告的“上年结转”(${cur.carried_over}) 不一致。`,
        evidence,
        cells: ["carried_forward.total"],
      },
    );
  }
  const ids = reports.map((r) => r.id);
  await tx.$executeRaw`DELETE FROM finding WHERE code = 'carry_mismatch' AND report_id = ANY(${ids}::int[]) AND evidence LIKE ANY(${pairs}::text[])`;
  if (found.length) await insertFindings(tx, found);
  await tx.$executeRaw`UPDATE report SET finding_count = (SELECT count(*) FROM finding WHERE finding.report_id = report.id) WHERE id = ANY(${ids}::int[])`;
}
