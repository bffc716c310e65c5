// A white card with a heading that names it for screen readers (aria-labelledby).
export function Panel({ id, title, children }: { id: string; title: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-line bg-white p-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="font-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}
