// Content-Security-Policy with a fresh nonce per request. The App Router writes its bootstrap as
// inline <script>s (self.__next_f.push …) and loads chunks from them, so a policy of 'self' alone
// breaks the app, and 'unsafe-inline' would let any injected <script> or onerror= run, which is
// what a CSP is for. A nonce (Next reads it from this request header and puts it on every script
// it writes) with 'strict-dynamic' (scripts those load are trusted too) runs exactly our scripts.
// Costs: every page renders per request (they all read the database anyway). Styles keep
// 'unsafe-inline': React and Recharts set style attributes, which a nonce cannot cover, and a
// style cannot run code. The other headers are in next.config.ts.
import { NextResponse, type NextRequest } from "next/server";
import { normalisedRangeQuery } from "@/lib/chart-state";

export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
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
    // No page is meant to be embedded elsewhere (there is no embed route): framing by our own
    // pages only, against clickjacking.
    "frame-ancestors 'self'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const swapped = normalisedRangeQuery(request.nextUrl.searchParams);
  if (swapped) {
    const url = request.nextUrl.clone();
    url.search = swapped.toString();
    return NextResponse.redirect(url, 308);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Not for static files, nor for prefetches (their HTML is not executed).
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
