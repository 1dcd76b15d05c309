/**
 * The fields of each dossier action's dialog (hand-over, supplement, result, return, close, extend)
 * and the channel input they make. DossierScreen owns the dialog; this file owns what is in it.
 */
import type { Tracking, TrackingAction } from '../../../../shared/contract/tracking.schema';
import { vi } from '../../../../shared/i18n/vi';
import { DateTimeField } from '../../components/DateField';
import { TextField } from '../../components/Field';
import { shortLocal } from './format';
import { HandOverFields } from '../handover/HandOverFields';
import { ReturnFields } from './ReturnFields';

const t = vi.tracking;

export type Values = Record<string, string>;

function Area({ label, name, values, set, error }: { label: string; name: string; values: Values; set(n: string, v: string): void; error?: string }) {
  const id = `tracking-${name}`;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea id={id} className="field__input" rows={3} value={values[name] ?? ''} onChange={(e) => set(name, e.target.value)} aria-invalid={error ? true : undefined} />
      <div className="field__error">{error ?? ''}</div>
    </div>
  );
}

function Check({ label, name, values, set }: { label: string; name: string; values: Values; set(n: string, v: string): void }) {
  return (
    <label className="tracking-check">
      <input type="checkbox" checked={values[name] === '1'} onChange={(e) => set(name, e.target.checked ? '1' : '')} /> {label}
    </label>
  );
}

/** The input each action sends, built from the dialog's fields. */
export function buildInput(action: TrackingAction, d: Tracking, v: Values): { channel: string; input: Record<string, unknown> } {
  const base = { code: d.code, version: d.version };
  switch (action) {
    case 'handOver':
      return {
        channel: 'tracking.handOver',
        // The giver is the signed-in officer (the core sets it); the receiver comes from the admin's list when there is one.
        input: {
          ...base,
          stepName: v.stepName ?? '',
          ...(v.recipientId ? { recipientId: v.recipientId } : { agency: v.agency ?? v.department ?? '', receiver: v.receiver ?? '' }),
          allowedDays: v.allowedDays ? Number(v.allowedDays) : undefined,
          note: v.note,
        },
      };
    case 'requestSupplement':
      return { channel: 'tracking.requestSupplement', input: { ...base, reason: v.reason ?? '', missing: (v.missing ?? '').split('\n').map((s) => s.trim()).filter(Boolean) } };
    case 'supplySupplement':
      return { channel: 'tracking.supplySupplement', input: { ...base, note: v.note } };
    case 'resultReady':
      return { channel: 'tracking.resultReady', input: { ...base, hasElectronicResult: v.electronic === '1', note: v.note } };
    case 'return':
      return {
        channel: 'tracking.return',
        input: {
          ...base,
          collector: { isApplicant: v.other !== '1', fullName: v.collectorName, idNumber: v.collectorId, relation: v.collectorRelation, authorisation: v.authorisation },
          feeCollected: v.fee === '1',
          note: v.note,
        },
      };
    case 'refuse':
    case 'stop':
    case 'withdraw':
      return { channel: `tracking.${action}`, input: { ...base, reason: v.reason ?? '', signer: v.signer, note: v.note } };
    case 'extend':
      return { channel: 'tracking.extend', input: { ...base, newDue: v.newDue ?? '', reason: v.reason ?? '', signer: v.signer, lateAcknowledged: v.late === '1' } };
    case 'rate':
      return { channel: 'tracking.rate', input: { code: d.code, rating: v.rating } };
  }
}

export function ActionForm({ action, d, values, set, issues }: { action: TrackingAction; d: Tracking; values: Values; set(n: string, v: string): void; issues: Record<string, string> }) {
  const f = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} value={values[name] ?? ''} onChange={(e) => set(name, e.target.value)} error={issues[name]} {...extra} />
  );
  switch (action) {
    case 'handOver':
      return (
        <>
          {f('stepName', t.stepName, { hint: t.stepNameHint, required: true, autoFocus: true })}
          <HandOverFields values={values} set={set} issues={issues} />
          {f('allowedDays', t.allowedDaysLabel, { type: 'number', min: 0, max: 365 })}
          {f('note', t.note)}
        </>
      );
    case 'requestSupplement':
      return (
        <>
          {d.supplementCount >= 1 ? <p className="tracking-warning">{t.secondSupplement}</p> : null}
          <Area label={t.missing} name="missing" values={values} set={set} error={issues.missing} />
          {f('reason', t.reason, { required: true })}
        </>
      );
    case 'resultReady':
      return (
        <>
          <Check label={t.electronicResult} name="electronic" values={values} set={set} />
          {f('note', t.note)}
        </>
      );
    case 'return':
      return <ReturnFields d={d} values={values} set={set} issues={issues} />;
    case 'refuse':
    case 'stop':
    case 'withdraw':
      return (
        <>
          {f('reason', t.reason, { required: true, autoFocus: true })}
          {action === 'stop' ? f('signer', t.signer) : null}
        </>
      );
    case 'extend':
      return (
        <>
          <p className="form__hint">
            {t.due}: {shortLocal(d.dueLocal)}
          </p>
          <DateTimeField label={t.newDue} value={values.newDue ?? ''} onChange={(v) => set('newDue', v)} error={issues.newDue} />
          {f('reason', t.reason, { required: true })}
          {f('signer', t.signer)}
          {d.overdue ? <Check label={t.lateAcknowledged} name="late" values={values} set={set} /> : null}
        </>
      );
    default:
      return f('note', t.note);
  }
}
