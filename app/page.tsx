import type { Metadata } from "next";
import Link from "next/link";
import { Chart } from "@/components/charts/Chart";
import { ScopeFilters } from "@/components/filters/ScopeFilters";
import { EmptyState } from "@/components/ui/EmptyState";
import { StatCard } from "@/components/ui/StatCard";
import { OutcomeShareTable, outcomeRows, OUTCOME_SERIES } from "@/components/dashboard/outcomes";
import { loadFilters, loadMap, serializeFilters, serializeMap } from "@/lib/chart-state";
import { MapView, ViewTabs, withParams } from "@/components/map/MapView";
import { agenciesInScope, availableYears, latestReports, topAgencies, totalsPerYear } from "@/lib/queries/overview";
import { regionCascade, regionInfo } from "@/lib/queries/scope";
import { formatCount, formatDateTime, formatPercent, ratio } from "@/lib/format";
import { Panel } from "@/components/ui/Panel";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const sp = await searchParams;
  const f = loadFilters(sp);
  const region = regionInfo(f.region);
  const title = region ? `${region.name}概览` : "概览";
  const m = loadMap(sp);
  if (m.view !== "map") return { title };
  // The map's share card follows its state (statistic, year, region).
  const og = serializeMap("/og/map", { ...m, view: null });
  return { title: `${region?.name ?? "全国"}地图`, openGraph: { images: [{ url: og, width: 1200, height: 630 }] }, twitter: { card: "summary_large_image", images: [og] } };
}

