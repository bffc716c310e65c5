"use client";
// Upload: drop files or paste text → each is read and previewed (nothing stored) → the person
// checks tables and findings, fills in what the parser could not tell → 保存 stores it whole.
import { lazy, Suspense, useCallback, useRef, useState } from "react";
import Link from "next/link";
import { previewAction, saveAction } from "@/lib/ingest/actions";
import type { UploadPreview, UploadSave } from "@/lib/ingest/upload";
import type { ReportEdit } from "@/lib/ingest/upload-schema";
import { UrlImportField } from "./UrlImportField";
import { loadPlot } from "@/components/charts/plot-loader";

// The preview's tables, cell editors and live checks load when a file has been read, not with the
// page: they are most of the upload page's own JavaScript.
const ReportPreviewCard = lazy(() => import("./ReportPreviewCard").then((m) => ({ default: m.ReportPreviewCard })));

/** Cells typed over in the preview of one report: saved as a correction beside the parsed report. */
export interface CellCorrection {
  cells: Record<string, number | null>;
  reason: string;
  by: string;
  /** Some cell is not a count: saving waits until it is. */
  bad: boolean;
}

type Status = "reading" | "ready" | "saving" | "saved" | "failed";
interface Item {
  id: number;
  name: string;
  /** A file, pasted text, or a URL to fetch (从网址导入). */
  source: File | string | { url: string };
  status: Status;
  preview?: UploadPreview;
  saved?: UploadSave;
  /** A save that failed for something the person can fill in: the form stays, that field focused. */
  saveError?: { message: string; code?: string; index?: number };
  edits: ReportEdit[];
  /** Report index → its cells typed over (not sent to the preview: checked in the browser). */
  cellEdits: Record<number, CellCorrection>;
  /** How far OCR has got while a scan is read ("正在识别第 3/10 页…"). */
  progress?: string;
}

