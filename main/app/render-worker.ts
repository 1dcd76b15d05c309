/**
 * One render thread of the desk host's pool (render-pool.ts): draws the forms it is sent and sends the
 * PDF bytes back (transferred, not copied). It warms itself up first, so even the first receipt of the
 * day is drawn by a thread that has its fonts and templates loaded.
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../shared/errors';
import { renderForm } from '../core/documents/render-form';
import { warmUpRendering } from '../core/documents/warm-up';
import type { RenderReady, RenderReply, RenderRequest } from './render-protocol';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs only as a worker thread');

// MOTCUA_WARM_UP=0 (the bench's baseline) also turns the threads' warm-up off.
const ready = process.env.MOTCUA_WARM_UP === '0' ? Promise.resolve() : warmUpRendering();

void ready.then(() => port.postMessage({ ready: true } satisfies RenderReady));

port.on('message', (req: RenderRequest) => {
  void (async () => {
    let reply: RenderReply;
    try {
      const bytes = await renderForm(req.kind, req.data as never, { paper: req.paper });
      reply = { id: req.id, ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    } catch (e) {
      reply = isAppError(e)
        ? { id: req.id, ok: false, error: { app: true, ...e.toPayload() } }
        : { id: req.id, ok: false, error: { app: false, code: 'internal', message: (e as Error)?.message ?? String(e) } };
    }
    port.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
  })();
});
