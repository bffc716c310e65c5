"use client";
// A region field: type a name or a six-digit code, pick a suggestion. A chosen suggestion stays
// chosen (it is not searched again); a typed name is resolved on Enter or when the field is left,
// or answered with the regions it could be; nothing typed is ignored silently.
import { useEffect, useId, useState } from "react";
import { resolveRegionAction, suggestRegionsAction } from "@/lib/ingest/actions";

export interface RegionChoice {
  code: string;
  label: string;
}

export function RegionPicker({ current, onChoose, label = "地区（输入名称或六位代码）" }: { current: string; onChoose: (r: RegionChoice | null) => void; label?: string }) {
  const ids = useId();
  const [query, setQuery] = useState("");
  const [suggestions, setSuggestions] = useState<RegionChoice[]>([]);
  const [chosen, setChosen] = useState<RegionChoice | null>(null);
  const [candidates, setCandidates] = useState<RegionChoice[] | null>(null);
  const [note, setNote] = useState("");

  useEffect(() => {
    const q = query.trim();
    if (!q || /^\d{6}$/.test(q) || chosen?.label === query) return;
    const t = setTimeout(() => void suggestRegionsAction(q).then(setSuggestions), 200);
    return () => clearTimeout(t);
  }, [query, chosen]);

  const choose = (r: RegionChoice | null) => {
    setChosen(r);
    setCandidates(null);
    setNote("");
    if (r) setQuery(r.label);
    onChoose(r);
  };

  const resolve = async () => {
    const q = query.trim();
    if (!q || chosen?.label === query) return;
    const hit = suggestions.find((s) => s.label === q);
    if (hit) return choose(hit);
    const answer = await resolveRegionAction(q);
    if (answer.match) return choose(answer.match);
    setChosen(null);
    onChoose(null);
    setCandidates(answer.candidates);
    setNote(answer.candidates.length ? `“${q}”可能是以下地区之一，请选择：` : `没有找到名为“${q}”的地区，请换个写法或输入六位代码。`);
  };

  return (
    <div className="flex flex-col text-sm">
      <label className="flex flex-col">
        {label}
        <input
          list={`${ids}-regions`}
          value={query}
          onChange={(e) => {
            const v = e.target.value;
            setQuery(v);
            const hit = suggestions.find((s) => s.label === v);
            if (hit) choose(hit);
            else if (chosen) {
              setChosen(null);
              onChoose(null);
            }
          }}
          onBlur={() => void resolve()}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void resolve();
            }
          }}
          placeholder={current || "如：聊城市"}
          className="rounded border border-line px-2 py-1"
          name="region"
          data-testid="region-input"
        />
      </label>
      <datalist id={`${ids}-regions`}>
        {suggestions.map((r) => (
          <option key={r.code} value={r.label} />
        ))}
      </datalist>
      <span role="status" aria-live="polite" className="text-xs" data-testid="region-status">
        {chosen ? <span className="text-green-800">已选：{chosen.label}</span> : note && <span className="text-amber-900">{note}</span>}
      </span>
      {candidates && candidates.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-1" data-testid="region-candidates">
          {candidates.map((c) => (
            <li key={c.code}>
              <button type="button" onClick={() => choose(c)} className="rounded border border-line bg-white px-2 py-0.5 text-xs hover:bg-paper">
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
