import type { Metadata } from "next";
import Link from "next/link";
import { AddEntryForm, ImportRosterForm, RemoveEntryButton, RemoveRosterForm } from "@/components/coverage/RosterForms";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { EmptyState } from "@/components/ui/EmptyState";
import { Panel } from "@/components/ui/Panel";
import { loadRosterState, serializeCoverage } from "@/lib/chart-state";
import { uploadTokenRequired } from "@/lib/ingest/guard";
import { getRoster, listRosters } from "@/lib/queries/rosters";
import { regionInfo, regionPathOf } from "@/lib/queries/scope";
import { LEVEL_LABELS, type Level } from "@/lib/model/keys";
import { formatDateTime, yearsLabel } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "应报名单" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RosterPage({ searchParams }: Props) {
  const { region: raw } = loadRosterState(await searchParams);
  const region = raw && regionInfo(raw) ? raw : null;
  const info = regionInfo(region);
  const tokenRequired = uploadTokenRequired();
  const [rosters, roster] = await Promise.all([listRosters(), region ? getRoster(region) : Promise.resolve(null)]);

  return (
    <section className="space-y-5">
      <div className="space-y-1">
        <Breadcrumbs
          items={[
            { href: "/coverage", label: "年报覆盖" },
            { href: "/coverage/roster", label: "应报名单" },
            ...regionPathOf(region).map((r) => ({ href: `/coverage/roster?r=${r.code}`, label: r.name })),
          ]}
        />
        <h1 className="text-2xl font-semibold">{info ? `${info.name}应报名单` : "应报名单"}</h1>
        <p className="max-w-3xl text-sm text-muted">
          名单列出一个地区应当发布年报的机关（可含下级地区的机关）。导入名单后，这个地区的“应报”按名单计，不在名单上的机关单独列出；没有名单的地区按默认名单：近几年在当地有过年报的机关。名单上的机关即使还没有年报也有自己的页面。
          {tokenRequired && " 修改名单需要上传口令。"}
        </p>
      </div>

      {region && roster && (
        <>
          <Panel id="roster-entries" title={roster.summary ? `名单（${roster.entries.length} 个机关）` : "这个地区还没有导入名单"}>
            {roster.summary && (
              <p className="mt-1 text-xs text-muted">
                {roster.summary.fileName ? `导入自 ${roster.summary.fileName}，` : ""}更新于 {formatDateTime(roster.summary.updatedAt)} ·{" "}
                <Link className="underline" href={serializeCoverage("/coverage", { region, year: null, list: "missing", lp: null, level: null, from: null, to: null, q: null, sort: null, page: null })}>
                  看谁未报 →
                </Link>
              </p>
            )}
            {roster.entries.length > 0 && (
              <div className="scroll-hint mt-2 overflow-x-auto" data-scroll-hint>
                <table className="w-full border-collapse text-sm" data-testid="roster-table">
                  <thead>
                    <tr className="border-b border-line text-left text-muted">
                      <th scope="col" className="py-1 pr-3 font-normal">机关</th>
                      <th scope="col" className="px-2 font-normal">地区</th>
                      <th scope="col" className="px-2 font-normal">级别</th>
                      <th scope="col" className="px-2 font-normal">别名</th>
                      <th scope="col" className="px-2 font-normal">上级</th>
                      <th scope="col" className="px-2 font-normal">有年报的年度</th>
                      <th scope="col" className="px-2 font-normal"><span className="sr-only">操作</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {roster.entries.map((e) => (
                      <tr key={e.id} className="border-b border-line/60">
                        <th scope="row" className="py-1 pr-3 text-left font-normal">
                          <Link href={`/agencies/${e.agencyId}`}>{e.name}</Link>
                        </th>
                        <td className="px-2 text-muted">{e.regionName}</td>
                        <td className="px-2">{e.level ? LEVEL_LABELS[e.level as Level] : "—"}</td>
                        <td className="px-2 text-muted">{e.aliases.join("、") || "—"}</td>
                        <td className="px-2 text-muted">{e.parent ?? "—"}</td>
                        <td className="px-2 tabular-nums">{e.years.length ? yearsLabel(e.years) : <span className="text-muted">尚无年报</span>}</td>
                        <td className="px-2 text-right">
                          <RemoveEntryButton entry={e.id} name={e.name} tokenRequired={tokenRequired} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="mt-3 border-t border-line pt-3">
              <h3 className="mb-1 text-sm font-medium">添加一个机关</h3>
              <AddEntryForm region={region} tokenRequired={tokenRequired} />
            </div>
          </Panel>
          <Panel id="roster-import-title-panel" title={roster.summary ? "用文件替换名单" : "导入名单"}>
            <div className="mt-2">
              <ImportRosterForm region={region} tokenRequired={tokenRequired} />
            </div>
          </Panel>
          {roster.summary && <RemoveRosterForm region={region} tokenRequired={tokenRequired} />}
        </>
      )}

      {!region && (
        <>
          <Panel id="rosters" title="已导入的名单">
            {rosters.length === 0 ? (
              <p className="mt-2 text-sm text-muted">还没有导入名单：各地区都按默认名单统计。</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm" data-testid="roster-list">
                {rosters.map((r) => (
                  <li key={r.region.code}>
                    <Link className="underline" href={`/coverage/roster?r=${r.region.code}`}>{regionPathOf(r.region.code).map((x) => x.name).join(" ")}</Link>
                    <span className="text-muted"> · {r.entries} 个机关 · 更新于 {formatDateTime(r.updatedAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel id="roster-import-new" title="导入名单">
            <div className="mt-2">
              <ImportRosterForm region={null} tokenRequired={tokenRequired} />
            </div>
          </Panel>
        </>
      )}
      {region && !roster && <EmptyState title="地区代码无效" action={{ href: "/coverage/roster", label: "全部名单" }} />}
    </section>
  );
}
