import { COMPONENT_KIND_LABELS, type Procedure } from '../../../../shared/contract/catalogue.schema';
import { vi } from '../../../../shared/i18n/vi';

export interface ComponentTick {
  received: boolean;
  countReceived: number;
}

interface Props {
  procedure: Procedure;
  ticks: ComponentTick[];
  onChange(ticks: ComponentTick[]): void;
  errors: Record<string, string>;
}

/** The procedure's list of papers, one row each: received yes/no, kind, count. Space toggles a row. */
export function ComponentChecklist({ procedure, ticks, onChange, errors }: Props) {
  const update = (i: number, patch: Partial<ComponentTick>) => onChange(ticks.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <fieldset className="form__group">
      <legend>{vi.intakeUi.components}</legend>
      <p className="form__hint">{vi.intakeUi.componentsHint}</p>
      <table className="table table--compact checklist">
        <thead>
          <tr>
            <th scope="col">{vi.intakeUi.received}</th>
            <th scope="col">Giấy tờ</th>
            <th scope="col">Loại bản</th>
            <th scope="col" style={{ textAlign: 'right' }}>
              {vi.intakeUi.count}
            </th>
          </tr>
        </thead>
        <tbody>
          {procedure.components.map((c, i) => {
            const tick = ticks[i] ?? { received: false, countReceived: c.count };
            const error = errors[`components.${i}`];
            return (
              <tr key={i} className={error ? 'checklist__row--error' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    id={`component-${i}`}
                    checked={tick.received}
                    onChange={(e) => update(i, { received: e.target.checked })}
                    aria-describedby={error ? `component-${i}-error` : undefined}
                  />
                </td>
                <td>
                  <label htmlFor={`component-${i}`}>
                    {c.name}
                    {c.required ? <span className="checklist__required"> ({vi.intakeUi.requiredMark})</span> : null}
                  </label>
                  {c.note ? <div className="field__hint">{c.note}</div> : null}
                  {error ? (
                    <div id={`component-${i}-error`} className="field__error" role="alert">
                      {error}
                    </div>
                  ) : null}
                </td>
                <td>{COMPONENT_KIND_LABELS[c.kind]}</td>
                <td style={{ textAlign: 'right' }}>
                  <input
                    type="number"
                    className="field__input checklist__count"
                    min={1}
                    max={99}
                    value={tick.countReceived}
                    aria-label={`${vi.intakeUi.count}: ${c.name}`}
                    onChange={(e) => update(i, { countReceived: Math.max(1, Number(e.target.value) || 1) })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
