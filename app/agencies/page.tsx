import type { Metadata } from "next";
import Link from "next/link";
import { ScopeFilters } from "@/components/filters/ScopeFilters";
import { Sparkline } from "@/components/charts/Sparkline";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination } from "@/components/ui/Pagination";
import { RateCell } from "@/components/ui/RateCell";
import { CsvDownload } from "@/components/ui/CsvDownload";
import { loadFilters, serializeFilters, type FilterState, type Sort } from "@/lib/chart-state";
import { directoryPage } from "@/lib/queries/agencies";
import { availableYears } from "@/lib/queries/overview";
import { regionCascade } from "@/lib/queries/scope";
import { LEVEL_LABELS, type Level } from "@/lib/model/keys";
import { formatCount, formatPercent, yearsLabel } from "@/lib/format";
import { belowMinBase } from "@/lib/chart-units";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "机关" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const COLUMNS: Array<{ sort: string; label: string; hint?: string }> = [
  { sort: "apps", label: "新收申请" },
  { sort: "grant", label: "予以公开率", hint: "予以公开 ÷ 办理结果总计" },
  { sort: "refuse", label: "不予公开率", hint: "不予公开 ÷ 办理结果总计" },
  { sort: "lit", label: "行政诉讼" },
];

function SortHeader({ f, sort, label, hint, numeric = true }: { f: FilterState; sort: string; label: string; hint?: string; numeric?: boolean }) {
  const active = f.sort.replace(/^-/, "") === sort;
  const desc = f.sort.startsWith("-");
  // First click: largest first for numbers, A→Z for names; again: the other way.
  const next = (active ? (desc ? sort : `-${sort}`) : numeric ? `-${sort}` : sort) as Sort;
  return (
    <th
      scope="col"
      className={`whitespace-nowrap px-3 py-2 font-normal ${numeric ? "text-right" : "text-left"}`}
      aria-sort={active ? (desc ? "descending" : "ascending") : undefined}
      title={hint}
    >
      <Link href={serializeFilters("/agencies", { ...f, sort: next, page: null })} className="text-muted hover:text-ink" data-testid={`sort-${sort}`}>
        {label}
        <span aria-hidden className="ml-0.5">
          {active ? (desc ? "↓" : "↑") : "↕"}
        </span>
        <span className="sr-only">{active ? (desc ? "（从大到小）" : "（从小到大）") : "（点击排序）"}</span>
      </Link>
    </th>
  );
}

/** One figure of a directory card (phone width): its label and value, greyed when its base is below the minimum. */
function CardFigure({ label, value, muted = false, testKey }: { label: string; value: string; muted?: boolean; testKey?: string }) {
  return (
    <div className="flex justify-between gap-2">
      <dt className="text-muted">{label}</dt>
      <dd className={muted ? "tabular-nums text-muted" : "tabular-nums"} data-key={testKey}>
        {value}
      </dd>
    </div>
  );
}

