// The codebook of /data.csv: one row per column of CSV_HEADER (the very list /data.csv writes),
// saying what the column is in Chinese, where it comes from in the report template (table, row,
// column), its unit and its meaning. Derived from the header, so a column added to /data.csv
// without a description here shows up as a failing test (tests/unit/codebook.test.ts).
import { rowLabel, table4Label } from "@/lib/chart-state";
import {
  LEVEL_LABELS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_GROUP_KEYS,
  TABLE3_KEYS,
  TABLE4_KEYS,
  type Table3Column,
  type Table3Key,
  type Table4Key,
} from "@/lib/model/keys";
import { CSV_HEADER } from "./csv";

export interface CodebookRow {
  column: string;
  label: string;
  table: string;
  tableRow: string;
  tableColumn: string;
  unit: string;
  meaning: string;
}

export const CODEBOOK_HEADER = ["column", "label_zh", "table", "table_row", "table_column", "unit", "meaning"] as const;

const BLANK = "空白：年报没有这一项，或这一格未能读出（不是 0）。";
const LEVELS = Object.entries(LEVEL_LABELS).map(([k, v]) => `${k}=${v}`).join("，");

/** Columns that are not a statistic of the report template. */
const OTHER: Record<string, Omit<CodebookRow, "column">> = {
  agency: { label: "机关名称", table: "", tableRow: "", tableColumn: "", unit: "", meaning: "发布年报的行政机关" },
  province: { label: "省", table: "", tableRow: "", tableColumn: "", unit: "", meaning: "机关所在省级行政区（GB/T 2260）" },
  city: { label: "市", table: "", tableRow: "", tableColumn: "", unit: "", meaning: "机关所在地级行政区；省级机关和直辖市的区县为空" },
  county: { label: "县", table: "", tableRow: "", tableColumn: "", unit: "", meaning: "机关所在县级行政区；省级、市级机关为空" },
  region_code: { label: "行政区划代码", table: "", tableRow: "", tableColumn: "", unit: "", meaning: "六位 GB/T 2260 代码" },
  level: { label: "层级", table: "", tableRow: "", tableColumn: "", unit: "", meaning: `机关层级：${LEVELS}` },
  year: { label: "年度", table: "", tableRow: "", tableColumn: "", unit: "年", meaning: "年报所报告的年度（不是发布年份）" },
  version: { label: "版本", table: "", tableRow: "", tableColumn: "", unit: "", meaning: "同一机关同一年度的第几份年报（更正版、重发版递增）；只列现行版本" },
  report_id: { label: "年报编号", table: "", tableRow: "", tableColumn: "", unit: "", meaning: "本站年报编号：/reports/编号 可查原文和逐格出处" },
  source_url: { label: "来源网址", table: "", tableRow: "", tableColumn: "", unit: "", meaning: "年报的下载网址（按网址导入或抓取时）；上传的年报为空" },
  corrected: {
    label: "人工更正",
    table: "",
    tableRow: "",
    tableColumn: "",
    unit: "",
    meaning: "本行是否含有人工更正过的数字（原读出的数字作为版本保留，可在年报页查看）",
  },
  finding_codes: {
    label: "核查发现",
    table: "",
    tableRow: "",
    tableColumn: "",
    unit: "",
    meaning: "这份年报的核查发现代码（如算术不平、未读出），多个时以分号分隔；含义见年报页",
  },
};

function table3Row(key: Table3Key, column: Table3Column): Omit<CodebookRow, "column"> {
  const group = (TABLE3_GROUP_KEYS as readonly string[]).includes(key);
  const who = column === "total" ? "全部申请人合计" : `申请人为${TABLE3_COLUMN_LABELS[column]}`;
  return {
    label: column === "total" ? rowLabel(key) : `${rowLabel(key)}（${TABLE3_COLUMN_LABELS[column]}）`,
    table: "表三 收到和处理政府信息公开申请情况",
    tableRow: rowLabel(key),
    tableColumn: TABLE3_COLUMN_LABELS[column],
    unit: "件",
    meaning: `${rowLabel(key)}，${who}。${group ? "小计：年报印出的合计行，否则各项相加（有一项未读出则为空）。" : ""}${BLANK}`,
  };
}

function table4Row(key: Table4Key): Omit<CodebookRow, "column"> {
  const [group, result] = table4Label(key).split(" · ");
  return {
    label: table4Label(key),
    table: "表四 政府信息公开行政复议、行政诉讼情况",
    tableRow: group,
    tableColumn: result,
    unit: "件",
    meaning: `${group}案件中${result}的数量。${BLANK}`,
  };
}

/** The description of one /data.csv column, or null when nobody described it yet. */
export function describeColumn(column: string): CodebookRow | null {
  if (OTHER[column]) return { column, ...OTHER[column] };
  if ((TABLE4_KEYS as readonly string[]).includes(column)) return { column, ...table4Row(column as Table4Key) };
  const dot = column.lastIndexOf(".");
  const row = column.slice(0, dot) as Table3Key;
  const col = column.slice(dot + 1) as Table3Column;
  if (dot > 0 && TABLE3_KEYS.includes(row) && (TABLE3_COLUMNS as readonly string[]).includes(col)) return { column, ...table3Row(row, col) };
  return null;
}

/** One row per /data.csv column, in the CSV's order; an undescribed column still gets its row. */
export function codebook(header: readonly string[] = CSV_HEADER): CodebookRow[] {
  return header.map(
    (column) => describeColumn(column) ?? { column, label: column, table: "", tableRow: "", tableColumn: "", unit: "", meaning: "" },
  );
}

const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function codebookCsv(header: readonly string[] = CSV_HEADER): string {
  const lines = [CODEBOOK_HEADER.join(","), ...codebook(header).map((r) => [r.column, r.label, r.table, r.tableRow, r.tableColumn, r.unit, r.meaning].map(quote).join(","))];
  return lines.join("\r\n") + "\r\n";
}

/** /data.csv's header line in Chinese (?headers=zh): each column's codebook label, in order. */
export function zhHeader(header: readonly string[] = CSV_HEADER): string[] {
  return codebook(header).map((r) => r.label);
}
