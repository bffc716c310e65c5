// OCR for real: one scanned page (a photo upload, .jpg) of a seed report, printed in the
// template's layout, tilted, blurred, noised and JPEG'd (tests/fixtures/scans, scripts/ocr/make-scans.ts),
// read through extractText as an upload is, then parsed. Every table-3 cell must come out as the
// golden says, each marked ocr, and the report flagged for review. The whole score over five
// scans is `npm run score:ocr`; this one page keeps the test to ~10–40 s on a busy machine.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeExtracted, analyzeText } from "@/lib/analyze";
import { IngestError } from "@/lib/ingest/errors";
import { readFile } from "@/lib/ingest/read";
import { documentPayload } from "@/lib/ingest/store";
import { extractText } from "@/lib/extract";
import { ocrInstalled } from "@/lib/extract/ocr/engine";
import { TABLE3_ROWS } from "@/lib/model/keys";

const dir = path.resolve("tests/fixtures/scans");

describe("OCR of a scanned page", () => {
  it("reads table 3 of a tilted, noisy JPEG scan exactly, every value marked ocr", async () => {
    expect(ocrInstalled(), "the OCR packages (optionalDependencies) must be installed: npm install --include=optional").toBe(true);
    const golden = JSON.parse(fs.readFileSync(path.join(dir, "expected", "scan0.json"), "utf8")).reports[0];
    const extracted = await extractText(new Uint8Array(fs.readFileSync(path.join(dir, "scan0-page2.jpg"))), { fileName: "scan0-page2.jpg", ocr: true });
    expect(extracted.format).toBe("image");
    expect(extracted.ocr?.pages).toHaveLength(1);
    // The page has only the table: agency and year come from the upload's hints.
    const { reports } = analyzeExtracted(extracted, { agency: golden.agency, year: golden.year });
    expect(reports).toHaveLength(1);
    const [r] = reports;
    for (const k of TABLE3_ROWS) expect(r.table3[k], k).toEqual(golden.table3[k] ?? [0, 0, 0, 0, 0, 0, 0]);
    expect(r.provenance.new_received?.total).toBe("ocr");
    expect(r.flags.map((f) => f.code)).toContain("ocr_unconfirmed");
    // Each value is linked to the box it was read from, with its confidence.
    const cells = r.ocr!.cells;
    expect(Object.keys(cells).length, "cells with a box").toBeGreaterThanOrEqual(25 * 7 - 7);
    const total = cells["new_received.total"];
    expect(total.text).toBe(String(golden.table3.new_received[6]));
    expect(total.x).toBeGreaterThan(0.5); // the total column is on the right of the page
    for (const c of Object.values(cells)) expect(c.confidence).toBeGreaterThan(0);
    const numbers = extracted.ocr!.pages[0].numbers;
    expect(numbers.length).toBeGreaterThanOrEqual(7 * 25);
    for (const n of numbers) expect(n.confidence).toBeGreaterThan(0);
  });
});

describe("a scan whose OCR reads no table", () => {
  it("is no report: the title and prose are read, nothing can be stored (as text the same words would be a report without tables)", async () => {
    // A photo of a report's first page: its title, a heading and a sentence with a figure, no table.
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, "title-only.jpg")));
    const doc = await readFile(bytes, "title-only.jpg", undefined, undefined, undefined, true);
    expect(doc.text).toContain("政府信息公开工作年度报告");
    expect(doc.text).toContain("总体情况");
    expect(doc.ocrPages).toBe(1);
    expect(doc.reports).toHaveLength(0);
    expect(() => documentPayload(doc)).toThrow(IngestError);
    // The same words as text: a report whose tables are missing (stored with table_missing).
    expect(analyzeText(doc.text).reports.map((r) => r.flags.map((f) => f.code))).toEqual([["table_missing"]]);
  });
});
