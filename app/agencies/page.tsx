import type { Metadata } from "next";
import Link from "next/link";
import { listAgencies } from "@/lib/queries/agencies";
import { LEVEL_LABELS, type Level } from "@/lib/model/keys";
import { formatCount } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "机关" };

function yearsLabel(years: number[]) {
  if (years.length === 0) return "—";
  const first = years[0];
  const last = years.at(-1)!;
  const contiguous = last - first + 1 === years.length;
  return contiguous ? (first === last ? `${first}` : `${first}–${last}`) : years.join("、");
}

export default async function AgenciesPage() {
  const agencies = await listAgencies();
  return (
    <section>
      <h1 className="text-2xl font-semibold">机关</h1>
      <p className="mt-1 text-sm text-muted">共 {agencies.length} 个机关</p>
      <div className="mt-4 overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full border-collapse text-sm" data-testid="agency-list">
          <thead>
            <tr className="border-b border-line text-left text-muted">
              <th scope="col" className="px-3 py-2 font-normal">机关</th>
              <th scope="col" className="px-3 py-2 font-normal">地区</th>
              <th scope="col" className="px-3 py-2 font-normal">级别</th>
              <th scope="col" className="px-3 py-2 font-normal">年报年度</th>
              <th scope="col" className="px-3 py-2 text-right font-normal">最近一年新收申请</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id} className="border-b border-line/60 hover:bg-paper">
                <td className="px-3 py-2">
                  <Link href={`/agencies/${a.id}`}>{a.name}</Link>
                </td>
                <td className="px-3 py-2">{a.regionName || <span className="text-muted">未知</span>}</td>
                <td className="px-3 py-2">{a.level ? LEVEL_LABELS[a.level as Level] : "—"}</td>
                <td className="px-3 py-2">{yearsLabel(a.years)}</td>
                <td className="px-3 py-2 text-right">{formatCount(a.latestNewReceived)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
