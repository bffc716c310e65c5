// Chart export in the browser: the chart's SVG with its title, legend and source drawn in (so
// the file stands on its own), as SVG or as PNG (2× for sharp text), and CSV with a BOM.
import { csvCell, type CsvValue } from "@/lib/csv";

export interface ExportInfo {
  title: string;
  subtitle?: string;
  /** Unit · source · 数据更新于: the line every chart carries. */
  context?: string;
  note?: string;
  legend: Array<{ label: string; color: string }>;
  url?: string;
}

const XMLNS = "http://www.w3.org/2000/svg";
const FONT = `"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Rough width of a text: CJK characters a full em, others about half. */
export const textWidth = (s: string, size: number) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? size : size * 0.56), 0);

/** Lines of at most `width` px (by textWidth), broken anywhere (Chinese has no spaces to break at). */
export function wrapText(s: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const c of s) {
    if (cur && textWidth(cur + c, size) > width) {
      lines.push(cur);
      cur = "";
    }
    cur += c;
  }
  if (cur) lines.push(cur);
  return lines;
}

/**
 * A standalone SVG document of the chart inside `figure` (null when it has no drawn chart; the
 * map's surface is `svg[data-map-surface]`): title,
 * subtitle, the plot with a margin all round (tick labels at its edges are drawn, not cut), the
 * legend, then unit/source/date, notes and the link, each wrapped to the width.
 */
export function chartSvg(figure: HTMLElement, info: ExportInfo, surfaceSelector = ".recharts-wrapper > svg.recharts-surface"): { svg: string; width: number; height: number } | null {
  const surface = figure.querySelector<SVGSVGElement>(surfaceSelector);
  if (!surface) return null;
  const box = surface.getBoundingClientRect();
  const pad = 24;
  const plotW = Math.max(320, Math.round(box.width));
  const plotH = Math.round(box.height);
  const w = plotW + 2 * pad;
  const textW = w - 2 * pad;
  const parts: string[] = [];
  let y = pad;
  for (const line of wrapText(info.title, 18, textW)) {
    y += 24;
    parts.push(`<text x="${pad}" y="${y}" font-size="18" font-weight="600" fill="#1f2933">${esc(line)}</text>`);
  }
  for (const line of info.subtitle ? wrapText(info.subtitle, 13, textW) : []) {
    y += 20;
    parts.push(`<text x="${pad}" y="${y}" font-size="13" fill="#5f6b7a">${esc(line)}</text>`);
  }
  y += 12;
  const clone = surface.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("x", String(pad));
  clone.setAttribute("y", String(y));
  clone.setAttribute("width", String(plotW));
  clone.setAttribute("height", String(plotH));
  clone.setAttribute("overflow", "visible");
  clone.removeAttribute("style");
  clone.removeAttribute("tabindex");
  parts.push(new XMLSerializer().serializeToString(clone));
  y += plotH + 12;
  // Legend: items flow left to right, wrapping.
  let x = pad;
  if (info.legend.length) y += 14;
  for (const l of info.legend) {
    const width = 18 + textWidth(l.label, 13) + 16;
    if (x + width > w - pad && x > pad) {
      x = pad;
      y += 20;
    }
    parts.push(
      `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${esc(l.color)}"/>` +
        `<text x="${x + 18}" y="${y}" font-size="13" fill="#1f2933">${esc(l.label)}</text>`,
    );
    x += width;
  }
  y += 8;
  const foot = [info.context ?? "来源：各机关政府信息公开工作年度报告，公开 gongkai 整理", info.note, info.url].filter((s): s is string => !!s);
  for (const block of foot)
    for (const line of wrapText(block, 12, textW)) {
      y += 18;
      parts.push(`<text x="${pad}" y="${y}" font-size="12" fill="#5f6b7a">${esc(line)}</text>`);
    }
  const height = y + pad;
  const svg =
    `<svg xmlns="${XMLNS}" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" font-family='${FONT}'>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    parts.join("") +
    `</svg>`;
  return { svg, width: w, height };
}

export function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(name: string, svg: string) {
  download(name, new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
}

export async function downloadPng(name: string, svg: { svg: string; width: number; height: number }, scale = 2) {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg.svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("图片生成失败"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = svg.width * scale;
    canvas.height = svg.height * scale;
    const ctx = canvas.getContext("2d")!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("图片生成失败");
    download(name, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export type { CsvValue };

/** The chart's numbers as CSV, every cell escaped as /data.csv escapes it (lib/csv.ts). */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function downloadCsv(name: string, header: string[], rows: CsvValue[][]) {
  // BOM so Excel reads UTF-8.
  download(name, new Blob(["\uFEFF" + toCsv(header, rows)], { type: "text/csv;charset=utf-8" }));
}

/** A file name safe on every OS, keeping Chinese. */
export function fileSafe(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, "_").replace(/_+/g, "_").slice(0, 80) || "chart";
}
