import type { Metadata } from "next";
import Link from "next/link";
import { ScopeFilters } from "@/components/filters/ScopeFilters";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination } from "@/components/ui/Pagination";
import { findingLabel, FINDING_LABELS } from "@/components/dashboard/findings";
import { loadFilters, serializeFilters } from "@/lib/chart-state";
import { reviewQueue } from "@/lib/queries/review";
import { availableYears } from "@/lib/queries/overview";
import { regionCascade } from "@/lib/queries/scope";
import { formatCount } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "待核查" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SEVERITY: Record<number, { label: string; className: string }> = {
  3: { label: "数字对不上或未读出", className: "bg-red-100 text-red-900" },
  2: { label: "机关、地区或年度待确认", className: "bg-amber-100 text-amber-900" },
  1: { label: "需留意", className: "bg-paper text-muted" },
};

export default async function ReviewPage({ searchParams }: Props) {
  const f = loadFilters(await searchParams);
  const [queue, years] = await Promise.all([reviewQueue({ region: f.region, from: f.from, to: f.to, code: f.code, page: f.page }), availableYears()]);
  const filtered = !!(f.region || f.from || f.to || f.code);
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">待核查</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          在用的年报中，算术对不上、有格子未读出、机关地区或年度不确定、或数字取自正文的，按严重程度排列。打开一份即可对照原文更正；更正保存为新版本，原读出的版本保留。
        </p>
      </div>
      <ScopeFilters
        {...regionCascade(f.region)}
        years={years}
        show={{ level: false, q: false }}
        codes={Object.entries(FINDING_LABELS).map(([value, label]) => ({ value, label }))}
      />
      {queue.items.length === 0 ? (
        <EmptyState title={filtered ? "没有符合条件的待核查年报" : "没有待核查的年报"} action={filtered ? { href: "/review", label: "清除筛选" } : undefined}>
          {filtered ? "换一个地区、年度或核查提示试试。" : "所有在用的年报算术都对得上。"}
        </EmptyState>
      ) : (
        <>
          <p className="text-sm text-muted" data-testid="review-count">
            共 {formatCount(queue.total)} 份待核查
          </p>
          <ol className="divide-y divide-line rounded-lg border border-line bg-white" data-testid="review-list">
            {queue.items.map((r) => {
              const sev = SEVERITY[r.severity] ?? SEVERITY[1];
              const first = r.findings[0];
              return (
                <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm" data-testid="review-item" data-report-id={r.id} data-severity={r.severity}>
                  <span className={`rounded px-1.5 text-xs ${sev.className}`}>{sev.label}</span>
                  <Link href={`/reports/${r.id}?edit=1${first ? `&f=${first.id}` : ""}`} className="font-medium">
                    {r.agency} {r.year} 年
                  </Link>
                  <span className="text-xs text-muted">
                    {r.regionName || "地区未知"} · 第 {r.version} 版{r.corrected ? "（人工更正）" : ""}
                  </span>
                  <ul className="flex w-full flex-wrap gap-1 text-xs">
                    {r.findings.map((x) => (
                      <li key={x.code}>
                        <Link href={`/reports/${r.id}?edit=1&f=${x.id}`} className="rounded border border-amber-300 bg-amber-50 px-1.5 text-amber-900 no-underline" data-code={x.code}>
                          {findingLabel(x.code)}
                        </Link>
                      </li>
                    ))}
                    {r.findings.length === 0 && <li className="text-muted">{r.regionCode ? "数字取自正文" : "所属地区未知"}</li>}
                  </ul>
                </li>
              );
            })}
          </ol>
          <Pagination page={queue.page} pages={queue.pages} total={queue.total} href={(p) => serializeFilters("/review", { ...f, page: p })} />
        </>
      )}
    </section>
  );
}
