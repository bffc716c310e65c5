// One region's scorecard for a year: shares reported / on time / tables adding up, findings by
// code, the trend by year and the ranking of the regions below it. One A4 page when printed.
import Link from "next/link";
import { findingLabel } from "@/components/dashboard/findings";
import { share } from "@/components/dashboard/coverage";
import { serializeScorecard } from "@/lib/chart-state";
import type { CoverageCounts, Scorecard } from "@/lib/queries/coverage-year";
import { formatCount, formatPercent } from "@/lib/format";

type Shares = { reported: number | null; onTime: number | null; addsUp: number | null };

/** 报告率 = 已报 ÷ 应报; 按时率 = 按时发布 ÷ 应报 (an agency that has not reported is not on time); 无误率 = 表格算术无误 ÷ 已报. */
export function sharesOf(c: CoverageCounts): Shares {
  return { reported: share(c.reported, c.expected), onTime: share(c.onTime, c.expected), addsUp: share(c.addsUp, c.reported) };
}

const SHARE_LABELS: Record<keyof Shares, { label: string; note: string }> = {
  reported: { label: "报告率", note: "已报 ÷ 应报" },
  onTime: { label: "按时率", note: "按时发布 ÷ 应报" },
  addsUp: { label: "表格无误率", note: "表格算术无误 ÷ 已报" },
};

function rank(values: (number | null)[]): (number | null)[] {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => b - a);
  return values.map((v) => (v === null ? null : sorted.indexOf(v) + 1));
}

function Bar({ value }: { value: number | null }) {
  return (
    <span className="inline-block h-2 w-24 rounded-sm bg-line align-middle" aria-hidden>
      <span className="block h-2 rounded-sm bg-[#0072B2]" style={{ width: `${Math.round((value ?? 0) * 100)}%` }} />
    </span>
  );
}

