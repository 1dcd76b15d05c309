import { createClient } from '../../../shared/contract/client';
import { httpTransport, ipcTransport, takeTokenFromLocation } from './transports';

/**
 * The renderer's one way to reach the core. Same typed contract in the desktop app (IPC) and in
 * browser mode (HTTP with the launch token); screens never know which.
 */
const token = window.motcua ? null : takeTokenFromLocation(window.location, sessionStorage);
const carrier = window.motcua ? ipcTransport(window.motcua) : httpTransport(token);

/** Address of a stored file (a printed form, a scan) for an <iframe>/<img>/download link. */
export function fileUrl(id: string): string {
  return window.motcua ? `app://desk/files/${id}` : `./files/${id}?token=${encodeURIComponent(token ?? '')}`;
}

export const rpc = createClient(carrier.transport);
export const subscribe = carrier.subscribe;
export const transportKind: 'ipc' | 'http' = window.motcua ? 'ipc' : 'http';
