import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionUser } from '../../../../shared/contract/auth.schema';
import { vi } from '../../../../shared/i18n/vi';
import { useShortcuts } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { rpc } from '../../rpc/client';
import { AdminSetupScreen } from './AdminSetupScreen';
import { SignInScreen } from './SignInScreen';

interface AuthControls {
  user: SessionUser;
  /** Lock now: the session ends on the core side; the screen underneath is kept for the same officer. */
  lock(): void;
}

const AuthContext = createContext<AuthControls | null>(null);

export function useAuth(): AuthControls | null {
  return useContext(AuthContext);
}

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Nothing of the desk shows until an officer signs in. On a fresh desk (unit saved, nobody yet)
 * it asks for the first admin. After `lockMinutes` without keyboard or mouse the screen locks;
 * the same officer unlocks and finds their half-filled form, another officer gets a fresh desk.
 */
export function AuthGate({ unitName, children }: { unitName: string; children: ReactNode }) {
  const qc = useQueryClient();
  const status = useQuery({ queryKey: ['auth.status'], queryFn: () => rpc.invoke('auth.status') });
  // Re-asked every minute, so an expired or revoked session (PIN reset, deactivated) shows the sign-in.
  const me = useQuery({ queryKey: ['auth.me'], queryFn: () => rpc.invoke('auth.me'), refetchInterval: 60_000 });
  const [locked, setLocked] = useState<SessionUser | null>(null);
  const [generation, setGeneration] = useState(0);
  const lastActivity = useRef(Date.now());
  const user = me.data ?? null;

  const lock = useCallback(() => {
    if (!user) return;
    setLocked(user);
    qc.setQueryData(['auth.me'], null);
    void rpc.invoke('auth.signOut').catch(() => undefined);
  }, [qc, user]);

  const signedIn = (next: SessionUser) => {
    // Another officer must not see what the previous one left on screen.
    if (!locked || locked.id !== next.id) setGeneration((g) => g + 1);
    setLocked(null);
    lastActivity.current = Date.now();
    // An `auth.me` asked before the sign-in (no session yet) may still be on its way: cancel it first,
    // or its late "nobody" would land over the new officer and lock the screen they just opened.
    void qc
      .cancelQueries({ queryKey: ['auth.me'] })
      .catch(() => undefined)
      .then(() => {
        qc.setQueryData(['auth.me'], next);
        void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth.me' });
      });
  };

  // A session that vanished on the core side (expired, PIN reset) locks the screen too.
  const previous = useRef<SessionUser | null>(null);
  useEffect(() => {
    if (previous.current && !user && !locked) setLocked(previous.current);
    previous.current = user;
  }, [user, locked]);

  const lockMinutes = status.data?.lockMinutes ?? 0;
  useEffect(() => {
    if (!user || lockMinutes <= 0) return;
    const touch = () => (lastActivity.current = Date.now());
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - lastActivity.current >= lockMinutes * 60_000) lock();
    }, 5_000);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch);
      clearInterval(timer);
    };
  }, [user, lockMinutes, lock]);

  useShortcuts(user ? [{ keys: 'Ctrl+L', description: vi.auth.lockShortcut, run: lock }] : []);

  if (status.isPending || me.isPending) return <div className="splash">{vi.common.loading}</div>;
  if (status.data && !status.data.hasUsers) {
    return (
      <AdminSetupScreen
        onDone={(u) => {
          void qc.invalidateQueries({ queryKey: ['auth.status'] });
          signedIn(u);
        }}
      />
    );
  }
  const signIn = <SignInScreen users={status.data?.users ?? []} locked={locked} unitName={unitName} onSignedIn={signedIn} />;
  if (!user && !locked) return signIn;
  return (
    <AuthContext.Provider value={user ? { user, lock } : null}>
      {/* While locked the desk stays mounted (a half-filled form survives) but hidden and inert. */}
      <div key={generation} hidden={!user} inert={!user || undefined} className="auth-desk">
        {children}
      </div>
      {!user ? <div className="auth-lock">{signIn}</div> : null}
    </AuthContext.Provider>
  );
}

/** The officer's name, role and the lock / switch button, for the top bar. */
export function UserMenu() {
  const auth = useAuth();
  if (!auth) return null;
  return (
    <span className="auth-menu">
      <span className="auth-menu__who" title={auth.user.name}>
        {vi.auth.signedInAs(auth.user.displayName, vi.auth.roles[auth.user.role] ?? auth.user.role)}
      </span>
      <Button variant="ghost" className="auth-menu__lock" onClick={auth.lock} shortcut="Ctrl+L">
        {vi.auth.switchUser}
      </Button>
    </span>
  );
}
