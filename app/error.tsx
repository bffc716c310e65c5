"use client";

import { DATABASE_UNAVAILABLE, OUTAGE_MESSAGE } from "@/lib/db/outage";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const outage = error.digest === DATABASE_UNAVAILABLE;
  return (
    <section className="py-10 text-center" role="alert">
      <h1 className="text-2xl font-semibold">{outage ? "数据库暂时无法连接" : "页面出错了"}</h1>
      <p className="mt-2 text-muted">{outage ? OUTAGE_MESSAGE : "读取数据时发生错误，请稍后再试。"}</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-accent px-3 py-1.5 text-white">
        重试
      </button>
    </section>
  );
}
