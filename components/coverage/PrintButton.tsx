"use client";
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded border border-line bg-white px-3 py-0.5">
      打印
    </button>
  );
}
