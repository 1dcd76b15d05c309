import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ROLES, type Role, type User } from '../../../../shared/contract/auth.schema';
import { isAppError } from '../../../../shared/errors';
import { formatVnInstant } from '../../../../shared/domain/vn-date';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';
import { useAuth } from './AuthGate';

const roleLabel = (r: string) => vi.auth.roles[r] ?? r;

/** Settings → Users: list, add, change role, reset PIN, deactivate; and the lock delay. */
export function UsersPanel() {
  const qc = useQueryClient();
  const toast = useToast();
  const me = useAuth()?.user;
  const users = useQuery({ queryKey: ['users.list'], queryFn: () => rpc.invoke('users.list') });
  const status = useQuery({ queryKey: ['auth.status'], queryFn: () => rpc.invoke('auth.status') });
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const update = useMutation({
    mutationFn: (input: { id: string; role?: Role; active?: boolean }) => rpc.invoke('users.update', input),
    onSuccess: () => {
      toast('success', vi.auth.userSaved);
      void qc.invalidateQueries({ queryKey: ['users.list'] });
      void qc.invalidateQueries({ queryKey: ['auth.status'] });
    },
    onError: (err) => toast('error', isAppError(err) ? err.message : vi.errors.internal),
  });

  if (users.isError) return <p className="form__error">{users.error.message}</p>;
  return (
    <div className="auth-admin">
      <p className="form__hint">{vi.auth.usersIntro}</p>
      <div className="form__actions auth-admin__top">
        <Button variant="primary" onClick={() => setAdding(true)}>
          {vi.auth.addUser}
        </Button>
      </div>
      <table className="table">
        <caption className="table__caption">{vi.auth.usersTitle}</caption>
        <thead>
          <tr>
            <th>{vi.auth.displayName}</th>
            <th>{vi.auth.name}</th>
            <th>{vi.auth.role}</th>
            <th>{vi.auth.status}</th>
            <th>{vi.auth.lastSignIn}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id} className={u.active ? undefined : 'auth-admin__inactive'}>
              <td>
                {u.displayName} {me?.id === u.id ? <span className="form__hint">{vi.auth.you}</span> : null}
              </td>
              <td>{u.name}</td>
              <td>
                <select
                  className="field__input auth-admin__role"
                  aria-label={`${vi.auth.changeRole}: ${u.displayName}`}
                  value={u.role}
                  disabled={update.isPending}
                  onChange={(e) => update.mutate({ id: u.id, role: e.target.value as Role })}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {roleLabel(r)}
                    </option>
                  ))}
                </select>
              </td>
              <td>{u.active ? vi.auth.active : vi.auth.inactive}</td>
              <td>{u.lastSignInAt ? formatVnInstant(u.lastSignInAt) : vi.auth.never}</td>
              <td className="auth-admin__actions">
                <Button onClick={() => setResetting(u)} aria-label={`${vi.auth.resetPin}: ${u.displayName}`}>
                  {vi.auth.resetPin}
                </Button>
                <Button
                  variant={u.active ? 'danger' : 'secondary'}
                  disabled={update.isPending}
                  onClick={() => update.mutate({ id: u.id, active: !u.active })}
                  aria-label={`${u.active ? vi.auth.deactivate : vi.auth.reactivate}: ${u.displayName}`}
                >
                  {u.active ? vi.auth.deactivate : vi.auth.reactivate}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {status.data ? <LockMinutesForm initial={status.data.lockMinutes} /> : null}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
      <ResetPinDialog user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}

function AddUserDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const qc = useQueryClient();
  const toast = useToast();
  const empty = { name: '', displayName: '', role: 'clerk' as Role, pin: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await rpc.call('users.create', form);
    setBusy(false);
    if (!r.ok) {
      setErrors(Object.fromEntries((r.error.issues ?? [{ path: 'name', message: r.error.message }]).map((i) => [i.path, i.message])));
      return;
    }
    toast('success', vi.auth.userSaved);
    setForm(empty);
    setErrors({});
    void qc.invalidateQueries({ queryKey: ['users.list'] });
    void qc.invalidateQueries({ queryKey: ['auth.status'] });
    onClose();
  };
  return (
    <Dialog open={open} title={vi.auth.addUser} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField label={vi.auth.displayName} required value={form.displayName} error={errors.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        <TextField label={vi.auth.name} hint={vi.auth.nameHint} required value={form.name} error={errors.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <div className="field">
          <label className="field__label" htmlFor="auth-new-role">
            {vi.auth.role}
          </label>
          <select id="auth-new-role" className="field__input" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <TextField label={vi.auth.pin} hint={vi.auth.pinHint} required type="password" inputMode="numeric" autoComplete="new-password" value={form.pin} error={errors.pin} onChange={(e) => setForm({ ...form, pin: e.target.value })} />
        <div className="form__actions">
          <Button onClick={onClose}>{vi.common.cancel}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {vi.common.save}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ResetPinDialog({ user, onClose }: { user: User | null; onClose(): void }) {
  const toast = useToast();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!user) return;
    setBusy(true);
    const r = await rpc.call('users.resetPin', { id: user.id, pin });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.issues?.[0]?.message ?? r.error.message);
      return;
    }
    toast('success', vi.auth.pinReset);
    setPin('');
    setError(undefined);
    onClose();
  };
  return (
    <Dialog open={user !== null} title={`${vi.auth.resetPin}: ${user?.displayName ?? ''}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField label={vi.auth.newPin} hint={vi.auth.pinHint} required type="password" inputMode="numeric" autoComplete="new-password" value={pin} error={error} onChange={(e) => setPin(e.target.value)} />
        <div className="form__actions">
          <Button onClick={onClose}>{vi.common.cancel}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {vi.common.save}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function LockMinutesForm({ initial }: { initial: number }) {
  const toast = useToast();
  const qc = useQueryClient();
  const [value, setValue] = useState(String(initial));
  const [error, setError] = useState<string | undefined>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await rpc.call('auth.saveSettings', { lockMinutes: Number(value) });
    if (!r.ok) {
      setError(r.error.issues?.[0]?.message ?? r.error.message);
      return;
    }
    setError(undefined);
    toast('success', vi.auth.settingsSaved);
    void qc.invalidateQueries({ queryKey: ['auth.status'] });
  };
  return (
    <form className="auth-admin__lock" onSubmit={(e) => void submit(e)} noValidate>
      <TextField label={vi.auth.lockMinutes} hint={vi.auth.lockMinutesHint} type="number" min={0} max={240} value={value} error={error} onChange={(e) => setValue(e.target.value)} />
      <Button type="submit">{vi.common.save}</Button>
    </form>
  );
}
