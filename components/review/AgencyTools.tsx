"use client";
// Rename an agency, merge another agency (another name for the same one) into it, undo a merge.
// The old names stay as aliases, so later uploads under them land here.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { findAgenciesAction, mergeAction, renameAction, undoMergeAction } from "@/lib/review/actions";

interface Merge {
  id: number;
  from: { id: number; name: string };
  into: { id: number; name: string };
  by: string;
  reason: string;
  at: string;
  undoneAt: string | null;
}

export function AgencyTools({ agency, merges, tokenRequired }: { agency: { id: number; name: string }; merges: Merge[]; tokenRequired: boolean }) {
  const router = useRouter();
  const [name, setName] = useState(agency.name);
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<Array<{ id: number; name: string; regionName: string; reports: number }>>([]);
  const [other, setOther] = useState<{ id: number; name: string } | null>(null);
  const [reason, setReason] = useState("");
  const [by, setBy] = useState("");
  const [token, setToken] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: () => Promise<{ ok: boolean; error?: string }>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const res = await f();
      setMessage(res.ok ? { ok: true, text: done } : { ok: false, text: res.error ?? "未完成" });
      if (res.ok) router.refresh();
    } catch {
      setMessage({ ok: false, text: "无法连接服务器，未保存。" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mt-2 space-y-4 text-sm" data-testid="agency-tools">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => renameAction({ agencyId: agency.id, name }, token), "已改名；旧名称保留为别名，之后以旧名称上传的年报仍归入本机关。");
        }}
      >
        <label className="flex flex-col">
          机关名称
          <input value={name} onChange={(e) => setName(e.target.value)} className="w-80 rounded border border-line px-2 py-1" name="rename" />
        </label>
        <button type="submit" disabled={busy || name.trim() === agency.name} className="rounded border border-accent px-3 py-1 text-accent disabled:opacity-40">
          改名
        </button>
      </form>

      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!other) return setMessage({ ok: false, text: "请先搜索并选择要并入的机关。" });
          void run(() => mergeAction({ fromId: other.id, intoId: agency.id, reason, by: by || undefined }, token), `已把“${other.name}”并入本机关，两者的年报合在一处；可在下方撤销。`);
        }}
      >
        <p className="font-medium">把另一个名称并入本机关</p>
        <p className="text-xs text-muted">同一机关的两个名称（如“市国资委”与“聊城市国资委”）：合并后年报合在本机关下，另一名称成为别名，之后以它上传的年报也归入本机关。可以撤销。</p>
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col">
            搜索机关
            <input
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                setOther(null);
                void findAgenciesAction(e.target.value).then((h) => setHits(h.filter((x) => x.id !== agency.id)));
              }}
              className="w-64 rounded border border-line px-2 py-1"
              name="merge-search"
            />
          </label>
          <label className="flex flex-col">
            理由（必填）
            <input value={reason} onChange={(e) => setReason(e.target.value)} className="w-64 rounded border border-line px-2 py-1" name="merge-reason" />
          </label>
          <label className="flex flex-col">
            操作人
            <input value={by} onChange={(e) => setBy(e.target.value)} className="w-32 rounded border border-line px-2 py-1" placeholder="可不填" />
          </label>
          <button type="submit" disabled={busy} className="rounded bg-accent px-3 py-1 text-white disabled:opacity-40">
            {other ? `并入“${other.name}”` : "合并"}
          </button>
        </div>
        {hits.length > 0 && !other && (
          <ul className="flex flex-wrap gap-1" data-testid="merge-candidates">
            {hits.map((h) => (
              <li key={h.id}>
                <button type="button" onClick={() => setOther({ id: h.id, name: h.name })} className="rounded border border-line bg-white px-2 py-0.5 text-xs hover:bg-paper">
                  {h.name}（{h.regionName || "地区未知"}，{h.reports} 份）
                </button>
              </li>
            ))}
          </ul>
        )}
      </form>

      {tokenRequired && (
        <label className="flex flex-col">
          上传口令
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} className="w-48 rounded border border-line px-2 py-1" autoComplete="current-password" />
        </label>
      )}

      {merges.length > 0 && (
        <ul className="space-y-1" data-testid="merge-history">
          {merges.map((m) => (
            <li key={m.id} className="flex flex-wrap items-baseline gap-2">
              <span>
                {new Date(m.at).toLocaleString("zh-CN")}：“{m.from.name}”并入“{m.into.name}”（{m.by}，{m.reason}）
              </span>
              {m.undoneAt ? (
                <span className="text-muted">已撤销</span>
              ) : (
                <button type="button" disabled={busy} onClick={() => void run(() => undoMergeAction(m.id, token), "已撤销合并。")} className="text-accent underline">
                  撤销合并
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-green-800" : "text-red-800"} data-testid="agency-tools-message">
          {message.text}
        </p>
      )}
    </div>
  );
}