export default async function Home({ searchParams }: Props) {
  const sp = await searchParams;
  const f = loadFilters(sp);
  const m = loadMap(sp);
  const scope = { region: f.region, from: f.from, to: f.to };
  const [years, perYear, agencies, top, latest] = await Promise.all([
    availableYears(),
    totalsPerYear(scope),
    agenciesInScope({ region: f.region }),
    topAgencies(scope),
    latestReports({ region: f.region }),
  ]);
  const cascade = regionCascade(f.region);
  const region = regionInfo(f.region);
  const sum = (k: keyof (typeof perYear)[number]) => perYear.reduce((s, y) => s + ((y[k] as number | null) ?? 0), 0);
  const reports = sum("reports");
  const where = region ? region.name : "全国";
  const span = perYear.length ? `${perYear[0].year}–${perYear.at(-1)!.year} 年` : "";
  const share = serializeFilters("/", { region: f.region, from: f.from, to: f.to });

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">政府信息公开工作年度报告数据</h1>
        <p className="mt-2 max-w-3xl text-muted">
          各级行政机关每年公布政府信息公开工作年度报告。这里把报告中的统计表逐份读出、核对算术，整理成可比较的数据：谁收到多少申请、如何答复、有多少复议和诉讼。
        </p>
      </div>

      <ScopeFilters
        {...cascade}
        years={years}
        show={{ level: false, q: false }}
      />

      <ViewTabs view={m.view} chartsHref={withParams("/", sp, { view: null, s: null, y: null })} mapHref={withParams("/", sp, { view: "map" })} />

      {m.view === "map" ? (
        <MapView
          code={f.region}
          stat={m.stat}
          year={m.year}
          path="/"
          params={sp}
          regionHref={(code) => withParams("/", sp, { view: "map", r: code })}
        />
      ) : reports === 0 ? (
        <EmptyState
          title={years.length === 0 ? "数据库里还没有年报" : `${where}在所选年度没有年报`}
          action={years.length === 0 ? { href: "/upload", label: "上传第一份年报" } : { href: "/", label: "查看全部数据" }}
        >
          {years.length === 0 ? "上传或用命令行导入年度报告后，这里会显示各年度的汇总。" : "换一个地区或年度范围试试。"}
        </EmptyState>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="overview-stats">
            <StatCard label="机关" value={formatCount(agencies)} hint={`${where}有年报的机关`} />
            <StatCard label="年报" value={formatCount(reports)} hint={span} testId="stat-reports" />
            <StatCard label="新收申请合计" value={formatCount(sum("newReceived"))} testId="stat-new-received" />
            <StatCard label="予以公开率" value={formatPercent(ratio(sum("granted"), sum("totalProcessed")))} hint="予以公开 ÷ 办理结果总计" />
            <StatCard label="行政诉讼" value={formatCount(sum("litigationTotal"))} hint={`行政复议 ${formatCount(sum("reviewTotal"))} 件`} />
          </dl>
          {region && (
            <p className="text-sm">
              <Link href={`/regions/${region.code}`}>{region.name}的地区汇总和机关排名 →</Link>
            </p>
          )}

          <div className="grid gap-4 lg:grid-cols-2">
            <Chart
              id="overview-applications"
              title={`${where}每年新收政府信息公开申请`}
              subtitle={`${span}，各机关年报合计`}
              kind="bar"
              unit="count"
              rows={perYear.map((y) => ({ year: y.year, new_received: y.newReceived, reports: y.reports }))}
              series={[
                { key: "new_received", label: "新收申请" },
                { key: "reports", label: "年报份数", tableOnly: true },
              ]}
              sharePath={share}
              fileName={`${where}_新收申请`}
            />
            <Chart
              id="overview-coverage"
              title={`${where}每年提交年报的机关数`}
              subtitle={`共 ${formatCount(agencies)} 个机关有年报`}
              kind="bar"
              unit="count"
              rows={perYear.map((y) => ({ year: y.year, agencies: y.reports }))}
              series={[{ key: "agencies", label: "有年报的机关", color: "#009E73" }]}
              sharePath={share}
              fileName={`${where}_覆盖`}
              note="每个机关每年只计在用的一份年报。"
            />
          </div>

          <Chart
            id="overview-outcomes"
            title={`${where}办理结果构成`}
            subtitle="各年度办理结果（件数或占比）"
            kind="stacked"
            unit="count"
            percentSwitch
            rows={outcomeRows(perYear)}
            series={OUTCOME_SERIES}
            sharePath={share}
            fileName={`${where}_办理结果`}
            note="占比以六类办理结果之和为分母；“其他处理”含逾期不补正、未缴费等。"
          />
          <OutcomeShareTable perYear={perYear} />

          <div className="grid gap-4 lg:grid-cols-2">
            <Panel id="top" title="新收申请最多的机关">
              <ol className="mt-2 space-y-1 text-sm" data-testid="top-agencies">
                {top.map((a, i) => (
                  <li key={a.id} className="flex items-baseline gap-2">
                    <span className="w-5 text-right text-muted tabular-nums">{i + 1}</span>
                    <Link href={`/agencies/${a.id}`} className="min-w-0 flex-1 truncate">
                      {a.name}
                    </Link>
                    <span className="text-xs text-muted">{a.regionName}</span>
                    <span className="w-16 text-right tabular-nums">{formatCount(a.newReceived)}</span>
                  </li>
                ))}
              </ol>
              <p className="mt-3 text-sm">
                <Link href={serializeFilters("/agencies", { region: f.region, from: f.from, to: f.to })}>查看全部机关 →</Link>
              </p>
            </Panel>
            <Panel id="latest" title="最近导入的年报">
              <ul className="mt-2 space-y-1 text-sm" data-testid="latest-reports">
                {latest.map((r) => (
                  <li key={r.reportId} className="flex flex-wrap items-baseline gap-x-2">
                    <Link href={`/reports/${r.reportId}`} className="min-w-0 flex-1 truncate">
                      {r.agency} {r.year} 年{r.version > 1 ? `（第 ${r.version} 版）` : ""}
                    </Link>
                    {r.findingCount > 0 && <span className="text-xs text-amber-800">{r.findingCount} 条核查提示</span>}
                    <span className="text-xs text-muted">{formatDateTime(r.importedAt)}</span>
                  </li>
                ))}
              </ul>
              <p className="mt-3 text-sm">
                <Link href={serializeFilters("/coverage", { region: f.region })}>哪些机关缺哪些年度 →</Link>
              </p>
            </Panel>
          </div>
        </>
      )}
    </section>
  );
}
