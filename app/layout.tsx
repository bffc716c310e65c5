import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "公开 · 政府信息公开年报数据", template: "%s · 公开" },
  description: "读取、核对、比较各级行政机关的政府信息公开工作年度报告。",
};

const NAV = [
  { href: "/", label: "概览" },
  { href: "/agencies", label: "机关" },
  { href: "/data.csv", label: "下载数据" },
];

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen antialiased">
        <header className="border-b border-line bg-white">
          <nav aria-label="主导航" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
            <Link href="/" className="text-lg font-semibold text-ink no-underline">
              公开<span className="ml-2 text-sm font-normal text-muted">政府信息公开年报数据</span>
            </Link>
            <ul className="ml-auto flex gap-4 text-sm">
              {NAV.map((n) => (
                <li key={n.href}>
                  {n.href.endsWith(".csv") ? (
                    <a href={n.href} className="hover:underline">
                      {n.label}
                    </a>
                  ) : (
                    <Link href={n.href} className="hover:underline">
                      {n.label}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
        <footer className="mx-auto max-w-6xl px-4 py-8 text-xs text-muted">
          数据来自各机关公开发布的政府信息公开工作年度报告，原文逐字保存；数字与原表不符之处以“核查提示”标出，不作修改。
        </footer>
      </body>
    </html>
  );
}
