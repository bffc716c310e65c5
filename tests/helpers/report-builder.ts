// Builds realistic report texts in the layouts real reports come in, from one set of numbers:
// the rows and labels of the 国办公开办函〔2021〕30号 template, printed as pipe tables, tab
// tables, one cell per line, HTML rows, PDF text, Markdown …  Used by the parser and check tests and by
// the bench's generator (scripts/bench/generate-texts.ts).

export type Values = Record<string, number[]>;

/** Printed label cells of table 3, in order, with the row each line carries. */
export const T3_LINES: { cells: string[]; key: string }[] = [
  { cells: ["一、本年新收政府信息公开申请数量"], key: "new_received" },
  { cells: ["二、上年结转政府信息公开申请数量"], key: "carried_over" },
  { cells: ["三、本年度办理结果", "(一)予以公开"], key: "granted" },
  { cells: ["(二)部分公开(区分处理的,只计这一情形,不计其他情形)"], key: "partially_granted" },
  { cells: ["(三)不予公开", "1.属于国家秘密"], key: "denied.state_secret" },
  { cells: ["2.其他法律行政法规禁止公开"], key: "denied.prohibited_by_law" },
  { cells: ["3.危及“三安全一稳定”"], key: "denied.three_safeties_one_stability" },
  { cells: ["4.保护第三方合法权益"], key: "denied.third_party_rights" },
  { cells: ["5.属于三类内部事务信息"], key: "denied.internal_affairs" },
  { cells: ["6.属于四类过程性信息"], key: "denied.process_information" },
  { cells: ["7.属于行政执法案卷"], key: "denied.law_enforcement_files" },
  { cells: ["8.属于行政查询事项"], key: "denied.administrative_query" },
  { cells: ["(四)无法提供", "1.本机关不掌握相关政府信息"], key: "unable.not_held" },
  { cells: ["2.没有现成信息需要另行制作"], key: "unable.needs_creation" },
  { cells: ["3.补正后申请内容仍不明确"], key: "unable.unclear_after_correction" },
  { cells: ["(五)不予处理", "1.信访举报投诉类申请"], key: "not_processed.petition_or_complaint" },
  { cells: ["2.重复申请"], key: "not_processed.duplicate" },
  { cells: ["3.要求提供公开出版物"], key: "not_processed.publication" },
  { cells: ["4.无正当理由大量反复申请"], key: "not_processed.excessive" },
  { cells: ["5.要求行政机关确认或重新出具已获取信息"], key: "not_processed.confirm_or_reissue" },
  { cells: ["(六)其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], key: "other.overdue_correction" },
  { cells: ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"], key: "other.unpaid_fee" },
  { cells: ["3.其他"], key: "other.other" },
  { cells: ["(七)总计"], key: "total_processed" },
  { cells: ["四、结转下年度继续办理"], key: "carried_forward" },
];

export const T3_HEADER: string[][] = [
  ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"],
  ["自然人", "法人或其他组织", "总计"],
  ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
];

export const T4_HEADER: string[][] = [
  ["行政复议", "行政诉讼"],
  ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
  ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
];

export const T2_ROWS: { head?: string[]; cells: (string | number)[] }[] = [
  { head: ["第二十条第(一)项"], cells: [] },
  { cells: ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"] },
  { cells: ["规章", 0, 0, 0] },
  { cells: ["行政规范性文件", 3, 1, 12] },
  { head: ["第二十条第(五)项"], cells: [] },
  { cells: ["信息内容", "本年处理决定数量"] },
  { cells: ["行政许可", 1250] },
  { head: ["第二十条第(六)项"], cells: [] },
  { cells: ["信息内容", "本年处理决定数量"] },
  { cells: ["行政处罚", 36] },
  { cells: ["行政强制", 0] },
  { head: ["第二十条第(八)项"], cells: [] },
  { cells: ["信息内容", "本年收费金额(单位:万元)"] },
  { cells: ["行政事业性收费", 12.5] },
];

const Z = [0, 0, 0, 0, 0, 0, 0];

/** A consistent table: identity, outcome sums and row sums all hold. */
export const RICH: Values = {
  new_received: [25, 3, 0, 0, 2, 0, 30],
  carried_over: [2, 0, 0, 0, 0, 0, 2],
  granted: [4, 1, 0, 0, 0, 0, 5],
  partially_granted: [7, 0, 0, 0, 0, 0, 7],
  "denied.third_party_rights": [1, 0, 0, 0, 0, 0, 1],
  "unable.not_held": [5, 1, 0, 0, 1, 0, 7],
  "not_processed.duplicate": [1, 0, 0, 0, 0, 0, 1],
  "other.overdue_correction": [3, 0, 0, 0, 0, 0, 3],
  total_processed: [21, 2, 0, 0, 1, 0, 24],
  carried_forward: [6, 1, 0, 0, 1, 0, 8],
};

/** Only natural persons and totals (the common case in small agencies), plus one company request
 * whose column the arithmetic pins down. */
export const SPARSE: Values = {
  new_received: [3, 1, 0, 0, 0, 0, 4],
  carried_over: [0, 0, 0, 0, 0, 0, 0],
  granted: [2, 0, 0, 0, 0, 0, 2],
  "unable.not_held": [0, 1, 0, 0, 0, 0, 1],
  "not_processed.duplicate": [1, 0, 0, 0, 0, 0, 1],
  total_processed: [3, 1, 0, 0, 0, 0, 4],
  carried_forward: [0, 0, 0, 0, 0, 0, 0],
};

export const TABLE4 = [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0];

export function valuesOf(v: Values, key: string): number[] {
  return v[key] ?? Z;
}

export interface Options {
  title?: string | null;
  agency?: string;
  year?: number;
  intro?: string;
  /** Text of section 一 (prose). */
  prose?: string;
  signature?: boolean;
  /** Table 4 as printed ("" for a blank cell). */
  table4?: (number | string)[];
  /** Table 2's numbers by item label (规章, 行政许可 …), in place of T2_ROWS' own. */
  table2?: Record<string, number[]>;
}

function proseBlock(o: Options, v: Values): string[] {
  const year = o.year ?? 2023;
  return [
    "一、总体情况",
    o.prose ??
      `${year}年,${o.agency ?? "本机关"}深入贯彻落实《中华人民共和国政府信息公开条例》,持续推进政务公开工作。全年共收到政府信息公开申请${valuesOf(v, "new_received")[6]}件,均已按期答复。`,
    "(一)主动公开",
    "通过政府门户网站主动公开各类信息356条。",
  ];
}

function closing(o: Options): string[] {
  const year = o.year ?? 2023;
  const out = [
    "五、存在的主要问题及改进情况",
    "政务公开的深度和广度还需进一步拓展,下一步将加强培训,提升工作水平。",
    "六、其他需要报告的事项",
    "本年度未收取信息处理费。",
  ];
  if (o.signature !== false && o.agency) out.push(o.agency, `${year + 1}年1月20日`);
  return out;
}

function head(o: Options): string[] {
  const year = o.year ?? 2023;
  const out: string[] = [];
  if (o.title !== null) out.push(o.title ?? `${o.agency ?? ""}${year}年政府信息公开工作年度报告`);
  if (o.intro) out.push(o.intro);
  return out;
}

/** Cells of one table-3 line: labels then seven values (blank cells as ""). */
export type CellFormat = (key: string, values: number[]) => string[];

export const allCells: CellFormat = (_k, v) => v.map(String);
export const zerosBlank: CellFormat = (_k, v) => v.map((x) => (x === 0 ? "" : String(x)));

/** The report as a list of rows of cells (table rows) and plain lines (prose). */
export type Block = { kind: "line"; text: string } | { kind: "row"; cells: string[] };

export function blocks(v: Values, o: Options = {}, fmt: CellFormat = allCells): Block[] {
  const out: Block[] = [];
  const line = (text: string) => out.push({ kind: "line", text });
  const row = (cells: string[]) => out.push({ kind: "row", cells });
  head(o).forEach(line);
  proseBlock(o, v).forEach(line);
  line("二、主动公开政府信息情况");
  for (const r of T2_ROWS) {
    const own = o.table2?.[String(r.cells[0])];
    row(r.head ?? (own ? [r.cells[0], ...own] : r.cells).map(String));
  }
  line("三、收到和处理政府信息公开申请情况");
  for (const h of T3_HEADER) row(h);
  for (const l of T3_LINES) row([...l.cells, ...fmt(l.key, valuesOf(v, l.key))]);
  line("四、政府信息公开行政复议、行政诉讼情况");
  for (const h of T4_HEADER) row(h);
  row((o.table4 ?? TABLE4).map(String));
  closing(o).forEach(line);
  return out;
}

export const asPipe = (b: Block[]) => b.map((x) => (x.kind === "line" ? x.text : x.cells.join(" | ") + " |")).join("\n");
export const asTabs = (b: Block[]) => b.map((x) => (x.kind === "line" ? x.text : x.cells.join("\t"))).join("\n");
export const asHtmlRows = (b: Block[]) => b.map((x) => (x.kind === "line" ? x.text : "| " + x.cells.join(" | ") + " |")).join("\n");
/** One cell per line, blank cells dropped. */
export const asCellLines = (b: Block[]) =>
  b.flatMap((x) => (x.kind === "line" ? [x.text] : x.cells.filter((c) => c !== ""))).join("\n");
/** The delimiter on its own line, blank lines between cells, numbers padded. */
export const asDelimiterLines = (b: Block[]) =>
  b
    .flatMap((x) => (x.kind === "line" ? [x.text, ""] : x.cells.map((c) => (/^\d+$/.test(c) ? `  ${c}  ` : c)).flatMap((c) => [c, "", "|", ""])))
    .join("\n");
/** PDF text: cells of a row separated by spaces. */
export const asSpaced = (b: Block[]) => b.map((x) => (x.kind === "line" ? x.text : x.cells.filter((c) => c !== "").join(" "))).join("\n");

const T2_ROW = /^(?:第二十条|信息内容|规章|行政规范性文件|行政许可|行政处罚|行政强制|行政事业性收费)/;
/** A web archive's crawl (report-model.md, ../shared/fixtures/real): the title on its line, then
 * the whole article on ONE line, table 3 and 4's cells glued with no delimiter (640020470),
 * labels glued to the digits before them (…00000002.其他法律…). Table 2 keeps spaces. */
export const asGluedLine = (b: Block[], breakDigits = false) => {
  const [first, ...rest] = b;
  const glue = (cells: string[]) => {
    const labels = cells.filter((c) => !/^\d*$/.test(c));
    const digits = cells.filter((c) => /^\d+$/.test(c)).join("");
    // Stray spaces inside a run ("30 0 0 0 03"): after its second digit and before its last.
    const run = breakDigits && digits.length > 4 ? `${digits.slice(0, 2)} ${digits.slice(2, -1)} ${digits.slice(-1)}` : digits;
    return labels.join("") + run;
  };
  const body = rest.map((x) => (x.kind === "line" ? x.text : T2_ROW.test(x.cells[0]) ? x.cells.join(" ") + " " : glue(x.cells))).join("");
  return (first.kind === "line" ? first.text : first.cells.join(" ")) + "\n" + body;
};

/** Escapes text for HTML or XML. */
export const escapeMarkup = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Prose lines and tables: each run of consecutive rows becomes one table. */
export function tables(b: Block[]): ({ kind: "line"; text: string } | { kind: "table"; rows: string[][] })[] {
  const out: ({ kind: "line"; text: string } | { kind: "table"; rows: string[][] })[] = [];
  for (const x of b) {
    const last = out[out.length - 1];
    if (x.kind === "line") out.push(x);
    else if (last?.kind === "table") last.rows.push(x.cells);
    else out.push({ kind: "table", rows: [x.cells] });
  }
  return out;
}

/** A web page as agencies publish it: prose in paragraphs, tables as <table>, blank cells as
 * &nbsp; (so they keep their place). */
export function asHtmlPage(b: Block[], charset = "utf-8"): string {
  const body = tables(b).map((x) =>
    x.kind === "line"
      ? `<p>${escapeMarkup(x.text)}</p>`
      : `<table border="1" cellspacing="0">\n${x.rows.map((r) => `<tr>${r.map((c) => `<td>${c === "" ? "&nbsp;" : escapeMarkup(c)}</td>`).join("")}</tr>`).join("\n")}\n</table>`,
  );
  return [`<!DOCTYPE html><html><head><meta charset="${charset}"><title>政府信息公开</title></head><body>`, ...body, "</body></html>"].join("\n");
}
