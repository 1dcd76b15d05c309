import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { RecipientSaveSchema, type Recipient } from '../../../../shared/contract/handover.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';

const t = vi.handover;
type FormValues = z.input<typeof RecipientSaveSchema>;
type Saved = z.output<typeof RecipientSaveSchema>;
const EMPTY: FormValues = { department: '', fullName: '', position: '', active: true };

/**
 * Settings → "Nơi nhận hồ sơ": the admin's list of departments and officers a dossier is handed
 * over to. Everyone sees it; only an admin changes it (the core refuses others whatever the screen shows).
 */
export function RecipientsPanel() {
  const qc = useQueryClient();
  const toast = useToast();
  const me = useQuery({ queryKey: ['auth.me'], queryFn: () => rpc.invoke('auth.me') });
  const list = useQuery({ queryKey: ['recipients.list', 'all'], queryFn: () => rpc.invoke('recipients.list', { includeInactive: true }) });
  const [editing, setEditing] = useState<string | null>(null);
  const isAdmin = me.data?.role === 'admin' || me.data === null;
  const form = useForm<FormValues, unknown, Saved>({ resolver: zodResolver(RecipientSaveSchema) as never, defaultValues: EMPTY, mode: 'onTouched' });
  const { register, handleSubmit, formState, setError, reset } = form;

  const save = async (values: Saved) => {
    const r = await rpc.call('recipients.save', values);
    if (!r.ok) {
      for (const i of r.error.issues ?? []) setError((i.path || 'root') as never, { message: i.message });
      toast('error', r.error.message);
      return false;
    }
    toast('success', t.saved(r.value.fullName));
    void qc.invalidateQueries({ queryKey: ['recipients.list'] });
    return true;
  };
  const onSubmit = handleSubmit(async (values) => {
    if (await save(editing ? { ...values, id: editing } : values)) {
      reset(EMPTY);
      setEditing(null);
    }
  });
  const edit = (r: Recipient) => {
    setEditing(r.id);
    reset({ department: r.department, fullName: r.fullName, position: r.position, active: r.active });
  };
  const toggle = (r: Recipient) => void save({ id: r.id, department: r.department, fullName: r.fullName, position: r.position, active: !r.active });
  const rows = list.data ?? [];

  return (
    <div className="recipients">
      <p className="form__hint">{t.intro}</p>
      {rows.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <table className="table" aria-label={t.title}>
          <thead>
            <tr>
              <th scope="col">{t.colDepartment}</th>
              <th scope="col">{t.colName}</th>
              <th scope="col">{t.colPosition}</th>
              <th scope="col">{t.colState}</th>
              {isAdmin ? <th scope="col">{t.colActions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.active ? undefined : 'recipients__inactive'}>
                <td>{r.department}</td>
                <td>{r.fullName}</td>
                <td>{r.position}</td>
                <td>{r.active ? t.active : t.inactive}</td>
                {isAdmin ? (
                  <td className="recipients__actions">
                    <Button variant="ghost" aria-label={`${t.edit} ${r.fullName}`} onClick={() => edit(r)}>
                      {t.edit}
                    </Button>
                    <Button variant="ghost" aria-label={`${r.active ? t.deactivate : t.reactivate}: ${r.fullName}`} onClick={() => toggle(r)}>
                      {r.active ? t.deactivate : t.reactivate}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isAdmin ? (
        <form className="form recipients__form" onSubmit={onSubmit} noValidate aria-label={editing ? t.edit : t.add}>
          <div className="form__grid">
            <TextField label={t.department} hint={t.departmentHint} required list="recipient-departments" error={formState.errors.department?.message} {...register('department')} />
            <TextField label={t.fullName} required error={formState.errors.fullName?.message} {...register('fullName')} />
            <TextField label={t.position} error={formState.errors.position?.message} {...register('position')} />
          </div>
          <datalist id="recipient-departments">
            {[...new Set(rows.map((r) => r.department))].map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
          <div className="form__actions">
            <Button type="submit" variant="primary" busy={formState.isSubmitting}>
              {editing ? t.save : t.add}
            </Button>
            {editing ? (
              <Button
                variant="ghost"
                onClick={() => {
                  setEditing(null);
                  reset(EMPTY);
                }}
              >
                {t.cancel}
              </Button>
            ) : null}
          </div>
        </form>
      ) : (
        <p className="form__hint">{t.adminOnly}</p>
      )}
    </div>
  );
}
