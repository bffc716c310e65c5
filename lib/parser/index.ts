// The report parser: text (any of the layouts in report-model.md) → one ParsedReport per
// report found. Pure: no I/O, no network; rules from the fixed template and its arithmetic.
import { TABLE3_COLUMNS, TABLE3_COLUMN_LABELS, TABLE3_ROW_LABELS, type Level, type Table3Key } from "@/lib/model/keys";
import type { Cell, Finding, ParsedReport } from "@/lib/model/report-schema";
import { regionRef, resolveRegion, type RegionLevel } from "@/lib/regions";
import { rowName, table3Findings, table4Findings } from "./cell-findings";
import { stripNumbering } from "./labels";
import {
  agencyFromOpening,
  agencyFromPublisher,
  findTitle,
  isAgencyLike,
  publicationYear,
  publishedFromFileName,
  publishedFromHeader,
  publishedFromTitle,
  qualifyAgency,
  zoneAsRegion,
  placeLookalike,
  signature,
  signatureAtEnd,
  titleFromFileName,
  dateOfLine,
  type PublishedDate,
  yearFromBody,
  yearFromPeriod,
  yearFromProse,
  type Found,
} from "./meta";
import { normalizeText } from "./normalize";
import { lineStarts, linesBetween } from "./offsets";
import { proseFigures, type ProseFigure } from "./prose";
import { findHeadings, type Heading } from "./sections";
import { splitReports, type ReportSlice } from "./split-reports";
import { readTable2 } from "./table2";
import { readTable3, table3Output, tablePrinted } from "./table3";
import { readTable4 } from "./table4";
import { TokenSource, type Token } from "./tokens";

/** Bump when the output for the same text changes. */
export const PARSER_VERSION = "1.3.0";

export interface ParseHints {
  agency?: string;
  year?: number;
  regionCode?: string;
  /** The uploaded or imported file's name: a title (and a date) when the text names none. */
  fileName?: string;
}

const ANCHOR = /^(?:本年度?)?新收(?:政府)?(?:信息公开)?申请(?:数量|件数|数|情况)?$|^本年新收/;

function isAnchor(t: Token): boolean {
  if (t.k !== "text" || t.s.length > 40 || t.s.indexOf("新收") < 0) return false;
  return ANCHOR.test(stripNumbering(t.s));
}

/** "自然人 1，总计 1" */
function describe(v: Cell[] | undefined): string {
  if (!v) return "空";
  const parts = TABLE3_COLUMNS.map((c, i) => (v[i] ? `${TABLE3_COLUMN_LABELS[c]} ${v[i]}` : "")).filter(Boolean);
  return parts.length ? parts.join("，") : "全部为 0";
}

function finding(code: Finding["code"], message: string, evidence = "", cells?: string[]): Finding {
  return cells && cells.length ? { code, message, evidence, cells } : { code, message, evidence };
}

interface Regions {
  t2: [number, number] | null;
  t3: [number, number] | null;
  t4: [number, number] | null;
  /** Opening prose (title to the first table) and closing prose (after the tables). */
  intro: [number, number];
  outro: [number, number];
  sec1: [number, number];
}

