import type { Metadata } from "next";
import Link from "next/link";
import { ScopeFilters } from "@/components/filters/ScopeFilters";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination } from "@/components/ui/Pagination";
import { loadFilters, serializeFilters, yearRange } from "@/lib/chart-state";
import { getCoverage } from "@/lib/queries/coverage";
import { availableYears, totalsPerYear } from "@/lib/queries/overview";
import { regionCascade, regionInfo } from "@/lib/queries/scope";
import { formatCount } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "年报覆盖" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CoveragePage({ searchParams }: Props) {
  const f = loadFilters(await searchParams);
  const scope = { region: f.region, level: f.level, q: f.q };
  const [allYears, cov, perYear] = await Promise.all([
    availableYears(),
    getCoverage({ ...scope, page: f.page }),
    totalsPerYear({ ...scope, from: f.from, to: f.to }),
  ]);
  const years = yearRange(allYears, f.from, f.to);
  const cascade = regionCascade(f.region);
  const perYearCount = new Map(perYear.map((y) => [y.year, y.reports]));
  const where = regionInfo(f.region)?.name ?? "全国";
  let gaps = 0;

  const rows = cov.rows.map((a) => {
    const have = new Set(a.years);
    const first = a.years[0];
    const last = a.years.at(-1)!;
    const cells = years.map((y) => {
      const state = have.has(y) ? "have" : y > first && y < last ? "gap" : "none";
      if (state === "gap") gaps++;
      return { y, state };
    });
    return { a, cells };
  });

  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">年报覆盖</h1>
        <p className="mt-1 text-sm text-muted">
          {where}每个机关在哪些年度有年报。<span className="rounded bg-amber-200 px-1 text-ink">缺</span>{" "}
          表示该机关前后年度都有年报、唯独这一年没有（可能漏报或尚未收录）。
        </p>
      </div>
      <ScopeFilters
        {...cascade}
        years={allYears}
      />
      {cov.rows.length === 0 || years.length === 0 ? (
        <EmptyState title={allYears.length === 0 ? "还没有年报" : "没有符合条件的机关"} action={{ href: "/coverage", label: "查看全部" }} />
      ) : (
        <>
          <p className="text-sm text-muted" data-testid="coverage-summary">
            本页 {rows.length} 个机关中有 {gaps} 处缺报年度。
          </p>
          <div className="overflow-x-auto rounded-lg border border-line bg-white">
            <table className="w-full border-collapse text-sm" data-testid="coverage-table">
              <caption className="sr-only">{where}各机关各年度是否有年报</caption>
              <thead>
                <tr className="border-b border-line text-muted">
                  <th scope="col" className="px-3 py-2 text-left font-normal">机关</th>
                  {years.map((y) => (
                    <th key={y} scope="col" className="px-1 py-2 text-center font-normal tabular-nums">
                      {y}
                    </th>
                  ))}
                </tr>
                <tr className="border-b border-line text-xs text-muted">
                  <th scope="row" className="px-3 py-1 text-left font-normal">有年报的机关</th>
                  {years.map((y) => (
                    <td key={y} className="px-1 py-1 text-center tabular-nums" data-year={y}>
                      {formatCount(perYearCount.get(y) ?? 0)}
                    </td>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ a, cells }) => (
                  <tr key={a.id} className="border-b border-line/60" data-agency-id={a.id}>
                    <th scope="row" className="px-3 py-1 text-left font-normal">
                      <Link href={`/agencies/${a.id}`}>{a.name}</Link>
                      <span className="block text-xs text-muted">{a.regionName}</span>
                    </th>
                    {cells.map((c) => (
                      <td key={c.y} className="px-1 py-1 text-center" data-year={c.y} data-state={c.state}>
                        {c.state === "have" ? (
                          <span className="text-[#0072B2]" title={`${c.y} 年有年报`}>
                            ●<span className="sr-only">{c.y} 年有年报</span>
                          </span>
                        ) : c.state === "gap" ? (
                          <span className="rounded bg-amber-200 px-1 text-ink" title={`${c.y} 年缺年报`}>
                            缺<span className="sr-only">（{c.y} 年）</span>
                          </span>
                        ) : (
                          <span className="text-muted" title={`${c.y} 年没有年报`}>
                            ·<span className="sr-only">{c.y} 年没有年报</span>
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={cov.page} pages={cov.pages} total={cov.total} href={(p) => serializeFilters("/coverage", { ...f, page: p })} />
        </>
      )}
    </section>
  );
}
