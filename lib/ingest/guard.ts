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

export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0].trim() || headers.get("x-real-ip") || "local";
}

export const TOKEN_MESSAGE = "需要正确的上传口令才能上传（服务器设置了 UPLOAD_TOKEN）。";
export const RATE_MESSAGE = "上传太频繁，请一分钟后再试。";
