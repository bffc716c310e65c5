// A rate in a table with its base beside it ("12.5%（n=8）"); greyed, and said to be left out of
// the ranking, when the base is below the chosen minimum.
import { belowMinBase } from "@/lib/chart-units";
import { formatCount, formatPercent } from "@/lib/format";

export function RateCell({ rate, base, minBase, testKey, className = "" }: { rate: number | null; base: number | null; minBase: number; testKey: string; className?: string }) {
  const low = rate !== null && belowMinBase(base, minBase);
  return (
    <td
      className={`text-right tabular-nums whitespace-nowrap ${low ? "text-muted" : ""} ${className}`}
      data-key={testKey}
      data-base={base ?? ""}
      data-below-base={low ? "" : undefined}
      title={low ? `基数 n=${formatCount(base)}，不足 ${minBase}：不参与排名` : undefined}
    >
      {formatPercent(rate)}
      {rate !== null && <span className="ml-1 text-xs text-muted">（n={formatCount(base)}）</span>}
    </td>
  );
}
