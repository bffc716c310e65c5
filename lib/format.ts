// zh-CN number formatting shared by pages and charts.
const integer = new Intl.NumberFormat("zh-CN");
const percent = new Intl.NumberFormat("zh-CN", { style: "percent", maximumFractionDigits: 1 });

export const formatCount = (n: number | null | undefined) => (n === null || n === undefined ? "—" : integer.format(n));
export const formatPercent = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? "—" : percent.format(n);
