import type { Metadata } from "next";
import Link from "next/link";
import { Chart } from "@/components/charts/Chart";
import { agencyCharts } from "@/components/agency/agencyCharts";
import { YearRange } from "@/components/filters/YearRange";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { EmptyState } from "@/components/ui/EmptyState";
import { StatCard } from "@/components/ui/StatCard";
import { findingLabel } from "@/components/dashboard/findings";
import type { AgencyYear } from "@/lib/queries/agencies";
import { rostersOfAgency } from "@/lib/queries/rosters";
import { formatDay, PUBLISHED_FROM_LABELS } from "@/components/dashboard/coverage";
import { compareShareUrl, loadAgencyState, serializeAgencyState, yearRange } from "@/lib/chart-state";
import { LEVEL_LABELS, type Level } from "@/lib/model/keys";
import { formatChange, formatCount, formatDateTime, formatPercent, ratio, yearsLabel } from "@/lib/format";
import { Panel } from "@/components/ui/Panel";
import { AgencyTools } from "@/components/review/AgencyTools";
import { uploadTokenRequired } from "@/lib/ingest/guard";
import { agencyOf } from "@/lib/route-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = async (params: Props["params"]) => agencyOf((await params).id);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const agency = await load(params);
  const state = loadAgencyState(await searchParams);
  const years = yearsLabel(agency.years.map((y) => y.year));
  const description = `${agency.name}历年政府信息公开申请、办理结果、行政复议和诉讼（${years}）。`;
  // The card follows the shared state (years, counts or shares).
  const image = { url: serializeAgencyState(`/og/agencies/${agency.id}`, state), width: 1200, height: 630, alt: agency.name };
  return {
    title: agency.name,
    description,
    openGraph: { title: agency.name, description, type: "article", images: [image] },
    twitter: { card: "summary_large_image", images: [image.url] },
  };
}

const rateOf = (y: AgencyYear | undefined, k: "granted" | "denied") => (y ? ratio(y.outcomes[k], y.totalProcessed) : null);

