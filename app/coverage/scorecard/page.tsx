import type { Metadata } from "next";
import Link from "next/link";
import { ScorecardCard } from "@/components/coverage/ScorecardCard";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { EmptyState } from "@/components/ui/EmptyState";
import { PrintButton } from "@/components/coverage/PrintButton";
import { loadScorecard, serializeCoverage, serializeScorecard } from "@/lib/chart-state";
import { defaultWindow, scorecard } from "@/lib/queries/coverage-year";
import { availableYears } from "@/lib/queries/overview";
import { regionChildren, regionInfo, regionPathOf } from "@/lib/queries/scope";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "成绩单" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ScorecardPage({ searchParams }: Props) {
  const f = loadScorecard(await searchParams);
  const region = f.region && regionInfo(f.region) ? f.region : null;
  const [years, window] = await Promise.all([availableYears(), defaultWindow()]);
  const year = f.year ?? window?.to ?? null;
  if (year === null) return <EmptyState title="还没有年报" action={{ href: "/upload", label: "上传年报" }} />;
  const trendYears = years.filter((y) => y <= year).slice(-6);
  const where = regionInfo(region)?.name ?? "全国";
  const card = await scorecard(region, year, trendYears);
  // One page per region below it: their cards one after the other (in order, one query each).
  const childCards =
    f.pages === "all"
      ? await Promise.all(
          regionChildren(region)
            .filter((c) => card.groups.some((g) => g.region?.code === c.code))
            .map(async (c) => ({ region: c, card: await scorecard(c.code, year, trendYears) })),
        )
      : [];
  const url = (patch: Partial<typeof f>) => serializeScorecard("/coverage/scorecard", { ...f, region, year, ...patch });

  return (
    <section className="space-y-4">
      <div className="print-hidden space-y-2">
        <Breadcrumbs
          items={[
            { href: serializeCoverage("/coverage", { region, year, list: null, lp: null, level: null, from: null, to: null, q: null, sort: null, page: null }), label: "年报覆盖" },
            { href: url({ region: null }), label: "全国" },
            ...regionPathOf(region).map((r) => ({ href: url({ region: r.code }), label: r.name })),
          ]}
        />
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted">年度</span>
          {years.map((y) => (
            <Link key={y} href={url({ year: y })} aria-current={y === year ? "page" : undefined} className={`rounded border px-2 py-0.5 tabular-nums ${y === year ? "border-ink bg-ink text-white" : "border-line bg-white"}`}>
              {y}
            </Link>
          ))}
          <span className="ml-4" />
          {f.pages === "all" ? (
            <Link href={url({ pages: "one" })}>只看{where}</Link>
          ) : (
            card.groups.some((g) => !g.self) && <Link href={url({ pages: "all" })}>加上下级各地区（每地区一页）</Link>
          )}
          <PrintButton />
        </div>
      </div>
      <ScorecardCard card={card} title={`${where}政府信息公开工作年度报告成绩单 · ${year} 年度`} testId="scorecard" />
      {childCards.map((c) => (
        <ScorecardCard key={c.region.code} card={c.card} title={`${regionPathOf(c.region.code).map((r) => r.name).join(" ")} · ${year} 年度`} />
      ))}
    </section>
  );
}
