import type { Transport } from '../../../shared/contract/client';
import type { EventName } from '../../../shared/contract/events';
import type { Envelope } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import type { DeskBridge } from './bridge';

export type EventSubscriber = (event: EventName, listener: (payload: unknown) => void) => () => void;

/** Desktop app: calls go through the preload bridge to ipcMain. */
export function ipcTransport(bridge: DeskBridge): { transport: Transport; subscribe: EventSubscriber } {
  return {
    transport: (channel, input) => bridge.invoke(channel, input),
    subscribe: (event, listener) => bridge.on(event, listener),
  };
}

const TOKEN_KEY = 'motcua.token';
const SESSION_KEY = 'motcua.session';
/** Header carrying the officer's session in browser mode (main/host/server.ts SESSION_HEADER). */
export const SESSION_HEADER = 'X-Motcua-Session';

/**
 * Browser mode keeps the officer's session token for this tab only (sessionStorage): closing the
 * tab ends it, and another tab signs in on its own. A launch address may carry one in its fragment
 * (`#token=…&session=…`), which is how tests open an already signed-in page.
 */
export const browserSession = {
  get(): string | null {
    return sessionStorage.getItem(SESSION_KEY);
  },
  set(token: string | null): void {
    if (token) sessionStorage.setItem(SESSION_KEY, token);
    else sessionStorage.removeItem(SESSION_KEY);
  },
};

/**
 * Browser mode: the host prints an address whose fragment carries the per-launch token
 * (#token=…). Take it once, keep it for this tab's reloads, and remove it from the address bar.
 */
export function takeTokenFromLocation(loc: Location, storage: Storage): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(loc.hash);
  const session = /(?:^#|&)session=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (session?.[1]) storage.setItem(SESSION_KEY, session[1]);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', loc.pathname + loc.search);
    return match[1];
  }
  return storage.getItem(TOKEN_KEY);
}

export function httpTransport(token: string | null): { transport: Transport; subscribe: EventSubscriber } {
  const transport: Transport = async (channel, input) => {
    try {
      const res = await fetch(`./rpc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token ?? ''}`,
          ...(browserSession.get() ? { [SESSION_HEADER]: browserSession.get()! } : {}),
        },
        body: JSON.stringify(input ?? {}),
      });
      const envelope = (await res.json()) as Envelope<unknown>;
      // The page holds its own session here; sign-in hands it over, sign-out forgets it.
      if (envelope.ok && (channel === 'auth.signIn' || channel === 'auth.setupAdmin')) {
        browserSession.set((envelope.value as { token?: string }).token ?? null);
      }
      if (channel === 'auth.signOut') browserSession.set(null);
      return envelope;
    } catch {
      return { ok: false, error: { code: 'internal', message: vi.errors.network } };
    }
  };
  let source: EventSource | null = null;
  const subscribe: EventSubscriber = (event, listener) => {
    source ??= new EventSource(`./events?token=${encodeURIComponent(token ?? '')}`);
    const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data));
    source.addEventListener(event, handler as EventListener);
    return () => source?.removeEventListener(event, handler as EventListener);
  };
  return { transport, subscribe };
}
