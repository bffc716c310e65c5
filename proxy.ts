// Content-Security-Policy with a fresh nonce per request. The App Router writes its bootstrap as
// inline <script>s (self.__next_f.push …) and loads chunks from them, so a policy of 'self' alone
// breaks the app, and 'unsafe-inline' would let any injected <script> or onerror= run, which is
// what a CSP is for. A nonce (Next reads it from this request header and puts it on every script
// it writes) with 'strict-dynamic' (scripts those load are trusted too) runs exactly our scripts.
// Costs: every page renders per request (they all read the database anyway). Styles keep
// 'unsafe-inline': React and Recharts set style attributes, which a nonce cannot cover, and a
// style cannot run code. The other headers are in next.config.ts.
//
// Two refusals are made here too, before a page renders: a server action posted from another
// origin (403; Next would throw and answer 500), and a page while the database is down (503 with
// the message and Retry-After, instead of an error page with status 500). The upload API is not
// matched: nothing here needs its body, and a matched request's body is buffered whole first.
import { NextResponse, type NextRequest } from "next/server";
import { OUTAGE_MESSAGE } from "@/lib/db/outage";
import { databaseAccepting } from "@/lib/db/probe";
import { normalisedRangeQuery } from "@/lib/chart-state";
import { EMBED_HEADER, isEmbedPath } from "@/lib/embed";

export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development", frameable = false): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval' only for `next dev` (React's dev tooling); never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Framing by our own pages only, against clickjacking; the embed routes (a chart alone, no
    // forms, no actions) by any site. next.config.ts leaves X-Frame-Options off for them alone.
    frameable ? "frame-ancestors *" : "frame-ancestors 'self'",
  ].join("; ");
}

/**
 * Is the database accepting connections (lib/db/probe.ts: a startup packet, not just an open port —
 * a server recovering after a crash listens but refuses)? Asked at most once a second.
 */
let probe: { at: number; up: Promise<boolean> } | null = null;
function databaseUp(): Promise<boolean> {
  const url = process.env.DATABASE_URL;
  if (!url) return Promise.resolve(true);
  if (probe && Date.now() - probe.at < 1_000) return probe.up;
  probe = { at: Date.now(), up: databaseAccepting(url) };
  return probe.up;
}

const RETRY_SECONDS = 10;
const outagePage = () =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<meta http-equiv="refresh" content="${RETRY_SECONDS}"><title>数据库暂时无法连接 · 公开 gongkai</title></head>` +
  `<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;text-align:center;color:#1f2933">` +
  `<main><h1>数据库暂时无法连接</h1><p>${OUTAGE_MESSAGE}</p><p>本页将在 ${RETRY_SECONDS} 秒后自动重试。</p></main></body></html>`;

/** Host of an Origin header, or null when it is absent or not a URL. */
const originHost = (origin: string | null) => {
  try {
    return origin ? new URL(origin).host : null;
  } catch {
    return "";
  }
};

export async function proxy(request: NextRequest) {
  // A server action from another site: refused here with a clear 403 (Next refuses it too, but by
  // throwing, which answers 500 and logs a stack).
  if (request.method === "POST" && request.headers.has("next-action")) {
    const from = originHost(request.headers.get("origin"));
    const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host");
    if (from !== null && from !== host)
      return new NextResponse("跨站请求被拒绝：只能从本站页面提交。", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  // A page while the database is down: 503 with the message and a retry hint.
  if ((request.method === "GET" || request.method === "HEAD") && (request.headers.get("accept") ?? "").includes("text/html") && !(await databaseUp())) {
    return new NextResponse(outagePage(), {
      status: 503,
      headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(RETRY_SECONDS), "cache-control": "no-store" },
    });
  }
  // A reversed year range (from=2022&to=2020): redirected to the same range in order, so the URL
  // and every label agree.
  const swapped = normalisedRangeQuery(request.nextUrl.searchParams);
  if (swapped) {
    const url = request.nextUrl.clone();
    url.search = swapped.toString();
    return NextResponse.redirect(url, 308);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const embed = isEmbedPath(request.nextUrl.pathname);
  const csp = contentSecurityPolicy(nonce, undefined, embed);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  if (embed) headers.set(EMBED_HEADER, "1");
  else headers.delete(EMBED_HEADER); // never taken from the client
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Not for static files, nor for prefetches (their HTML is not executed), nor for the API
      // (JSON needs no nonce, and the upload API reads its body itself, up to UPLOAD_MAX_BYTES).
      source: "/((?!_next/static|_next/image|favicon.ico|api/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
