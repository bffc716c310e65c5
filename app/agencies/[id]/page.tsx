import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAgency } from "@/lib/queries/agencies";
import { StackedBarChart } from "@/components/charts/StackedBarChart";
import { TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, LEVEL_LABELS, type Level } from "@/lib/model/keys";
import { formatCount } from "@/lib/format";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

async function load(params: Props["params"]) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const agency = await getAgency(id);
  if (!agency) notFound();
  return agency;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const agency = await load(params);
  return { title: agency.name };
}

const OUTCOMES = [
  { key: "granted", label: "予以公开" },
  { key: "partiallyGranted", label: "部分公开" },
  { key: "denied", label: "不予公开" },
  { key: "unable", label: "无法提供" },
  { key: "notProcessed", label: "不予处理" },
  { key: "other", label: "其他处理" },
] as const;

export default async function AgencyPage({ params }: Props) {
  const agency = await load(params);
  const applicants = agency.years.map((y) => ({
    year: y.year,
    ...Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, y.newReceived?.[c] ?? null])),
  }));
  const outcomes = agency.years.map((y) => ({
    year: y.year,
    ...Object.fromEntries(OUTCOMES.map((o) => [o.key, y.outcomes[o.key]])),
    totalProcessed: y.totalProcessed,
  }));
  const first = agency.years[0]?.year;
  const last = agency.years.at(-1)?.year;

  return (
    <article className="space-y-6">
      <header>
        <p className="text-sm text-muted">
          <Link href="/agencies">机关</Link>
          {agency.regionPath.map((r) => (
            <span key={r.code}> / {r.name}</span>
          ))}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{agency.name}</h1>
        <p className="mt-1 text-sm text-muted">
          {agency.level ? LEVEL_LABELS[agency.level as Level] : "级别未知"}
          {agency.regionPath.length === 0 && " · 地区未知"}
          {first !== undefined && ` · ${first === last ? `${first} 年` : `${first}–${last} 年`}，共 ${agency.years.length} 份年报`}
        </p>
      </header>

      {agency.years.length === 0 ? (
        <p>这个机关还没有在用的年报。</p>
      ) : (
        <>
          <StackedBarChart
            id="applications"
            title="本年新收政府信息公开申请（按申请人）"
            data={applicants}
            series={TABLE3_COLUMNS.map((c) => ({ key: c, label: TABLE3_COLUMN_LABELS[c], tableOnly: c === "total" }))}
          />
          <StackedBarChart
            id="outcomes"
            title="办理结果"
            data={outcomes}
            series={[
              ...OUTCOMES.map((o) => ({ key: o.key, label: o.label })),
              { key: "totalProcessed", label: "总计", tableOnly: true },
            ]}
          />
          <section className="rounded-lg border border-line bg-white p-4">
            <h2 className="mb-2 font-medium">历年数字</h2>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-right text-sm" data-testid="table-years">
                <thead>
                  <tr className="border-b border-line text-muted">
                    <th scope="col" className="py-1 pr-3 text-left font-normal">年度</th>
                    <th scope="col" className="px-2 font-normal">上年结转</th>
                    <th scope="col" className="px-2 font-normal">新收申请</th>
                    <th scope="col" className="px-2 font-normal">办结总计</th>
                    <th scope="col" className="px-2 font-normal">结转下年</th>
                    <th scope="col" className="px-2 font-normal">行政复议</th>
                    <th scope="col" className="px-2 font-normal">行政诉讼</th>
                    <th scope="col" className="px-2 font-normal">核查提示</th>
                    <th scope="col" className="px-2 font-normal">版本</th>
                  </tr>
                </thead>
                <tbody>
                  {agency.years.map((y) => (
                    <tr key={y.year} className="border-b border-line/60">
                      <th scope="row" className="py-1 pr-3 text-left font-normal">{y.year}</th>
                      <td className="px-2">{formatCount(y.carriedOver)}</td>
                      <td className="px-2">{formatCount(y.newReceived?.total)}</td>
                      <td className="px-2">{formatCount(y.totalProcessed)}</td>
                      <td className="px-2">{formatCount(y.carriedForward)}</td>
                      <td className="px-2">{formatCount(y.reviewTotal)}</td>
                      <td className="px-2">{formatCount(y.litigationTotal)}</td>
                      <td className="px-2">{y.findingCount ? `${y.findingCount} 条` : "无"}</td>
                      <td className="px-2">v{y.version}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </article>
  );
}
