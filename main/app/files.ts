import { previewFile } from '../core/documents/documents.service';
import { readFileBytes } from '../core/files/files.service';
import type { App } from './create-app';

/** Bytes of a stored file for a transport (HTTP files route, Electron app:// protocol). */
export async function serveFileBytes(app: App, id: string): Promise<{ mime: string; name: string; bytes: Buffer } | undefined> {
  // Thumbnails of pages waiting to be attached live in memory, not in the store.
  const thumb = app.digitize.pending.thumb(id);
  if (thumb) return { mime: 'image/png', name: `${id}.png`, bytes: thumb };
  // Document previews too (looking never writes).
  const preview = previewFile(app.deps, id);
  if (preview) return preview;
  const file = await readFileBytes(app.store.db, id);
  return file ? { mime: file.meta.mime, name: file.meta.name, bytes: file.bytes } : undefined;
}
