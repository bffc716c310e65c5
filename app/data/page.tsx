// /data: what a researcher downloads and how to read it — /data.csv, its codebook, the columns.
import type { Metadata } from "next";
import { codebook } from "@/lib/queries/codebook";

export const metadata: Metadata = {
  title: "下载数据",
  description: "政府信息公开年报数据的 CSV 下载和字段说明（codebook）。",
};

export default function DataPage() {
  const rows = codebook();
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">下载数据</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          每份现行年报一行，列名是固定的英文键（与网址和接口一致）；也可下载以中文名为列名的同一份数据（列的顺序相同，中文名见下表）。空白表示年报没有这一项或这一格未能读出，不是 0。文件为
          UTF-8（带 BOM，Excel 可直接打开）。机关目录、地区页和覆盖页的“下载 CSV”只含当前筛选的年报，列相同。
        </p>
      </div>
      <ul className="flex flex-wrap gap-3">
        <li>
          <a href="/data.csv" download className="inline-block rounded-md border border-line bg-white px-3 py-2" data-testid="download-data">
            全部数据 data.csv
          </a>
        </li>
        <li>
          <a href="/data.csv?headers=zh" download className="inline-block rounded-md border border-line bg-white px-3 py-2" data-testid="download-data-zh">
            全部数据（中文列名）
          </a>
        </li>
        <li>
          <a href="/data/codebook.csv" download className="inline-block rounded-md border border-line bg-white px-3 py-2" data-testid="download-codebook">
            字段说明 codebook.csv
          </a>
        </li>
      </ul>
      <div className="scroll-hint overflow-x-auto rounded-lg border border-line" data-scroll-hint>
        <table className="w-full border-collapse text-sm" data-testid="codebook-table">
          <caption className="sr-only">data.csv 的 {rows.length} 列</caption>
          <thead>
            <tr className="border-b border-line text-left text-muted">
              <th scope="col" className="px-3 py-2 font-normal">列名</th>
              <th scope="col" className="px-3 py-2 font-normal">中文名</th>
              <th scope="col" className="px-3 py-2 font-normal">表 · 行 · 列</th>
              <th scope="col" className="px-3 py-2 font-normal">单位</th>
              <th scope="col" className="px-3 py-2 font-normal">含义</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.column} className="border-b border-line align-top last:border-0">
                <th scope="row" className="px-3 py-1 text-left font-mono text-xs font-normal">
                  {r.column}
                </th>
                <td className="px-3 py-1">{r.label}</td>
                <td className="px-3 py-1 text-muted">{[r.table.split(" ")[0], r.tableRow, r.tableColumn].filter(Boolean).join(" · ")}</td>
                <td className="px-3 py-1">{r.unit}</td>
                <td className="px-3 py-1 text-muted">{r.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
