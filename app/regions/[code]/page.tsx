import type { Metadata } from "next";
import Link from "next/link";
import { Chart } from "@/components/charts/Chart";
import { Sparkline } from "@/components/charts/Sparkline";
import { YearRange } from "@/components/filters/YearRange";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { EmptyState } from "@/components/ui/EmptyState";
import { StatCard } from "@/components/ui/StatCard";
import { regionCharts } from "@/components/region/regionCharts";
import { lastImported } from "@/lib/queries/updated";
import { loadAgencyState, loadMap, serializeAgencyState, serializeFilters, serializeMap } from "@/lib/chart-state";
import { MapView, ViewTabs, withParams } from "@/components/map/MapView";
import { directoryPage } from "@/lib/queries/agencies";
import { childRollup } from "@/lib/queries/coverage";
import { agenciesInScope, totalsPerYear, availableYears } from "@/lib/queries/overview";
import { regionPathOf } from "@/lib/queries/scope";
import { LEVEL_LABELS, type Level } from "@/lib/model/keys";
import { formatCount, formatPercent, ratio, yearsLabel } from "@/lib/format";
import { Panel } from "@/components/ui/Panel";
import { RateCell } from "@/components/ui/RateCell";
import { CsvDownload } from "@/components/ui/CsvDownload";
import { regionOf } from "@/lib/route-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const region = async (params: Props["params"]) => regionOf((await params).code);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const r = await region(params);
  const title = `${r.name}汇总`;
  const description = `${r.name}各机关政府信息公开申请和办理结果，按年度汇总并排名。`;
  const m = loadMap(await searchParams);
  if (m.view === "map") {
    // The map's share card follows its state (statistic, year, this region).
    const og = serializeMap("/og/map", { ...m, region: r.code, view: null });
    return { title: `${r.name}地图`, description, openGraph: { images: [{ url: og, width: 1200, height: 630 }] }, twitter: { card: "summary_large_image", images: [og] } };
  }
  // The card follows the shared state (years, counts or shares), like the agency page's.
  const state = loadAgencyState(await searchParams);
  const image = { url: serializeAgencyState(`/og/regions/${r.code}`, state), width: 1200, height: 630, alt: title };
  return { title, description, openGraph: { title, description, images: [image] }, twitter: { card: "summary_large_image", images: [image.url] } };
}

