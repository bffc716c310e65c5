// POST /api/reports — the upload page's work as JSON, for scripts.
//   multipart/form-data: file=@report.pdf (one or more), url=https://… (one or more: the page is
//   fetched, and its attachment when the report is in one), or text=…; options={"edits":[…]} or
//   agency=, year=, regionCode= fields; ?dryRun=1 previews without storing.
//   text/plain body: the report's text (?options=<the same JSON>, ?agency=, ?year=, ?regionCode=).
//   edits[i].cells { "granted.total": 4 } with edits[i].reason (and by): cells corrected before
//   saving, stored as a correction version beside the parsed report (as POST …/corrections would).
// With UPLOAD_TOKEN set: Authorization: Bearer <token>. A request carries at most UPLOAD_MAX_BYTES
// (+1 MB of form); X-Content-SHA256: <hex> makes the server check the body against it.
import { NextResponse, type NextRequest } from "next/server";
import { getPrisma } from "@/lib/db/client";
import { bearerToken, clientAddress, rateLimitTake, rateMessage, readBody, TOKEN_MESSAGE, tokenAccepted } from "@/lib/ingest/guard";
import { maxUploadBytes, previewUpload, saveUpload, type UploadInput } from "@/lib/ingest/upload";
import { fileNameProblem, PastedText, UploadOptions } from "@/lib/ingest/upload-schema";
import { isDatabaseUnavailable, OUTAGE_MESSAGE, outageResponse } from "@/lib/db/outage";
import { MAX_URLS_PER_REQUEST } from "@/lib/fetch/from-url";
import { readMultipart } from "@/lib/ingest/multipart";

export const dynamic = "force-dynamic";

const error = (status: number, message: string) => NextResponse.json({ ok: false, error: message }, { status });

export async function POST(req: NextRequest) {
  // Only "Bearer <token>": a bare token in the header is refused, not taken as one.
  if (!tokenAccepted(bearerToken(req.headers.get("authorization")))) return error(401, TOKEN_MESSAGE);
  // One request carries at most UPLOAD_MAX_BYTES of files (and its form fields): the documented
  // limit, end to end (this route is outside proxy.ts, so nothing buffers or cuts the body first).
  const maxBody = maxUploadBytes() + 1024 * 1024;
  const body = await readBody(req, maxBody);
  // A body left unread means the connection cannot carry another request: close it.
  if (!body.ok) return NextResponse.json({ ok: false, error: body.error }, { status: body.status, headers: { connection: "close" } });

  const dryRun = ["1", "true"].includes(req.nextUrl.searchParams.get("dryRun") ?? "");
  const type = req.headers.get("content-type") ?? "";
  const inputs: UploadInput[] = [];
  let raw: Record<string, unknown> = {};
  try {
    if (type.startsWith("multipart/form-data")) {
      const form = await readMultipart(body.bytes, type, maxBody);
      const field = (k: string) => form.fields.get(k) ?? [];
      for (const f of form.files) if (f.field === "file") inputs.push({ kind: "file", bytes: f.bytes, fileName: f.name });
      const text = field("text")[0];
      if (text?.trim()) inputs.push({ kind: "text", text });
      const urls = field("url").filter((u) => !!u.trim());
      if (urls.length > MAX_URLS_PER_REQUEST) return error(400, `一次最多导入 ${MAX_URLS_PER_REQUEST} 个网址。`);
      for (const url of urls) inputs.push({ kind: "url", url: url.trim() });
      raw = JSON.parse(field("options")[0] || "{}");
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("options is not an object");
      for (const k of ["agency", "year", "regionCode"]) {
        const v = field(k)[0];
        if (v?.trim()) raw[k] = v.trim();
      }
    } else {
      const text = PastedText.safeParse(new TextDecoder().decode(body.bytes));
      if (!text.success) return error(400, text.error.issues[0].message);
      inputs.push({ kind: "text", text: text.data });
      const sp = req.nextUrl.searchParams;
      raw = JSON.parse(sp.get("options") || "{}");
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("options is not an object");
      for (const k of ["agency", "year", "regionCode"]) if (sp.get(k)) raw[k] = sp.get(k);
    }
  } catch {
    return error(400, "无法读取请求内容：请用 multipart/form-data 上传文件，或以 text/plain 发送报告文字。");
  }
  if (inputs.length === 0) return error(400, "请求里没有文件、网址，也没有文字。");
  const options = UploadOptions.safeParse(raw);
  if (!options.success) return error(400, options.error.issues[0].message);
  for (const input of inputs) {
    const bad = input.kind === "file" ? fileNameProblem(input.fileName) : null;
    if (bad) return error(400, bad);
  }

  const prisma = getPrisma();
  // Every file counts against the rate limit, whether previewed or stored (as on the page).
  try {
    if (!(await rateLimitTake(prisma, clientAddress(req.headers), inputs.length))) return error(429, rateMessage(inputs.length));
  } catch (e) {
    if (isDatabaseUnavailable(e)) return outageResponse();
    throw e;
  }
  const results = [];
  for (const input of inputs) {
    results.push(dryRun ? await previewUpload(prisma, input, options.data) : await saveUpload(prisma, input, options.data));
  }
  const failed = results.filter((r) => !r.ok).length;
  if (results.some((r) => !r.ok && r.outage)) return NextResponse.json({ ok: false, dryRun, error: OUTAGE_MESSAGE, results }, { status: 503, headers: { "retry-after": "10" } });
  return NextResponse.json({ ok: failed === 0, dryRun, results }, { status: failed === results.length ? 422 : 200 });
}
