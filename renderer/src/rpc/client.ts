import { createClient } from '../../../shared/contract/client';
import { httpTransport, ipcTransport, takeTokenFromLocation } from './transports';

/**
 * The renderer's one way to reach the core. Same typed contract in the desktop app (IPC) and in
 * browser mode (HTTP with the launch token); screens never know which.
 */
const carrier = window.motcua ? ipcTransport(window.motcua) : httpTransport(takeTokenFromLocation(window.location, sessionStorage));

export const rpc = createClient(carrier.transport);
export const subscribe = carrier.subscribe;
export const transportKind: 'ipc' | 'http' = window.motcua ? 'ipc' : 'http';
