// One report: its tables, findings and versions, and the lines of the source text it was read
// from, with a map from each table-3 row and each finding to the source lines it came from (so
// the page can highlight them).
import { Converter } from "opencc-js/t2cn";
import { getPrisma } from "@/lib/db/client";
import { TABLE3_COLUMNS, type Table3Column, type Table3Key } from "@/lib/model/keys";
import { OcrSource, table4Record } from "@/lib/model/report-schema";
import { regionPathOf, type RegionInfo } from "./scope";

/** Distinctive words of each table-3 row's label, in template order. */
const ROW_MARKERS: Array<[Table3Key, string[]]> = [
  ["new_received", ["本年新收"]],
  ["carried_over", ["上年结转"]],
  ["granted", ["予以公开"]],
  ["partially_granted", ["部分公开"]],
  ["denied", ["不予公开"]],
  ["denied.state_secret", ["国家秘密"]],
  ["denied.prohibited_by_law", ["禁止公开", "法律行政法规"]],
  ["denied.three_safeties_one_stability", ["三安全一稳定"]],
  ["denied.third_party_rights", ["第三方"]],
  ["denied.internal_affairs", ["内部事务"]],
  ["denied.process_information", ["过程性信息"]],
  ["denied.law_enforcement_files", ["执法案卷"]],
  ["denied.administrative_query", ["行政查询"]],
  ["unable", ["无法提供"]],
  ["unable.not_held", ["不掌握"]],
  ["unable.needs_creation", ["另行制作"]],
  ["unable.unclear_after_correction", ["仍不明确"]],
  ["not_processed", ["不予处理"]],
  ["not_processed.petition_or_complaint", ["信访"]],
  ["not_processed.duplicate", ["重复申请"]],
  ["not_processed.publication", ["出版物"]],
  ["not_processed.excessive", ["大量反复"]],
  ["not_processed.confirm_or_reissue", ["重新出具"]],
  ["other", ["其他处理"]],
  ["other.overdue_correction", ["逾期不补正"]],
  ["other.unpaid_fee", ["缴纳费用", "逾期未按收费"]],
  ["other.other", ["其他"]],
  ["total_processed", ["总计"]],
  ["carried_forward", ["结转下年"]],
];

let t2s: ((s: string) => string) | null = null;
const TRADITIONAL_HINT = /[開請數處關結轉總復議訴訟資這據與於報機構個]/;

/** For matching only: Simplified, no spaces, half-width. */
function matchable(line: string): string {
  let s = line.normalize("NFKC").replace(/\s+/g, "");
  if (TRADITIONAL_HINT.test(s)) {
    t2s ??= Converter({ from: "t", to: "cn" });
    s = t2s(s);
  }
  return s;
}

const isNumbersOnly = (line: string) => /^[\s\d,，.|｜\-—]+$/.test(line) && /\d/.test(line);

/** Line indexes (within `lines`) for each table-3 row, found in template order after the table's heading. */
export function locateRows(lines: string[]): Record<string, number[]> {
  const m = lines.map(matchable);
  let start = m.findIndex((l) => l.includes("收到和处理政府信息公开申请"));
  if (start < 0) start = m.findIndex((l) => l.includes("本年新收"));
  if (start < 0) return {};
  const out: Record<string, number[]> = {};
  let at = start;
  for (const [key, words] of ROW_MARKERS) {
    let found = -1;
    // Look a bounded distance ahead, so a row the report did not print does not swallow the rest.
    for (let i = at; i < Math.min(m.length, at + 60); i++) {
      if (words.some((w) => m[i].includes(w))) {
        found = i;
        break;
      }
    }
    if (found < 0) continue;
    const span = [found];
    // One cell per line: the numbers follow the label on their own lines.
    for (let j = found + 1; j < Math.min(m.length, found + 8) && isNumbersOnly(lines[j]); j++) span.push(j);
    out[key] = span;
    at = found + 1;
  }
  // Table 4: the heading and the lines of numbers after it.
  const t4 = m.findIndex((l, i) => i > start && l.includes("行政复议") && l.includes("行政诉讼"));
  if (t4 >= 0) {
    const span = [t4];
    for (let j = t4 + 1; j < Math.min(m.length, t4 + 40); j++) {
      if (/^[一二三四五六七八九十]+、/.test(m[j])) break;
      span.push(j);
    }
    out.table4 = span;
  }
  return out;
}

/** Lines that contain the finding's evidence (whitespace ignored), else nothing. */
export function locateEvidence(lines: string[], evidence: string): number[] {
  const needles = evidence
    .split(/\n+/)
    .map((e) => matchable(e))
    .filter((e) => e.length >= 2);
  if (needles.length === 0) return [];
  const m = lines.map(matchable);
  const hits = new Set<number>();
  for (const n of needles) {
    const probe = n.slice(0, 40);
    m.forEach((l, i) => {
      if (l.length && (l.includes(probe) || (l.length >= 4 && probe.includes(l) && l.length >= probe.length / 2))) hits.add(i);
    });
  }
  return [...hits].sort((a, b) => a - b).slice(0, 30);
}

export interface ReportCell {
  row: string;
  /** null: the cell was not read. */
  values: (number | null)[];
  /** column → how its value was obtained (report-schema's Provenance), when not simply read. */
  provenance: Record<string, string>;
}

export interface ReportFinding {
  id: number;
  code: string;
  message: string;
  evidence: string;
  cells: string[];
  lines: number[];
}

