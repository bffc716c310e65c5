import type { Metadata } from "next";
import Link from "next/link";
import { ScopeFilters } from "@/components/filters/ScopeFilters";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination } from "@/components/ui/Pagination";
import { StatCard } from "@/components/ui/StatCard";
import { CsvDownload } from "@/components/ui/CsvDownload";
import { EXPECTED_BY_LABELS, formatDay, PUBLISHED_FROM_LABELS, share } from "@/components/dashboard/coverage";
import { loadCoverage, missingCsvUrl, serializeCoverage, serializeScorecard, yearRange, type CoverageState } from "@/lib/chart-state";
import { getCoverage } from "@/lib/queries/coverage";
import { defaultWindow, missingAgencies, reportedAgencies, yearCoverage } from "@/lib/queries/coverage-year";
import { availableYears, totalsPerYear } from "@/lib/queries/overview";
import { regionCascade, regionInfo, regionPathOf } from "@/lib/queries/scope";
import { LEVEL_LABELS, type Level } from "@/lib/model/keys";
import { formatCount, formatPercent } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "年报覆盖" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const LIST_SIZE = 100;
const LIST_LABELS = { missing: "未报", reported: "已报", late: "逾期" } as const;

export default async function CoveragePage({ searchParams }: Props) {
  const f = loadCoverage(await searchParams);
  const region = f.region && regionInfo(f.region) ? f.region : null;
  const [allYears, window] = await Promise.all([availableYears(), defaultWindow()]);
  const year = f.year ?? window?.to ?? null;
  const where = regionInfo(region)?.name ?? "全国";
  const url = (patch: Partial<CoverageState>) => serializeCoverage("/coverage", { ...f, lp: null, ...patch });

  if (year === null) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">年报覆盖</h1>
        <EmptyState title="还没有年报" action={{ href: "/upload", label: "上传年报" }} />
      </section>
    );
  }

  const offset = (f.lp - 1) * LIST_SIZE;
  const [cov, missing, reported] = await Promise.all([
    yearCoverage(region, year),
    f.list === "missing" ? missingAgencies(region, year, { limit: LIST_SIZE, offset }) : Promise.resolve([]),
    f.list !== "missing" ? reportedAgencies(region, year, { late: f.list === "late", limit: LIST_SIZE, offset }) : Promise.resolve([]),
  ]);
  const t = cov.total;
  const missingCount = t.expected - t.reported;
  const late = t.reported - t.onTime;
  const years = [...new Set([...allYears, year])].sort((a, b) => a - b);
  const path = regionPathOf(region);
  const listCount = { missing: missingCount, reported: t.reported + cov.offRoster, late: null as number | null };
  const rosterNote =
    cov.rosters.length > 0
      ? `按导入的名单（${cov.rosters.map((r) => r.name).join("、")}）${cov.rosters.length && cov.window ? `；其余地区按 ${cov.window.from}–${cov.window.to} 年有过年报的机关` : ""}`
      : cov.window
        ? `默认名单：${cov.window.from}–${cov.window.to} 年在本地区有过年报的机关（尚未导入名单）`
        : "";

  return (
    <section className="space-y-5">
      <div className="space-y-1">
        <Breadcrumbs
          items={[
            { href: url({ region: null }), label: "全国" },
            ...path.map((r) => ({ href: url({ region: r.code }), label: r.name })),
          ]}
        />
        <h1 className="text-2xl font-semibold">
          年报覆盖：{where} {year} 年度
        </h1>
        <p className="max-w-3xl text-sm text-muted">
          谁报了、谁没报、谁逾期。应报机关：{rosterNote}。截止日期：部门年报 次年1月31日，人民政府本级年报 次年3月31日（政府信息公开条例第四十九条）；发布日期取年报自身写明的日期，没有写明的按上传日期计，并注明。
        </p>
      </div>

      <nav aria-label="年度" className="flex flex-wrap items-center gap-1 text-sm" data-testid="coverage-years">
        <span className="mr-1 text-muted">年度</span>
        {years.map((y) => (
          <Link
            key={y}
            href={url({ year: y })}
            aria-current={y === year ? "page" : undefined}
            className={`rounded border px-2 py-0.5 tabular-nums ${y === year ? "border-ink bg-ink text-white" : "border-line bg-white"}`}
          >
            {y}
          </Link>
        ))}
      </nav>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="coverage-counts">
        <StatCard label="应报机关" value={formatCount(t.expected)} testId="count-expected" />
        <StatCard label="已报" value={formatCount(t.reported)} hint={formatPercent(share(t.reported, t.expected))} testId="count-reported" />
        <StatCard label="未报" value={formatCount(missingCount)} testId="count-missing" />
        <StatCard label="按时发布" value={formatCount(t.onTime)} hint={formatPercent(share(t.onTime, t.reported))} testId="count-on-time" />
        <StatCard label="逾期（含按上传日期计）" value={formatCount(late)} hint={t.datedByUpload ? `${formatCount(t.datedByUpload)} 份按上传日期计` : undefined} testId="count-late" />
        <StatCard label="表格算术无误" value={formatCount(t.addsUp)} hint={formatPercent(share(t.addsUp, t.reported))} testId="count-adds-up" />
      </dl>
      {cov.offRoster > 0 && <p className="text-sm text-muted">另有 {formatCount(cov.offRoster)} 个不在名单上的机关有 {year} 年度年报（见“已报”）。</p>}

      <div className="flex flex-wrap gap-4 text-sm">
        <a href={missingCsvUrl(year, region)} download data-testid="missing-csv">
          下载未报名单（CSV）
        </a>
        <CsvDownload filters={{ region, year }} what={`${where} ${year} 年度已报的年报`} />
        <Link href={serializeScorecard("/coverage/scorecard", { region, year })}>成绩单（可打印）→</Link>
        {region && <Link href={`/coverage/roster?r=${region}`}>{cov.rosters.some((r) => r.code === region) ? "查看和编辑名单" : "导入名单"} →</Link>}
        {!region && <Link href="/coverage/roster">名单管理 →</Link>}
      </div>

      {cov.groups.length > 0 && (
        <div className="scroll-hint overflow-x-auto rounded-lg border border-line" data-scroll-hint>
          <table className="w-full border-collapse text-sm" data-testid="coverage-regions">
            <caption className="sr-only">{where}下各地区 {year} 年度应报、已报、未报</caption>
            <thead>
              <tr className="border-b border-line text-left text-muted">
                <th scope="col" className="px-3 py-2 font-normal">地区</th>
                <th scope="col" className="px-2 text-right font-normal">应报</th>
                <th scope="col" className="px-2 text-right font-normal">已报</th>
                <th scope="col" className="px-2 text-right font-normal">未报</th>
                <th scope="col" className="px-2 text-right font-normal">报告率</th>
                <th scope="col" className="px-2 text-right font-normal">按时</th>
                <th scope="col" className="px-2 font-normal">名单</th>
              </tr>
            </thead>
            <tbody>
              {cov.groups.map((g) => {
                const code = g.self ? region : g.region!.code;
                const label = g.self ? (region ? `${where}本级` : "地区未知") : g.region!.name;
                return (
                  <tr key={g.self ? "self" : g.region!.code} className="border-b border-line/60" data-region={g.self ? "self" : g.region!.code}>
                    <th scope="row" className="px-3 py-1 text-left font-normal">
                      {g.self ? label : <Link href={url({ region: code })}>{label}</Link>}
                    </th>
                    <td className="px-2 text-right tabular-nums">{formatCount(g.expected)}</td>
                    <td className="px-2 text-right tabular-nums">{formatCount(g.reported)}</td>
                    <td className="px-2 text-right tabular-nums">
                      {g.expected - g.reported > 0 && !g.self ? (
                        <Link href={url({ region: code, list: "missing" })}>{formatCount(g.expected - g.reported)}</Link>
                      ) : (
                        formatCount(g.expected - g.reported)
                      )}
                    </td>
                    <td className="px-2 text-right tabular-nums">{formatPercent(share(g.reported, g.expected))}</td>
                    <td className="px-2 text-right tabular-nums">{formatCount(g.onTime)}</td>
                    <td className="px-2 text-muted">{g.rostered ? "已导入" : "默认"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="coverage-list-title" className="space-y-2">
        <h2 id="coverage-list-title" className="sr-only">
          {where} {year} 年度{LIST_LABELS[f.list]}机关
        </h2>
        <nav aria-label="名单" className="flex gap-1 border-b border-line text-sm" data-testid="coverage-lists">
          {(Object.keys(LIST_LABELS) as (keyof typeof LIST_LABELS)[]).map((k) => (
            <Link
              key={k}
              href={url({ list: k })}
              aria-current={f.list === k ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-1.5 ${f.list === k ? "border-ink font-medium text-ink" : "border-transparent text-muted"}`}
            >
              {LIST_LABELS[k]}
              {listCount[k] !== null && <span className="ml-1 tabular-nums">{formatCount(k === "late" ? late : listCount[k])}</span>}
            </Link>
          ))}
        </nav>
        {f.list === "missing" ? (
          missing.length === 0 ? (
            <EmptyState title={`${where}应报机关都有 ${year} 年度年报`} />
          ) : (
            <div className="scroll-hint overflow-x-auto rounded-lg border border-line" data-scroll-hint>
            <table className="w-full border-collapse text-sm" data-testid="missing-list">
              <thead>
                <tr className="border-b border-line text-left text-muted">
                  <th scope="col" className="px-3 py-2 font-normal">机关</th>
                  <th scope="col" className="px-2 font-normal">地区</th>
                  <th scope="col" className="px-2 font-normal">级别</th>
                  <th scope="col" className="px-2 font-normal">截止日期</th>
                  <th scope="col" className="px-2 font-normal">最近一份年报</th>
                  <th scope="col" className="px-2 font-normal">应报依据</th>
                </tr>
              </thead>
              <tbody>
                {missing.map((m) => (
                  <tr key={m.id} className="border-b border-line/60" data-agency-id={m.id}>
                    <th scope="row" className="px-3 py-1 text-left font-normal">
                      <Link href={`/agencies/${m.id}`}>{m.name}</Link>
                    </th>
                    <td className="whitespace-nowrap px-2 text-muted">{m.regionName || "地区未知"}</td>
                    <td className="px-2">{m.level ? LEVEL_LABELS[m.level as Level] : "—"}</td>
                    <td className="px-2 whitespace-nowrap">{formatDay(m.deadline)}</td>
                    <td className="px-2 tabular-nums">{m.lastYear ? `${m.lastYear} 年度` : "尚无年报"}</td>
                    <td className="px-2 text-muted">{EXPECTED_BY_LABELS[m.expectedBy]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )
        ) : reported.length === 0 ? (
          <EmptyState title={f.list === "late" ? `没有逾期发布的 ${year} 年度年报` : `${where}还没有 ${year} 年度年报`} />
        ) : (
          <div className="scroll-hint overflow-x-auto rounded-lg border border-line" data-scroll-hint>
          <table className="w-full border-collapse text-sm" data-testid="reported-list">
            <thead>
              <tr className="border-b border-line text-left text-muted">
                <th scope="col" className="px-3 py-2 font-normal">机关</th>
                <th scope="col" className="px-2 font-normal">地区</th>
                <th scope="col" className="px-2 font-normal">状态</th>
                <th scope="col" className="px-2 font-normal">发布日期</th>
                <th scope="col" className="px-2 font-normal">截止日期</th>
              </tr>
            </thead>
            <tbody>
              {reported.map((r) => (
                <tr key={r.reportId} className="border-b border-line/60" data-agency-id={r.agencyId}>
                  <th scope="row" className="px-3 py-1 text-left font-normal">
                    <Link href={`/reports/${r.reportId}`}>{r.name}</Link>
                    {r.offRoster && <span className="ml-1 text-xs text-muted">（不在名单上）</span>}
                  </th>
                  <td className="whitespace-nowrap px-2 text-muted">{r.regionName || "地区未知"}</td>
                  <td className="px-2" data-status={r.onTime ? "on_time" : "late"}>
                    {r.onTime ? "已报（按时）" : <span className="rounded bg-amber-200 px-1 text-ink">已报（逾期）</span>}
                  </td>
                  <td className="px-2 whitespace-nowrap">
                    {formatDay(r.publishedOn)}
                    <span className="block text-xs text-muted">{PUBLISHED_FROM_LABELS[r.publishedFrom ?? "upload"]}</span>
                  </td>
                  <td className="px-2 whitespace-nowrap">{formatDay(r.deadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        {(f.lp > 1 || missing.length === LIST_SIZE || reported.length === LIST_SIZE) && (
          <p className="flex gap-4 text-sm">
            {f.lp > 1 && <Link href={serializeCoverage("/coverage", { ...f, lp: f.lp - 1 })}>← 上一页</Link>}
            {(missing.length === LIST_SIZE || reported.length === LIST_SIZE) && <Link href={serializeCoverage("/coverage", { ...f, lp: f.lp + 1 })}>下一页 →</Link>}
          </p>
        )}
      </section>

      <YearMatrix f={f} region={region} where={where} />
    </section>
  );
}

/** Which agency has a report for which year (all years): the history behind the year's list. */
async function YearMatrix({ f, region, where }: { f: CoverageState; region: string | null; where: string }) {
  const scope = { region, level: f.level, q: f.q };
  const [allYears, cov, perYear] = await Promise.all([
    availableYears(),
    getCoverage({ ...scope, page: f.page }),
    totalsPerYear({ ...scope, from: f.from, to: f.to }),
  ]);
  const years = yearRange(allYears, f.from, f.to);
  const cascade = regionCascade(region);
  const perYearCount = new Map(perYear.map((y) => [y.year, y.reports]));
  let gaps = 0;
  const rows = cov.rows.map((a) => {
    const have = new Set(a.years);
    const first = a.years[0];
    const last = a.years.at(-1);
    const cells = years.map((y) => {
      const state = have.has(y) ? "have" : first !== undefined && last !== undefined && y > first && y < last ? "gap" : "none";
      if (state === "gap") gaps++;
      return { y, state };
    });
    return { a, cells };
  });

  return (
    <section aria-labelledby="matrix-title" className="space-y-3 pt-4">
      <div>
        <h2 id="matrix-title" className="text-lg font-semibold">历年覆盖</h2>
        <p className="mt-1 text-sm text-muted">
          {where}每个有年报的机关在哪些年度有年报。<span className="rounded bg-amber-200 px-1 text-ink">缺</span>{" "}
          表示该机关前后年度都有年报、唯独这一年没有。从未报过的应报机关见上方“未报”。
        </p>
      </div>
      <ScopeFilters {...cascade} years={allYears} />
      {cov.rows.length === 0 || years.length === 0 ? (
        <EmptyState title={allYears.length === 0 ? "还没有年报" : "没有符合条件的机关"} action={{ href: "/coverage", label: "查看全部" }} />
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-muted" data-testid="coverage-summary">
              本页 {rows.length} 个机关中有 {gaps} 处前后年度之间的缺报。
            </p>
            <CsvDownload filters={{ ...scope, from: f.from, to: f.to }} what={`${where}所筛选机关的年报`} testId="matrix-csv" />
          </div>
          <div className="scroll-hint overflow-x-auto rounded-lg border border-line" data-scroll-hint>
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
          <Pagination page={cov.page} pages={cov.pages} total={cov.total} href={(p) => serializeCoverage("/coverage", { ...f, page: p })} />
        </>
      )}
    </section>
  );
}
