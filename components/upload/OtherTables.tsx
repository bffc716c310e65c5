import { TABLE4_GROUPS, TABLE4_GROUP_LABELS, TABLE4_RESULTS, TABLE4_RESULT_LABELS } from "@/lib/model/keys";
import type { Cell, OcrSource, ParsedReport } from "@/lib/model/report-schema";
import { ocrConfidenceLabel, PROVENANCE_LABELS, UNREAD_LABEL } from "@/components/dashboard/findings";
import { ColumnHeads } from "@/components/ui/ColumnHeads";
import type { CellEditState } from "@/components/review/cell-edits";
import { CellInput } from "./CellInput";
import { isDoubtful, OcrMark } from "@/components/ui/OcrMark";

export function Table4Preview({ table4, edit, flagged = [], ocr }: { table4: Cell[] | null; edit?: CellEditState; flagged?: string[]; /** Read by OCR: each value's confidence. */ ocr?: OcrSource }) {
  if (!table4 && !edit) return <p className="text-sm text-muted">未找到“行政复议、行政诉讼情况”表。</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="表四预览">
      <table className="w-full border-collapse text-xs" data-testid="preview-table4">
        <caption className="py-1 text-left text-sm font-medium">四、政府信息公开行政复议、行政诉讼情况</caption>
        <ColumnHeads corner="类别" columns={TABLE4_RESULTS.map((k) => ({ key: k, label: TABLE4_RESULT_LABELS[k] }))} />
        <tbody>
          {TABLE4_GROUPS.map((g, gi) => (
            <tr key={g} className="border-b border-line/60">
              <th scope="row" className="py-1 text-left font-normal">
                {TABLE4_GROUP_LABELS[g]}
              </th>
              {TABLE4_RESULTS.map((r, ri) => {
                const read = ocr?.cells[`${g}.${r}`];
                const doubtful = isDoubtful(read?.confidence);
                return (
                  <td
                    key={r}
                    data-cell={`${g}.${r}`}
                    data-provenance={read ? "ocr" : undefined}
                    data-confidence={read?.confidence}
                    data-doubtful={doubtful || undefined}
                    title={read ? `${PROVENANCE_LABELS.ocr}；${ocrConfidenceLabel(read.confidence)}` : undefined}
                    className={`px-1 text-right tabular-nums ${flagged.includes(`${g}.${r}`) ? "bg-amber-100 font-semibold text-amber-900" : ""} ${read ? "italic underline decoration-dotted" : ""} ${doubtful ? "ring-2 ring-inset ring-red-600" : ""}`}
                  >
                    {edit ? (
                      <CellInput edit={edit} cell={`${g}.${r}`} label={`${TABLE4_GROUP_LABELS[g]}，${TABLE4_RESULT_LABELS[r]}`} unread={!table4 || table4[gi * 5 + ri] === null} flagged={flagged.includes(`${g}.${r}`)} />
                    ) : (
                      <>
                        {table4?.[gi * 5 + ri] ?? <span className="text-muted">{UNREAD_LABEL}</span>}
                        <OcrMark confidence={read?.confidence} />
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Table2Preview({ table2 }: { table2: ParsedReport["table2"] }) {
  const entries = Object.entries(table2);
  if (entries.length === 0) return <p className="text-sm text-muted">未找到“主动公开政府信息情况”表。</p>;
  return (
    <table className="w-full border-collapse text-xs" data-testid="preview-table2">
      <caption className="py-1 text-left text-sm font-medium">二、主动公开政府信息情况</caption>
      <tbody>
        {entries.map(([label, values]) => (
          <tr key={label} className="border-b border-line/60">
            <th scope="row" className="py-1 text-left font-normal">
              {label}
            </th>
            <td className="px-1 text-right tabular-nums">{values.map((v) => v.toLocaleString("zh-CN")).join(" / ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
