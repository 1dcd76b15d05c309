import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import type { SessionUser } from '../../../../shared/contract/auth.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { rpc } from '../../rpc/client';
import { WelcomeCard } from '../../components/WelcomeCard';

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
    if (form.pin !== form.confirm) {
      setErrors({ confirm: vi.auth.pinMismatch });
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
