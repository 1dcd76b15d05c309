/**
 * Previews live in memory only: looking at a document never writes to the store. A preview is
 * drawn once, kept here under a random id (served like a stored file at /files/<id>), and when the
 * clerk prints or saves it, exactly those bytes are issued. Bounded (count and age) so a desk left
 * open all day does not grow.
 */
import { randomUUID } from 'node:crypto';
import type { Drawn, Prepared } from './build-document';

export interface Preview extends Drawn {
  id: string;
  prepared: Prepared;
  at: string;
  createdMs: number;
}

const MAX_PREVIEWS = 12;
const MAX_AGE_MS = 30 * 60_000;

export class PreviewCache {
  private readonly items = new Map<string, Preview>();

  put(prepared: Prepared, drawn: Drawn, at: string, nowMs: number): Preview {
    this.prune(nowMs);
    const preview: Preview = { id: randomUUID(), prepared, ...drawn, at, createdMs: nowMs };
    this.items.set(preview.id, preview);
    while (this.items.size > MAX_PREVIEWS) this.items.delete(this.items.keys().next().value!);
    return preview;
  }

  /** The preview with this id, if it still shows exactly this content. */
  take(id: string | undefined, contentKey: string, nowMs: number): Preview | undefined {
    if (!id) return undefined;
    this.prune(nowMs);
    const p = this.items.get(id);
    return p && p.prepared.contentKey === contentKey ? p : undefined;
  }

  /** Bytes for the files route. */
  get(id: string, nowMs: number): Preview | undefined {
    this.prune(nowMs);
    return this.items.get(id);
  }

  private prune(nowMs: number): void {
    for (const [id, p] of this.items) if (nowMs - p.createdMs > MAX_AGE_MS) this.items.delete(id);
  }
}

const caches = new WeakMap<object, PreviewCache>();

/** One cache per running core (keyed by its deps object). */
export function previewsOf(owner: object): PreviewCache {
  let c = caches.get(owner);
  if (!c) caches.set(owner, (c = new PreviewCache()));
  return c;
}