export default async function AgenciesPage({ searchParams }: Props) {
  const f = loadFilters(await searchParams);
  const [list, years] = await Promise.all([
    directoryPage({ region: f.region, level: f.level, from: f.from, to: f.to, q: f.q, flagged: f.flagged, sort: f.sort, page: f.page, minBase: f.minBase }),
    availableYears(),
  ]);
  const cascade = regionCascade(f.region);
  const filtered = !!(f.region || f.level || f.from || f.to || f.q || f.flagged);
  const span = f.from || f.to ? `${f.from ?? "最早"}–${f.to ?? "最近"} 年` : "全部年度";

  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">机关</h1>
        <p className="mt-1 text-sm text-muted">
          按地区、级别、年度和名称筛选；点击列名排序。数字为所选年度（{span}）的合计；比率旁的 n 为办理结果总计（比率的分母）{f.minBase ? `，n 不足 ${f.minBase} 的比率灰色显示、排序时排在最后` : ""}。
        </p>
      </div>
      <ScopeFilters
        {...cascade}
        years={years}
        show={{ flagged: true, minBase: true }}
      />
      {list.items.length === 0 ? (
        <EmptyState
          title={filtered ? "没有符合条件的机关" : "还没有机关的年报"}
          action={filtered ? { href: "/agencies", label: "清除筛选" } : { href: "/upload", label: "上传年报" }}
        >
          {filtered ? "换一个地区、级别或年度范围试试。" : "导入年度报告后，机关会出现在这里。"}
        </EmptyState>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-muted" data-testid="agency-count">
              共 {formatCount(list.total)} 个机关
            </p>
            <CsvDownload filters={f} what={filtered ? "所筛选机关的全部年报" : "全部年报"} />
          </div>
          {/* On a phone each agency is a card (name, region, level, years, the key numbers); from
              sm up the sortable table. Both are rendered; CSS shows one. */}
          <ul className="space-y-2 sm:hidden" data-testid="agency-cards" aria-label={`机关列表，${span}`}>
            {list.items.map((a) => (
              <li key={a.id} className="rounded-lg border border-line bg-white p-3" data-agency-id={a.id}>
                <Link href={`/agencies/${a.id}`} className="font-medium">
                  {a.name}
                </Link>
                <p className="mt-0.5 text-xs text-muted" data-key="where">
                  {a.regionCode ? (
                    <Link href={`/regions/${a.regionCode}`} className="text-muted">
                      {a.regionName}
                    </Link>
                  ) : (
                    "地区未知"
                  )}
                  {" · "}
                  {a.level ? LEVEL_LABELS[a.level as Level] : "级别未知"} · {yearsLabel(a.years)} 年
                </p>
                <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                  <CardFigure label="新收申请" value={formatCount(a.newReceived)} testKey="new_received" />
                  <CardFigure label="行政诉讼" value={formatCount(a.litigation)} />
                  <CardFigure label="予以公开率" value={formatPercent(a.grantRate)} muted={a.grantRate !== null && belowMinBase(a.rateBase, f.minBase)} />
                  <CardFigure label="不予公开率" value={formatPercent(a.refusalRate)} muted={a.refusalRate !== null && belowMinBase(a.rateBase, f.minBase)} />
                </dl>
                {a.rateBase !== null && <p className="mt-1 text-xs text-muted">比率的基数 n={formatCount(a.rateBase)}</p>}
              </li>
            ))}
          </ul>
          <div className="scroll-hint hidden overflow-x-auto rounded-lg border border-line sm:block" data-scroll-hint>
            <table className="w-full border-collapse text-sm" data-testid="agency-list">
              <caption className="sr-only">机关列表，{span}</caption>
              <thead>
                <tr className="border-b border-line text-left text-muted">
                  <SortHeader f={f} sort="name" label="机关" numeric={false} />
                  <th scope="col" className="px-3 py-2 font-normal">地区</th>
                  <th scope="col" className="px-3 py-2 font-normal">级别</th>
                  <th scope="col" className="px-3 py-2 font-normal">年报年度</th>
                  {COLUMNS.map((c) => (
                    <SortHeader key={c.sort} f={f} sort={c.sort} label={c.label} hint={c.hint} />
                  ))}
                  <th scope="col" className="px-3 py-2 font-normal">新收申请趋势</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((a) => (
                  <tr key={a.id} className="border-b border-line/60 hover:bg-paper" data-agency-id={a.id}>
                    <td className="px-3 py-2">
                      <Link href={`/agencies/${a.id}`}>{a.name}</Link>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {a.regionCode ? <Link href={`/regions/${a.regionCode}`} className="text-ink">{a.regionName}</Link> : <span className="text-muted">未知</span>}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{a.level ? LEVEL_LABELS[a.level as Level] : "—"}</td>
                    <td className="whitespace-nowrap px-3 py-2" data-key="years">{yearsLabel(a.years)}</td>
                    <td className="px-3 py-2 text-right tabular-nums" data-key="new_received">{formatCount(a.newReceived)}</td>
                    <RateCell rate={a.grantRate} base={a.rateBase} minBase={f.minBase} testKey="grant_rate" className="px-3 py-2" />
                    <RateCell rate={a.refusalRate} base={a.rateBase} minBase={f.minBase} testKey="refusal_rate" className="px-3 py-2" />
                    <td className="px-3 py-2 text-right tabular-nums" data-key="litigation">{formatCount(a.litigation)}</td>
                    <td className="px-3 py-2">
                      <Sparkline points={a.spark} label={`${a.name}每年新收申请`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={list.page} pages={list.pages} total={list.total} href={(p) => serializeFilters("/agencies", { ...f, page: p })} />
        </>
      )}
    </section>
  );
}
