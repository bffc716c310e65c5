// GET /api/sources/:id/pages/:page — page :page of a scanned source as a JPEG, with the boxes of
// report.ocr drawn over it on the report page (lib/queries/source-pages.ts renders and caches it).
import { NextResponse } from "next/server";
import { sourcePageImage } from "@/lib/queries/source-pages";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string; page: string }> }) {
  const { id, page } = await ctx.params;
  const num = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN);
  const image = await sourcePageImage(num(id), num(page));
  if (!image.ok) return NextResponse.json({ ok: false, error: image.error }, { status: image.status, headers: image.status === 503 ? { "Retry-After": "5" } : {} });
  return new NextResponse(new Uint8Array(image.jpeg), {
    headers: { "Content-Type": "image/jpeg", "Content-Length": String(image.jpeg.byteLength), "Cache-Control": "public, max-age=86400" },
  });
}
