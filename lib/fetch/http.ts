// One HTTP GET, guarded (guard.ts) on every hop, capped in time and size. Redirects are followed
// here, by hand, so each Location is checked before it is connected to. Compressed bodies are
// inflated with the size cap applied to what comes out (a small gzip can hold gigabytes).
import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import { Readable } from "node:stream";
import { formatSize } from "@/lib/extract/errors";
import { checkUrl, FetchRefused, guardedLookup, type GuardPolicy } from "./guard";

/** Where a site's webmaster can read who is fetching and why (the User-Agent names it). */
export const PROJECT_URL = process.env.GONGKAI_CRAWL_CONTACT || "https://github.com/gongkai/gongkai";
export const DEFAULT_USER_AGENT = `gongkai/0.1 (+${PROJECT_URL}; government information disclosure annual reports dataset)`;

export type FetchErrorCode = "timeout" | "too_large" | "http" | "network" | "redirects" | "robots" | "content";

/** A fetch that failed; `status` for HTTP errors, `retryAfterMs` when the server asked us to wait. */
export class FetchError extends Error {
  constructor(
    public code: FetchErrorCode,
    message: string,
    public status?: number,
    public retryAfterMs?: number,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export interface Fetched {
  /** The URL the body came from, after redirects. */
  url: string;
  requestedUrl: string;
  status: number;
  /** 304: the copy we have (If-None-Match / If-Modified-Since) is current; no body. */
  notModified: boolean;
  headers: Record<string, string>;
  bytes: Uint8Array;
  fetchedAt: Date;
}

export interface GetOptions {
  policy: GuardPolicy;
  userAgent?: string;
  /** Whole request, redirects included (default 30 s). */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers kept with a stored source (the rest say nothing about the document). */
const KEPT_HEADERS = ["etag", "last-modified", "content-type", "content-length", "content-disposition", "date", "server"];

export function keptHeaders(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(KEPT_HEADERS.filter((k) => h[k] !== undefined).map((k) => [k, h[k]]));
}

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export async function httpGet(url: string, opts: GetOptions): Promise<Fetched> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  const maxRedirects = opts.maxRedirects ?? 5;
  let current = checkUrl(url, opts.policy);
  for (let hop = 0; ; hop++) {
    const r = await getOnce(current, opts, deadline, timeoutMs);
    if (REDIRECTS.has(r.status) && r.location) {
      if (hop >= maxRedirects) throw new FetchError("redirects", `重定向次数过多（超过 ${maxRedirects} 次）：${url}`);
      let next: URL;
      try {
        next = new URL(r.location, current);
      } catch {
        throw new FetchError("network", `服务器给出的重定向地址无效：${r.location.slice(0, 200)}`);
      }
      current = checkUrl(next, opts.policy); // scheme and IP literal; names in the lookup
      continue;
    }
    return {
      url: current.toString(),
      requestedUrl: url,
      status: r.status,
      notModified: r.status === 304,
      headers: r.headers,
      bytes: r.bytes,
      fetchedAt: new Date(),
    };
  }
}

interface Once {
  status: number;
  location?: string;
  headers: Record<string, string>;
  bytes: Uint8Array;
}

function getOnce(u: URL, opts: GetOptions, deadline: number, timeoutMs: number): Promise<Once> {
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  const headers: Record<string, string> = {
    "user-agent": opts.userAgent ?? DEFAULT_USER_AGENT,
    accept: opts.accept ?? "text/html,application/xhtml+xml,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.8",
    "accept-language": "zh-CN,zh;q=0.9",
    "accept-encoding": "gzip, deflate, br",
  };
  if (opts.etag) headers["if-none-match"] = opts.etag;
  if (opts.lastModified) headers["if-modified-since"] = opts.lastModified;
  const lib = u.protocol === "https:" ? https : http;

  return new Promise<Once>((resolve, reject) => {
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(e);
    };
    const timer = setTimeout(
      () => fail(new FetchError("timeout", `${u.host} 在 ${Number((timeoutMs / 1000).toFixed(1))} 秒内没有传完（超时）：${u}`)),
      Math.max(1, deadline - Date.now()),
    );
    const req = lib.request(
      u,
      {
        method: "GET",
        headers,
        agent: false,
        lookup: guardedLookup(u, opts.policy) as never,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(", ") : v;
        if (REDIRECTS.has(status) || status === 304 || status >= 400) {
          res.resume(); // the body of a redirect or error is not wanted
          if (status >= 400) {
            return fail(new FetchError("http", `${u} 返回 HTTP ${status}${status === 404 ? "（页面不存在）" : ""}`, status, retryAfterMs(h["retry-after"])));
          }
          settled = true;
          clearTimeout(timer);
          return resolve({ status, location: h.location, headers: h, bytes: new Uint8Array() });
        }
        const declared = Number(h["content-length"] ?? NaN);
        if (declared > maxBytes) return fail(tooLarge(u, maxBytes));
        let body: Readable = res;
        const enc = (h["content-encoding"] ?? "").trim().toLowerCase();
        if (enc === "gzip" || enc === "x-gzip") body = res.pipe(zlib.createGunzip());
        else if (enc === "deflate") body = res.pipe(zlib.createInflate());
        else if (enc === "br") body = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        body.on("data", (c: Buffer) => {
          size += c.byteLength;
          if (size > maxBytes) {
            body.destroy();
            fail(tooLarge(u, maxBytes));
          } else chunks.push(c);
        });
        body.on("error", (e) => fail(new FetchError("network", `读取 ${u.host} 的响应时出错：${e.message}`)));
        body.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, headers: h, bytes: new Uint8Array(Buffer.concat(chunks)) });
        });
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e instanceof FetchRefused) return fail(e);
      fail(new FetchError("network", `无法连接 ${u.host}：${e.code ?? e.message}`));
    });
    req.end();
  });
}

const tooLarge = (u: URL, max: number) => new FetchError("too_large", `${u} 的内容超过了 ${formatSize(max)} 的上限，未下载。`);
