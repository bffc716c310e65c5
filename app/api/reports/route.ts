// POST /api/reports — the upload page's work as JSON, for scripts.
//   multipart/form-data: file=@report.pdf (one or more), url=https://… (one or more: the page is
//   fetched, and its attachment when the report is in one), or text=…; options={"edits":[…]} or
//   agency=, year=, regionCode= fields; ?dryRun=1 previews without storing.
//   text/plain body: the report's text.
// With UPLOAD_TOKEN set: Authorization: Bearer <token>.
import { NextResponse, type NextRequest } from "next/server";
import { getPrisma } from "@/lib/db/client";
import { clientAddress, rateLimitAllows, RATE_MESSAGE, readBodyCapped, TOKEN_MESSAGE, tokenAccepted } from "@/lib/ingest/guard";
import { maxUploadBytes, previewUpload, saveUpload, type UploadInput } from "@/lib/ingest/upload";
import { PastedText, UploadOptions } from "@/lib/ingest/upload-schema";
import { formatSize } from "@/lib/extract";
import { OUTAGE_MESSAGE } from "@/lib/db/outage";
import { MAX_URLS_PER_REQUEST } from "@/lib/fetch/from-url";

export const dynamic = "force-dynamic";

const error = (status: number, message: string) => NextResponse.json({ ok: false, error: message }, { status });

export async function POST(req: NextRequest) {
  const bearer = req.headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  if (!tokenAccepted(bearer)) return error(401, TOKEN_MESSAGE);
  if (!rateLimitAllows(clientAddress(req.headers))) return error(429, RATE_MESSAGE);
  const maxBody = maxUploadBytes() * 5 + 1_000_000;
  // The body is left unread, so the connection cannot carry another request: close it.
  const tooLarge = () =>
    NextResponse.json({ ok: false, error: `请求过大（上限 ${formatSize(maxBody)}）。` }, { status: 413, headers: { connection: "close" } });
  if (Number(req.headers.get("content-length") ?? 0) > maxBody) return tooLarge();

  const dryRun = ["1", "true"].includes(req.nextUrl.searchParams.get("dryRun") ?? "");
  const type = req.headers.get("content-type") ?? "";
  const inputs: UploadInput[] = [];
  let raw: Record<string, unknown> = {};

  const body = await readBodyCapped(req, maxBody).catch(() => undefined);
  if (body === null) return tooLarge();
  try {
    if (body === undefined) throw new Error("body not readable");
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(body, { headers: { "content-type": type } }).formData();
      for (const f of form.getAll("file")) {
        if (f instanceof File) inputs.push({ kind: "file", bytes: new Uint8Array(await f.arrayBuffer()), fileName: f.name });
      }
      const text = form.get("text");
      if (typeof text === "string" && text.trim()) inputs.push({ kind: "text", text });
      const urls = form.getAll("url").filter((u): u is string => typeof u === "string" && !!u.trim());
      if (urls.length > MAX_URLS_PER_REQUEST) return error(400, `一次最多导入 ${MAX_URLS_PER_REQUEST} 个网址。`);
      for (const url of urls) inputs.push({ kind: "url", url: url.trim() });
      raw = JSON.parse(form.get("options")?.toString() || "{}");
      for (const k of ["agency", "year", "regionCode"]) {
        const v = form.get(k);
        if (typeof v === "string" && v.trim()) raw[k] = v.trim();
      }
    } else {
      const text = PastedText.safeParse(new TextDecoder().decode(body));
      if (!text.success) return error(400, text.error.issues[0].message);
      inputs.push({ kind: "text", text: text.data });
      const sp = req.nextUrl.searchParams;
      for (const k of ["agency", "year", "regionCode"]) if (sp.get(k)) raw[k] = sp.get(k);
    }
  } catch {
    return error(400, "无法读取请求内容：请用 multipart/form-data 上传文件，或以 text/plain 发送报告文字。");
  }
  if (inputs.length === 0) return error(400, "请求里没有文件、网址，也没有文字。");
  const options = UploadOptions.safeParse(raw);
  if (!options.success) return error(400, options.error.issues[0].message);

  const prisma = getPrisma();
  const results = [];
  for (const input of inputs) {
    results.push(dryRun ? await previewUpload(prisma, input, options.data) : await saveUpload(prisma, input, options.data));
  }
  const failed = results.filter((r) => !r.ok).length;
  if (results.some((r) => !r.ok && r.outage)) return NextResponse.json({ ok: false, dryRun, error: OUTAGE_MESSAGE, results }, { status: 503, headers: { "retry-after": "10" } });
  return NextResponse.json({ ok: failed === 0, dryRun, results }, { status: failed === results.length ? 422 : 200 });
}
