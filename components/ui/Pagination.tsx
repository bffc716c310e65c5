import Link from "next/link";
import { formatCount } from "@/lib/format";

/** Server-rendered pager: links built by the caller's serialiser, so the URL keeps every filter. */
export function Pagination({ page, pages, total, href, unit = "个" }: { page: number; pages: number; total: number; href: (page: number) => string; unit?: string }) {
  if (pages <= 1) return null;
  const near = [1, page - 2, page - 1, page, page + 1, page + 2, pages].filter((p, i, a) => p >= 1 && p <= pages && a.indexOf(p) === i).sort((a, b) => a - b);
  return (
    <nav aria-label="分页" className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-muted">
        共 {formatCount(total)} {unit}，第 {page}/{pages} 页
      </span>
      {page > 1 && (
        <Link href={href(page - 1)} rel="prev" className="rounded border border-line bg-white px-2 py-1">
          上一页
        </Link>
      )}
      {near.map((p, i) => (
        <span key={p} className="flex items-center gap-2">
          {i > 0 && near[i - 1] !== p - 1 && <span aria-hidden>…</span>}
          {p === page ? (
            <span aria-current="page" className="rounded bg-accent px-2 py-1 text-white">
              {p}
            </span>
          ) : (
            <Link href={href(p)} className="rounded border border-line bg-white px-2 py-1" aria-label={`第 ${p} 页`}>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pages && (
        <Link href={href(page + 1)} rel="next" className="rounded border border-line bg-white px-2 py-1">
          下一页
        </Link>
      )}
    </nav>
  );
}
