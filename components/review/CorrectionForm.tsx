"use client";
// Correct a report: agency, year, region and any table cell, with a reason. The arithmetic is
// checked again in the browser at every keystroke (the same checks as ingest), showing which
// findings the change settles and which it brings; the server checks again and stores a new
// version (人工更正) beside the parsed one.
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { cellValue } from "@/lib/review/apply";
import { correctAction } from "@/lib/review/actions";
import type { ParsedReport } from "@/lib/model/report-schema";
import { TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_ROW_LABELS, TABLE3_ROWS, TABLE4_GROUP_LABELS, TABLE4_GROUPS, TABLE4_RESULT_LABELS, TABLE4_RESULTS, type Table3Key } from "@/lib/model/keys";
import { METRIC_ROWS } from "@/lib/stat-rows";
import { RegionPicker, type RegionChoice } from "./RegionPicker";
import { useCellEdits } from "./cell-edits";
import { LiveCheck } from "./LiveCheck";

interface Props {
  reportId: number;
  base: ParsedReport;
  regionLabel: string;
  tokenRequired: boolean;
  open: boolean;
  /** Cells to highlight (the finding the review queue opened). */
  focusCells: string[];
}

export function CorrectionForm({ reportId, base, regionLabel, tokenRequired, open: initiallyOpen, focusCells }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(initiallyOpen);
  const cells = useCellEdits(base);
  const { edits, bad, outcome } = cells;
  const [agency, setAgency] = useState(base.agency ?? "");
  const [year, setYear] = useState(base.year ? String(base.year) : "");
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [reason, setReason] = useState("");
  const [by, setBy] = useState("");
  const [token, setToken] = useState("");
  const [error, setError] = useState<{ message: string; currentId?: number; field?: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const rows: Table3Key[] = useMemo(() => {
    const printed = Object.keys(base.table3).filter((k) => base.table3[k as Table3Key]) as Table3Key[];
    return printed.length ? METRIC_ROWS.filter((r) => printed.includes(r)) : [...TABLE3_ROWS];
  }, [base]);

  useEffect(() => {
    if (!open) return;
    const first = focusCells[0];
    const el = first ? formRef.current?.querySelector<HTMLInputElement>(`input[data-cell="${first}"]`) : null;
    (el ?? formRef.current?.querySelector<HTMLInputElement>("input[data-cell]"))?.focus();
  }, [open, focusCells]);

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-accent px-3 py-1 text-sm text-accent" data-testid="open-correction">
        更正数字或机关…
      </button>
    );
  }

  const cellInput = (key: string, label: string) => {
    const v = cellValue(base, key);
    const shown = cells.shown(key);
    const changed = key in edits;
    return (
      <input
        inputMode="numeric"
        aria-label={label}
        data-cell={key}
        value={shown}
        placeholder={v === null ? "未读出" : ""}
        onChange={(e) => cells.setValue(key, e.target.value)}
        aria-invalid={bad.includes(key) || undefined}
        className={`w-14 rounded border px-1 text-right tabular-nums ${bad.includes(key) ? "border-red-600" : changed ? "border-green-700 bg-green-50" : focusCells.includes(key) ? "border-amber-500 bg-amber-50" : "border-line"}`}
      />
    );
  };

  const submit = async () => {
    setError(null);
    if (bad.length) return setError({ message: "有的格子不是 0 至 10 亿之间的整数，请改正（留空表示未读出）。", field: `input[data-cell="${bad[0]}"]` });
    if (reason.trim().length < 2) return setError({ message: "请写明更正的理由（至少两个字）。", field: "#correction-reason" });
    const input: Record<string, unknown> = { reportId, cells: edits, reason, by: by || undefined };
    if (agency.trim() && agency.trim() !== base.agency) input.agency = agency.trim();
    if (year && Number(year) !== base.year) input.year = Number(year);
    if (region && region.code !== base.region?.code) input.regionCode = region.code;
    setSaving(true);
    try {
      const res = await correctAction(input, token);
      if (res.ok) {
        router.push(`/reports/${res.value.reportId}`);
        router.refresh();
        return;
      }
      setError({ message: res.error, currentId: res.currentId, field: res.status === 401 ? "#correction-token" : undefined });
    } catch {
      setError({ message: "无法连接服务器，未保存。请检查网络后重试。" });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="space-y-3 rounded-lg border border-accent bg-white p-4"
      data-testid="correction-form"
      aria-label="更正这份报告"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="flex items-baseline justify-between">
        <h2 className="font-medium">更正这份报告</h2>
        <button type="button" className="text-sm text-muted underline" onClick={() => setOpen(false)}>
          收起
        </button>
      </div>
      <p className="text-xs text-muted">改正读错的数字、机关、年度或地区。保存后成为新的版本（人工更正），原来读出的版本保留，可在版本历史中对照。</p>
      <div className="grid gap-2 text-sm sm:grid-cols-3">
        <label className="flex flex-col">
          机关
          <input value={agency} onChange={(e) => setAgency(e.target.value)} className="rounded border border-line px-2 py-1" name="agency" />
        </label>
        <label className="flex flex-col">
          年度
          <input type="number" min={2007} max={2100} value={year} onChange={(e) => setYear(e.target.value)} className="rounded border border-line px-2 py-1" name="year" />
        </label>
        <RegionPicker current={regionLabel} onChoose={setRegion} />
      </div>

      <div className="overflow-x-auto">
        <table className="border-collapse text-xs" data-testid="correction-table3">
          <thead>
            <tr>
              <th className="pr-2 text-left font-normal text-muted">表三</th>
              {TABLE3_COLUMNS.map((c) => (
                <th key={c} className="px-0.5 font-normal text-muted">
                  {TABLE3_COLUMN_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row}>
                <th scope="row" className={`pr-2 text-left font-normal ${row.includes(".") ? "pl-3 text-muted" : ""}`}>
                  {TABLE3_ROW_LABELS[row]}
                </th>
                {TABLE3_COLUMNS.map((c) => (
                  <td key={c} className="px-0.5 py-0.5">
                    {cellInput(`${row}.${c}`, `${TABLE3_ROW_LABELS[row]}，${TABLE3_COLUMN_LABELS[c]}`)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <table className="mt-2 border-collapse text-xs" data-testid="correction-table4">
          <thead>
            <tr>
              <th className="pr-2 text-left font-normal text-muted">表四</th>
              {TABLE4_RESULTS.map((r) => (
                <th key={r} className="px-0.5 font-normal text-muted">
                  {TABLE4_RESULT_LABELS[r]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {TABLE4_GROUPS.map((g) => (
              <tr key={g}>
                <th scope="row" className="pr-2 text-left font-normal">
                  {TABLE4_GROUP_LABELS[g]}
                </th>
                {TABLE4_RESULTS.map((r) => (
                  <td key={r} className="px-0.5 py-0.5">
                    {cellInput(`${g}.${r}`, `${TABLE4_GROUP_LABELS[g]}，${TABLE4_RESULT_LABELS[r]}`)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <LiveCheck base={base} outcome={outcome} />

      <div className="grid gap-2 text-sm sm:grid-cols-[2fr_1fr_1fr]">
        <label className="flex flex-col">
          更正理由（必填）
          <input id="correction-reason" value={reason} onChange={(e) => setReason(e.target.value)} className="rounded border border-line px-2 py-1" placeholder="如：原表予以公开为 12，解析读成 21" name="reason" />
        </label>
        <label className="flex flex-col">
          更正人
          <input value={by} onChange={(e) => setBy(e.target.value)} className="rounded border border-line px-2 py-1" placeholder="姓名或单位（可不填）" name="by" />
        </label>
        {tokenRequired && (
          <label className="flex flex-col">
            上传口令
            <input id="correction-token" type="password" value={token} onChange={(e) => setToken(e.target.value)} className="rounded border border-line px-2 py-1" autoComplete="current-password" />
          </label>
        )}
      </div>
      {error && (
        <ErrorLine error={error} formRef={formRef} />
      )}
      <button type="submit" disabled={saving} className="rounded bg-accent px-4 py-1.5 text-sm text-white disabled:opacity-50">
        {saving ? "保存中…" : "保存更正"}
      </button>
    </form>
  );
}

function ErrorLine({ error, formRef }: { error: { message: string; currentId?: number; field?: string }; formRef: React.RefObject<HTMLFormElement | null> }) {
  useEffect(() => {
    if (error.field) formRef.current?.querySelector<HTMLElement>(error.field)?.focus();
  }, [error, formRef]);
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="correction-error">
      {error.message}
      {error.currentId && (
        <a href={`/reports/${error.currentId}?edit=1`} className="ml-2">
          打开在用的版本 →
        </a>
      )}
    </p>
  );
}
