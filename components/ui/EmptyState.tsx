import Link from "next/link";

/** What a page says when there is nothing to show, with where to go next. */
export function EmptyState({ title, children, action }: { title: string; children?: React.ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="rounded-lg border border-dashed border-line bg-white p-6 text-center" data-testid="empty-state">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 text-sm text-muted">{children}</div>}
      {action && (
        <p className="mt-3">
          <Link href={action.href} className="font-medium">
            {action.label} →
          </Link>
        </p>
      )}
    </div>
  );
}
