// A page's 下载 CSV: the reports behind what the page shows (its filters, as /data.csv
// parameters), with the column keys or the codebook's Chinese labels as headers.
import { dataCsvUrl, type DataCsvState } from "@/lib/chart-state";

export function CsvDownload({ filters, what = "所筛选机关的年报", testId = "csv-download" }: { filters: Partial<DataCsvState>; what?: string; testId?: string }) {
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      <a href={dataCsvUrl(filters)} download data-testid={`${testId}-keys`} className="rounded-md border border-line bg-white px-2 py-1 no-underline">
        下载 CSV<span className="sr-only">：{what}，英文列名</span>
      </a>
      <a href={dataCsvUrl({ ...filters, headers: "zh" })} download data-testid={`${testId}-zh`}>
        中文列名<span className="sr-only">的 CSV：{what}</span>
      </a>
      <a href="/data" className="text-muted">
        字段说明
      </a>
    </p>
  );
}
