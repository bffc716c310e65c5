// Who may upload, how much, and how often. With UPLOAD_TOKEN set, uploads need it (the page's
// field; `Authorization: Bearer …` for the API); without, uploads are open (development) and the
// page says so. The rate limit counts files, page (preview and save) and API alike, in Postgres,
// so every server process shares it.
import crypto from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formatSize } from "@/lib/extract/errors";

export const uploadTokenRequired = () => !!process.env.UPLOAD_TOKEN;

export function tokenAccepted(given: string | null | undefined): boolean {
  const want = process.env.UPLOAD_TOKEN;
  if (!want) return true;
  if (!given) return false;
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(want).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header; null for any other form (a bare token). */
export function bearerToken(header: string | null): string | null {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return m ? m[1] : null;
}

export const rateLimit = () => {
  const n = Number(process.env.UPLOAD_RATE_LIMIT ?? 120);
  return Number.isFinite(n) && n >= 0 ? n : 120;
};

/**
 * Takes `files` uploads for `client` from the limit of UPLOAD_RATE_LIMIT files a minute (sliding
 * window, gongkai_rate_take in prisma/functions/rate.sql): true when they fit, else nothing is taken.
 */
export async function rateLimitTake(prisma: PrismaClient, client: string, files: number): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ ok: boolean }[]>`SELECT gongkai_rate_take(${client}, ${files}::int, ${rateLimit()}::int) AS ok`;
  return row.ok;
}

/**
 * The client the rate limit counts against. X-Forwarded-For is whatever the client wants it to be
 * unless a proxy of ours sets it, so it is believed only with TRUST_PROXY=1; otherwise all
 * clients share one limit (Next gives a route no peer address).
 */
export function clientAddress(headers: Headers): string {
  if (process.env.TRUST_PROXY !== "1") return "local";
  return headers.get("x-forwarded-for")?.split(",")[0].trim() || headers.get("x-real-ip") || "local";
}

export type BodyRead =
  | { ok: true; bytes: Uint8Array<ArrayBuffer> }
  | { ok: false; status: 400 | 408 | 413; error: string };

const bodyIdleMs = () => Number(process.env.UPLOAD_BODY_IDLE_MS ?? 20_000);

/** How far past the limit a refused body is still read (and thrown away) so its sender gets the 413. */
const DRAIN_FACTOR = 2;

/** Reads and drops up to `budget` more bytes of a refused body (each read within the idle time), then cancels it. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  const idle = bodyIdleMs();
  let left = budget;
  while (left > 0) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), idle)));
    const r = await Promise.race([reader.read(), stalled]).catch(() => null);
    clearTimeout(timer);
    if (!r || r.done) break;
    left -= r.value.byteLength;
  }
  void reader.cancel().catch(() => {}); // not awaited: with a read pending it may never settle
}

/**
 * The request body, whole and checked, or why not. Content-Length may be absent (chunked) or lie,
 * so the bytes are counted as they arrive: past `limit` → 413 at once (declared or counted); fewer
 * bytes than declared → 400; no byte for UPLOAD_BODY_IDLE_MS (a client that declared more than
 * it sends and waits) → 408. With an `X-Content-SHA256` header (hex), the body must hash to it.
 */
export async function readBody(req: Request, limit: number): Promise<BodyRead> {
  const tooLarge = (): BodyRead => ({ ok: false, status: 413, error: `请求过大（上限 ${formatSize(limit)}）。` });
  const declaredHeader = req.headers.get("content-length");
  const declared = declaredHeader === null ? null : Number(declaredHeader);
  if (declared !== null && !(Number.isSafeInteger(declared) && declared >= 0)) return { ok: false, status: 400, error: "请求的 Content-Length 无效。" };
  if (declared !== null && declared > limit) {
    // A client that writes its whole body before it reads the answer (fetch, most HTTP/1.1
    // clients) sees a broken pipe, not the 413, when the connection is cut under it: a body up to
    // DRAIN_FACTOR × the limit is read and thrown away first; a larger one is cut at once.
    if (req.body && declared <= limit * DRAIN_FACTOR) await discard(req.body.getReader(), limit * DRAIN_FACTOR);
    return tooLarge();
  }
  if (!req.body) return { ok: true, bytes: new Uint8Array() };

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const idle = bodyIdleMs();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<"stalled">((resolve) => (timer = setTimeout(() => resolve("stalled"), idle)));
    const r = await Promise.race([reader.read(), stalled]).catch(() => "broken" as const);
    clearTimeout(timer);
    // (cancel is not awaited: with a read pending on a stalled request stream it never settles)
    if (r === "stalled" || r === "broken") {
      void reader.cancel().catch(() => {});
      return r === "stalled"
        ? { ok: false, status: 408, error: `请求内容不完整：${Math.round(idle / 1000)} 秒内没有收到剩余的数据（已收到 ${formatSize(size)}）。文件未保存，请重新上传。` }
        : { ok: false, status: 400, error: `请求内容不完整：连接在传输中断开（已收到 ${formatSize(size)}）。文件未保存，请重新上传。` };
    }
    if (r.done) break;
    size += r.value.byteLength;
    if (size > limit) {
      await discard(reader, limit * DRAIN_FACTOR - size); // as above, for a body with no declared length
      return tooLarge();
    }
    chunks.push(r.value);
  }
  if (declared !== null && size !== declared)
    return { ok: false, status: 400, error: `请求内容不完整：声明 ${declared} 字节，实际收到 ${size} 字节。文件未保存，请重新上传。` };
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) body.set(c, (at += c.byteLength) - c.byteLength);
  const want = req.headers.get("x-content-sha256")?.trim().toLowerCase();
  if (want && crypto.createHash("sha256").update(body).digest("hex") !== want)
    return { ok: false, status: 400, error: "请求内容与 X-Content-SHA256 校验值不符，可能在传输中损坏。文件未保存，请重新上传。" };
  return { ok: true, bytes: body };
}

export const TOKEN_MESSAGE = "需要正确的上传口令才能上传（服务器设置了 UPLOAD_TOKEN）。";
export const RATE_MESSAGE = "上传太频繁，请一分钟后再试。";
export const rateMessage = (files: number) =>
  files > rateLimit()
    ? `一次上传了 ${files} 个文件，超过了每分钟 ${rateLimit()} 个文件的上限。请分批上传。`
    : RATE_MESSAGE;
