"use client";
// The parsed tables beside the source text. Choosing a cell (or a finding) highlights the source
// lines it was read from; the choice is kept in the URL (c= / f=) so the view can be shared.
import { useEffect, useRef } from "react";
import { useUrlState } from "@/components/ui/useUrlState";
import { parseReportSelection, REPORT_URL_KEYS } from "@/lib/url-codec";
import { TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_ROW_LABELS, TABLE4_GROUP_LABELS, TABLE4_GROUPS, TABLE4_RESULT_LABELS, TABLE4_RESULTS, type Table3Key } from "@/lib/model/keys";
import { formatCount } from "@/lib/format";
import { findingLabel, ocrConfidenceLabel, PROVENANCE_LABELS, UNREAD_LABEL } from "@/components/dashboard/findings";
import type { OcrSource } from "@/lib/model/report-schema";
import { ScanView } from "./ScanView";
import { isDoubtful, OcrMark } from "@/components/ui/OcrMark";
import { Panel } from "@/components/ui/Panel";
import { ColumnHeads } from "@/components/ui/ColumnHeads";

export interface ReportViewProps {
  lines: string[];
  firstLine: number;
  wholeSource: boolean;
  table3: Array<{ row: string; values: (number | null)[]; provenance: Record<string, string> }>;
  table4: Record<string, number | null> | null;
  table2: Array<{ label: string; values: number[] }>;
  findings: Array<{ id: number; code: string; message: string; evidence: string; cells: string[]; lines: number[] }>;
  rowLines: Record<string, number[]>;
  /** Corrected cells: the value the parser read (cell key → value), shown beside the correction. */
  parsedValues?: Record<string, number | null>;
  /** Read by OCR: the source's page images with each value's box and confidence. */
  scan?: { sourceId: number; ocr: OcrSource } | null;
}

const rowOf = (cell: string) => {
  const dot = cell.lastIndexOf(".");
  return dot > 0 && (TABLE3_COLUMNS as readonly string[]).includes(cell.slice(dot + 1)) ? cell.slice(0, dot) : cell;
};
const isItem = (row: string) => row.includes(".");

/** Beside a corrected cell: what the parser had read there. */
function ParsedWas({ value }: { value: number | null | undefined }) {
  if (value === undefined) return <span className="sr-only">（人工更正）</span>;
  return (
    <span className="ml-1 text-[10px] text-muted line-through" title="解析读出的原值（已人工更正）">
      <span className="sr-only">（人工更正，原读出值</span>
      {value === null ? UNREAD_LABEL : formatCount(value)}
      <span className="sr-only">）</span>
    </span>
  );
}


