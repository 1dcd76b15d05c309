import { forwardRef, useId, useMemo, useState } from 'react';
import type { Procedure } from '../../../../shared/contract/catalogue.schema';
import { searchProcedures } from '../../../../shared/domain/catalogue';
import { limitText } from '../../../../shared/domain/deadline';
import { vi } from '../../../../shared/i18n/vi';

interface ProcedurePickerProps {
  procedures: Procedure[];
  value: Procedure | null;
  onChange(p: Procedure | null): void;
  error?: string;
}

/**
 * Type-ahead over the catalogue, diacritics-insensitive ("chung thuc ban sao"), keyboard-first:
 * ↑/↓ move, Enter picks (and does not submit the form), Esc closes. A WAI-ARIA combobox.
 */
export const ProcedurePicker = forwardRef<HTMLInputElement, ProcedurePickerProps>(function ProcedurePicker({ procedures, value, onChange, error }, ref) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (query.trim() === '' ? procedures.slice(0, 12) : searchProcedures(procedures, query, 12)), [procedures, query]);

  const pick = (p: Procedure) => {
    onChange(p);
    setQuery('');
    setOpen(false);
  };

  return (
    <div className={`field picker${error ? ' field--invalid' : ''}`}>
      <label htmlFor={`${id}-input`} className="field__label">
        {vi.intakeUi.procedure}
        <span className="field__required" aria-hidden="true">
          {' '}
          *
        </span>
      </label>
      {value ? (
        <div className="picker__chosen">
          <div>
            <div className="picker__name">{value.name}</div>
            <div className="picker__meta">
              {value.code} · {value.field} · {limitText(value.limit)}
            </div>
          </div>
        </div>
      ) : null}
      <input
        ref={ref}
        id={`${id}-input`}
        className="field__input"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        placeholder={value ? 'Đổi thủ tục…' : vi.intakeUi.procedurePlaceholder}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
            // (Ctrl+Enter is the intake's save, never a pick.)
            // Enter in the picker picks; it must not submit the dossier half-filled.
            if (open && matches[active]) {
              e.preventDefault();
              pick(matches[active]!);
            } else if (!value) {
              e.preventDefault();
            }
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <div id={`${id}-hint`} className="field__hint">
        {vi.intakeUi.procedureHint}
      </div>
      {open ? (
        <ul id={`${id}-list`} role="listbox" className="picker__list" aria-label={vi.intakeUi.procedure}>
          {matches.length === 0 ? <li className="picker__empty">{vi.intakeUi.noProcedure}</li> : null}
          {matches.map((p, i) => (
            <li
              key={`${p.code}@${p.effectiveFrom}`}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={`picker__option${i === active ? ' picker__option--active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="picker__name">{p.name}</span>
              <span className="picker__meta">
                {p.code} · {p.field} · {limitText(p.limit)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field__error" role={error ? 'alert' : undefined}>
        {error ?? ''}
      </div>
    </div>
  );
});
