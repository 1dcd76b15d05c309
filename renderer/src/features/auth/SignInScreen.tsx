import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SessionUser } from '../../../../shared/contract/auth.schema';
import { vi } from '../../../../shared/i18n/vi';
import { isAppError } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { rpc } from '../../rpc/client';
import { PinPad } from './PinPad';

interface SignInScreenProps {
  users: Array<{ name: string; displayName: string }>;
  /** Set when the screen was locked: that officer is preselected and the title says so. */
  locked: SessionUser | null;
  unitName: string;
  onSignedIn(user: SessionUser): void;
}

/**
 * Sign-in, lock screen and quick user switching in one: pick a name (arrows or click), type the PIN
 * (keyboard or pad), Enter. At a shared desk switching officer is two seconds of work.
 */
export function SignInScreen({ users, locked, unitName, onSignedIn }: SignInScreenProps) {
  const [selected, setSelected] = useState<string>(() => locked?.name ?? (users.length === 1 ? users[0]!.name : ''));
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // On arrival: straight to the PIN when the officer is known (lock screen, single officer).
  useEffect(() => {
    if (selected) pinRef.current?.focus();
    else listRef.current?.querySelector<HTMLButtonElement>('[role="radio"]')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on arrival only: later choices move focus in choose()
  }, []);

  const choose = (name: string) => {
    setSelected(name);
    setPin('');
    setError(null);
    pinRef.current?.focus();
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Typing the PIN right after picking a name with the arrows: the digits go to the PIN field.
    if (/^[0-9]$/.test(e.key) && selected) {
      e.preventDefault();
      setPin((p) => p + e.key);
      pinRef.current?.focus();
      return;
    }
    if (e.key === 'Enter' && selected) {
      e.preventDefault();
      pinRef.current?.focus();
      return;
    }
    if (!['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft'].includes(e.key)) return;
    e.preventDefault();
    const i = users.findIndex((u) => u.name === selected);
    const step = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : -1;
    const next = users[(i + step + users.length) % users.length];
    if (next) {
      setSelected(next.name);
      setPin('');
      listRef.current?.querySelector<HTMLButtonElement>(`[data-name="${CSS.escape(next.name)}"]`)?.focus();
    }
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!selected) {
      setError(vi.auth.chooseUser);
      return;
    }
    if (!pin) {
      setError(vi.auth.pinRequired);
      pinRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await rpc.invoke('auth.signIn', { name: selected, pin });
      setPin('');
      onSignedIn(result.user);
    } catch (err) {
      setError(isAppError(err) ? err.message : vi.errors.internal);
      setPin('');
      pinRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const selectedUser = users.find((u) => u.name === selected);
  return (
    <div className="setup auth-screen">
      <div className="setup__card auth-card">
        <div className="setup__brand">
          <span className="setup__logo">
            <Icon name="brand" size={26} />
          </span>
          <span>{unitName}</span>
        </div>
        <h1>{locked ? vi.auth.lockedTitle : vi.auth.signInTitle}</h1>
        <p className="setup__intro">{locked ? vi.auth.lockedIntro(locked.displayName) : vi.auth.signInIntro}</p>
        <form className="auth-card__body" onSubmit={(e) => void submit(e)}>
          <div className="auth-users" role="radiogroup" aria-label={vi.auth.chooseUser} ref={listRef} onKeyDown={onListKey} tabIndex={-1}>
            {users.map((u) => (
              <button
                key={u.name}
                type="button"
                role="radio"
                data-name={u.name}
                aria-checked={u.name === selected}
                tabIndex={u.name === selected || (!selected && u === users[0]) ? 0 : -1}
                className={`auth-users__item${u.name === selected ? ' auth-users__item--active' : ''}`}
                onClick={() => choose(u.name)}
              >
                <span className="auth-users__avatar" aria-hidden="true">
                  {initials(u.displayName)}
                </span>
                <span>
                  <span className="auth-users__name">{u.displayName}</span>
                  <span className="auth-users__login">{u.name}</span>
                </span>
              </button>
            ))}
          </div>
          <div className="auth-pin">
            <label htmlFor="auth-pin" className="field__label">
              {vi.auth.pin}
              {selectedUser ? ` — ${selectedUser.displayName}` : ''}
            </label>
            <input
              id="auth-pin"
              ref={pinRef}
              className="field__input auth-pin__input"
              type="password"
              inputMode="numeric"
              autoComplete="current-password"
              value={pin}
              disabled={busy}
              aria-invalid={error ? true : undefined}
              aria-describedby="auth-pin-error"
              onChange={(e) => setPin(e.target.value)}
            />
            <div id="auth-pin-error" className="field__error" role={error ? 'alert' : undefined} aria-live="polite">
              {error ?? ''}
            </div>
            <PinPad
              disabled={busy}
              onDigit={(d) => {
                setPin((p) => (p + d).slice(0, 128));
                pinRef.current?.focus();
              }}
              onBackspace={() => setPin((p) => p.slice(0, -1))}
              onClear={() => setPin('')}
            />
            <Button type="submit" variant="primary" busy={busy} className="auth-pin__submit">
              {locked && selected === locked.name ? vi.auth.unlock : vi.auth.signIn}
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts.length > 1 ? parts[parts.length - 2]![0] ?? '' : '') + (parts[parts.length - 1]?.[0] ?? '')).toUpperCase();
}
