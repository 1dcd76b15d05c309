import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { authChannels } from '../../../../shared/contract/auth.channels';
import type { SessionUser } from '../../../../shared/contract/auth.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { rpc } from '../../rpc/client';
import { WelcomeCard } from '../../components/WelcomeCard';

const setupAdminInput = authChannels['auth.setupAdmin'].input;

/** First run, after the unit profile: the first admin chooses a sign-in name and a PIN. */
export function AdminSetupScreen({ onDone }: { onDone(user: SessionUser): void }) {
  // The first officer named in step 1 is usually the one setting the desk up: start from that name.
  const unit = useQueryClient().getQueryData<UnitProfile | null>(['unit.get']);
  const [form, setForm] = useState({ name: '', displayName: unit?.officers[0]?.name ?? '', pin: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Every problem at once (issue 14 item 7): the contract's own schema for the fields, and the
    // second PIN entry, so a 2-digit PIN, a name with a space and a mismatch all show together.
    const local = setupAdminInput.safeParse({ name: form.name, displayName: form.displayName, pin: form.pin });
    const found: Record<string, string> = {};
    for (const issue of local.success ? [] : local.error.issues) found[String(issue.path[0])] ??= issue.message;
    if (form.pin !== form.confirm) found.confirm = vi.auth.pinMismatch;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(vi.auth.fixErrors(Object.keys(found).length));
      return;
    }
    setBusy(true);
    setFormError(null);
    const r = await rpc.call('auth.setupAdmin', { name: form.name, displayName: form.displayName, pin: form.pin });
    setBusy(false);
    if (r.ok) {
      onDone(r.value.user);
      return;
    }
    setErrors(Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, i.message])));
    if (!r.error.issues?.length) setFormError(r.error.message);
  };

  return (
    <WelcomeCard title={vi.auth.adminTitle} intro={`${unit ? vi.setup.unitSavedNext : ''}${vi.auth.adminIntro}`} step={vi.setup.step(2, 2)}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form__grid">
          <TextField label={vi.auth.displayName} required value={form.displayName} onChange={set('displayName')} error={errors.displayName} autoFocus={!form.displayName} />
          <TextField label={vi.auth.name} hint={vi.auth.nameHint} required value={form.name} onChange={set('name')} error={errors.name} autoComplete="username" autoFocus={!!unit?.officers[0]?.name} />
          <TextField label={vi.auth.pin} hint={vi.auth.pinHint} required type="password" inputMode="numeric" value={form.pin} onChange={set('pin')} error={errors.pin} autoComplete="new-password" />
          <TextField label={vi.auth.pinConfirm} required type="password" inputMode="numeric" value={form.confirm} onChange={set('confirm')} error={errors.confirm} autoComplete="new-password" />
        </div>
        {formError ? (
          <p className="form__error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy}>
            {vi.auth.createAdmin}
          </Button>
        </div>
      </form>
    </WelcomeCard>
  );
}
