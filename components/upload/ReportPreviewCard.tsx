"use client";
// One parsed report in the upload preview: who and when (editable where the text is silent),
// the findings, and the three tables as the template prints them. 更正数字 turns the tables'
// cells into inputs: the checks run again at every keystroke, and saving stores the parsed
// report and, beside it, the correction (with its reason) as the version in force.
import { useEffect, useId, useRef, useState } from "react";
import { resolveRegionAction } from "@/lib/ingest/actions";
import { RegionPicker, type RegionChoice } from "@/components/review/RegionPicker";
import type { PreviewReport } from "@/lib/ingest/upload";
import type { ReportEdit } from "@/lib/ingest/upload-schema";
import { Table3Preview } from "./Table3Preview";
import { Table2Preview, Table4Preview } from "./OtherTables";
import { useCellEdits } from "@/components/review/cell-edits";
import { LiveCheck } from "@/components/review/LiveCheck";
import type { CellCorrection } from "./UploadWorkbench";

interface Props {
  index: number;
  preview: PreviewReport;
  agencies: string[];
  editable: boolean;
  onEdit: (e: ReportEdit) => void;
  /** The cells typed over, their reason and who (kept by the workbench until saved). */
  onCells: (c: CellCorrection | null) => void;
  /** What was typed before (the card drawn again, e.g. after choosing another file and back). */
  initialCells?: CellCorrection;
  /** A save failed for want of this field: focus it. */
  focusField?: "agency" | "year" | "region" | "reason" | "cells" | null;
}

