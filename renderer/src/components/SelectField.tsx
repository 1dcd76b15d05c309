/** A labelled drop-down with an "any" first choice, drawn like the text fields (filters of the search screens). */
import type { ChangeEvent } from 'react';

export function SelectField({ label, value, onChange, options, anyLabel }: { label: string; value: string; onChange(v: string): void; options: Array<[string, string]>; anyLabel: string }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select className="field__input" value={value} onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value)}>
        <option value="">{anyLabel}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}
