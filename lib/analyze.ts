// THE entry point for the CLI, the import and the upload: parse, add the arithmetic findings
// (and the carry-over rule between the years one page holds), validate every report.
import { checkCarryOver, runChecks } from "@/lib/checks";
import { markOcr, type OcrEvidence } from "@/lib/checks/ocr";
import { TABLE3_COLUMNS } from "@/lib/model/keys";
import { validateReport, type ParsedReport } from "@/lib/model/report-schema";
import { parseReports, type ParseHints } from "@/lib/parser";

export type { ParseHints };

export interface AnalyzeResult {
  reports: ParsedReport[];
}

export function analyzeText(text: string, hints?: ParseHints): AnalyzeResult {
  const parsed = parseReports(text, hints);
  for (const r of parsed) r.flags.push(...runChecks(r));

  // An agency's history on one page: year Y's 上年结转 against year Y−1's 结转下年度.
  const byKey = new Map<string, ParsedReport>();
  for (const r of parsed) if (r.agency && r.year) byKey.set(`${r.agency}|${r.year}`, r);
  for (const r of parsed) {
    if (!r.agency || !r.year) continue;
    const prev = byKey.get(`${r.agency}|${r.year - 1}`);
    if (prev && !r.flags.some((f) => f.code === "table_missing") && !prev.flags.some((f) => f.code === "table_missing")) {
      r.flags.push(...checkCarryOver(prev, r));
    }
  }

  const reports: ParsedReport[] = [];
  for (const r of parsed) {
    const ok = validateReport(r);
    if (ok.success) reports.push(ok.data);
  }
  return { reports };
}

/** A table cell read from a table (not only figures stated in the prose). */
function tableRead(r: ParsedReport): boolean {
  if (r.table4?.some((v) => v !== null)) return true;
  return Object.entries(r.table3).some(([key, row]) => Array.isArray(row) && row.some((v, i) => v !== null && r.provenance[key as keyof typeof r.provenance]?.[TABLE3_COLUMNS[i]] !== "prose"));
}

/**
 * analyzeText for extracted text; text read by OCR marks every report it holds (lib/checks/ocr.ts).
 * A report in a scan whose OCR read no table (a title, some prose: the tables unreadable in the
 * images) is dropped, so the upload is refused saying so and nothing is stored. A text report
 * without tables is kept with table_missing because its words are certain and the tables are
 * absent; a scan's tables are there in the image, unread, and its prose figures are OCR too.
 */
export function analyzeExtracted(extracted: { text: string; ocr?: OcrEvidence }, hints?: ParseHints): AnalyzeResult {
  const result = analyzeText(extracted.text, hints);
  if (!extracted.ocr) return result;
  const reports = result.reports.filter(tableRead);
  for (const r of reports) markOcr(r, extracted.ocr);
  return { reports };
}