export default async function RegionPage({ params, searchParams }: Props) {
  const r = await region(params);
  const sp = await searchParams;
  const st = loadAgencyState(sp);
  const m = loadMap(sp);
  const scope = { region: r.code, from: st.from, to: st.to };
  const [perYear, agencies, ranking, children, years, updatedAt] = await Promise.all([
    totalsPerYear(scope),
    agenciesInScope({ region: r.code }),
    directoryPage({ ...scope, sort: "-apps", pageSize: 20 }),
    childRollup(r.code, scope),
    availableYears(),
    lastImported({ region: r.code }),
  ]);
  const charts = regionCharts(r, perYear, st, agencies, updatedAt);
  const path = regionPathOf(r.code);
  const sum = (k: "newReceived" | "granted" | "totalProcessed" | "litigationTotal" | "reports") => perYear.reduce((s, y) => s + (y[k] ?? 0), 0);

  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <Breadcrumbs items={[{ href: "/", label: "概览" }, ...path.slice(0, -1).map((p) => ({ href: `/regions/${p.code}`, label: p.name }))]} />
        <h1 className="text-2xl font-semibold">{path.map((p) => p.name).join(" ")}</h1>
        <p className="text-sm text-muted">
          {LEVEL_LABELS[r.level as Level]}行政区 · 代码 {r.code} · 汇总本地区及下级地区所有机关的年报
        </p>
        <div className="flex flex-wrap items-center gap-4 pt-2 text-sm">
          {years.length > 1 && <YearRange years={years} />}
          <Link href={serializeFilters("/agencies", { region: r.code, from: st.from, to: st.to })}>机关目录 →</Link>
          <Link href={serializeFilters("/coverage", { region: r.code })}>年报覆盖 →</Link>
          <CsvDownload filters={{ region: r.code, from: st.from, to: st.to }} what={`${r.name}各机关的年报`} />
        </div>
      </header>

      <ViewTabs view={m.view} chartsHref={withParams(`/regions/${r.code}`, sp, { view: null, s: null, y: null })} mapHref={withParams(`/regions/${r.code}`, sp, { view: "map" })} />

      {m.view === "map" ? (
        <MapView
          code={r.code}
          stat={m.stat}
          year={m.year}
          path={`/regions/${r.code}`}
          params={sp}
          regionHref={(code) => withParams(code ? `/regions/${code}` : "/", sp, { view: "map" })}
          updatedAt={updatedAt}
        />
      ) : perYear.length === 0 ? (
        <EmptyState title={`${r.name}${st.from || st.to ? "在所选年度" : ""}还没有年报`} action={{ href: "/agencies", label: "浏览全部机关" }} />
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <StatCard label="机关" value={formatCount(agencies)} />
            <StatCard label="年报" value={formatCount(sum("reports"))} hint={`${yearsLabel(perYear.map((y) => y.year))} 年`} />
            <StatCard label="新收申请合计" value={formatCount(sum("newReceived"))} />
            <StatCard label="予以公开率" value={formatPercent(ratio(sum("granted"), sum("totalProcessed")))} />
          </dl>
          <div className="grid gap-4 lg:grid-cols-2">
            <Chart {...charts.applications} />
            <Chart {...charts.outcomes} />
          </div>

          <Panel id="rank" title="机关排名（按新收申请）">
            <div className="scroll-hint mt-2 overflow-x-auto" data-scroll-hint>
              <table className="w-full border-collapse text-sm" data-testid="region-ranking">
                <thead>
                  <tr className="border-b border-line text-left text-muted">
                    <th scope="col" className="py-1 pr-2 text-right font-normal">名次</th>
                    <th scope="col" className="px-2 font-normal">机关</th>
                    <th scope="col" className="px-2 font-normal">年度</th>
                    <th scope="col" className="px-2 text-right font-normal">新收申请</th>
                    <th scope="col" className="px-2 text-right font-normal">予以公开率</th>
                    <th scope="col" className="px-2 text-right font-normal">不予公开率</th>
                    <th scope="col" className="px-2 text-right font-normal">行政诉讼</th>
                    <th scope="col" className="px-2 font-normal">趋势</th>
                  </tr>
                </thead>
                <tbody>
                  {ranking.items.map((a, i) => (
                    <tr key={a.id} className="border-b border-line/60">
                      <td className="py-1 pr-2 text-right tabular-nums text-muted">{i + 1}</td>
                      <th scope="row" className="px-2 text-left font-normal">
                        <Link href={`/agencies/${a.id}`}>{a.name}</Link>
                      </th>
                      <td className="px-2 whitespace-nowrap">{yearsLabel(a.years)}</td>
                      <td className="px-2 text-right tabular-nums">{formatCount(a.newReceived)}</td>
                      <RateCell rate={a.grantRate} base={a.rateBase} minBase={0} testKey="grant_rate" className="px-2" />
                      <RateCell rate={a.refusalRate} base={a.rateBase} minBase={0} testKey="refusal_rate" className="px-2" />
                      <td className="px-2 text-right tabular-nums">{formatCount(a.litigation)}</td>
                      <td className="px-2">
                        <Sparkline points={a.spark} label={`${a.name}每年新收申请`} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {ranking.total > ranking.items.length && (
              <p className="mt-2 text-sm">
                <Link href={serializeFilters("/agencies", { region: r.code, from: st.from, to: st.to })}>
                  全部 {formatCount(ranking.total)} 个机关 →
                </Link>
              </p>
            )}
          </Panel>

          {children.length > 0 && (
            <Panel id="children" title="下级地区">
              <table className="mt-2 w-full border-collapse text-sm" data-testid="region-children">
                <thead>
                  <tr className="border-b border-line text-left text-muted">
                    <th scope="col" className="py-1 pr-2 font-normal">地区</th>
                    <th scope="col" className="px-2 text-right font-normal">机关</th>
                    <th scope="col" className="px-2 text-right font-normal">年报</th>
                    <th scope="col" className="px-2 text-right font-normal">新收申请</th>
                  </tr>
                </thead>
                <tbody>
                  {children.map((c) => (
                    <tr key={c.region?.code ?? "self"} className="border-b border-line/60">
                      <th scope="row" className="py-1 pr-2 text-left font-normal">
                        {c.region ? <Link href={serializeAgencyState(`/regions/${c.region.code}`, { from: st.from, to: st.to, mix: null })}>{c.region.name}</Link> : `${r.name}本级`}
                      </th>
                      <td className="px-2 text-right tabular-nums">{formatCount(c.agencies)}</td>
                      <td className="px-2 text-right tabular-nums">{formatCount(c.reports)}</td>
                      <td className="px-2 text-right tabular-nums">{formatCount(c.newReceived)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Panel>
          )}
        </>
      )}
    </article>
  );
}
