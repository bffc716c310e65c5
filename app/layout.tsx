import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Suspense } from "react";
import { ReviewNavLink } from "@/components/review/ReviewNavLink";
import { HeaderSearch } from "@/components/ui/HeaderSearch";
import { publicBaseUrl } from "@/lib/public-url";
import { EMBED_HEADER } from "@/lib/embed";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: { default: "公开 · 政府信息公开年报数据", template: "%s · 公开" },
    description: "读取、核对、比较各级行政机关的政府信息公开工作年度报告。",
    // Share cards need absolute URLs: GONGKAI_PUBLIC_URL, else the request's host.
    metadataBase: publicBaseUrl(await headers()),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const NAV = [
  { href: "/", label: "概览" },
  { href: "/agencies", label: "机关" },
  { href: "/compare", label: "比较" },
  { href: "/coverage", label: "覆盖" },
  { href: "/review", label: "待核查", review: true },
  { href: "/upload", label: "上传" },
  { href: "/data.csv", label: "下载数据", file: true },
];

// Without JavaScript no chart is drawn and its buttons do nothing: every chart's data table is
// shown instead (unlayered !important beats the utility class that hides it).
const NO_SCRIPT_CSS = "[data-chart-table]{display:block!important}[data-chart-plot]{display:none!important}";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // An embedded chart (/embed/…, marked by proxy.ts) stands alone: no navigation, no footer.
  if ((await headers()).get(EMBED_HEADER)) {
    return (
      <html lang="zh-CN">
        <body className="antialiased">
          <noscript>
            <style>{NO_SCRIPT_CSS}</style>
          </noscript>
          <main id="main" className="p-2">
            {children}
          </main>
        </body>
      </html>
    );
  }
  return (
    <html lang="zh-CN">
      <body className="min-h-screen antialiased">
        <noscript>
          <style>{NO_SCRIPT_CSS}</style>
        </noscript>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
          跳到正文
        </a>
        <header className="border-b border-line bg-white">
          <nav aria-label="主导航" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            {/* No prefetch in the header: every page is rendered per request, and prefetching the
                nine pages the header links to on each page view made the server render them all
                while the page's own chart was still loading. */}
            <Link href="/" prefetch={false} className="text-lg font-semibold text-ink no-underline">
              公开<span className="ml-2 hidden text-sm font-normal text-muted sm:inline">政府信息公开年报数据</span>
            </Link>
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm sm:ml-auto">
              {NAV.map((n) => (
                <li key={n.href}>
                  {n.review ? (
                    <Suspense fallback={<Link href={n.href} prefetch={false} className="hover:underline">{n.label}</Link>}>
                      <ReviewNavLink />
                    </Suspense>
                  ) : n.file ? (
                    <a href={n.href} className="hover:underline">
                      {n.label}
                    </a>
                  ) : (
                    <Link href={n.href} prefetch={false} className="hover:underline">
                      {n.label}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <div className="mx-auto max-w-6xl px-4 pb-3 sm:-mt-1">
            <HeaderSearch />
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 py-8 text-xs text-muted">
          数据来自各机关公开发布的政府信息公开工作年度报告，原文逐字保存；数字与原表不符之处以“核查提示”标出，不作修改。
        </footer>
      </body>
    </html>
  );
}