export function ScorecardCard({ card, title, testId }: { card: Scorecard; title: string; testId?: string }) {
  const t = card.total;
  const s = sharesOf(t);
  const children = card.groups.filter((g) => !g.self);
  const childShares = children.map((g) => sharesOf(g));
  const ranks = { reported: rank(childShares.map((x) => x.reported)), onTime: rank(childShares.map((x) => x.onTime)), addsUp: rank(childShares.map((x) => x.addsUp)) };
  const order = children.map((_, i) => i).sort((a, b) => (ranks.reported[a] ?? 1e9) - (ranks.reported[b] ?? 1e9));
  const basis = card.rosters.length
    ? `应报机关按导入的名单（${card.rosters.map((r) => r.name).join("、")}）${card.window ? `，其余按 ${card.window.from}–${card.window.to} 年有过年报的机关` : ""}`
    : card.window
      ? `应报机关：${card.window.from}–${card.window.to} 年在本地区有过年报的机关（默认名单）`
      : "";

  return (
    <article className="print-page space-y-4 rounded-lg border border-line bg-white p-5 print:border-0 print:p-0" data-testid={testId}>
      <header>
        <h2 className="text-xl font-semibold">{title}</h2>
        <p className="text-xs text-muted">
          {basis}。截止日期：部门 次年1月31日，人民政府本级 次年3月31日；没有写明发布日期的年报按上传日期计（{formatCount(t.datedByUpload)} 份）。
        </p>
      </header>

      <dl className="grid grid-cols-3 gap-3">
        {(Object.keys(SHARE_LABELS) as (keyof Shares)[]).map((k) => (
          <div key={k} className="rounded border border-line p-3" data-testid={`share-${k}`}>
            <dt className="text-sm text-muted">{SHARE_LABELS[k].label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{formatPercent(s[k])}</dd>
            <dd className="text-xs text-muted">{SHARE_LABELS[k].note}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm tabular-nums" data-testid="scorecard-counts">
        应报 {formatCount(t.expected)} · 已报 {formatCount(t.reported)} · 未报 {formatCount(t.expected - t.reported)} · 按时 {formatCount(t.onTime)} · 逾期{" "}
        {formatCount(t.reported - t.onTime)} · 表格算术无误 {formatCount(t.addsUp)}
        {card.offRoster > 0 && ` · 名单外有年报 ${formatCount(card.offRoster)}`}
      </p>

      <div className="grid gap-4 md:grid-cols-2 print:grid-cols-2">
        <section aria-label="历年趋势">
          <h3 className="mb-1 text-sm font-medium">历年趋势</h3>
          <table className="w-full border-collapse text-xs" data-testid="scorecard-trend">
            <thead>
              <tr className="border-b border-line text-left text-muted">
                <th scope="col" className="py-1 font-normal">年度</th>
                <th scope="col" className="px-1 text-right font-normal">应报</th>
                <th scope="col" className="px-1 text-right font-normal">已报</th>
                <th scope="col" className="px-1 text-right font-normal">报告率</th>
                <th scope="col" className="px-1 text-right font-normal">按时率</th>
                <th scope="col" className="px-1 text-right font-normal">无误率</th>
              </tr>
            </thead>
            <tbody>
              {card.trend.map((y) => {
                const ys = sharesOf(y);
                return (
                  <tr key={y.year} className={`border-b border-line/60 ${y.year === card.year ? "font-medium" : ""}`}>
                    <th scope="row" className="py-0.5 text-left font-normal tabular-nums">{y.year}</th>
                    <td className="px-1 text-right tabular-nums">{formatCount(y.expected)}</td>
                    <td className="px-1 text-right tabular-nums">{formatCount(y.reported)}</td>
                    <td className="px-1 text-right tabular-nums">
                      {formatPercent(ys.reported)} <Bar value={ys.reported} />
                    </td>
                    <td className="px-1 text-right tabular-nums">{formatPercent(ys.onTime)}</td>
                    <td className="px-1 text-right tabular-nums">{formatPercent(ys.addsUp)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <section aria-label="核查提示">
          <h3 className="mb-1 text-sm font-medium">核查提示（按类型，{card.year} 年度）</h3>
          {card.findings.length === 0 ? (
            <p className="text-xs text-muted">没有核查提示。</p>
          ) : (
            <table className="w-full border-collapse text-xs" data-testid="scorecard-findings">
              <tbody>
                {card.findings.map((f) => (
                  <tr key={f.code} className="border-b border-line/60" data-code={f.code}>
                    <th scope="row" className="py-0.5 text-left font-normal">{findingLabel(f.code)}</th>
                    <td className="px-1 text-right tabular-nums">{formatCount(f.reports)} 份</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      {children.length > 0 && (
        <section aria-label="下级地区排名">
          <h3 className="mb-1 text-sm font-medium">下级地区排名（{card.year} 年度）</h3>
          <table className="w-full border-collapse text-xs" data-testid="scorecard-ranking">
            <thead>
              <tr className="border-b border-line text-left text-muted">
                <th scope="col" className="py-1 font-normal">地区</th>
                <th scope="col" className="px-1 text-right font-normal">应报</th>
                <th scope="col" className="px-1 text-right font-normal">已报</th>
                {(Object.keys(SHARE_LABELS) as (keyof Shares)[]).map((k) => (
                  <th key={k} scope="col" className="px-1 text-right font-normal">
                    {SHARE_LABELS[k].label}（名次）
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {order.map((i) => {
                const g = children[i];
                return (
                  <tr key={g.region!.code} className="border-b border-line/60" data-region={g.region!.code}>
                    <th scope="row" className="py-0.5 text-left font-normal">
                      <Link href={serializeScorecard("/coverage/scorecard", { region: g.region!.code, year: card.year, pages: null })}>{g.region!.name}</Link>
                    </th>
                    <td className="px-1 text-right tabular-nums">{formatCount(g.expected)}</td>
                    <td className="px-1 text-right tabular-nums">{formatCount(g.reported)}</td>
                    {(Object.keys(SHARE_LABELS) as (keyof Shares)[]).map((k) => (
                      <td key={k} className="px-1 text-right tabular-nums">
                        {formatPercent(childShares[i][k])}
                        {ranks[k][i] !== null && <span className="text-muted">（{ranks[k][i]}）</span>}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </article>
  );
}
