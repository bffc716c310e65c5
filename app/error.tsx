"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="py-10 text-center">
      <h1 className="text-2xl font-semibold">页面出错了</h1>
      <p className="mt-2 text-muted">读取数据时发生错误，请稍后再试。</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-accent px-3 py-1.5 text-white">
        重试
      </button>
    </section>
  );
}