export default async function AgencyPage({ params, searchParams }: Props) {
  const agency = await load(params);
  const state = loadAgencyState(await searchParams);
  const rosters = agency.years.length === 0 ? await rostersOfAgency(agency.id) : [];
  const allYears = agency.years.map((y) => y.year);
  const shownYears = new Set(yearRange(allYears, state.from, state.to));
  const years = agency.years.filter((y) => shownYears.has(y.year));
  const latest = years.at(-1);
  const previous = latest ? agency.years.find((y) => y.year === latest.year - 1) : undefined;
  const path = `/agencies/${agency.id}`;
  const charts = agencyCharts(agency, years, state);
  const name = agency.name;
  const findings = agency.findings.filter((f) => shownYears.has(f.year));

  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <Breadcrumbs
          items={[
            { href: "/agencies", label: "机关" },
            ...agency.regionPath.map((r) => ({ href: `/regions/${r.code}`, label: r.name })),
          ]}
        />
        <h1 className="text-2xl font-semibold">{name}</h1>
        <p className="text-sm text-muted">
          {agency.level ? LEVEL_LABELS[agency.level as Level] : "级别未知"}
          {agency.regionPath.length === 0 && " · 地区未知"}
          {allYears.length > 0 && ` · ${yearsLabel(allYears)} 年，共 ${agency.years.length} 份年报`}
        </p>
        <div className="flex flex-wrap items-center gap-4 pt-2">
          {allYears.length > 1 && <YearRange years={allYears} />}
          {/* Not prefetched (as the header's links): the server would render /compare while this page's charts draw. */}
          <Link href={compareShareUrl({ agencies: [agency.id], stat: "new_received.total", from: null, to: null, type: "line" })} prefetch={false} className="text-sm">
            与其他机关比较 →
          </Link>
        </div>
      </header>

      {agency.mergedInto && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="merged-notice">
          这个机关已并入<Link href={`/agencies/${agency.mergedInto.id}`}>“{agency.mergedInto.name}”</Link>，它的年报都在那里；以本名称上传的年报也归入那里。
        </p>
      )}
      {years.some((y) => y.corrected) && (
        <p className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm" data-testid="corrected-years">
          含人工更正的年度：
          {years
            .filter((y) => y.corrected)
            .map((y) => (
              <Link key={y.year} href={`/reports/${y.reportId}#history`} className="ml-2" data-year={y.year}>
                {y.year} 年（第 {y.version} 版，人工更正）
              </Link>
            ))}
          。图表和表格中这些年度的数字为更正后的数字，原读出的数字见各年的版本历史。
        </p>
      )}
      {agency.years.length === 0 ? (
        <EmptyState title="尚无年报" action={{ href: "/upload", label: "上传这个机关的年报" }}>
          <p data-testid="no-report-yet">
            {rosters.length > 0
              ? `这个机关在${rosters.map((r) => r.name).join("、")}的应报名单上，但还没有收录它的任何年报。`
              : "这个机关还没有在用的年报。"}
          </p>
        </EmptyState>
      ) : years.length === 0 ? (
        <EmptyState title="所选年度没有这个机关的年报" action={{ href: path, label: "查看全部年度" }} />
      ) : (
        <>
          {latest && (
            <section aria-labelledby="headline-title">
              <h2 id="headline-title" className="mb-2 font-medium">
                {latest.year} 年主要数字{previous ? `（与 ${previous.year} 年相比）` : "（无上年数据可比）"}
              </h2>
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="headline">
                <StatCard label="新收申请" value={formatCount(latest.newReceived?.total)} change={formatChange(latest.newReceived?.total, previous?.newReceived?.total)} testId="headline-new-received" />
                <StatCard label="予以公开率" value={formatPercent(rateOf(latest, "granted"))} change={formatChange(rateOf(latest, "granted"), rateOf(previous, "granted"), "percent")} />
                <StatCard label="不予公开率" value={formatPercent(rateOf(latest, "denied"))} change={formatChange(rateOf(latest, "denied"), rateOf(previous, "denied"), "percent")} />
                <StatCard label="行政复议" value={formatCount(latest.reviewTotal)} change={formatChange(latest.reviewTotal, previous?.reviewTotal)} />
                <StatCard label="行政诉讼" value={formatCount(latest.litigationTotal)} change={formatChange(latest.litigationTotal, previous?.litigationTotal)} />
                <StatCard label="结转下年" value={formatCount(latest.carriedForward)} change={formatChange(latest.carriedForward, previous?.carriedForward)} />
              </dl>
            </section>
          )}

          <Chart {...charts.applications} />
          <Chart {...charts.outcomes} />
          <div className="grid gap-4 lg:grid-cols-2">
            <Chart {...charts.refusals} />
            <Chart {...charts.carry} />
          </div>
          <Chart {...charts.review} />

          <Panel id="findings" title="核查提示">
            {findings.length === 0 ? (
              <p className="mt-2 text-sm text-muted">所选年度的年报没有核查提示：表内算术和前后年度都对得上。</p>
            ) : (
              <ul className="mt-2 space-y-2 text-sm" data-testid="findings">
                {findings.map((f) => (
                  <li key={f.id} className="border-l-2 border-amber-500 pl-3">
                    <p>
                      <span className="font-medium">{f.year} 年</span> · {findingLabel(f.code)}
                    </p>
                    <p className="text-muted">{f.message}</p>
                    <Link href={`/reports/${f.reportId}?f=${f.id}#source`} className="text-xs">
                      在原文中查看 →
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          <Panel id="versions" title="年报和版本">
            <div className="scroll-hint mt-2 overflow-x-auto" data-scroll-hint>
              <table className="w-full border-collapse text-sm" data-testid="table-versions">
                <thead>
                  <tr className="border-b border-line text-left text-muted">
                    <th scope="col" className="py-1 pr-3 font-normal">年度</th>
                    <th scope="col" className="px-2 font-normal">版本</th>
                    <th scope="col" className="px-2 font-normal">状态</th>
                    <th scope="col" className="px-2 text-right font-normal">新收申请</th>
                    <th scope="col" className="px-2 text-right font-normal">核查提示</th>
                    <th scope="col" className="px-2 font-normal">发布日期</th>
                    <th scope="col" className="px-2 font-normal">导入时间</th>
                    <th scope="col" className="px-2 font-normal">来源文件</th>
                  </tr>
                </thead>
                <tbody>
                  {agency.versions.map((v) => (
                    <tr key={v.reportId} className="border-b border-line/60">
                      <th scope="row" className="py-1 pr-3 text-left font-normal">
                        <Link href={`/reports/${v.reportId}`}>{v.year} 年</Link>
                      </th>
                      <td className="px-2">第 {v.version} 版</td>
                      <td className="px-2">
                        {v.inForce ? "在用" : <span className="text-muted">已被新版本取代</span>}
                        {v.corrected && (
                          <span className="ml-1 rounded bg-green-100 px-1 text-xs text-green-900" title={`${v.correctedBy ?? ""}：${v.reason ?? ""}`}>
                            人工更正
                          </span>
                        )}
                      </td>
                      <td className="px-2 text-right tabular-nums">{formatCount(v.newReceived)}</td>
                      <td className="px-2 text-right tabular-nums">{v.findingCount ? `${v.findingCount} 条` : "无"}</td>
                      <td className="px-2 whitespace-nowrap" title={PUBLISHED_FROM_LABELS[v.publishedFrom ?? "upload"]}>
                        {formatDay(v.publishedOn)}
                        {v.publishedFrom === "upload" && <span className="text-xs text-muted">（上传日期）</span>}
                      </td>
                      <td className="px-2 whitespace-nowrap">{formatDateTime(v.importedAt)}</td>
                      <td className="max-w-48 truncate px-2 text-muted">{v.fileName ?? "粘贴的文本"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
        </>
      )}
      <Panel id="agency-tools" title="合并或改名">
        <AgencyTools
          agency={{ id: agency.id, name: agency.name }}
          merges={agency.merges.map((m) => ({ ...m, at: m.at.toISOString(), undoneAt: m.undoneAt?.toISOString() ?? null }))}
          tokenRequired={uploadTokenRequired()}
        />
      </Panel>
    </article>
  );
}