function regionsOf(slice: ReportSlice, tokens: TokenSource): Regions {
  const first = (sec: number, after = -1) => slice.headings.find((h: Heading) => h.sec === sec && h.start > after)?.start ?? null;
  const anchor = slice.anchors[0] ?? null;
  const h3 = first(3);
  let t3Start: number | null = h3 !== null && (anchor === null || h3 <= anchor) ? h3 : anchor;
  if (t3Start !== null && t3Start >= slice.end) t3Start = null;
  let t4Start = first(4, t3Start ?? -1);
  if (t4Start === null && t3Start !== null) {
    const t = tokens.range(anchor ?? t3Start, slice.end).find((x) => x.k === "text" && /^(?:政府信息公开)?行政复议$/.test(stripNumbering(x.s)));
    if (t) t4Start = t.start;
  }
  const after4 = t4Start ?? t3Start ?? slice.bodyStart;
  const tailStart = Math.min(first(5, after4) ?? slice.end, first(6, after4) ?? slice.end);
  const t3End = t4Start ?? tailStart;
  const h2 = first(2);
  let t2Start = h2 !== null && (t3Start === null || h2 < t3Start) ? h2 : null;
  if (t2Start === null) {
    // No heading: table 2 starts at its first 第二十条 row.
    const t = tokens.range(slice.bodyStart, t3Start ?? slice.end).find((x) => x.k === "text" && /^第二十条/.test(x.s));
    if (t) t2Start = t.start;
  }
  const t2End = t3Start ?? t4Start ?? tailStart;
  const firstTable = t2Start ?? t3Start ?? t4Start ?? tailStart;
  const h1 = first(1);
  return {
    t2: t2Start !== null ? [t2Start, t2End] : null,
    t3: t3Start !== null ? [t3Start, t3End] : null,
    t4: t4Start !== null ? [t4Start, tailStart] : null,
    intro: [slice.start, firstTable],
    outro: [tailStart, slice.end],
    sec1: [h1 !== null && h1 < firstTable ? h1 : slice.bodyStart, firstTable],
  };
}

function impliedLevel(agency: string | null): RegionLevel | null {
  if (!agency) return null;
  if (/^省/.test(agency)) return "province";
  if (/^(?:市|州|盟)/.test(agency)) return "city";
  if (/^(?:县|区|旗)/.test(agency)) return "county";
  return null;
}

const TOWNSHIP = /(?:乡|镇|街道|苏木)(?:人民政府|政府|办事处|党委|便民服务中心|党政综合办公室|综合办公室)?$|(?:乡|镇|街道)(?:人民政府|办事处)/;

function levelOf(agency: string | null, agencyLevel: RegionLevel | null, regionLevel: RegionLevel | null, text: string): Level | null {
  if (agency && TOWNSHIP.test(agency) && !/乡村/.test(agency)) return "township";
  if (!agency && /我(?:乡|镇)|本(?:乡|镇)|我街道/.test(text)) return "township";
  return agencyLevel ?? impliedLevel(agency) ?? (agency ? regionLevel : null);
}

interface Draft {
  slice: ReportSlice;
  report: ParsedReport;
  agency: Found<string> | null;
  headText: string;
  sliceText: string;
}

/** Tables published as images (or not read): what the prose states, that figure alone in the
 * total column — the applicant columns unread (null), never 0. */
function tablesFromProse(figures: Record<string, ProseFigure>) {
  const table3: Record<string, Cell[] | null> = {};
  const provenance: ParsedReport["provenance"] = {};
  const keys = ["new_received", "carried_over", "granted", "partially_granted", "denied", "unable", "not_processed", "other", "total_processed", "carried_forward"] as const;
  for (const k of keys) {
    const f = figures[`${k}.total`];
    if (!f) continue;
    table3[k] = [null, null, null, null, null, null, f.value];
    provenance[k] = { total: "prose" };
  }
  let table4: Cell[] | null = null;
  const review = figures["review.total"];
  const lit = figures["litigation.total"];
  if (review || lit) {
    table4 = new Array(15).fill(null);
    if (review) table4[4] = review.value;
    if (lit) table4[9] = lit.value;
  }
  return { table3, table4, provenance };
}

