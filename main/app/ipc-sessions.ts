import type { CitizenPass } from '../../shared/contract/citizen.channels';
import type { SignInResult } from '../../shared/contract/auth.schema';
import type { Envelope } from '../../shared/errors';
import type { Dispatcher } from '../rpc/dispatcher';

/**
 * The Electron transport's sessions: the main process keeps each window's session token, keyed by
 * its webContents id, and adds it to every call from that window. The page never sees the token,
 * so a script injected into it has nothing to steal. (Plain Node, so it is tested without Electron.)
 *
 * A citizen's rating window (issue 14 item 8) is bound to a citizen pass instead: the officer's
 * window asks for one (`citizen.open`), the pass goes to `openCitizenWindow` and never to the page,
 * and every call from the citizen window carries that pass, which reaches the citizen channels only.
 */
export interface IpcSessions {
  call(senderId: number, channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** The officer session of a window (for its app:// file requests), or null when nobody is signed in there. */
  sessionOf(senderId: number): string | null;
  /** The window closed or reloaded away: end its session. */
  forget(senderId: number): Promise<void>;
  /** Bind a window to a citizen pass (the shell's second window). */
  bindCitizen(senderId: number, pass: string): void;
}

export interface IpcSessionHooks {
  /** A pass was issued from an officer's window: open the citizen window for it. */
  openCitizenWindow?(pass: CitizenPass): void;
  /** The citizen window's rating went through: the shell may close it after the thanks. */
  citizenRated?(senderId: number): void;
}

const OPENS_SESSION = new Set(['auth.signIn', 'auth.setupAdmin']);

export function createIpcSessions(dispatcher: Dispatcher, hooks: IpcSessionHooks = {}): IpcSessions {
  const tokens = new Map<number, string>();
  const citizenPasses = new Map<number, string>();
  return {
    async call(senderId, channel, input) {
      const pass = citizenPasses.get(senderId);
      if (pass) {
        const envelope = await dispatcher.call(channel, input, { actor: 'citizen', transport: 'ipc', citizenToken: pass });
        if (envelope.ok && channel === 'citizen.rate') hooks.citizenRated?.(senderId);
        return envelope;
      }
      const token = tokens.get(senderId);
      const envelope = await dispatcher.call(channel, input, { actor: 'desk', transport: 'ipc', ...(token ? { sessionToken: token } : {}) });
      if (envelope.ok && OPENS_SESSION.has(channel)) {
        const { token: issued, ...rest } = envelope.value as SignInResult;
        if (issued) tokens.set(senderId, issued);
        return { ok: true, value: rest };
      }
      if (envelope.ok && channel === 'citizen.open') {
        const issued = envelope.value as CitizenPass;
        hooks.openCitizenWindow?.(issued);
        // The officer's page learns that it opened, not the pass.
        return { ok: true, value: { ...issued, token: '' } };
      }
      if (channel === 'auth.signOut') tokens.delete(senderId);
      return envelope;
    },
    sessionOf(senderId) {
      return tokens.get(senderId) ?? null;
    },
    async forget(senderId) {
      citizenPasses.delete(senderId);
      const token = tokens.get(senderId);
      tokens.delete(senderId);
      if (token) await dispatcher.call('auth.signOut', {}, { actor: 'desk', transport: 'ipc', sessionToken: token });
    },
    bindCitizen(senderId, pass) {
      citizenPasses.set(senderId, pass);
    },
  };
}
