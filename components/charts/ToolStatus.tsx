// Under a chart's toolbar: what the last action did (read out by screen readers), and, when the
// clipboard refused, the text to copy by hand. Shared by the charts and the map.
export function ToolStatus({ id, status, fallback }: { id: string; status: string; fallback: { label: string; text: string } | null }) {
  return (
    <>
      <p role="status" aria-live="polite" className="min-h-5 text-right text-xs text-muted">
        {status}
      </p>
      {fallback && (
        <label className="mt-1 block text-xs">
          <span className="sr-only">{fallback.label}</span>
          <input readOnly value={fallback.text} className="w-full rounded border border-line px-2 py-1" onFocus={(e) => e.currentTarget.select()} data-testid={`copy-fallback-${id}`} />
        </label>
      )}
    </>
  );
}
