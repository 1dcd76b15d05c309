import type { Envelope } from '../../../shared/errors';

/** What main/preload exposes with contextBridge in the desktop app. Absent in browser mode. */
export interface DeskBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    motcua?: DeskBridge;
  }
}
