// A labelled <select> for the filter bars: the label above (or beside, `inline`) and an optional
// blank first option meaning "no filter" (onChange gets null for it).
export const fieldClass = "rounded border border-line bg-white px-2 py-1.5 text-sm";

export interface SelectOption {
  value: string | number;
  label: string;
}

export interface SelectProps {
  label: string;
  value: string | number | null;
  options: SelectOption[];
  /** Text of the empty option; omit when a value is always chosen. */
  blank?: string;
  onChange: (value: string | null) => void;
  testId?: string;
  disabled?: boolean;
  inline?: boolean;
  className?: string;
}

export function Select(p: SelectProps) {
  return (
    <label className={p.inline ? "flex items-center gap-1 text-sm" : "flex flex-col text-xs text-muted"}>
      {p.inline ? <span className="text-muted">{p.label}</span> : p.label}
      <select
        className={`${fieldClass} ${p.className ?? ""}`}
        value={p.value ?? ""}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.value || null)}
        data-testid={p.testId}
      >
        {p.blank !== undefined && <option value="">{p.blank}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export const yearOptions = (years: number[]): SelectOption[] => years.map((y) => ({ value: y, label: String(y) }));

/** A year from a select's value (null = no limit). */
export const toYear = (v: string | null) => (v ? Number(v) : null);
