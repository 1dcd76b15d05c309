import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/contract/names';

/**
 * The only door between the page and the main process. It exposes two functions, and only for
 * names the contract lists: a compromised page cannot reach any other IPC message.
 */
const channels = new Set<string>(CHANNEL_NAMES);
const events = new Set<string>(EVENT_NAMES);

contextBridge.exposeInMainWorld('motcua', {
  invoke(channel: string, input: unknown) {
    if (!channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'not_found', message: `Chức năng "${String(channel).slice(0, 80)}" không tồn tại.` } });
    }
    return ipcRenderer.invoke('rpc', channel, input);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!events.has(event)) return () => {};
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(`event:${event}`, wrapped);
    return () => ipcRenderer.removeListener(`event:${event}`, wrapped);
  },
});