function draftReport(
  text: string,
  starts: number[],
  tokens: TokenSource,
  slice: ReportSlice,
  toSource: (o: number) => number,
  hints: ParseHints,
  /** The only report of its document: the file's name may speak for its year and date. */
  single: boolean,
): Draft {
  const r = regionsOf(slice, tokens);
  const flags: Finding[] = [];
  const read3 = r.t3 ? readTable3(tokens.range(r.t3[0], r.t3[1])) : null;
  const read4 = r.t4 ? readTable4(tokens.range(r.t4[0], r.t4[1])) : null;
  const table2 = r.t2 ? readTable2(tokens.range(r.t2[0], r.t2[1])) : {};

  const introText = text.slice(r.intro[0], r.intro[1]);
  const outroText = text.slice(r.outro[0], r.outro[1]);
  const figures = proseFigures(read3 ? introText : introText + "\n" + outroText, !read3);

  let table3: Record<string, Cell[] | null>;
  let table4: Cell[] | null = read4 ? read4.values : null;
  if (read4) flags.push(...table4Findings(read4));
  let provenance: ParsedReport["provenance"] = {};
  if (read3) {
    table3 = table3Output(read3);
    provenance = read3.provenance as ParsedReport["provenance"];
    if (read3.inferred.length || read4?.inferred) {
      const rows = read3.inferred.map((x) => `${rowName(x.key)}：印出“${x.printed}”，读作 ${describe(read3.values.get(x.key))}`);
      if (read4?.inferred) rows.push(`表四：印出“${read4.printed.join(" ")}”，读作各组 ${[4, 9, 14].map((i) => read4.values[i]).join("、")} 件（总计）`);
      flags.push(
        finding(
          "columns_inferred",
          "部分行的空白单元格未印出，数字所在的列根据行列合计与勾稽关系推断。",
          rows.join("；"),
          read3.inferred.flatMap((x) =>
            Object.entries(read3.provenance[x.key] ?? {}).filter(([, p]) => p === "inferred").map(([c]) => `${x.key}.${c}`),
          ),
        ),
      );
    }
    if (read3.fuzzyLabels.length) {
      flags.push(
        finding(
          "label_fuzzy",
          "部分行名与模板文字不完全相同（可能是识别错字），按最相近的模板行名读取，请核对。",
          read3.fuzzyLabels.map((f) => `“${f.printed}”读作“${f.label}”`).join("；"),
          read3.fuzzyLabels.map((f) => `${f.key}.total`),
        ),
      );
    }
    if (read3.derived.length) {
      const byRow = new Map<string, string[]>();
      for (const cell of read3.derived) {
        const [row, col] = [cell.slice(0, cell.lastIndexOf(".")), cell.slice(cell.lastIndexOf(".") + 1)];
        byRow.set(row, [...(byRow.get(row) ?? []), col]);
      }
      const evidence = [...byRow.entries()].map(([row, cols]) =>
        cols.length === 7 ? `${rowName(row)}：整行空白，按办理结果各项相加得 ${describe(read3.values.get(row as Table3Key))}` : `${rowName(row)}：总计空白，按各类申请人相加得 ${read3.values.get(row as Table3Key)?.[6]}`,
      );
      flags.push(finding("value_derived", "部分合计单元格在原文中空白，其数值由同表其他单元格计算得出。", evidence.join("；"), read3.derived));
    }
    flags.push(...table3Findings(read3));
  } else {
    const p = tablesFromProse(figures);
    table3 = p.table3;
    table4 ??= p.table4;
    provenance = p.provenance;
    const stated = Object.entries(figures).map(([k, f]) => `${k}=${f.value}（${f.evidence}）`);
    const printed = r.t3 ? tablePrinted(tokens.range(r.t3[0], r.t3[1])) : null;
    flags.push(
      printed
        ? finding(
            "table_unreadable",
            "表三已印出，但未能读出：其单元格留空（未读出），不记为 0；仅采用正文中明确陈述的数字（只填总计）。",
            `表中印出：${printed}${stated.length ? `；正文：${stated.join("；")}` : ""}`,
          )
        : finding(
            "table_missing",
            "报告正文中没有统计表格（可能以图片发布）；仅采用正文中明确陈述的数字（只填总计）。",
            stated.length ? stated.join("；") : "正文未陈述申请数量",
          ),
    );
  }

  // Who and when.
  // The head is the few lines above the first heading (a long page keeps only its last 20 000 characters).
  const headFrom = Math.max(slice.start, slice.bodyStart - 20_000);
  const headLines = linesBetween(text, starts, headFrom, slice.bodyStart);
  const title = findTitle(headLines);
  const headText = text.slice(headFrom, slice.bodyStart);
  // The signature: after the last heading (or the last table when 五/六 are not there).
  const lastHeading = slice.headings.length ? slice.headings[slice.headings.length - 1].start : slice.bodyStart;
  const tailFrom = Math.max(lastHeading, r.t4?.[0] ?? r.t3?.[0] ?? slice.bodyStart, slice.end - 20_000);
  const sig = signature(linesBetween(text, starts, tailFrom, slice.end));
  const sliceText = text.slice(slice.start, slice.end);

  const end = signatureAtEnd(text.slice(Math.max(tailFrom, slice.end - 400), slice.end));
  const fileTitle = hints.fileName ? titleFromFileName(hints.fileName) : null;

  let agency: Found<string> | null = title?.agency ? { value: title.agency, source: "title", evidence: title.line } : null;
  agency ??= agencyFromPublisher(headText);
  agency ??= agencyFromOpening(introText);
  agency ??= sig.agency ?? end.agency;
  if (!agency && sig.file?.agency) agency = { value: sig.file.agency, source: "file", evidence: sig.file.line };
  if (!agency && fileTitle?.agency) agency = { value: fileTitle.agency, source: "file_name", evidence: hints.fileName! };
  if (!agency && hints.agency) agency = { value: hints.agency, source: "hint", evidence: hints.agency };
  // 区行政审批局: the district or zone its title, header or opening names.
  if (agency && agency.source !== "hint") agency = qualifyAgency(agency.value, headText + "\n" + introText.slice(0, 4000)) ?? agency;

  let year: Found<number> | null = title?.year ? { value: title.year, source: "title", evidence: title.line } : null;
  year ??= yearFromPeriod(sliceText);
  year ??= yearFromProse(text.slice(r.sec1[0], r.sec1[1]));
  if (!year && sig.file?.year) year = { value: sig.file.year, source: "file", evidence: sig.file.line };
  if (!year && single && fileTitle?.year) year = { value: fileTitle.year, source: "file_name", evidence: hints.fileName! };
  year ??= yearFromBody(text.slice(slice.bodyStart, slice.end));
  if (!year) {
    const pub = publicationYear(headText) ?? sig.date;
    if (pub) year = { value: pub.value - 1, source: "published", evidence: pub.evidence };
  }
  if (!year && hints.year) year = { value: hints.year, source: "hint", evidence: String(hints.year) };
  if (year && (year.value < 2007 || year.value > 2100)) year = null;
  if (!year) flags.push(finding("year_unknown", "未能从标题、正文或发布日期确定报告年度。"));

  const published: PublishedDate | null =
    publishedFromHeader(headText) ??
    (sig.date ? dateOfLine(sig.date.evidence) : null) ??
    end.date ??
    (title ? publishedFromTitle(title.line) : null) ??
    (single && hints.fileName ? publishedFromFileName(hints.fileName) : null);

  const prose: Record<string, number> = {};
  for (const [k, f] of Object.entries(figures)) prose[k] = f.value;

  const report: ParsedReport = {
    agency: agency?.value ?? null,
    year: year?.value ?? null,
    region: null,
    level: null,
    table3,
    table4,
    table2,
    provenance,
    flags,
    span: { start: toSource(slice.start), end: Math.max(toSource(slice.start), toSource(slice.end)) },
    prose,
    proseEvidence: Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, f.evidence])),
    published: published ? { date: published.date, from: published.from } : null,
  };
  return { slice, report, agency, headText, sliceText };
}