export function ReportView(p: ReportViewProps) {
  const [params, setParams] = useUrlState();
  const sel = parseReportSelection(params);
  // The highlight only rewrites the address (no new page, no history step).
  const setSel = (next: { cell: string | null; finding: number | null }) =>
    setParams({ [REPORT_URL_KEYS.cell]: next.cell, [REPORT_URL_KEYS.finding]: next.finding === null ? null : String(next.finding) });
  const sourceRef = useRef<HTMLOListElement>(null);
  const finding = sel.finding !== null ? p.findings.find((f) => f.id === sel.finding) : undefined;
  const highlighted = new Set<number>(
    finding ? finding.lines : sel.cell ? (p.rowLines[rowOf(sel.cell)] ?? (sel.cell.startsWith("review") || sel.cell.startsWith("litigation") ? (p.rowLines.table4 ?? []) : [])) : [],
  );
  const flaggedCells = new Set((finding?.cells ?? []).concat(sel.cell ? [sel.cell] : []));
  const first = Math.min(...highlighted);

  useEffect(() => {
    if (!Number.isFinite(first)) return;
    const li = sourceRef.current?.querySelector<HTMLElement>(`[data-line="${first}"]`);
    const box = sourceRef.current?.parentElement;
    if (li && box) box.scrollTo({ top: li.offsetTop - box.clientHeight / 3, behavior: "smooth" });
  }, [first, sel.cell, sel.finding]);

  const none = (sel.cell || finding) && highlighted.size === 0;

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="min-w-0 space-y-4">
        <Panel id="t3" title="表三 收到和处理政府信息公开申请情况">
          <p className="mt-1 text-xs text-muted">点击一个数字，右侧原文中它所在的行会高亮。虚线框：位置由算术推定；斜体：由算术或正文补出；绿色：人工更正（删除线为解析读出的原值）；“未读出”：原表此格未能读出（不是 0）。{p.scan && "扫描件：数字由文字识别读出，点击数字可在扫描页上看到它的位置；红框加“?”：识别置信度低于 90%，请对照原件核对。"}</p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse text-right text-sm" data-testid="report-table3">
              <ColumnHeads corner="项目" cornerClassName="py-1 pr-2" columns={TABLE3_COLUMNS.map((k) => ({ key: k, label: TABLE3_COLUMN_LABELS[k] }))} />
              <tbody>
                {p.table3.map((r) => (
                  <tr key={r.row} className="border-b border-line/60" data-row={r.row}>
                    <th scope="row" className={`py-1 pr-2 text-left font-normal ${isItem(r.row) ? "pl-3 text-muted" : ""}`}>
                      {TABLE3_ROW_LABELS[r.row as Table3Key] ?? r.row}
                    </th>
                    {TABLE3_COLUMNS.map((c, i) => {
                      const key = `${r.row}.${c}`;
                      const active = sel.cell === key;
                      const flagged = flaggedCells.has(key);
                      const prov = r.provenance[c];
                      const inferred = prov === "inferred" || prov === "split";
                      const derived = prov !== undefined && !inferred && prov !== "corrected";
                      const unread = r.values[i] === null;
                      const corrected = prov === "corrected" || (p.parsedValues ? key in p.parsedValues : false);
                      const read = p.scan?.ocr.cells[key];
                      const doubtful = isDoubtful(read?.confidence) && !corrected;
                      return (
                        <td key={c} className="px-0.5 py-0.5" data-key={c} data-confidence={read?.confidence}>
                          <button
                            type="button"
                            aria-pressed={active}
                            aria-label={`${TABLE3_ROW_LABELS[r.row as Table3Key] ?? r.row}，${TABLE3_COLUMN_LABELS[c]}：${unread ? UNREAD_LABEL : r.values[i]}${prov ? `（${PROVENANCE_LABELS[prov] ?? prov}${read ? `，${ocrConfidenceLabel(read.confidence)}` : ""}）` : ""}`}
                            title={read ? ocrConfidenceLabel(read.confidence) : undefined}
                            onClick={() => setSel({ cell: active ? null : key, finding: null })}
                            className={`w-full rounded px-1 text-right tabular-nums hover:bg-paper ${active ? "bg-accent text-white hover:bg-accent" : flagged ? "bg-amber-100" : corrected ? "bg-green-100" : ""} ${inferred ? "outline outline-1 outline-dashed outline-amber-700" : ""} ${derived ? "italic" : ""} ${doubtful && !active ? "ring-2 ring-inset ring-red-600" : ""}`}
                            data-corrected={corrected || undefined}
                            data-doubtful={doubtful || undefined}
                          >
                            {unread ? <span className="text-xs text-muted">{UNREAD_LABEL}</span> : formatCount(r.values[i])}
                            {doubtful && <OcrMark confidence={read?.confidence} />}
                            {corrected && <ParsedWas value={p.parsedValues?.[key]} />}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            {p.table3.length === 0 && <p className="py-2 text-sm text-muted">这份年报没有读出表三。</p>}
          </div>
        </Panel>

        <Panel id="t4" title="表四 行政复议、行政诉讼情况">
          {p.table4 ? (
            <div className="mt-2 overflow-x-auto">
              <table className="w-full border-collapse text-right text-sm" data-testid="report-table4">
                <ColumnHeads corner="类别" cornerClassName="py-1 pr-2" columns={TABLE4_RESULTS.map((k) => ({ key: k, label: TABLE4_RESULT_LABELS[k] }))} />
                <tbody>
                  {TABLE4_GROUPS.map((g) => (
                    <tr key={g} className="border-b border-line/60">
                      <th scope="row" className="py-1 pr-2 text-left font-normal">
                        {TABLE4_GROUP_LABELS[g]}
                      </th>
                      {TABLE4_RESULTS.map((r) => {
                        const key = `${g}.${r}`;
                        const active = sel.cell === key;
                        const corrected = p.parsedValues ? key in p.parsedValues : false;
                        const read = p.scan?.ocr.cells[key];
                        const doubtful = isDoubtful(read?.confidence) && !corrected;
                        return (
                          <td key={r} className="px-0.5 py-0.5" data-key={key} data-confidence={read?.confidence}>
                            <button
                              type="button"
                              aria-pressed={active}
                              aria-label={`${TABLE4_GROUP_LABELS[g]}，${TABLE4_RESULT_LABELS[r]}：${p.table4![key] ?? UNREAD_LABEL}${read ? `（${PROVENANCE_LABELS.ocr}，${ocrConfidenceLabel(read.confidence)}）` : ""}`}
                              title={read ? ocrConfidenceLabel(read.confidence) : undefined}
                              data-doubtful={doubtful || undefined}
                              onClick={() => setSel({ cell: active ? null : key, finding: null })}
                              className={`w-full rounded px-1 text-right tabular-nums hover:bg-paper ${active ? "bg-accent text-white hover:bg-accent" : flaggedCells.has(key) ? "bg-amber-100" : corrected ? "bg-green-100" : ""} ${doubtful && !active ? "ring-2 ring-inset ring-red-600" : ""}`}
                              data-corrected={corrected || undefined}
                            >
                              {p.table4![key] === null ? <span className="text-xs text-muted">{UNREAD_LABEL}</span> : formatCount(p.table4![key])}
                              {doubtful && <OcrMark confidence={read?.confidence} />}
                              {corrected && <ParsedWas value={p.parsedValues?.[key]} />}
                            </button>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="mt-2 text-sm text-muted">这份年报没有读出表四。</p>
          )}
        </Panel>

        {p.table2.length > 0 && (
          <Panel id="t2" title="表二 主动公开政府信息情况">
            <table className="mt-2 w-full border-collapse text-sm">
              <tbody>
                {p.table2.map((r, i) => (
                  <tr key={i} className="border-b border-line/60">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      {r.label}
                    </th>
                    <td className="text-right tabular-nums">{r.values.map((v) => formatCount(v)).join(" / ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Panel>
        )}

        <Panel id="f" title="核查提示">
          {p.findings.length === 0 ? (
            <p className="mt-2 text-sm text-muted">没有核查提示：表内算术都对得上。</p>
          ) : (
            <ul className="mt-2 space-y-2 text-sm" data-testid="report-findings">
              {p.findings.map((f) => {
                const active = sel.finding === f.id;
                return (
                  <li key={f.id}>
                    <button
                      type="button"
                      aria-pressed={active}
                      onClick={() => setSel({ finding: active ? null : f.id, cell: null })}
                      className={`w-full rounded border-l-2 border-amber-500 px-3 py-1 text-left hover:bg-paper ${active ? "bg-amber-50" : ""}`}
                      data-finding-id={f.id}
                    >
                      <span className="font-medium">{findingLabel(f.code)}</span>
                      <span className="block text-muted">{f.message}</span>
                      {f.lines.length === 0 && <span className="block text-xs text-muted">未能在原文中定位</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </Panel>
      </div>

      <section id="source" className="min-w-0 scroll-mt-4 rounded-lg border border-line bg-white p-4 lg:sticky lg:top-4 lg:self-start" aria-labelledby="src-title">
        <h2 id="src-title" className="font-medium">
          原文{p.wholeSource ? "" : "（本年报部分）"}
        </h2>
        <p role="status" aria-live="polite" className="min-h-5 text-xs text-muted">
          {none ? "未能在原文中定位这一项" : highlighted.size ? `已高亮 ${highlighted.size} 行` : ""}
          {p.scan && sel.cell && !p.scan.ocr.cells[sel.cell] ? "；这一格在扫描页上没有对应的识别框（读出的数字与扫描页上的不一致，或不是从表格读出）" : ""}
        </p>
        {p.scan && (
          <div className="mb-3">
            <ScanView sourceId={p.scan.sourceId} ocr={p.scan.ocr} selected={sel.cell} onSelect={(cell) => setSel({ cell, finding: null })} />
          </div>
        )}
        <div className="max-h-[70vh] overflow-auto rounded border border-line bg-paper" tabIndex={0} aria-label="原文文本，可滚动">
          <ol ref={sourceRef} className="relative font-mono text-xs leading-5" data-testid="source-lines">
            {p.lines.map((line, i) => (
              <li
                key={i}
                data-line={i}
                data-highlighted={highlighted.has(i) || undefined}
                className={`flex gap-3 px-2 ${highlighted.has(i) ? "bg-yellow-200" : ""}`}
              >
                <span className="w-10 shrink-0 select-none text-right text-muted" aria-hidden>
                  {p.firstLine + i}
                </span>
                <span className="whitespace-pre-wrap break-all">{line || " "}</span>
              </li>
            ))}
          </ol>
        </div>
      </section>
    </div>
  );
}
