import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Applicant } from '../../../../shared/contract/intake.schema';
import { checkPersonalId, describeCccd } from '../../../../shared/domain/cccd';
import { checkPhone } from '../../../../shared/domain/phone';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DateField } from '../../components/DateField';
import { TextField } from '../../components/Field';
import { rpc } from '../../rpc/client';

export interface ApplicantDraft {
  id?: string;
  fullName: string;
  idKind: 'cccd' | 'cmnd' | 'passport' | 'other';
  idNumber: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  address: string;
}

export const EMPTY_APPLICANT: ApplicantDraft = { fullName: '', idKind: 'cccd', idNumber: '', dateOfBirth: '', phone: '', email: '', address: '' };

interface Props {
  value: ApplicantDraft;
  onChange(next: ApplicantDraft): void;
  errors: Record<string, string>;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** What the ID number says, shown as the clerk types: decoded facts, a warning, or the problem. */
function idFeedback(a: ApplicantDraft): { hint?: string; error?: string } {
  if (a.idNumber.trim() === '' || (a.idKind !== 'cccd' && a.idKind !== 'cmnd')) return {};
  const check = checkPersonalId(a.idNumber, a.dateOfBirth || undefined);
  if (check.kind === 'invalid') return { error: check.error };
  if (a.idKind === 'cccd' && check.kind !== 'cccd') return { error: vi.intake.cccdDigits };
  const facts = check.decoded ? describeCccd(check.decoded) : '';
  return { hint: [facts, ...check.warnings].filter(Boolean).join(' · ') || undefined };
}

export function ApplicantFields({ value, onChange, errors }: Props) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const found = useQuery({
    queryKey: ['applicants.search', q],
    queryFn: () => rpc.invoke('applicants.search', { query: q, limit: 6 }),
    enabled: q.length >= 2,
  });
  const set = (patch: Partial<ApplicantDraft>) => onChange({ ...value, ...patch });
  const use = (a: Applicant) => {
    onChange({ id: a.id, fullName: a.fullName, idKind: a.idKind, idNumber: a.idNumber, dateOfBirth: a.dateOfBirth, phone: a.phone, email: a.email, address: a.address });
    setQuery('');
  };
  const idInfo = idFeedback(value);
  const phoneError = value.phone.trim() !== '' ? (() => {
    const p = checkPhone(value.phone);
    return p.ok ? undefined : p.error;
  })() : undefined;

  return (
    <fieldset className="form__group">
      <legend>{vi.intakeUi.applicant}</legend>
      {value.id ? (
        <div className="intake__reuse" role="status">
          <span>{vi.intakeUi.reusing(value.fullName)}</span>
          <Button variant="ghost" onClick={() => onChange({ ...EMPTY_APPLICANT })}>
            {vi.intakeUi.clearApplicant}
          </Button>
        </div>
      ) : (
        <div className="intake__finder">
          <TextField label={vi.intakeUi.findApplicant} hint={vi.intakeUi.findApplicantHint} value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
          {found.data && found.data.length > 0 && q.length >= 2 ? (
            <ul className="intake__matches" aria-label={vi.intakeUi.findApplicant}>
              {found.data.map((a) => (
                <li key={a.id}>
                  <button type="button" className="intake__match" onClick={() => use(a)} aria-label={vi.intakeUi.useApplicant(a.fullName)}>
                    <strong>{a.fullName}</strong>
                    <span>
                      {a.idNumber || '—'} · {a.phone || '—'} · {a.address || '—'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      <div className="form__grid">
        <TextField label={vi.intakeUi.fullName} required value={value.fullName} onChange={(e) => set({ fullName: e.target.value })} error={errors['applicant.fullName']} autoComplete="off" />
        <div className="field">
          <label className="field__label" htmlFor="intake-id-kind">
            {vi.intakeUi.idKind}
          </label>
          <select id="intake-id-kind" className="field__input" value={value.idKind} onChange={(e) => set({ idKind: e.target.value as ApplicantDraft['idKind'] })}>
            {(Object.keys(vi.intakeUi.idKinds) as Array<keyof typeof vi.intakeUi.idKinds>).map((k) => (
              <option key={k} value={k}>
                {vi.intakeUi.idKinds[k]}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={vi.intakeUi.idNumber}
          required={value.idKind === 'cccd' || value.idKind === 'cmnd'}
          inputMode={value.idKind === 'cccd' || value.idKind === 'cmnd' ? 'numeric' : undefined}
          value={value.idNumber}
          onChange={(e) => set({ idNumber: e.target.value })}
          hint={idInfo.hint}
          error={errors['applicant.idNumber'] ?? idInfo.error}
          autoComplete="off"
        />
        <DateField label={vi.intakeUi.dateOfBirth} value={value.dateOfBirth} onChange={(dateOfBirth) => set({ dateOfBirth })} error={errors['applicant.dateOfBirth']} maxYear={new Date().getFullYear()} />
        <TextField label={vi.intakeUi.phone} type="tel" value={value.phone} onChange={(e) => set({ phone: e.target.value })} error={errors['applicant.phone'] ?? phoneError} />
        <TextField label={vi.intakeUi.email} type="email" value={value.email} onChange={(e) => set({ email: e.target.value })} error={errors['applicant.email']} />
        <TextField label={vi.intakeUi.address} className="form__wide" value={value.address} onChange={(e) => set({ address: e.target.value })} error={errors['applicant.address']} />
      </div>
    </fieldset>
  );
}