/** Whether the text names the agency, or its name without the place (市机关事务管理局 for
 * 聊城市机关事务管理局: a report's prose calls its agency so). */
function spokenOf(agency: string, text: string): boolean {
  if (text.includes(agency)) return true;
  const core = agency.replace(/^[\u4e00-\u9fa5]{2,12}?(?:省|市|区|县|州|旗|盟)(?=[\u4e00-\u9fa5]{3,})/, "");
  return core !== agency && text.includes(core);
}

export function parseReports(input: string, hints: ParseHints = {}): ParsedReport[] {
  if (typeof input !== "string" || input.length === 0) return [];
  const norm = normalizeText(input);
  const text = norm.text;
  const starts = lineStarts(text);
  const tokens = new TokenSource(text, starts);
  const headings = findHeadings(text, starts);
  const anchors: number[] = [];
  for (let at = text.indexOf("新收"); at >= 0; at = text.indexOf("新收", at + 2)) {
    const t = tokens.line(tokens.lineIndex(at)).find((x) => x.start <= at && at < x.end);
    if (t && isAnchor(t) && anchors[anchors.length - 1] !== t.start) anchors.push(t.start);
  }
  const slices = splitReports(text, starts, headings, anchors);
  const drafts = slices.map((s) => draftReport(text, starts, tokens, s, norm.toSource, hints, slices.length === 1));

  // One page, one agency (an agency's history, newest first): reports that name none take the
  // one the others name. A document whose reports name different agencies gives none of them to
  // a report that names none: it could be any of them.
  const own = (d: Draft | undefined) => (d?.agency && d.agency.source !== "hint" ? d.agency.value : null);
  const named = new Set<string>();
  for (const d of drafts) if (own(d)) named.add(own(d)!);
  const common = named.size === 1 ? [...named][0] : null;

  return drafts.map((d, i) => {
    const rep = d.report;
    if (!rep.agency && common && isAgencyLike(common)) rep.agency = common;
    if (!rep.agency && named.size > 1) {
      // Between two reports of one agency (one of its years, inside its history page); else the
      // one agency whose name the report speaks of without its place (市机关事务管理局).
      const before = drafts.slice(0, i).reverse().find(own);
      const after = drafts.slice(i + 1).find(own);
      const spoken = [...named].filter((a) => spokenOf(a, d.sliceText));
      if (before && after && own(before) === own(after)) rep.agency = own(before);
      else if (spoken.length === 1) rep.agency = spoken[0];
    }
    if (!rep.agency) {
      rep.flags.push(
        named.size > 1
          ? finding("agency_unknown", "本报告未写明发布机关，而同一文件中的报告分属不同机关，无法判断属于哪一个。", [...named].join("、"))
          : finding("agency_unknown", "未能从标题、发布机构、落款或正文确定发布机关。"),
      );
    }
    const wantLevel = impliedLevel(rep.agency);
    const lookalike = rep.agency ? placeLookalike(rep.agency) : null;
    const res = resolveRegion({ agency: lookalike ?? (rep.agency && zoneAsRegion(rep.agency)) ?? rep.agency, head: d.headText, text: d.sliceText, hintCode: hints.regionCode, wantLevel });
    if (res) {
      rep.region = regionRef(res.region.code);
      if (lookalike && !res.guessed && res.source === "agency") {
        rep.flags.push(finding("region_guessed", `地区按最接近的行政区划名称认定为“${res.region.name}”，请核对。`, `原文：${rep.agency}（读作 ${lookalike}）`));
      } else if (res.guessed) {
        rep.flags.push(
          finding("region_guessed", `地区按最接近的行政区划名称认定为“${res.region.name}”，请核对。`, `原文：${res.evidence}`),
        );
      }
    } else {
      rep.flags.push(finding("region_unknown", "未能从机关名称或正文确定所属地区（可在上传时指定）。", rep.agency ?? ""));
    }
    rep.level = levelOf(rep.agency, res?.agencyLevel ?? null, res?.region.level ?? null, d.sliceText);
    return rep;
  });
}
