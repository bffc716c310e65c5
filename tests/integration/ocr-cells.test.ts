// A report read by OCR keeps, in the database, where each value was read and how surely
// (report.ocr): stored with the report, read back for the report page, carried into a person's
// correction; its page images are rendered from the stored source (a real image-only PDF here)
// only for pages OCR read.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { emptyDatabase, testPrisma } from "./db";
import { analyzeExtracted } from "@/lib/analyze";
import { storeDocument } from "@/lib/ingest";
import { PARSER_VERSION } from "@/lib/parser";
import { getReport } from "@/lib/queries/reports";
import { sourcePageImage } from "@/lib/queries/source-pages";
import { correctReport } from "@/lib/review/correct";
import { scannedTable } from "@/tests/helpers/ocr-scan";

describe("OCR boxes in the database", () => {
  const prisma = testPrisma();
  beforeEach(() => emptyDatabase());

  it("stores each value's box and confidence with the report, reads them back, and keeps them in a correction", async () => {
    const scan = scannedTable(undefined, "缙云县档案馆");
    const { reports } = analyzeExtracted(scan);
    expect(reports).toHaveLength(1);
    const bytes = new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/scans/scan0.pdf")));
    const stored = await storeDocument(prisma, { bytes, fileName: "scan0.pdf", format: "pdf", text: scan.text, reports, parserVersion: PARSER_VERSION });
    const id = stored.reports[0].reportId;

    const row = await prisma.report.findUniqueOrThrow({ where: { id }, select: { ocr: true, findings: true } });
    expect(row.ocr).toEqual(reports[0].ocr);
    const cells = (row.ocr as { cells: Record<string, { confidence: number; page: number }> }).cells;
    expect(Object.keys(cells)).toHaveLength(25 * 7);
    expect(cells["new_received.natural_person"]).toMatchObject({ page: 1, confidence: 0.62 });
    const finding = row.findings.find((f) => f.code === "ocr_unconfirmed")!;
    expect(finding.evidence).toContain("本年新收政府信息公开申请数量·自然人（第 1 页，读作“25”");
    expect(finding.evidence).toContain("置信度 62%");

    const detail = await getReport(id);
    expect(detail?.ocr?.cells["granted.total"]).toEqual(reports[0].ocr!.cells["granted.total"]);

    const corrected = await correctReport(prisma, { reportId: id, cells: { "new_received.natural_person": 26 }, reason: "对照原件应为 26", by: "测试" });
    const after = await prisma.report.findUniqueOrThrow({ where: { id: corrected.reportId }, select: { ocr: true, kind: true, findings: true } });
    expect(after.kind).toBe("corrected");
    expect(after.ocr).toEqual(reports[0].ocr);
    // Correcting the doubtful cell does not confirm the other values OCR read.
    expect(after.findings.map((f) => f.code)).toContain("ocr_unconfirmed");

    // The page OCR read renders (JPEG); a page it did not read, or a source without OCR, does not.
    const page = await sourcePageImage(stored.sourceId, 1);
    expect(page.ok && [...page.jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(await sourcePageImage(stored.sourceId, 2)).toMatchObject({ ok: false, status: 404 });
    expect(await sourcePageImage(stored.sourceId + 1, 1)).toMatchObject({ ok: false, status: 404 });
  });

  it("a report not read by OCR stores no boxes", async () => {
    const scan = scannedTable(undefined, "缙云县财政局");
    const { reports } = analyzeExtracted({ text: scan.text });
    const stored = await storeDocument(prisma, { bytes: new TextEncoder().encode(scan.text), format: "paste", text: scan.text, reports, parserVersion: PARSER_VERSION });
    const row = await prisma.report.findUniqueOrThrow({ where: { id: stored.reports[0].reportId }, select: { ocr: true } });
    expect(row.ocr).toBeNull();
  });
});
