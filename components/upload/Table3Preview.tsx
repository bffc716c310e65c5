// Table 3 laid out as the template prints it, with finding cells highlighted and inferred or
// derived cells marked; with `edit`, every cell is an input (cells corrected before saving).
import {
  TABLE3_COLUMNS,
  TABLE3_COLUMN_LABELS,
  TABLE3_GROUPS,
  TABLE3_GROUP_LABELS,
  TABLE3_ROW_LABELS,
  type Table3Group,
  type Table3Key,
} from "@/lib/model/keys";
import type { ParsedReport } from "@/lib/model/report-schema";
import { ColumnHeads } from "@/components/ui/ColumnHeads";
import { ocrConfidenceLabel, PROVENANCE_LABELS, UNREAD_LABEL } from "@/components/dashboard/findings";
import type { CellEditState } from "@/components/review/cell-edits";
import { CellInput } from "./CellInput";
import { isDoubtful, OcrMark } from "@/components/ui/OcrMark";

type Line = { key: Table3Key; label: string; indent: number } | { heading: string; indent: number };

const GROUP_NUMBERS: Record<Table3Group, string> = { denied: "（三）", unable: "（四）", not_processed: "（五）", other: "（六）" };

function lines(): Line[] {
  const out: Line[] = [
    { key: "new_received", label: "一、本年新收政府信息公开申请数量", indent: 0 },
    { key: "carried_over", label: "二、上年结转政府信息公开申请数量", indent: 0 },
    { heading: "三、本年度办理结果", indent: 0 },
    { key: "granted", label: "（一）予以公开", indent: 1 },
    { key: "partially_granted", label: "（二）部分公开", indent: 1 },
  ];
  for (const g of Object.keys(TABLE3_GROUPS) as Table3Group[]) {
    out.push({ key: g, label: `${GROUP_NUMBERS[g]}${TABLE3_GROUP_LABELS[g]}`, indent: 1 });
    TABLE3_GROUPS[g].forEach((item, i) => {
      const key = `${g}.${item}` as Table3Key;
      out.push({ key, label: `${i + 1}. ${TABLE3_ROW_LABELS[key]}`, indent: 2 });
    });
  }
  out.push({ key: "total_processed", label: "（七）总计", indent: 1 });
  out.push({ key: "carried_forward", label: "四、结转下年度继续办理", indent: 0 });
  return out;
}

export function Table3Preview({ report, edit }: { report: ParsedReport; edit?: CellEditState }) {
  const flagged = new Map<string, string[]>();
  for (const f of report.flags) for (const c of f.cells ?? []) flagged.set(c, [...(flagged.get(c) ?? []), f.message]);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-xs" data-testid="preview-table3">
        <caption className="py-1 text-left text-sm font-medium">三、收到和处理政府信息公开申请情况</caption>
        <ColumnHeads corner="申请人情况" cornerClassName="py-1" columns={TABLE3_COLUMNS.map((k) => ({ key: k, label: TABLE3_COLUMN_LABELS[k] }))} />
        <tbody>
          {lines().map((line, i) => {
            if ("heading" in line)
              return (
                <tr key={i} className="border-b border-line/60">
                  <th scope="row" colSpan={8} className="py-1 text-left font-normal">
                    {line.heading}
                  </th>
                </tr>
              );
            const values = report.table3[line.key];
            const isGroup = !line.key.includes(".") && line.key in TABLE3_GROUPS;
            if (isGroup && !values) {
              return (
                <tr key={line.key} className="border-b border-line/60">
                  <th scope="row" colSpan={8} className="py-1 text-left font-normal" style={{ paddingLeft: line.indent * 12 }}>
                    {line.label}
                  </th>
                </tr>
              );
            }
            return (
              <tr key={line.key} className="border-b border-line/60" data-row={line.key}>
                <th scope="row" className="py-1 text-left font-normal" style={{ paddingLeft: line.indent * 12 }}>
                  {line.label}
                </th>
                {TABLE3_COLUMNS.map((c, ci) => {
                  const cell = `${line.key}.${c}`;
                  const notes = flagged.get(cell);
                  const prov = report.provenance?.[line.key]?.[c];
                  const read = report.ocr?.cells[cell];
                  const doubtful = isDoubtful(read?.confidence);
                  const title = [notes?.join("；"), prov ? PROVENANCE_LABELS[prov] : "", read ? ocrConfidenceLabel(read.confidence) : "", values && values[ci] === null ? "原表此格未能读出（不是 0）" : ""]
                    .filter(Boolean)
                    .join("；");
                  return (
                    <td
                      key={c}
                      data-cell={cell}
                      data-provenance={prov}
                      data-confidence={read?.confidence}
                      data-doubtful={doubtful || undefined}
                      title={title || undefined}
                      className={`px-1 text-right tabular-nums ${notes ? "bg-amber-100 font-semibold text-amber-900" : ""} ${prov ? "italic underline decoration-dotted" : ""} ${doubtful ? "ring-2 ring-inset ring-red-600" : ""}`}
                    >
                      {edit ? (
                        <CellInput edit={edit} cell={cell} label={`${line.label}，${TABLE3_COLUMN_LABELS[c]}`} unread={!!values && values[ci] === null} flagged={!!notes} />
                      ) : !values ? (
                        <span className="text-muted">未列</span>
                      ) : values[ci] === null ? (
                        <span className="text-muted">{UNREAD_LABEL}</span>
                      ) : (
                        <>
                          {values[ci]}
                          <OcrMark confidence={read?.confidence} />
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
