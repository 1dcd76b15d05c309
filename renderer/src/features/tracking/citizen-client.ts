/**
 * The citizen rating page's own way to the core (issue 14 item 8). It never holds the launch token
 * or an officer's session: in browser mode it carries only the narrow pass the desk put in the new
 * tab's fragment (`#/citizen?pass=…`), sent as `Authorization: Citizen <pass>`; in the Electron
 * shell's second window the main process adds the pass itself.
 */
import { createClient, type Client } from '../../../../shared/contract/client';
import type { Envelope } from '../../../../shared/errors';
import { vi } from '../../../../shared/i18n/vi';

const PASS_KEY = 'motcua.citizenPass';

/** The citizen page is `#/citizen…`; the officer's in-tab view stays `#/tracking/citizen`. */
export function isCitizenPage(loc: Pick<Location, 'hash'>): boolean {
  return /^#\/citizen(?:$|[?&/])/.test(loc.hash);
}

/** The address the desk opens for a pass, on the same origin (the fragment never goes over the wire). */
export function citizenPageUrl(loc: Pick<Location, 'origin' | 'pathname'>, pass: string): string {
  return `${loc.origin}${loc.pathname}#/citizen?pass=${encodeURIComponent(pass)}`;
}

/** Take the pass from the fragment once (kept for this tab's reloads) and clean the address bar. */
export function takeCitizenPass(loc: Location, storage: Storage): string | null {
  const match = /[?&]pass=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (match?.[1]) {
    storage.setItem(PASS_KEY, match[1]);
    history.replaceState(null, '', `${loc.pathname}${loc.search}#/citizen`);
    return match[1];
  }
  return storage.getItem(PASS_KEY);
}

export function citizenClient(): Client {
  const bridge = window.motcua;
  if (bridge) return createClient((channel, input) => bridge.invoke(channel, input));
  const pass = takeCitizenPass(window.location, sessionStorage);
  return createClient(async (channel, input) => {
    if (!pass) return { ok: false, error: { code: 'unauthenticated', message: vi.citizen.passExpired } };
    try {
      const res = await fetch(`./rpc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Citizen ${pass}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: vi.errors.network } };
    }
  });
}
