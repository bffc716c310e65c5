// The compare chart alone, for other sites' iframes: the same query parameters as /compare.
import type { Metadata } from "next";
import { CompareChart, compareTitle } from "@/components/compare/CompareChart";
import { EmbedFrame } from "@/components/charts/EmbedFrame";
import { EmptyState } from "@/components/ui/EmptyState";
import { compareShareUrl, loadCompare, orderedYears, type CompareState } from "@/lib/chart-state";
import { getCompare } from "@/lib/queries/compare";
import { lastImported } from "@/lib/queries/updated";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(searchParams: Props["searchParams"]) {
  const raw = loadCompare(await searchParams);
  const s: CompareState = { ...raw, ...orderedYears(raw.from, raw.to), q: "" };
  const [data, updatedAt] = await Promise.all([
    getCompare({ agencies: s.agencies, stat: s.stat, from: s.from, to: s.to }),
    s.agencies.length ? lastImported({ agencies: s.agencies }) : null,
  ]);
  return { s, data, updatedAt };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { data } = await load(searchParams);
  return { title: compareTitle(data), robots: { index: false } };
}

export default async function EmbedCompare({ searchParams }: Props) {
  const { s, data, updatedAt } = await load(searchParams);
  return (
    <EmbedFrame href={compareShareUrl(s)}>
      {data.agencies.length ? <CompareChart data={data} s={s} updatedAt={updatedAt} /> : <EmptyState title="这个链接没有选择要比较的机关" />}
    </EmbedFrame>
  );
}
