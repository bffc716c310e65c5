import Link from "next/link";
import { getOverview } from "@/lib/queries/overview";
import { formatCount } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function Home() {
  const o = await getOverview();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">政府信息公开工作年度报告数据</h1>
        <p className="mt-2 max-w-3xl text-muted">
          各级行政机关每年公布政府信息公开工作年度报告。这里把报告中的统计表逐份读出、核对算术，整理成可比较的数据：谁收到多少申请、如何答复、有多少复议和诉讼。
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {[
          ["机关", o.agencies],
          ["年报", o.reports],
          ["覆盖年度", o.years.length ? `${o.years[0]}–${o.years.at(-1)}` : "—"],
          ["新收申请合计", formatCount(o.newReceived)],
        ].map(([k, v]) => (
          <div key={k} className="rounded-lg border border-line bg-white p-4">
            <dt className="text-sm text-muted">{k}</dt>
            <dd className="mt-1 text-2xl font-semibold">{v}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link href="/agencies" className="font-medium">
          浏览全部机关 →
        </Link>
      </p>
    </section>
  );
}
