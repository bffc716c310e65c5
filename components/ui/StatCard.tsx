// A headline number with its change from the previous year.
export function StatCard({
  label,
  value,
  change,
  changeLabel,
  hint,
  testId,
}: {
  label: string;
  value: string;
  change?: string | null;
  changeLabel?: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <div className="rounded-lg border border-line bg-white p-4" data-testid={testId}>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {change && (
        <dd className="mt-0.5 text-xs text-muted">
          {changeLabel ?? "较上年"} <span className="font-medium text-ink">{change}</span>
        </dd>
      )}
      {hint && <dd className="mt-0.5 text-xs text-muted">{hint}</dd>}
    </div>
  );
}
