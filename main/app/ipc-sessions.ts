import type { SignInResult } from '../../shared/contract/auth.schema';
import type { Envelope } from '../../shared/errors';
import type { Dispatcher } from '../rpc/dispatcher';

/**
 * The Electron transport's sessions: the main process keeps each window's session token, keyed by
 * its webContents id, and adds it to every call from that window. The page never sees the token,
 * so a script injected into it has nothing to steal. (Plain Node, so it is tested without Electron.)
 */
export interface IpcSessions {
  call(senderId: number, channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** The window closed or reloaded away: end its session. */
  forget(senderId: number): Promise<void>;
}

const OPENS_SESSION = new Set(['auth.signIn', 'auth.setupAdmin']);

export function createIpcSessions(dispatcher: Dispatcher): IpcSessions {
  const tokens = new Map<number, string>();
  return {
    async call(senderId, channel, input) {
      const token = tokens.get(senderId);
      const envelope = await dispatcher.call(channel, input, { actor: 'desk', transport: 'ipc', ...(token ? { sessionToken: token } : {}) });
      if (envelope.ok && OPENS_SESSION.has(channel)) {
        const { token: issued, ...rest } = envelope.value as SignInResult;
        if (issued) tokens.set(senderId, issued);
        return { ok: true, value: rest };
      }
      if (channel === 'auth.signOut') tokens.delete(senderId);
      return envelope;
    },
    async forget(senderId) {
      const token = tokens.get(senderId);
      tokens.delete(senderId);
      if (token) await dispatcher.call('auth.signOut', {}, { actor: 'desk', transport: 'ipc', sessionToken: token });
    },
  };
}
