// Every version of a report, newest first: parsed or corrected (who, when, why), and what changed
// from the version before it.
import Link from "next/link";
import type { HistoryEntry, VersionChange } from "@/lib/queries/history";
import { TABLE3_COLUMN_LABELS, TABLE3_ROW_LABELS, type Table3Column, type Table3Key } from "@/lib/model/keys";
import { table4Label } from "@/lib/stat-rows";
import type { Table4Key } from "@/lib/model/keys";
import { formatCount, formatDateTime } from "@/lib/format";
import { UNREAD_LABEL } from "@/components/dashboard/findings";
import { Panel } from "@/components/ui/Panel";

const META_LABELS: Record<string, string> = { agency: "机关", year: "年度", region: "地区" };

function changeLabel(key: string): string {
  if (META_LABELS[key]) return META_LABELS[key];
  const dot = key.lastIndexOf(".");
  const col = key.slice(dot + 1) as Table3Column;
  if (TABLE3_COLUMN_LABELS[col]) return `${TABLE3_ROW_LABELS[key.slice(0, dot) as Table3Key] ?? key.slice(0, dot)} · ${TABLE3_COLUMN_LABELS[col]}`;
  return table4Label(key as Table4Key);
}

const show = (v: VersionChange["before"]) => (v === null ? UNREAD_LABEL : typeof v === "number" ? formatCount(v) : v);

export function VersionHistory({ entries, current }: { entries: HistoryEntry[]; current: number }) {
  if (entries.length === 0) return null;
  return (
    <Panel id="history" title="版本历史">
      <ol className="mt-2 space-y-3 text-sm" data-testid="version-history">
        {entries.map((e) => (
          <li key={e.id} className="rounded border border-line px-3 py-2" data-kind={e.kind} data-report-id={e.id}>
            <div className="flex flex-wrap items-baseline gap-x-2">
              {e.id === current ? <span className="font-medium">第 {e.version} 版</span> : <Link href={`/reports/${e.id}`}>第 {e.version} 版</Link>}
              {e.kind === "corrected" ? <span className="rounded bg-green-100 px-1.5 text-xs text-green-900">人工更正</span> : <span className="rounded bg-paper px-1.5 text-xs text-muted">解析</span>}
              {e.inForce && <span className="text-xs text-accent">在用</span>}
              <span className="text-xs text-muted">
                {formatDateTime(e.at)}
                {e.by ? ` · ${e.by}` : ""} · {e.agency} {e.year} 年 · {e.findingCount ? `${e.findingCount} 条核查提示` : "无核查提示"}
              </span>
            </div>
            {e.reason && <p className="mt-1">理由：{e.reason}</p>}
            {e.changes.length > 0 && (
              <table className="mt-1 text-xs" data-testid="version-diff">
                <tbody>
                  {e.changes.slice(0, 60).map((c) => (
                    <tr key={c.key} data-key={c.key}>
                      <th scope="row" className="pr-3 text-left font-normal text-muted">{changeLabel(c.key)}</th>
                      <td className="pr-2 text-right tabular-nums text-red-800 line-through">{show(c.before)}</td>
                      <td aria-hidden>→</td>
                      <td className="pl-2 tabular-nums text-green-900">{show(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {e.changes.length > 60 && <p className="text-xs text-muted">另有 {e.changes.length - 60} 处改动。</p>}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
