"use client";
// One parsed report in the upload preview: who and when (editable where the text is silent),
// the findings, and the three tables as the template prints them.
import { useEffect, useId, useState } from "react";
import { suggestRegionsAction } from "@/lib/ingest/actions";
import type { PreviewReport } from "@/lib/ingest/upload";
import type { ReportEdit } from "@/lib/ingest/upload-schema";
import { Table3Preview } from "./Table3Preview";
import { Table2Preview, Table4Preview } from "./OtherTables";

interface Props {
  index: number;
  preview: PreviewReport;
  agencies: string[];
  editable: boolean;
  onEdit: (e: ReportEdit) => void;
}

export function ReportPreviewCard({ index, preview, agencies, editable, onEdit }: Props) {
  const { report, existing } = preview;
  const ids = useId();
  const [agency, setAgency] = useState(report.agency ?? "");
  const [year, setYear] = useState(report.year ? String(report.year) : "");
  const [regionQuery, setRegionQuery] = useState("");
  const [regions, setRegions] = useState<{ code: string; label: string }[]>([]);
  const region = report.region;
  const regionLabel = region ? [region.province, region.city, region.county].filter(Boolean).join(" ") : "";

  useEffect(() => {
    const q = regionQuery.trim();
    if (!q || /^\d{6}$/.test(q)) return;
    const t = setTimeout(() => void suggestRegionsAction(q).then(setRegions), 200);
    return () => clearTimeout(t);
  }, [regionQuery]);

  const submit = () => {
    const edit: ReportEdit = { index };
    if (agency.trim() && agency.trim() !== report.agency) edit.agency = agency.trim();
    if (year && Number(year) !== report.year) edit.year = Number(year);
    const match = regions.find((r) => r.label === regionQuery) ?? (/^\d{6}$/.test(regionQuery) ? { code: regionQuery } : null);
    if (match) edit.regionCode = match.code;
    if (Object.keys(edit).length > 1) onEdit(edit);
  };

  return (
    <article className="rounded-lg border border-line bg-white p-4" data-testid="report-preview" data-year={report.year ?? ""}>
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
          <label className="flex flex-col">
            地区（输入名称或六位代码）
            <input list={`${ids}-regions`} value={regionQuery} onChange={(e) => setRegionQuery(e.target.value)} placeholder={regionLabel || "如：聊城市"} className="rounded border border-line px-2 py-1" name="region" />
            <datalist id={`${ids}-regions`}>
              {regions.map((r) => (
                <option key={r.code} value={r.label} />
              ))}
            </datalist>
          </label>
          <button type="submit" className="self-end rounded border border-accent px-3 py-1 text-accent">
            应用并重新核对
          </button>
        </form>
      )}

      {report.flags.length > 0 ? (
        <ul className="mt-3 space-y-1 text-sm" aria-label="核查提示" data-testid="findings">
          {report.flags.map((f, i) => (
            <li key={i} className="rounded bg-amber-50 px-2 py-1 text-amber-900" data-code={f.code}>
              {f.message}
              {f.evidence && <span className="ml-2 text-xs text-amber-700">{f.evidence.slice(0, 160)}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-green-700">算术核对无误。</p>
      )}

      <div className="mt-3 space-y-3">
        <Table3Preview report={report} />
        <Table4Preview table4={report.table4} />
        <Table2Preview table2={report.table2} />
      </div>
    </article>
  );
}
