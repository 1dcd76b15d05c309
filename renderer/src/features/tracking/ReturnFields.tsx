import type { Tracking } from '../../../../shared/contract/tracking.schema';
import { formatVnd } from '../../../../shared/domain/fees';
import { vi } from '../../../../shared/i18n/vi';
import { TextField } from '../../components/Field';

const t = vi.tracking;
const c = vi.collect;

/**
 * The return dialog's fields (issue 14 item 14): who collects the result — the applicant, or a person
 * they authorised, with that person's ID number, relation and the authorisation paper — and, when the
 * procedure has a fee, the clerk's confirmation that it was collected.
 */
export function ReturnFields({ d, values, set, issues }: { d: Tracking; values: Record<string, string>; set(name: string, value: string): void; issues: Record<string, string> }) {
  const other = values.other === '1';
  const text = (name: string, label: string, issue: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} required value={values[name] ?? ''} onChange={(e) => set(name, e.target.value)} error={issues[issue]} {...extra} />
  );
  return (
    <>
      <fieldset className="tracking-collector">
        <legend>{c.whoTitle}</legend>
        <label className="tracking-check">
          <input type="radio" name="collector" checked={!other} onChange={() => set('other', '')} autoFocus={!other} /> {c.applicant}:{' '}
          <strong>{d.applicantName}</strong> · {d.applicantIdNumber}
        </label>
        <label className="tracking-check">
          <input type="radio" name="collector" checked={other} onChange={() => set('other', '1')} /> {c.authorised}
        </label>
      </fieldset>
      {other ? (
        <>
          {text('collectorName', t.collectorName, 'collector.fullName')}
          {text('collectorId', t.collectorId, 'collector.idNumber', { hint: c.idHint, inputMode: 'numeric' })}
          {text('collectorRelation', t.collectorRelation, 'collector.relation')}
          {text('authorisation', c.authorisation, 'collector.authorisation', { hint: c.authorisationHint })}
        </>
      ) : null}
      {d.feeAmount > 0 ? (
        <div className={`field${issues.feeCollected ? ' field--invalid' : ''}`}>
          <label className="tracking-check">
            <input type="checkbox" checked={values.fee === '1'} onChange={(e) => set('fee', e.target.checked ? '1' : '')} aria-invalid={issues.feeCollected ? true : undefined} />{' '}
            {c.feeConfirm(formatVnd(d.feeAmount))}
          </label>
          <div className="field__error">{issues.feeCollected ?? ''}</div>
        </div>
      ) : (
        <p className="form__hint">{c.feeNone}</p>
      )}
      <TextField label={t.note} value={values.note ?? ''} onChange={(e) => set('note', e.target.value)} />
    </>
  );
}
