// Who may upload, and how often. With UPLOAD_TOKEN set, uploads need it; without, uploads are
// open (development) and the page says so. The rate limit is per client address, per process.
import crypto from "node:crypto";

export const uploadTokenRequired = () => !!process.env.UPLOAD_TOKEN;

export function tokenAccepted(given: string | null | undefined): boolean {
  const want = process.env.UPLOAD_TOKEN;
  if (!want) return true;
  if (!given) return false;
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(want).digest();
  return crypto.timingSafeEqual(a, b);
}

const WINDOW_MS = 60_000;
const hits = new Map<string, number[]>();

/** True when `client` may make another upload now (sliding window of one minute). */
export function rateLimitAllows(client: string, now = Date.now()): boolean {
  const limit = Number(process.env.UPLOAD_RATE_LIMIT ?? 120);
  const recent = (hits.get(client) ?? []).filter((t) => now - t < WINDOW_MS);
  if (recent.length >= limit) {
    hits.set(client, recent);
    return false;
  }
  recent.push(now);
  hits.set(client, recent);
  if (hits.size > 10_000) hits.clear(); // bounded memory under many addresses
  return true;
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

/**
 * The request body, or null once it passes `limit` bytes. Content-Length may be absent (chunked)
 * or lie, so the bytes are counted as they arrive and reading stops at the limit.
 */
export async function readBodyCapped(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(r.value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) body.set(c, (at += c.byteLength) - c.byteLength);
  return body;
}

export const TOKEN_MESSAGE = "需要正确的上传口令才能上传（服务器设置了 UPLOAD_TOKEN）。";
export const RATE_MESSAGE = "上传太频繁，请一分钟后再试。";
