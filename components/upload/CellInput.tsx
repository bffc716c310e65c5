"use client";
// One table cell typed over in the upload preview: green when changed, red when not a count.
import type { CellEditState } from "@/components/review/cell-edits";

export function CellInput({ edit, cell, label, unread, flagged }: { edit: CellEditState; cell: string; label: string; unread: boolean; flagged: boolean }) {
  const bad = edit.bad.includes(cell);
  const changed = cell in edit.edits;
  return (
    <input
      inputMode="numeric"
      aria-label={label}
      data-edit-cell={cell}
      value={edit.shown(cell)}
      placeholder={unread ? "未读出" : ""}
      onChange={(e) => edit.setValue(cell, e.target.value)}
      aria-invalid={bad || undefined}
      className={`w-12 rounded border px-1 text-right tabular-nums ${bad ? "border-red-600" : changed ? "border-green-700 bg-green-50" : flagged ? "border-amber-500 bg-amber-50" : "border-line"}`}
    />
  );
}
