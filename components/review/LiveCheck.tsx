// The arithmetic checked again while cells are typed: which findings the change settles and which
// it brings (the correction form and the upload preview).
import { findingLabel } from "@/components/dashboard/findings";
import type { CorrectionOutcome } from "@/lib/review/apply";
import type { ParsedReport } from "@/lib/model/report-schema";

export function LiveCheck({ base, outcome }: { base: ParsedReport; outcome: CorrectionOutcome }) {
  return (
    <div aria-live="polite" className="space-y-1 text-sm" data-testid="live-check">
      {outcome.changed.length === 0 ? (
        <p className="text-muted">尚未改动数字。改动后这里即时显示重新核对的结果。</p>
      ) : (
        <p>已改 {outcome.changed.length} 格；重新核对后还有 {outcome.report.flags.length} 条核查提示。</p>
      )}
      {outcome.cleared.length > 0 && (
        <ul data-testid="cleared-findings" className="text-green-800">
          {outcome.cleared.map((f, i) => (
            <li key={i} data-code={f.code}>
              ✓ 消除：{findingLabel(f.code)}
            </li>
          ))}
        </ul>
      )}
      {outcome.added.length > 0 && (
        <ul data-testid="added-findings" className="text-red-800">
          {outcome.added.map((f, i) => (
            <li key={i} data-code={f.code}>
              ✗ 新增：{findingLabel(f.code)} — {f.message}
            </li>
          ))}
        </ul>
      )}
      {base.flags.some((f) => f.code === "carry_mismatch") && <p className="text-xs text-muted">跨年度的结转核对在保存后重新计算。</p>}
    </div>
  );
}
