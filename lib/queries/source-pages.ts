// The page images of a scanned source, for the report page's source view. Rendered on demand from
// the bytes kept verbatim (lib/extract/ocr/render.ts) rather than stored at ingest: most scans'
// pages are never opened, the bytes are in the database already, and a change of resolution needs
// no migration of stored images. Kept within budgets: only a page OCR read for a report of that
// source is rendered; one render at a time (pdftoppm is a child process, niced, 30 s at most;
// a photo is scaled in libvips' threads), at most RENDER_QUEUE waiting, then "busy"; the last
// RENDER_CACHE pages kept in memory, and the browser keeps each for a day (a source never changes).
import { getPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { renderPage } from "@/lib/extract/ocr/render";
import { OcrSource } from "@/lib/model/report-schema";

const RENDER_CACHE = 24;
const RENDER_QUEUE = 6;

export type PageImage = { ok: true; jpeg: Buffer } | { ok: false; status: 404 | 503 | 500; error: string };

const globalForPages = globalThis as unknown as { gongkaiPageImages?: Map<string, Promise<PageImage>>; gongkaiPageQueue?: { tail: Promise<unknown>; waiting: number } };
const cache = (globalForPages.gongkaiPageImages ??= new Map());
const queue = (globalForPages.gongkaiPageQueue ??= { tail: Promise.resolve(), waiting: 0 });

const NOT_FOUND: PageImage = { ok: false, status: 404, error: "没有这一页的扫描图像。" };

/** Runs one render after the ones before it. */
function inTurn<T>(f: () => Promise<T>): Promise<T> {
  queue.waiting++;
  const run = queue.tail.then(f).finally(() => queue.waiting--);
  queue.tail = run.catch(() => {});
  return run;
}

async function render(sourceId: number, page: number): Promise<PageImage> {
  const prisma = getPrisma();
  const reports = await prisma.report.findMany({ where: { sourceId, ocr: { not: Prisma.DbNull } }, select: { ocr: true }, take: 20 });
  const read = reports.some((r) => OcrSource.safeParse(r.ocr).data?.pages.includes(page));
  if (!read) return NOT_FOUND;
  if (queue.waiting >= RENDER_QUEUE) return { ok: false, status: 503, error: "服务器正忙，扫描页图像稍后再试。" };
  return inTurn(async () => {
    const source = await prisma.source.findUnique({ where: { id: sourceId }, select: { bytes: true, format: true } });
    if (!source) return NOT_FOUND;
    try {
      return { ok: true as const, jpeg: await renderPage(source.bytes, source.format, page) };
    } catch (e) {
      console.warn(`[source-pages] source ${sourceId} page ${page}: ${String((e as Error)?.message ?? e).slice(0, 200)}`);
      return { ok: false as const, status: 500 as const, error: "这一页的扫描图像无法生成。" };
    }
  });
}

/** Page `page` of source `sourceId` as a JPEG, when OCR read that page for one of its reports. */
export function sourcePageImage(sourceId: number, page: number): Promise<PageImage> {
  if (!Number.isSafeInteger(sourceId) || sourceId < 1 || !Number.isSafeInteger(page) || page < 1 || page > 1000) return Promise.resolve(NOT_FOUND);
  const key = `${sourceId}:${page}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const out = render(sourceId, page);
  cache.set(key, out);
  // Only images are kept: a refusal or a failure is asked again next time.
  void out.then((r) => !r.ok && cache.get(key) === out && cache.delete(key));
  while (cache.size > RENDER_CACHE) cache.delete(cache.keys().next().value!);
  return out;
}