export interface ReportDetail {
  id: number;
  year: number;
  version: number;
  inForce: boolean;
  importedAt: Date;
  parserVersion: string;
  agency: { id: number; name: string; regionPath: RegionInfo[]; level: string | null };
  source: {
    id: number;
    fileName: string | null;
    format: string;
    encoding: string | null;
    byteSize: number;
    uploadedAt: Date;
    reportsInSource: number;
    /** Fetched from the web: the file's URL, the page that linked it, when. */
    sourceUrl?: string | null;
    pageUrl?: string | null;
    fetchedAt?: Date | null;
  };
  /** The report's part of the source text, one string per line, and the number of the first line in the whole source. */
  lines: string[];
  firstLine: number;
  wholeSource: boolean;
  table3: ReportCell[];
  table4: Record<string, number | null> | null;
  table2: Array<{ label: string; values: number[] }>;
  findings: ReportFinding[];
  rowLines: Record<string, number[]>;
  versions: Array<{ id: number; version: number; inForce: boolean; importedAt: Date; findingCount: number }>;
  /** parsed, or corrected by a person (who, why, from which version). */
  kind: "parsed" | "corrected";
  correctedBy: string | null;
  reason: string | null;
  basedOnReportId: number | null;
  /** Read by OCR: each value's box on its page image and the recogniser's confidence. */
  ocr: OcrSource | null;
}

const MAX_LINES = 4000;

export async function getReport(id: number): Promise<ReportDetail | null> {
  const prisma = getPrisma();
  const r = await prisma.report.findUnique({
    where: { id },
    include: {
      agency: true,
      table3: true,
      findings: { orderBy: { id: "asc" } },
      source: {
        select: {
          id: true,
          fileName: true,
          format: true,
          encoding: true,
          byteSize: true,
          uploadedAt: true,
          text: true,
          sourceUrl: true,
          pageUrl: true,
          fetchedAt: true,
          _count: { select: { reports: true } },
        },
      },
    },
  });
  if (!r) return null;
  const versions = await prisma.report.findMany({
    where: { agencyId: r.agencyId, year: r.year },
    orderBy: { version: "desc" },
    select: { id: true, version: true, inForce: true, importedAt: true, findingCount: true },
  });
  const text = r.source.text;
  const hasSpan = r.spanStart !== null && r.spanEnd !== null && r.spanEnd > r.spanStart && r.spanEnd <= text.length;
  const start = hasSpan ? text.lastIndexOf("\n", r.spanStart! - 1) + 1 : 0;
  const body = hasSpan ? text.slice(start, r.spanEnd!) : text;
  const firstLine = hasSpan ? text.slice(0, start).split("\n").length : 1;
  const lines = body.replace(/\r\n?/g, "\n").split("\n").slice(0, MAX_LINES);
  const rowLines = locateRows(lines);
  const order = new Map<string, number>(ROW_MARKERS.map(([k], i) => [k, i]));
  const table3 = r.table3
    .map((t) => ({
      row: t.row,
      values: [t.naturalPerson, t.commercial, t.research, t.socialOrg, t.legalService, t.otherOrg, t.total],
      provenance: (t.provenance ?? {}) as Record<string, string>,
    }))
    .sort((a, b) => (order.get(a.row) ?? 99) - (order.get(b.row) ?? 99));
  return {
    id: r.id,
    year: r.year,
    version: r.version,
    inForce: r.inForce,
    importedAt: r.importedAt,
    parserVersion: r.parserVersion,
    agency: { id: r.agency.id, name: r.agency.name, regionPath: regionPathOf(r.agency.regionCode?.trim()), level: r.agency.level },
    source: {
      id: r.source.id,
      fileName: r.source.fileName,
      format: r.source.format,
      encoding: r.source.encoding,
      byteSize: r.source.byteSize,
      uploadedAt: r.source.uploadedAt,
      reportsInSource: r.source._count.reports,
      sourceUrl: r.source.sourceUrl,
      pageUrl: r.source.pageUrl,
      fetchedAt: r.source.fetchedAt,
    },
    lines,
    firstLine,
    wholeSource: !hasSpan,
    table3,
    table4: table4Record(r.table4),
    table2: Array.isArray(r.table2) ? (r.table2 as Array<{ label: string; values: number[] }>) : [],
    findings: r.findings.map((f) => {
      let hit = f.evidence ? locateEvidence(lines, f.evidence) : [];
      if (hit.length === 0) {
        const rows = new Set(f.cells.map((c) => cellRow(c)));
        hit = [...rows].flatMap((row) => rowLines[row] ?? (row.startsWith("review") || row.startsWith("litigation") ? (rowLines.table4 ?? []) : []));
      }
      return { id: f.id, code: f.code, message: f.message, evidence: f.evidence, cells: f.cells, lines: [...new Set(hit)].sort((a, b) => a - b) };
    }),
    rowLines,
    versions,
    kind: r.kind === "corrected" ? "corrected" : "parsed",
    correctedBy: r.correctedBy,
    reason: r.reason,
    basedOnReportId: r.basedOnReportId,
    ocr: OcrSource.safeParse(r.ocr).data ?? null,
  };
}

/** "denied.state_secret.total" → "denied.state_secret"; "review.upheld" → "review.upheld". */
export function cellRow(cell: string): string {
  const dot = cell.lastIndexOf(".");
  if (dot < 0) return cell;
  const col = cell.slice(dot + 1);
  return (TABLE3_COLUMNS as readonly string[]).includes(col as Table3Column) ? cell.slice(0, dot) : cell;
}
