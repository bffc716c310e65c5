// The header row of a statistics table: a corner cell naming the rows, then one cell per column.
export function ColumnHeads({ corner, cornerClassName = "", columns }: { corner: string; cornerClassName?: string; columns: Array<{ key: string; label: string }> }) {
  return (
    <thead>
      <tr className="border-b border-line text-muted">
        <th scope="col" className={`${cornerClassName} text-left font-normal`.trim()}>
          {corner}
        </th>
        {columns.map((c) => (
          <th key={c.key} scope="col" className="px-1 font-normal">
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
