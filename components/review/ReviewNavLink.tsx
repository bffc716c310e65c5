// The header's link to the review queue, with how many reports wait there.
import Link from "next/link";
import { connection } from "next/server";
import { reviewCount } from "@/lib/queries/review";
import { formatCount } from "@/lib/format";

export async function ReviewNavLink() {
  await connection(); // counted per request, never at build time
  const n = await reviewCount();
  return (
    <Link href="/review" prefetch={false} className="hover:underline" data-testid="nav-review">
      待核查
      {n ? (
        <span className="ml-1 rounded-full bg-amber-100 px-1.5 text-xs text-amber-900" aria-label={`${n} 份`} data-testid="nav-review-count">
          {formatCount(n)}
        </span>
      ) : null}
    </Link>
  );
}
