// Chart export in the browser: the chart's SVG with its title, legend and source drawn in (so
// the file stands on its own), as SVG or as PNG (2× for sharp text), and CSV with a BOM.
import { csvCell, type CsvValue } from "@/lib/csv";

export interface ExportInfo {
  title: string;
  subtitle?: string;
  note?: string;
  legend: Array<{ label: string; color: string }>;
  url?: string;
}

const XMLNS = "http://www.w3.org/2000/svg";
const FONT = `"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A standalone SVG document of the chart inside `figure` (null when it has no drawn chart). */
export function chartSvg(figure: HTMLElement, info: ExportInfo): { svg: string; width: number; height: number } | null {
  const surface = figure.querySelector<SVGSVGElement>(".recharts-wrapper > svg.recharts-surface");
  if (!surface) return null;
  const box = surface.getBoundingClientRect();
  const w = Math.max(320, Math.round(box.width));
  const h = Math.round(box.height);
  const pad = 16;
  const top = pad + 24 + (info.subtitle ? 20 : 0) + 8;
  // Legend: items flow left to right, wrapping.
  const items: string[] = [];
  let x = pad;
  let y = top + h + 20;
  for (const l of info.legend) {
    const width = 18 + l.label.length * 13 + 16;
    if (x + width > w - pad && x > pad) {
      x = pad;
      y += 20;
    }
    items.push(
      `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${esc(l.color)}"/>` +
        `<text x="${x + 18}" y="${y}" font-size="13" fill="#1f2933">${esc(l.label)}</text>`,
    );
    x += width;
  }
  const footY = y + 24;
  const height = footY + (info.url ? 18 : 0) + pad;
  const clone = surface.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("x", "0");
  clone.setAttribute("y", String(top));
  clone.setAttribute("width", String(w));
  clone.setAttribute("height", String(h));
  clone.removeAttribute("style");
  clone.removeAttribute("tabindex");
  const inner = new XMLSerializer().serializeToString(clone);
  const svg =
    `<svg xmlns="${XMLNS}" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" font-family='${FONT}'>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${pad}" y="${pad + 18}" font-size="18" font-weight="600" fill="#1f2933">${esc(info.title)}</text>` +
    (info.subtitle ? `<text x="${pad}" y="${pad + 40}" font-size="13" fill="#5f6b7a">${esc(info.subtitle)}</text>` : "") +
    inner +
    items.join("") +
    `<text x="${pad}" y="${footY}" font-size="12" fill="#5f6b7a">${esc(info.note ?? "数据：各机关政府信息公开工作年度报告 · 公开 gongkai")}</text>` +
    (info.url ? `<text x="${pad}" y="${footY + 18}" font-size="12" fill="#5f6b7a">${esc(info.url)}</text>` : "") +
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
