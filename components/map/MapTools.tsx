"use client";
// What the browser adds to a map drawn on the server (MapFigure): the readout of the region under
// the pointer, tapped (first tap shows, second follows the link) or focused by the keyboard, and
// the toolbar every chart has — 复制链接, 嵌入代码, CSV, PNG, SVG, 数据表. Small on purpose: it is
// the map tab's only JavaScript.
import { useEffect, useState } from "react";
import type { CsvValue } from "@/components/charts/export";
import { ToolStatus } from "@/components/charts/ToolStatus";

export interface MapToolsProps {
  id: string;
  title: string;
  sharePath: string;
  embedPath?: string;
  fileName: string;
  csv: { header: string[]; rows: CsvValue[][] };
  legend: Array<{ label: string; color: string }>;
  context: string;
  note: string;
  height: number;
}

export default function MapTools(p: MapToolsProps) {
  const [status, setStatus] = useState("");
  const [fallback, setFallback] = useState<string | null>(null);
  const [tableShown, setTableShown] = useState(false);

  useEffect(() => {
    const figure = document.getElementById(`chart-${p.id}`);
    const readout = figure?.querySelector<HTMLElement>("[data-map-readout]");
    if (!figure || !readout) return;
    let active: Element | null = null;
    let touch = false;
    const regionOf = (t: EventTarget | null) => (t instanceof Element ? t.closest("[data-code][data-label]") : null);
    const show = (el: Element | null) => {
      active?.classList.remove("map-active");
      active = el;
      el?.classList.add("map-active");
      readout.textContent = el?.getAttribute("data-label") ?? "";
    };
    const over = (e: Event) => {
      const el = regionOf(e.target);
      if (el) show(el);
    };
    const down = (e: PointerEvent) => {
      touch = e.pointerType === "touch" || e.pointerType === "pen";
    };
    // On a touch screen the first tap on a region shows its value; a second tap follows its link.
    const click = (e: MouseEvent) => {
      const el = regionOf(e.target);
      if (!el || !touch) return;
      if (active !== el) {
        e.preventDefault();
        show(el);
      }
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === "Escape") show(null);
    };
    // The pickers are a GET form (works without JavaScript); with it, a change applies at once.
    const change = (e: Event) => {
      const form = e.target instanceof HTMLSelectElement ? e.target.form : null;
      if (form?.hasAttribute("data-map-form")) form.requestSubmit();
    };
    figure.addEventListener("change", change);
    figure.addEventListener("pointerover", over);
    figure.addEventListener("focusin", over);
    figure.addEventListener("pointerdown", down);
    figure.addEventListener("click", click);
    figure.addEventListener("keydown", key);
    return () => {
      figure.removeEventListener("pointerover", over);
      figure.removeEventListener("focusin", over);
      figure.removeEventListener("pointerdown", down);
      figure.removeEventListener("click", click);
      figure.removeEventListener("keydown", key);
      figure.removeEventListener("change", change);
    };
  }, [p.id]);

  useEffect(() => {
    document.getElementById(`table-wrap-${p.id}`)?.classList.toggle("hidden", !tableShown);
  }, [p.id, tableShown]);

  const absolute = (path: string) => new URL(path, window.location.origin).toString();
  const shareUrl = () => `${absolute(p.sharePath)}#chart-${p.id}`;
  const embedCode = () => {
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    return `<iframe src="${esc(absolute(p.embedPath!))}" title="${esc(p.title)}" width="100%" height="${p.height + 320}" style="border:0" loading="lazy"></iframe>`;
  };

  async function copy(text: string, done: string) {
    try {
      await navigator.clipboard.writeText(text);
      setFallback(null);
      setStatus(done);
    } catch {
      setFallback(text);
      setStatus("无法写入剪贴板，请手动复制下面的内容");
    }
  }

  async function csv() {
    const { downloadCsv, fileSafe } = await import("@/components/charts/export");
    downloadCsv(`${fileSafe(p.fileName)}.csv`, p.csv.header, p.csv.rows);
    setStatus("已下载 CSV");
  }

  async function image(kind: "png" | "svg") {
    const { chartSvg, downloadPng, downloadSvg, fileSafe } = await import("@/components/charts/export");
    const figure = document.getElementById(`chart-${p.id}`);
    const svg = figure && chartSvg(figure, { title: p.title, context: p.context, note: p.note, url: shareUrl(), legend: p.legend }, "svg[data-map-surface]");
    if (!svg) {
      setStatus("这张地图没有可导出的图形");
      return;
    }
    if (kind === "svg") downloadSvg(`${fileSafe(p.fileName)}.svg`, svg.svg);
    else await downloadPng(`${fileSafe(p.fileName)}.png`, svg).catch(() => setStatus("图片生成失败"));
    setStatus(kind === "svg" ? "已下载 SVG" : "已下载 PNG");
  }

  const button = "rounded border border-line bg-white px-2 py-1 text-ink hover:bg-paper";
  return (
    <div className="text-sm" data-chart-plot>
      <div className="flex flex-wrap items-center justify-end gap-1" role="group" aria-label={`${p.title}：分享与下载`}>
        <button type="button" className={button} onClick={() => copy(shareUrl(), "链接已复制")} data-testid={`share-${p.id}`}>
          复制链接
        </button>
        {p.embedPath && (
          <button type="button" className={button} onClick={() => copy(embedCode(), "嵌入代码已复制")} data-testid={`embed-${p.id}`}>
            嵌入代码
          </button>
        )}
        <button type="button" className={button} onClick={csv} data-testid={`csv-${p.id}`}>
          CSV
        </button>
        <button type="button" className={button} onClick={() => image("png")} data-testid={`png-${p.id}`}>
          PNG
        </button>
        <button type="button" className={button} onClick={() => image("svg")} data-testid={`svg-${p.id}`}>
          SVG
        </button>
        <button type="button" className={button} onClick={() => setTableShown((v) => !v)} aria-expanded={tableShown} aria-controls={`table-wrap-${p.id}`} data-testid={`toggle-table-${p.id}`}>
          数据表
        </button>
      </div>
      <ToolStatus id={p.id} status={status} fallback={fallback ? { label: "要复制的内容", text: fallback } : null} />
    </div>
  );
}
