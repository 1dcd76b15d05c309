import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { vi } from '../../../../shared/i18n/vi';
import { TextField } from '../../components/Field';
import { rpc } from '../../rpc/client';

const t = vi.handover;

/**
 * The "to whom" part of the hand-over dialog: the giver is the signed-in officer (shown, not typed);
 * the department and the receiver are picked from the admin's list. A desk whose admin has not made
 * the list yet can still type both, with a note saying where the list is kept.
 */
export function HandOverFields({ values, set, issues }: { values: Record<string, string>; set(name: string, value: string): void; issues: Record<string, string> }) {
  const id = useId();
  const me = useQuery({ queryKey: ['auth.me'], queryFn: () => rpc.invoke('auth.me') });
  const list = useQuery({ queryKey: ['recipients.list', 'active'], queryFn: () => rpc.invoke('recipients.list', {}) });
  const recipients = list.data ?? [];
  const departments = [...new Set(recipients.map((r) => r.department))];
  const department = values.department ?? '';
  const inDepartment = recipients.filter((r) => r.department === department);
  return (
    <>
      <TextField label={t.giverLabel} value={me.data?.displayName ?? ''} readOnly />
      {list.isSuccess && recipients.length === 0 ? (
        <>
          <p className="form__hint" role="note">
            {t.noList}
          </p>
          <TextField label={vi.tracking.agency} required value={values.agency ?? ''} onChange={(e) => set('agency', e.target.value)} error={issues.agency} />
          <TextField label={vi.tracking.receiver} required value={values.receiver ?? ''} onChange={(e) => set('receiver', e.target.value)} error={issues.receiver} />
        </>
      ) : (
        <>
          <div className={`field${issues.agency ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-department`}>
              {vi.tracking.agency}
              <span className="field__required" aria-hidden="true">
                {' '}
                *
              </span>
            </label>
            <select
              id={`${id}-department`}
              className="field__input"
              aria-required="true"
              value={department}
              onChange={(e) => {
                set('department', e.target.value);
                const only = recipients.filter((r) => r.department === e.target.value);
                set('recipientId', only.length === 1 ? only[0]!.id : '');
              }}
            >
              <option value="">{t.pickDepartment}</option>
              {departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
            <span className="field__error">{issues.agency ?? ''}</span>
          </div>
          <div className={`field${issues.receiver || issues.recipientId ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-receiver`}>
              {vi.tracking.receiver}
              <span className="field__required" aria-hidden="true">
                {' '}
                *
              </span>
            </label>
            <select id={`${id}-receiver`} className="field__input" aria-required="true" value={values.recipientId ?? ''} disabled={department === ''} onChange={(e) => set('recipientId', e.target.value)}>
              <option value="">{t.pickReceiver}</option>
              {inDepartment.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.position ? `${r.fullName} – ${r.position}` : r.fullName}
                </option>
              ))}
            </select>
            <span className="field__error">{issues.receiver ?? issues.recipientId ?? ''}</span>
          </div>
        </>
      )}
    </>
  );
}
