// POST /api/reports/:id/corrections — a correction of report :id (the version in force) as JSON:
//   { "cells": { "granted.total": 12 }, "agency"?, "year"?, "regionCode"?, "reason": "…", "by"? }
// With UPLOAD_TOKEN set: Authorization: Bearer <token>. 409 when the report changed meanwhile.
import { NextResponse, type NextRequest } from "next/server";
import { clientAddress, rateLimitAllows, RATE_MESSAGE } from "@/lib/ingest/guard";
import { correctReport } from "@/lib/review/correct";
import { runReview } from "@/lib/review/run";
import { CorrectionInput } from "@/lib/review/schema";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const bearer = req.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ?? null;
  if (!rateLimitAllows(clientAddress(req.headers))) return NextResponse.json({ ok: false, error: RATE_MESSAGE }, { status: 429 });
  let body: unknown;
  try {
    const text = await req.text();
    if (text.length > 200_000) return NextResponse.json({ ok: false, error: "请求过大。" }, { status: 413 });
    body = JSON.parse(text);
  } catch {
    return NextResponse.json({ ok: false, error: "请求内容应为 JSON。" }, { status: 400 });
  }
  const id = Number((await ctx.params).id);
  const res = await runReview(CorrectionInput, { ...(body as object), reportId: id }, bearer, async (prisma, c) => correctReport(prisma, c));
  return res.ok ? NextResponse.json({ ok: true, report: res.value }) : NextResponse.json({ ok: false, error: res.error, currentId: res.currentId }, { status: res.status });
}