/** A random token the server files this upload's OCR progress under (crypto.randomUUID needs a secure context). */
function progressToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Asks how far OCR has got every 1.5 s until stopped (a file that needs no OCR never has a line). */
function followProgress(token: string, show: (line: string | undefined) => void): () => void {
  let stopped = false;
  const ask = async () => {
    try {
      const r = await fetch(`/api/ocr-progress/${token}`, { cache: "no-store" });
      const body = (await r.json()) as { status: { line: string } | null };
      if (!stopped && body.status) show(body.status.line);
    } catch {
      /* a missed answer: the next one will do */
    }
  };
  const timer = setInterval(() => void ask(), 1500);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

const ACCEPT = ".txt,.html,.htm,.pdf,.docx,.doc";
const ACCEPT_OCR = `${ACCEPT},.png,.jpg,.jpeg`;

function formFor(item: Item, token: string, progress?: string) {
  const form = new FormData();
  if (typeof item.source === "string") form.set("text", item.source);
  else if ("url" in item.source) form.set("url", item.source.url);
  else form.set("file", item.source);
  if (progress) form.set("progress", progress);
  form.set("token", token);
  form.set("options", JSON.stringify({ edits: withCells(item) }));
  return form;
}

/** The edits as the server takes them: agency, year, region, and the cells typed over with their reason. */
function withCells(item: Item): ReportEdit[] {
  const byIndex = new Map(item.edits.map((e) => [e.index, { ...e }]));
  for (const [i, c] of Object.entries(item.cellEdits)) {
    const index = Number(i);
    byIndex.set(index, { ...(byIndex.get(index) ?? { index }), cells: c.cells, reason: c.reason.trim() || undefined, by: c.by.trim() || undefined });
  }
  return [...byIndex.values()];
}

/** What stops a save before it is sent: a cell that is not a count, a correction without its reason. */
function cellProblem(item: Item): { message: string; code: string; index: number } | null {
  for (const [i, c] of Object.entries(item.cellEdits)) {
    if (c.bad) return { message: "有的格子不是 0 至 10 亿之间的整数，请改正（留空表示未读出）。", code: "cells_invalid", index: Number(i) };
    if (Object.keys(c.cells).length > 0 && c.reason.trim().length < 2) return { message: "请写明更正数字的理由（至少两个字）。", code: "reason_missing", index: Number(i) };
  }
  return null;
}

export function UploadWorkbench({ tokenRequired, agencies, ocr }: { tokenRequired: boolean; agencies: string[]; /** null: OCR installed; else why scans cannot be read. */ ocr: string | null }) {
  const [items, setItems] = useState<Item[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [pasted, setPasted] = useState("");
  const [token, setToken] = useState("");
  const [dragging, setDragging] = useState(false);
  const nextId = useRef(1);
  const fileInput = useRef<HTMLInputElement>(null);

  const update = (id: number, patch: Partial<Item>) => setItems((xs) => xs.map((x) => (x.id === id ? { ...x, ...patch } : x)));

  const preview = useCallback(
    async (item: Item) => {
      update(item.id, { status: "reading", progress: undefined });
      const follow = item.source instanceof File ? progressToken() : undefined;
      const stop = follow ? followProgress(follow, (progress) => update(item.id, { progress })) : () => {};
      try {
        const p = await previewAction(formFor(item, token, follow));
        stop();
        update(item.id, { preview: p, status: p.ok ? "ready" : "failed", progress: undefined });
      } catch {
        stop();
        update(item.id, { status: "failed", progress: undefined, preview: { ok: false, name: item.name, error: "无法连接服务器，请检查网络后重试。" } });
      }
    },
    [token],
  );

  const add = async (sources: Item["source"][]) => {
    const added = sources.map((source) => ({
      id: nextId.current++,
      name: typeof source === "string" ? `粘贴的文字（${source.length.toLocaleString("zh-CN")} 字）` : "url" in source ? source.url : source.name,
      source,
      status: "reading" as Status,
      edits: [],
      cellEdits: {},
    }));
    setItems((xs) => [...xs, ...added]);
    if (selected === null && added.length) setSelected(added[0].id);
    // A saved report's notice links to its agency's charts: their code loads while this one is read
    // (the page waits on the server then), so the agency page draws without fetching it.
    void loadPlot().catch(() => {});
    // One at a time: a slow or failing file does not hold up or break the others.
    for (const item of added) await preview(item);
  };

  const save = async (item: Item) => {
    const problem = cellProblem(item);
    if (problem) return update(item.id, { saveError: problem });
    update(item.id, { status: "saving", progress: undefined });
    const follow = item.source instanceof File ? progressToken() : undefined;
    const stop = follow ? followProgress(follow, (progress) => update(item.id, { progress })) : () => {};
    try {
      const s = await saveAction(formFor(item, token, follow)).finally(stop);
      update(item.id, { progress: undefined });
      // Something to fill in or fix (agency, year, region, a correction's reason): back to the form, nothing lost.
      if (!s.ok && s.code && /_missing$|region_not_found|edit_invalid|correction_refused/.test(s.code)) update(item.id, { status: "ready", saveError: { message: s.error, code: s.code } });
      else update(item.id, { saved: s, status: s.ok ? "saved" : "failed", saveError: undefined });
    } catch {
      update(item.id, { status: "failed", saved: { ok: false, name: item.name, error: "无法连接服务器，文件未保存。" } });
    }
  };

  const setEdit = (item: Item, edit: ReportEdit) => {
    const edits = [...item.edits.filter((e) => e.index !== edit.index), { ...item.edits.find((e) => e.index === edit.index), ...edit }];
    const next = { ...item, edits, saveError: undefined };
    update(item.id, { edits, saveError: undefined });
    void preview(next);
  };

  const current = items.find((x) => x.id === selected) ?? null;
  const savable = items.filter((x) => x.status === "ready");

  return (
    <div className="space-y-4">
      {tokenRequired ? (
        <label className="block text-sm">
          上传口令
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} className="ml-2 rounded border border-line px-2 py-1" autoComplete="current-password" />
        </label>
      ) : (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          开发模式：服务器未设置上传口令（UPLOAD_TOKEN），任何人都可以上传。
        </p>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void add([...e.dataTransfer.files]);
          }}
          className={`flex min-h-40 flex-col items-center justify-center rounded-lg border-2 border-dashed p-4 text-center ${dragging ? "border-accent bg-blue-50" : "border-line bg-white"}`}
        >
          <p>把年报文件拖到这里，可一次多个</p>
          <p className="mt-1 text-xs text-muted">
            {ocr === null ? ".txt .html .pdf（含扫描件）.docx .doc .png .jpg" : ".txt .html .pdf（须有文字层）.docx .doc"}；UTF-8、GBK 或 UTF-16；单个不超过 20 MB
          </p>
          {ocr === null ? (
            <p className="mt-1 text-xs text-muted" data-testid="ocr-note">扫描件和图片用文字识别（OCR）读取，每页约需 10–30 秒；读出的数字标为“OCR”，保存后进入待核对队列。</p>
          ) : (
            <p className="mt-1 max-w-md text-xs text-amber-800" data-testid="ocr-missing" role="note">
              {ocr}
            </p>
          )}
          <button type="button" onClick={() => fileInput.current?.click()} className="mt-3 rounded bg-accent px-3 py-1.5 text-sm text-white">
            选择文件
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={ocr === null ? ACCEPT_OCR : ACCEPT}
            className="sr-only"
            aria-label="选择年报文件"
            data-testid="file-input"
            onChange={(e) => {
              void add([...(e.target.files ?? [])]);
              e.target.value = "";
            }}
          />
        </div>
        <div className="flex flex-col">
          <label htmlFor="paste" className="text-sm">
            或粘贴报告全文
          </label>
          <textarea id="paste" value={pasted} onChange={(e) => setPasted(e.target.value)} rows={6} className="mt-1 flex-1 rounded border border-line p-2 text-xs" placeholder="从网页复制整篇年度报告，粘贴到这里" />
          <button
            type="button"
            disabled={!pasted.trim()}
            onClick={() => {
              void add([pasted]);
              setPasted("");
            }}
            className="mt-2 self-start rounded bg-accent px-3 py-1.5 text-sm text-white disabled:opacity-40"
          >
            读取粘贴的文字
          </button>
        </div>
      </div>
      <UrlImportField onAdd={(urls) => void add(urls.map((url) => ({ url })))} />

      {items.length > 0 && (
        <section aria-label="待上传的文件">
          <div className="flex items-center justify-between">
            <h2 className="font-medium">文件（{items.length}）</h2>
            <button type="button" disabled={savable.length === 0} onClick={() => savable.forEach((x) => void save(x))} className="rounded border border-accent px-3 py-1 text-sm text-accent disabled:opacity-40">
              全部保存（{savable.length}）
            </button>
          </div>
          <ul className="mt-2 divide-y divide-line rounded-lg border border-line bg-white" data-testid="upload-list">
            {items.map((item) => (
              <li key={item.id} data-testid="upload-row" data-status={item.status} className={`flex flex-wrap items-center gap-3 px-3 py-2 text-sm ${item.id === selected ? "bg-blue-50" : ""}`}>
                <button type="button" onClick={() => setSelected(item.id)} className="min-w-0 flex-1 truncate text-left">
                  {item.name}
                </button>
                <StatusBadge item={item} />
                {item.status === "ready" && (
                  <button type="button" onClick={() => void save(item)} className="rounded bg-accent px-3 py-1 text-white">
                    保存
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {current && (
        <ItemDetail
          key={current.id}
          item={current}
          agencies={agencies}
          onEdit={(e) => setEdit(current, e)}
          onCells={(index, c) =>
            setItems((xs) =>
              xs.map((x) => {
                if (x.id !== current.id || (!c && !(index in x.cellEdits))) return x;
                const cellEdits = { ...x.cellEdits };
                if (c) cellEdits[index] = c;
                else delete cellEdits[index];
                return { ...x, cellEdits, saveError: undefined };
              }),
            )
          }
        />
      )}
    </div>
  );
}

const FIELDS = { agency_missing: "agency", year_missing: "year", region_not_found: "region", reason_missing: "reason", cells_invalid: "cells", correction_refused: "cells" } as const;
const fieldOf = (code: string | undefined) => (code && code in FIELDS ? FIELDS[code as keyof typeof FIELDS] : null);

/** The report the failed save is about: the one named, else the first one lacking the field. */
function firstMissing(reports: { report: { agency: string | null; year: number | null } }[], code: string | undefined, index?: number): number {
  if (index !== undefined) return index;
  const i = reports.findIndex((r) => (code === "agency_missing" ? !r.report.agency : code === "year_missing" ? !r.report.year : true));
  return Math.max(0, i);
}

function StatusBadge({ item }: { item: Item }) {
  const p = item.preview;
  if (item.status === "reading" || item.status === "saving")
    return (
      <span className="text-muted" role="status" aria-live="polite">
        {item.status === "reading" ? "读取中…" : "保存中…"}
        {item.progress && (
          <span className="ml-2 text-accent" data-testid="ocr-progress">
            {item.progress}
          </span>
        )}
      </span>
    );
  if (item.status === "saved" && item.saved?.ok) {
    const r = item.saved.result;
    const corrected = r.reports.filter((x) => x.status === "corrected");
    return (
      <span className="text-green-700">
        {r.status === "duplicate" ? (corrected.length ? `已导入过；已按填写的内容更正 ${corrected.length} 份报告` : "已导入过，未重复保存") : `已保存 ${r.reports.length} 份报告`}
      </span>
    );
  }
  if (item.saveError) {
    return (
      <span role="alert" className="text-red-700" data-testid="save-error">
        未保存：{item.saveError.message}
      </span>
    );
  }
  if (item.status === "failed") {
    const error = (item.saved && !item.saved.ok && item.saved.error) || (p && !p.ok && p.error) || "失败";
    return (
      <span role="alert" className="text-red-700">
        失败：{error}
      </span>
    );
  }
  if (p?.ok) {
    if (p.duplicateOf) return <span className="text-muted">已导入过</span>;
    const findings = p.reports.reduce((n, r) => n + r.report.flags.length, 0);
    return (
      <span className={findings ? "text-amber-800" : "text-green-700"}>
        {p.reports.length} 份报告{findings ? `，${findings} 条核查提示` : "，算术无误"}
      </span>
    );
  }
  return null;
}

function ItemDetail({
  item,
  agencies,
  onEdit,
  onCells,
}: {
  item: Item;
  agencies: string[];
  onEdit: (e: ReportEdit) => void;
  onCells: (index: number, c: CellCorrection | null) => void;
}) {
  const p = item.preview;
  if (!p) return null;
  if (!p.ok) return null;
  return (
    <section aria-label={`预览：${item.name}`} className="space-y-4" data-testid="preview">
      {p.duplicateOf && (
        <p className="rounded border border-line bg-white px-3 py-2 text-sm" data-testid="duplicate-notice">
          这份内容已经导入过，保存时不会重复存储；若在下面改了机关、年度或地区，保存会把它们作为更正记入新版本。
          {p.duplicateOf.reportIds.map((id, i) => (
            <a key={id} href={`/reports/${id}`} className="ml-2">
              查看已存的年报{p.duplicateOf!.reportIds.length > 1 ? `（${i + 1}）` : ""}
            </a>
          ))}
        </p>
      )}
      {item.saved?.ok && (item.saved.result.status === "stored" || item.saved.result.reports.some((r) => r.status === "corrected")) && (
        <p className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm" data-testid="saved-notice">
          已保存：
          {item.saved.result.reports.map((r) => (
            <Link key={r.reportId} href={`/agencies/${r.agencyId}`} prefetch className="ml-2">
              {r.agency} {r.year} 年（v{r.version}
              {r.status === "new_version" ? "，新版本" : r.status === "unchanged" ? "，数字与已存版本相同" : r.status === "corrected" ? "，人工更正" : ""}）
            </Link>
          ))}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <Suspense fallback={<p className="text-sm text-muted">正在显示读出的表格…</p>}>
          {p.reports.map((r, index) => (
            <ReportPreviewCard
              key={index}
              index={index}
              preview={r}
              agencies={agencies}
              onEdit={onEdit}
              onCells={(c) => onCells(index, c)}
              initialCells={item.cellEdits[index]}
              editable={item.status === "ready"}
              focusField={item.saveError && index === firstMissing(p.reports, item.saveError.code, item.saveError.index) ? fieldOf(item.saveError.code) : null}
            />
          ))}
          </Suspense>
        </div>
        <div>
          <h3 className="text-sm font-medium">
            原文<span className="ml-2 text-xs font-normal text-muted">{p.format}{p.encoding ? ` · ${p.encoding}` : ""}</span>
          </h3>
          {p.origin && (
            <p className="mt-1 text-xs break-all text-muted" data-testid="preview-origin">
              来自 {p.origin.url}
              {p.origin.pageUrl ? `（网页 ${p.origin.pageUrl} 的附件）` : ""}
            </p>
          )}
          <pre className="mt-1 max-h-[80vh] overflow-auto whitespace-pre-wrap rounded border border-line bg-white p-2 text-xs leading-5" data-testid="source-text">
            {p.text}
          </pre>
        </div>
      </div>
    </section>
  );
}
