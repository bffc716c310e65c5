// Reads a roster file (CSV or XLSX) into rows of cell texts, in a worker thread with its own
// memory limit (lib/rosters/read-table.ts starts it and stops it after a time budget): an
// untrusted spreadsheet is never unpacked on the request thread.
import { parentPort, workerData } from "node:worker_threads";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import ExcelJS from "exceljs";

const { bytes, kind, maxRows } = workerData;

/** UTF-8 (with or without BOM) when it decodes cleanly, else GBK/GB18030 (what Excel in China writes). */
function decode(buf) {
  const utf8 = new TextDecoder("utf-8", { fatal: false }).decode(buf);
  if (!utf8.includes("\uFFFD")) return utf8.replace(/^\uFEFF/, "");
  return iconv.decode(Buffer.from(buf), "gb18030");
}

function cellText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    if ("text" in v && typeof v.text === "string") return v.text; // hyperlink
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result); // formula
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return "";
  }
  return String(v);
}

async function read() {
  if (kind === "csv") {
    const rows = parse(decode(bytes), { relax_column_count: true, skip_empty_lines: true, trim: true, to: maxRows + 1 });
    return rows;
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes));
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    if (rows.length > maxRows) return;
    const cells = [];
    for (let i = 1; i <= Math.min(row.cellCount, 50); i++) cells.push(cellText(row.getCell(i).value).trim());
    rows.push(cells);
  });
  return rows;
}

read().then(
  (rows) => parentPort.postMessage({ ok: true, rows }),
  (e) => parentPort.postMessage({ ok: false, error: String(e?.message ?? e) }),
);
