/**
 * The last part of the intake form: how the dossier came in, how many sets, the fee inputs the
 * procedure's fee rule needs (pages, copies or cases; exemption), how the result goes back, the
 * receiving officer and a note. react-hook-form fields of IntakeValues.
 */
import { useFormContext } from 'react-hook-form';
import type { Procedure } from '../../../../shared/contract/catalogue.schema';
import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { vi } from '../../../../shared/i18n/vi';
import { TextField } from '../../components/Field';
import type { Channel, IntakeValues, ReturnMethod } from './intake-form';

export function FeeChannelFields({ procedure, unit }: { procedure: Procedure | null; unit: UnitProfile }) {
  const { register, formState } = useFormContext<IntakeValues>();
  const errors = formState.errors;
  const rule = procedure?.feeRule;
  const perCopy = rule?.kind === 'per-copy' || (rule?.kind === 'provincial' && rule.per === 'copy');
  const perCase = rule?.kind === 'per-case' || (rule?.kind === 'provincial' && rule.per === 'case');
  return (
    <fieldset className="form__group">
      <legend>
        {vi.intakeUi.fee} · {vi.intakeUi.channel}
      </legend>
      <div className="form__grid">
        <div className="field">
          <span className="field__label" id="intake-channel-label">
            {vi.intakeUi.channel}
          </span>
          <div className="radio-row" role="radiogroup" aria-labelledby="intake-channel-label">
            {(Object.keys(vi.intakeUi.channels) as Channel[]).map((c) => (
              <label key={c}>
                <input type="radio" value={c} {...register('channel')} /> {vi.intakeUi.channels[c]}
              </label>
            ))}
          </div>
        </div>
        <TextField label={vi.intakeUi.setCount} type="number" min={1} error={errors.setCount?.message} {...register('setCount')} />
        {rule?.kind === 'per-page' ? (
          <>
            <TextField label={vi.intakeUi.pages} type="number" min={1} required error={errors.fee?.pages?.message} {...register('fee.pages')} />
            <TextField label={vi.intakeUi.copies} type="number" min={1} error={errors.fee?.copies?.message} {...register('fee.copies')} />
          </>
        ) : null}
        {perCopy ? <TextField label={vi.intakeUi.copiesPlain} type="number" min={1} error={errors.fee?.copies?.message} {...register('fee.copies')} /> : null}
        {perCase ? <TextField label={vi.intakeUi.cases} type="number" min={1} error={errors.fee?.cases?.message} {...register('fee.cases')} /> : null}
        {rule && rule.kind !== 'free' ? (
          <label className="check">
            <input type="checkbox" {...register('fee.exempt')} /> {vi.intakeUi.exempt}
            {rule.exemptions?.length ? <span className="field__hint"> ({rule.exemptions.join('; ')})</span> : null}
          </label>
        ) : null}
        <div className="field">
          <span className="field__label" id="intake-return-label">
            {vi.intakeUi.returnMethod}
          </span>
          <div className="radio-row" role="radiogroup" aria-labelledby="intake-return-label">
            {(Object.keys(vi.intakeUi.returnMethods) as ReturnMethod[]).map((m) => (
              <label key={m}>
                <input type="radio" value={m} {...register('returnMethod')} /> {vi.intakeUi.returnMethods[m]}
              </label>
            ))}
          </div>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="intake-officer">
            {vi.intakeUi.receivedBy}
          </label>
          <select id="intake-officer" className="field__input" {...register('receivedBy')}>
            {unit.officers.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name}
                {o.title ? ` — ${o.title}` : ''}
              </option>
            ))}
            {unit.officers.length === 0 ? <option value="">—</option> : null}
          </select>
        </div>
        <TextField label={vi.intakeUi.note} className="form__wide" error={errors.note?.message} {...register('note')} />
      </div>
    </fieldset>
  );
}
