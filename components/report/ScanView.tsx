"use client";
// The scanned page a report was read from, with the box of every value OCR read drawn over it.
// Choosing a box chooses its cell in the tables (and the reverse: the page of the chosen cell is
// shown, its box outlined and scrolled into view). Each box is a button named by its cell, the
// text read and the confidence, so the page can be read with the keyboard and a screen reader.
import { useEffect, useRef, useState } from "react";
import { cellName, OCR_DOUBTFUL } from "@/lib/model/keys";
import type { OcrSource } from "@/lib/model/report-schema";

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function ScanView({ sourceId, ocr, selected, onSelect }: { sourceId: number; ocr: OcrSource; selected: string | null; onSelect: (cell: string | null) => void }) {
  const chosen = selected ? ocr.cells[selected] : undefined;
  const [page, setPage] = useState(chosen?.page ?? ocr.pages[0] ?? 1);
  const [failed, setFailed] = useState<Record<number, boolean>>({});
  const frame = useRef<HTMLDivElement>(null);
  const shown = chosen?.page ?? page;
  const boxes = Object.entries(ocr.cells).filter(([, c]) => c.page === shown);

  useEffect(() => {
    if (!chosen) return;
    setPage(chosen.page);
    const el = frame.current?.querySelector<HTMLElement>(`[data-box="${CSS.escape(selected!)}"]`);
    const box = frame.current;
    if (el && box) box.scrollTo({ top: el.offsetTop - box.clientHeight / 3, behavior: "smooth" });
  }, [chosen, selected]);

  return (
    <div className="space-y-2" data-testid="scan-view">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-medium text-sm">扫描页</span>
        {ocr.pages.length > 1 &&
          ocr.pages.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={p === shown}
              onClick={() => {
                setPage(p);
                if (chosen && chosen.page !== p) onSelect(null);
              }}
              className={`rounded border px-2 py-0.5 ${p === shown ? "border-accent bg-accent text-white" : "border-line bg-white"}`}
            >
              第 {p} 页
            </button>
          ))}
        <span className="text-muted">
          框出的是文字识别读到的数字；<span className="rounded border-2 border-red-600 px-1">红框</span>：置信度低于 {pct(OCR_DOUBTFUL)}，请对照核对。
        </span>
      </div>
      <div ref={frame} className="relative max-h-[70vh] overflow-auto rounded border border-line bg-paper">
        {failed[shown] ? (
          <p className="p-4 text-sm text-muted" role="status">
            第 {shown} 页的扫描图像暂时无法显示（服务器正忙或图像无法生成），请稍后刷新。
          </p>
        ) : (
          <div className="relative">
            {/* eslint-disable-next-line @next/next/no-img-element -- rendered on demand by our API, sized by its page */}
            <img
              src={`/api/sources/${sourceId}/pages/${shown}`}
              alt={`原件第 ${shown} 页的扫描图像`}
              className="block h-auto w-full"
              data-testid="scan-image"
              onError={() => setFailed((f) => ({ ...f, [shown]: true }))}
            />
            {boxes.map(([key, c]) => {
              const active = key === selected;
              const doubtful = c.confidence < OCR_DOUBTFUL;
              return (
                <button
                  key={key}
                  type="button"
                  data-box={key}
                  data-active={active || undefined}
                  aria-pressed={active}
                  aria-label={`${cellName(key)}：读作“${c.text}”，置信度 ${pct(c.confidence)}${doubtful ? "，偏低" : ""}`}
                  title={`${cellName(key)}：读作“${c.text}”，置信度 ${pct(c.confidence)}`}
                  onClick={() => onSelect(active ? null : key)}
                  className={`absolute rounded-sm focus:outline focus:outline-2 focus:outline-offset-1 focus:outline-accent ${
                    active ? "z-10 border-2 border-accent bg-accent/25" : doubtful ? "border-2 border-red-600 bg-red-500/10" : "border border-blue-500/60 hover:bg-blue-500/20"
                  }`}
                  style={{ left: `${c.x * 100}%`, top: `${c.y * 100}%`, width: `${Math.max(c.w * 100, 0.6)}%`, height: `${Math.max(c.h * 100, 0.4)}%` }}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
