import { readFileBytes } from '../core/files/files.service';
import type { App } from './create-app';

/** Bytes of a stored file for a transport (HTTP files route, Electron app:// protocol). */
export async function serveFileBytes(app: App, id: string): Promise<{ mime: string; name: string; bytes: Buffer } | undefined> {
  const file = await readFileBytes(app.store.db, id);
  return file ? { mime: file.meta.mime, name: file.meta.name, bytes: file.bytes } : undefined;
}
