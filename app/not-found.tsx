import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  await connection(); // rendered per request, so its scripts carry the CSP nonce (proxy.ts)
  return (
    <section className="py-10 text-center">
      <p className="text-sm text-muted">404</p>
      <h1 className="mt-1 text-2xl font-semibold">找不到这个页面</h1>
      <p className="mt-2 text-muted">链接可能有误，或者这条记录已不存在。</p>
      <p className="mt-4 flex justify-center gap-4">
        <Link href="/">返回概览</Link>
        <Link href="/agencies">浏览机关</Link>
      </p>
    </section>
  );
}
