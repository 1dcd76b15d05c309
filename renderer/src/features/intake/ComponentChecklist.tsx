/**
 * The procedure's list of papers, one row each: received yes/no, kind, count (react-hook-form fields
 * IntakeValues.components). Rows start unticked: the clerk ticks each paper in hand (Space toggles,
 * Enter goes on to the next field), so a missing required paper is never passed over unseen.
 */
import { useFormContext } from 'react-hook-form';
import { COMPONENT_KIND_LABELS, type Procedure } from '../../../../shared/contract/catalogue.schema';
import { vi } from '../../../../shared/i18n/vi';
import type { IntakeValues } from './intake-form';

export function ComponentChecklist({ procedure }: { procedure: Procedure }) {
  const { register, formState } = useFormContext<IntakeValues>();
  const rowErrors = formState.errors.components;
  // A problem found by the core comes back at "components.N"; the desk's own at "components.N.received".
  const errorOf = (i: number): string | undefined => {
    const e = rowErrors?.[i] as { message?: string; received?: { message?: string } } | undefined;
    return e?.received?.message ?? e?.message;
  };
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
            const error = errorOf(i);
            return (
              <tr key={i} className={error ? 'checklist__row--error' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    id={`component-${i}`}
                    aria-invalid={error ? true : undefined}
                    {...register(`components.${i}.received`)}
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
                    aria-label={`${vi.intakeUi.count}: ${c.name}`}
                    {...register(`components.${i}.countReceived`, { valueAsNumber: true })}
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
