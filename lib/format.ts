// zh-CN number formatting shared by pages and charts.
const integer = new Intl.NumberFormat("zh-CN");
const decimal = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 1 });
const decimal2 = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("zh-CN", { style: "percent", maximumFractionDigits: 1 });
const signedInteger = new Intl.NumberFormat("zh-CN", { signDisplay: "exceptZero" });
const signedPercent = new Intl.NumberFormat("zh-CN", { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
const dateTime = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
const date = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeZone: "Asia/Shanghai" });

const missing = (n: number | null | undefined): n is null | undefined => n === null || n === undefined || !Number.isFinite(n);

export const formatCount = (n: number | null | undefined) =>
  missing(n) ? "—" : Number.isInteger(n) ? integer.format(n) : decimal.format(n);
export const formatPercent = (n: number | null | undefined) => (missing(n) ? "—" : percent.format(n));
export const formatPer100 = (n: number | null | undefined) => (missing(n) ? "—" : decimal2.format(n));

/** index: first year = 100; change: relative change on the year before. */
export type Unit = "count" | "percent" | "per100" | "index" | "change";

/** A value the report does not state (or that was not read), in charts and their tables: a gap, never 0. */
export const NOT_LISTED = "未列出";

export function formatValue(n: number | null | undefined, unit: Unit): string {
  if (unit === "percent") return formatPercent(n);
  if (unit === "index") return missing(n) ? "—" : decimal.format(n);
  if (unit === "change") return missing(n) ? "—" : signedPercent.format(n);
  if (unit === "per100") return formatPer100(n);
  return formatCount(n);
}

/** Axis ticks: short (1.2万 rather than 12,000). */
export function formatTick(n: number, unit: Unit): string {
  if (unit === "percent") return percent.format(n);
  if (unit === "change") return signedPercent.format(n);
  if (unit === "per100" || unit === "index") return decimal2.format(n);
  if (Math.abs(n) >= 10_000) return `${decimal.format(n / 10_000)}万`;
  return integer.format(n);
}

/** Change from the previous year: "+3", "−2", "持平"; for rates, in percentage points. */
export function formatChange(now: number | null | undefined, before: number | null | undefined, unit: Unit = "count"): string | null {
  if (missing(now) || missing(before)) return null;
  const d = now - before;
  if (d === 0) return "持平";
  if (unit === "percent") return `${signedInteger.format(Math.round(d * 1000) / 10)} 个百分点`;
  return signedInteger.format(Math.round(d * 100) / 100);
}

/** Relative change: "+50%". */
export function formatRelative(now: number | null | undefined, before: number | null | undefined): string | null {
  if (missing(now) || missing(before) || before === 0) return null;
  return signedPercent.format((now - before) / before);
}

export const formatDateTime = (d: Date) => dateTime.format(d);
export const formatDate = (d: Date) => date.format(d);

/** "2019–2023", "2023", or runs: "2019–2021、2023". */
export function yearsLabel(years: number[]): string {
  if (years.length === 0) return "—";
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  let start = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1] + 1) continue;
    const end = sorted[i - 1];
    runs.push(start === end ? `${start}` : end === start + 1 ? `${start}、${end}` : `${start}–${end}`);
    start = sorted[i];
  }
  return runs.join("、");
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (missing(a) || missing(b) || b === 0) return null;
  return a / b;
}
