// GET /api/ocr-progress/:token — how far the OCR of the upload named :token has got
// ({ status: { state, page, pages, line } | null }), for the upload page's progress line.
import { NextResponse } from "next/server";
import { ocrStatus } from "@/lib/ingest/ocr-progress";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ token: string }> }) {
  const { token } = await ctx.params;
  return NextResponse.json({ status: ocrStatus(token) }, { headers: { "Cache-Control": "no-store" } });
}
