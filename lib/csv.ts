// One CSV cell, as /data.csv and every chart's CSV export write it. Text that a spreadsheet would
// run as a formula (an uploaded agency name "=HYPERLINK(…)", "+cmd|…", "@SUM(…)") is kept as
// text by a leading apostrophe (OWASP's advice against CSV injection); numbers stay numbers.
// Quotes, commas and line breaks are quoted as RFC 4180 says.
export type CsvValue = string | number | null | undefined;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