export function ReportPreviewCard({ index, preview, agencies, editable, onEdit, onCells, initialCells, focusField }: Props) {
  const { existing } = preview;
  const parsed = preview.report;
  const cells = useCellEdits(parsed, Object.fromEntries(Object.entries(initialCells?.cells ?? {}).map(([k, v]) => [k, v === null ? "" : String(v)])));
  const [correcting, setCorrectingState] = useState(!!initialCells && editable);
  const setCorrecting = (on: boolean) => setCorrectingState(on && editable);
  const [reason, setReason] = useState(initialCells?.reason ?? "");
  const [by, setBy] = useState(initialCells?.by ?? "");
  // What is shown: the parsed report, or with the typed cells applied and checked again.
  const report = correcting && editable ? cells.outcome.report : parsed;
  const changedCount = Object.keys(cells.edits).length;
  const badCount = cells.bad.length;
  useEffect(() => {
    onCells(correcting && (changedCount > 0 || badCount > 0) ? { cells: cells.edits, reason, by, bad: badCount > 0 } : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- cells.edits is a new object each render; its content is keyed by the counts and values
  }, [correcting, JSON.stringify(cells.edits), badCount, reason, by]);
  const ids = useId();
  const [agency, setAgency] = useState(report.agency ?? "");
  const [year, setYear] = useState(report.year ? String(report.year) : "");
  const [chosenRegion, setChosenRegion] = useState<RegionChoice | null>(null);
  const [guesses, setGuesses] = useState<RegionChoice[]>([]);
  const region = report.region;
  const regionLabel = region ? [region.province, region.city, region.county].filter(Boolean).join(" ") : "";
  const formRef = useRef<HTMLFormElement>(null);
  const cardRef = useRef<HTMLElement>(null);
  const guessed = report.flags.find((f) => f.code === "region_guessed");

  useEffect(() => {
    if (!focusField) return;
    if (focusField === "reason" || focusField === "cells") setCorrecting(true);
    // After the inputs are drawn (opening the correction shows them).
    requestAnimationFrame(() => {
      const root = cardRef.current;
      const el =
        focusField === "cells"
          ? root?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')
          : focusField === "reason"
            ? root?.querySelector<HTMLInputElement>('input[name="cell-reason"]')
            : formRef.current?.querySelector<HTMLInputElement>(`input[name="${focusField}"]`);
      el?.focus();
    });
  }, [focusField]);

  // A guessed region (an OCR slip, a name several regions share): the other regions it could be.
  const guessName = guessed?.evidence?.replace(/^原文：/, "").trim() || region?.county || region?.city || "";
  useEffect(() => {
    if (!guessed || !guessName) return;
    void resolveRegionAction(guessName).then((a) => setGuesses(a.candidates.filter((c) => c.code !== region?.code)));
  }, [guessed, guessName, region?.code]);

  const submit = () => {
    const edit: ReportEdit = { index };
    if (agency.trim() && agency.trim() !== report.agency) edit.agency = agency.trim();
    if (year && Number(year) !== report.year) edit.year = Number(year);
    if (chosenRegion && chosenRegion.code !== region?.code) edit.regionCode = chosenRegion.code;
    if (Object.keys(edit).length > 1) onEdit(edit);
  };

  return (
    <article ref={cardRef} className="rounded-lg border border-line bg-white p-4" data-testid="report-preview" data-year={report.year ?? ""}>
      <header className="flex flex-wrap items-baseline gap-x-3">
        <h3 className="text-lg font-semibold">{report.agency ?? <span className="text-red-700">机关未知</span>}</h3>
        <span>{report.year ? `${report.year} 年度` : <span className="text-red-700">年度未知</span>}</span>
        <span className="text-sm text-muted">{regionLabel || "地区未知"}{region?.code ? `（${region.code}）` : ""}</span>
        {existing && (
          <span className="text-sm text-muted" data-testid="existing-version">
            {existing.sameNumbers ? `数字与已存的 v${existing.version} 相同` : `将保存为新版本（现为 v${existing.version}）`}
          </span>
        )}
      </header>

      {editable && (
        <form
          ref={formRef}
          className="mt-3 grid gap-2 text-sm sm:grid-cols-[2fr_1fr_2fr_auto]"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label className="flex flex-col">
            机关
            <input list={`${ids}-agencies`} value={agency} onChange={(e) => setAgency(e.target.value)} className="rounded border border-line px-2 py-1" name="agency" />
            <datalist id={`${ids}-agencies`}>
              {agencies.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </label>
          <label className="flex flex-col">
            年度
            <input type="number" min={2007} max={2100} value={year} onChange={(e) => setYear(e.target.value)} className="rounded border border-line px-2 py-1" name="year" />
          </label>
          <RegionPicker current={regionLabel} onChoose={setChosenRegion} />
          <button type="submit" className="self-end rounded border border-accent px-3 py-1 text-accent">
            应用并重新核对
          </button>
        </form>
      )}

      {guessed && (
        <div className="mt-2 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm" data-testid="region-guesses">
          所属地区是推测的（{regionLabel || "未定"}），请核对。{guesses.length > 0 && "也可能是："}
          {guesses.slice(0, 8).map((g) => (
            <button key={g.code} type="button" className="ml-2 underline" onClick={() => onEdit({ index, regionCode: g.code })}>
              {g.label}
            </button>
          ))}
        </div>
      )}

      {report.flags.length > 0 ? (
        <ul className="mt-3 space-y-1 text-sm" aria-label="核查提示" data-testid="findings">
          {report.flags.map((f, i) => (
            <li key={i} className="rounded bg-amber-50 px-2 py-1 text-amber-900" data-code={f.code}>
              {f.message}
              {f.evidence && <Evidence text={f.evidence} />}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-green-700">算术核对无误。</p>
      )}

      {editable && !correcting && (
        <button type="button" onClick={() => setCorrecting(true)} className="mt-3 rounded border border-accent px-3 py-1 text-sm text-accent" data-testid="correct-cells">
          更正数字…
        </button>
      )}
      {correcting && editable && (
        <div className="mt-3 space-y-2 rounded border border-accent p-3" data-testid="cell-correction">
          <div className="flex items-baseline justify-between">
            <p className="text-sm">
              在下面的表格里改正读错或未读出的数字（留空表示未读出）。保存时原样读出的报告照存，改正作为“人工更正”版本记在它旁边并生效。
            </p>
            <button
              type="button"
              className="shrink-0 text-sm text-muted underline"
              onClick={() => {
                cells.reset();
                setCorrecting(false);
              }}
            >
              放弃更正
            </button>
          </div>
          <LiveCheck base={parsed} outcome={cells.outcome} />
          {badCount > 0 && <p className="text-sm text-red-700">有 {badCount} 格不是 0 至 10 亿之间的整数。</p>}
          <div className="grid gap-2 text-sm sm:grid-cols-[2fr_1fr]">
            <label className="flex flex-col">
              更正理由（必填）
              <input name="cell-reason" value={reason} onChange={(e) => setReason(e.target.value)} className="rounded border border-line px-2 py-1" placeholder="如：原表予以公开总计为 4，解析读成 5" />
            </label>
            <label className="flex flex-col">
              更正人
              <input name="cell-by" value={by} onChange={(e) => setBy(e.target.value)} className="rounded border border-line px-2 py-1" placeholder="姓名或单位（可不填）" />
            </label>
          </div>
        </div>
      )}

      <div className="mt-3 space-y-3">
        <Table3Preview report={report} edit={correcting && editable ? cells : undefined} />
        <Table4Preview table4={report.table4} edit={correcting && editable ? cells : undefined} flagged={report.flags.flatMap((f) => f.cells ?? [])} ocr={report.ocr} />
        <Table2Preview table2={report.table2} />
      </div>
    </article>
  );
}

/** A finding's evidence: short ones in full, long ones cut at a word with a way to read all of it. */
function Evidence({ text }: { text: string }) {
  if (text.length <= 160) return <span className="ml-2 text-xs text-amber-700">{text}</span>;
  const cut = text.slice(0, 160).replace(/[^\s，。；、,;]*$/, "");
  return (
    <details className="ml-2 inline text-xs text-amber-700" data-testid="evidence">
      <summary className="inline cursor-pointer">
        {cut || text.slice(0, 160)}… <span className="underline">展开全文</span>
      </summary>
      <span className="block whitespace-pre-wrap">{text}</span>
    </details>
  );
}
