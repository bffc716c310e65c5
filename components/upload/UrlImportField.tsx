"use client";
// 从网址导入: one report page URL per line (or several separated by spaces). The server fetches
// each page, and its attachment when the report is in one, and previews it like a file.
import { useState } from "react";

const MAX_URLS = 20;

/** The URLs in what was typed or pasted: one per line or separated by spaces, each once. */
export function urlsIn(text: string): string[] {
  return [...new Set(text.split(/[\s，,]+/).map((s) => s.trim()).filter(Boolean))].slice(0, MAX_URLS);
}

export function UrlImportField({ onAdd }: { onAdd: (urls: string[]) => void }) {
  const [text, setText] = useState("");
  const urls = urlsIn(text);
  return (
    <form
      className="flex flex-col"
      onSubmit={(e) => {
        e.preventDefault();
        if (urls.length === 0) return;
        onAdd(urls);
        setText("");
      }}
    >
      <label htmlFor="import-url" className="text-sm">
        或从网址导入
      </label>
      <div className="mt-1 flex gap-2">
        <textarea
          id="import-url"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={1}
          className="min-w-0 flex-1 rounded border border-line p-2 text-xs"
          placeholder="https://www.example.gov.cn/…/2023年政府信息公开工作年度报告.html（可多个，每行一个）"
          data-testid="url-input"
        />
        <button type="submit" disabled={urls.length === 0} className="self-start rounded bg-accent px-3 py-1.5 text-sm text-white disabled:opacity-40">
          读取网址
        </button>
      </div>
      <p className="mt-1 text-xs text-muted">年报所在的网页，或 PDF、Word 附件的地址；网页里没有统计表时会读取它的附件。只能导入公网上的网站。</p>
    </form>
  );
}
