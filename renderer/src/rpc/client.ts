import { createClient } from '../../../shared/contract/client';
import { browserSession, httpTransport, ipcTransport, takeTokenFromLocation } from './transports';

/**
 * The renderer's one way to reach the core. Same typed contract in the desktop app (IPC) and in
 * browser mode (HTTP with the launch token); screens never know which.
 */
const token = window.motcua ? null : takeTokenFromLocation(window.location, sessionStorage);
const carrier = window.motcua ? ipcTransport(window.motcua) : httpTransport(token);

/** Address of a stored file (a printed form, a scan) for an <iframe>/<img>/download link. */
export function fileUrl(id: string): string {
  if (window.motcua) return `app://desk/files/${id}`;
  const session = browserSession.get();
  return `./files/${id}?token=${encodeURIComponent(token ?? '')}${session ? `&session=${encodeURIComponent(session)}` : ''}`;
}

export const rpc = createClient(carrier.transport);
export const subscribe = carrier.subscribe;
export const transportKind: 'ipc' | 'http' = window.motcua ? 'ipc' : 'http';
