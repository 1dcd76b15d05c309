/**
 * The applicant part of the intake form (react-hook-form fields of IntakeValues.applicant): find an
 * earlier applicant, or type name, ID, date of birth, phone, e-mail and address. What the ID number
 * says is shown as the clerk types; a CCCD that decodes with doubts asks for a confirmation tick.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import type { Applicant } from '../../../../shared/contract/intake.schema';
import { checkPersonalId, describeCccd } from '../../../../shared/domain/cccd';
import { checkPhone } from '../../../../shared/domain/phone';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DateField } from '../../components/DateField';
import { TextField } from '../../components/Field';
import { rpc } from '../../rpc/client';
import { EMPTY_APPLICANT, idNeedsConfirmation, type ApplicantValues, type IntakeValues } from './intake-form';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** What the ID number says, shown as the clerk types: decoded facts, a warning, or the problem. */
function idFeedback(a: ApplicantValues): { hint?: string; error?: string } {
  if (a.idNumber.trim() === '' || (a.idKind !== 'cccd' && a.idKind !== 'cmnd')) return {};
  const check = checkPersonalId(a.idNumber, a.dateOfBirth || undefined);
  if (check.kind === 'invalid') return { error: check.error };
  if (a.idKind === 'cccd' && check.kind !== 'cccd') return { error: vi.intake.cccdDigits };
  const facts = check.decoded ? describeCccd(check.decoded) : '';
  return { hint: [facts, ...check.warnings].filter(Boolean).join(' · ') || undefined };
}

export function ApplicantFields({ onDobProblem }: { onDobProblem(problem: string): void }) {
  const { register, control, setValue, formState } = useFormContext<IntakeValues>();
  const value = useWatch({ control, name: 'applicant' });
  const errors = formState.errors.applicant ?? {};
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const matchesRef = useRef<HTMLUListElement>(null);
  const found = useQuery({
    queryKey: ['applicants.search', q],
    queryFn: () => rpc.invoke('applicants.search', { query: q, limit: 6 }),
    enabled: q.length >= 2,
  });
  const matches = found.data && q.length >= 2 ? found.data : [];
  const replace = (next: ApplicantValues) => setValue('applicant', next, { shouldValidate: formState.isSubmitted, shouldDirty: true });
  const use = (a: Applicant) => {
    replace({ id: a.id, fullName: a.fullName, idKind: a.idKind, idNumber: a.idNumber, dateOfBirth: a.dateOfBirth, phone: a.phone, email: a.email, address: a.address, idConfirmed: false });
    setQuery('');
  };
  const idInfo = idFeedback(value);
  const phoneCheck = value.phone.trim() !== '' ? checkPhone(value.phone) : null;
  const phoneError = phoneCheck && !phoneCheck.ok ? phoneCheck.error : undefined;
  const personalId = value.idKind === 'cccd' || value.idKind === 'cmnd';

  return (
    <fieldset className="form__group">
      <legend>{vi.intakeUi.applicant}</legend>
      {value.id ? (
        <div className="intake__reuse" role="status">
          <span>{vi.intakeUi.reusing(value.fullName)}</span>
          <Button variant="ghost" onClick={() => replace({ ...EMPTY_APPLICANT })}>
            {vi.intakeUi.clearApplicant}
          </Button>
        </div>
      ) : (
        <div className="intake__finder">
          <TextField
            label={vi.intakeUi.findApplicant}
            hint={vi.intakeUi.findApplicantHint}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            onKeyDown={(e) => {
              // ↓ goes into the list; Enter takes the only match (with several, the clerk picks one).
              if (e.key === 'ArrowDown' && matches.length > 0) {
                e.preventDefault();
                matchesRef.current?.querySelector('button')?.focus();
              } else if (e.key === 'Enter' && !e.ctrlKey && matches.length === 1) {
                e.preventDefault();
                use(matches[0]!);
              }
            }}
          />
          {matches.length > 0 ? (
            <ul ref={matchesRef} className="intake__matches" aria-label={vi.intakeUi.findApplicant}>
              {matches.map((a) => (
                <li key={a.id}>
                  <button
                    type="button"
                    className="intake__match"
                    onClick={() => use(a)}
                    aria-label={vi.intakeUi.useApplicant(a.fullName)}
                    onKeyDown={(e) => {
                      const li = e.currentTarget.parentElement;
                      const to = e.key === 'ArrowDown' ? li?.nextElementSibling : e.key === 'ArrowUp' ? li?.previousElementSibling : null;
                      if (to) {
                        e.preventDefault();
                        to.querySelector('button')?.focus();
                      }
                    }}
                  >
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
        <TextField label={vi.intakeUi.fullName} required error={errors.fullName?.message} autoComplete="off" {...register('applicant.fullName')} />
        <div className="field">
          <label className="field__label" htmlFor="intake-id-kind">
            {vi.intakeUi.idKind}
          </label>
          <select id="intake-id-kind" className="field__input" {...register('applicant.idKind')}>
            {(Object.keys(vi.intakeUi.idKinds) as Array<keyof typeof vi.intakeUi.idKinds>).map((k) => (
              <option key={k} value={k}>
                {vi.intakeUi.idKinds[k]}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={vi.intakeUi.idNumber}
          required={personalId}
          inputMode={personalId ? 'numeric' : undefined}
          hint={idInfo.hint}
          error={errors.idNumber?.message ?? idInfo.error}
          autoComplete="off"
          {...register('applicant.idNumber')}
        />
        <Controller
          control={control}
          name="applicant.dateOfBirth"
          render={({ field }) => (
            <DateField
              ref={field.ref}
              label={vi.intakeUi.dateOfBirth}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              onValidity={onDobProblem}
              error={errors.dateOfBirth?.message}
              maxYear={new Date().getFullYear()}
            />
          )}
        />
        {idNeedsConfirmation(value) ? (
          <div className={`field form__wide${errors.idConfirmed ? ' field--invalid' : ''}`}>
            <label className="check">
              <input type="checkbox" aria-describedby="intake-id-confirm-error" {...register('applicant.idConfirmed')} /> {vi.intakeUi.idConfirm}
            </label>
            <div id="intake-id-confirm-error" className="field__error" role={errors.idConfirmed ? 'alert' : undefined}>
              {errors.idConfirmed?.message ?? ''}
            </div>
          </div>
        ) : null}
        <TextField label={vi.intakeUi.phone} type="tel" error={errors.phone?.message ?? phoneError} {...register('applicant.phone')} />
        <TextField label={vi.intakeUi.email} type="email" error={errors.email?.message} {...register('applicant.email')} />
        <TextField label={vi.intakeUi.address} className="form__wide" error={errors.address?.message} {...register('applicant.address')} />
      </div>
    </fieldset>
  );
}
