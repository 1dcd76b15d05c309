/**
 * Worker threads that draw forms for the desk host (issue 16: with eight desks on one host, intake
 * p95 was 844 ms because receipts were drawn on the thread that answers every call). One thread per
 * spare core (at least one); jobs queue in order; bytes come back transferred, not copied.
 *
 * It degrades, never fails a print for its own sake: if no worker script can be found (the Electron
 * shell's single-file bundle) or the threads keep dying, forms are drawn in process as before, and a
 * job whose thread died is drawn in process once. Form errors (AppError from the renderer, e.g. data
 * missing) come back as the same AppError.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { renderForm } from '../core/documents/render-form';
import type { FormKind, FormInput, Paper } from '../core/documents/form-data';
import type { FormRenderer } from '../core/ports/form-renderer';
import type { Logger } from '../core/ports/logger';
import type { RenderReady, RenderReply, RenderRequest } from './render-protocol';

export interface RenderPool extends FormRenderer {
  /** Threads running now (0: drawing in process). */
  readonly threads: number;
  /** Resolves when every thread started has said it is ready (tests; the host never waits). */
  ready(): Promise<void>;
  /** Forms drawn so far on a thread, and in process (no thread found, or its thread died). */
  readonly drawn: { onThreads: number; inProcess: number };
  close(): Promise<void>;
}

/** After this many threads died, the pool stops starting new ones and draws in process. */
const MAX_DEATHS = 3;

interface Job {
  req: RenderRequest;
  resolve(b: Buffer): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Loaded and warmed up (it said so); a starting thread is sent no job. */
  ready: boolean;
  job: Job | null;
}

/**
 * How to start a render thread: the bundled render-worker.mjs next to the bundle, or, from source,
 * a two-line bootstrap that registers tsx in the thread first (`--import tsx` in a worker's execArgv
 * does not apply to the worker's own entry file on Node 20).
 */
function workerEntry(): { script: string; eval: boolean } | null {
  let here: string;
  try {
    here = fileURLToPath(import.meta.url);
  } catch {
    return null; // a CommonJS bundle (the Electron shell): no module URL, no sibling worker script
  }
  if (here.endsWith('.ts')) {
    const file = join(dirname(here), 'render-worker.ts');
    if (!existsSync(file)) return null;
    // tsx resolves from the working folder (the project root when run from source); if it is not
    // there the thread exits and the pool draws in process.
    const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); }).catch((e) => { console.error(e); process.exit(70); });`;
    return { script: boot, eval: true };
  }
  const file = join(dirname(here), 'render-worker.mjs');
  return existsSync(file) ? { script: file, eval: false } : null;
}

export function startRenderPool(logger: Logger, opts: { threads?: number } = {}): RenderPool {
  const entry = workerEntry();
  const wanted = entry ? (opts.threads ?? Math.min(2, Math.max(1, availableParallelism() - 1))) : 0;
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let deaths = 0;
  let closed = false;

  const drawn = { onThreads: 0, inProcess: 0 };
  const inProcess = <K extends FormKind>(kind: K, data: FormInput<K>, paper: Paper) => {
    drawn.inProcess++;
    return renderForm(kind, data, { paper });
  };

  function spawn(): Slot | null {
    if (!entry || closed || deaths >= MAX_DEATHS) return null;
    const worker = new Worker(entry.script, { eval: entry.eval });
    worker.unref(); // never keeps the host alive on its own
    const slot: Slot = { worker, ready: false, job: null };
    worker.on('message', (reply: RenderReply | RenderReady) => {
      if ('ready' in reply) {
        slot.ready = true;
        pump();
        return;
      }
      const job = slot.job;
      slot.job = null;
      if (job && job.req.id === reply.id) {
        drawn.onThreads++;
        if (reply.ok) job.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
        else if (reply.error.app) job.reject(new AppError(reply.error.code, reply.error.message, { issues: reply.error.issues, details: reply.error.details }));
        else job.reject(new AppError('internal', 'Không vẽ được biểu mẫu.', { details: { cause: reply.error.message } }));
      }
      pump();
    });
    const died = (why: string) => {
      const i = slots.indexOf(slot);
      if (i < 0) return;
      slots.splice(i, 1);
      if (closed) return;
      deaths++;
      logger.warn('render thread stopped', { why, deaths });
      const job = slot.job;
      slot.job = null;
      // The job's thread died under it: draw that one here rather than lose the clerk's print.
      if (job) inProcess(job.req.kind, job.req.data as never, job.req.paper).then(job.resolve, job.reject);
      pump();
    };
    worker.on('error', (e) => died(e.message));
    worker.on('exit', (code) => died(`exit ${code}`));
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (queue.length > 0) {
      const slot = slots.find((s) => s.ready && s.job === null) ?? null;
      if (!slot && slots.length < wanted) spawn();
      if (!slot) {
        // No thread is ready: while they start (or if none can run), jobs are drawn here rather than
        // kept waiting, so the first receipt after start never waits for a thread to load.
        if (!slots.some((s) => s.ready)) for (const job of queue.splice(0)) inProcess(job.req.kind, job.req.data as never, job.req.paper).then(job.resolve, job.reject);
        return;
      }
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.postMessage(job.req);
    }
  }

  for (let i = 0; i < wanted; i++) spawn(); // start (and warm up) now, not at the first receipt

  return {
    get threads() {
      return slots.length;
    },
    async ready() {
      while (slots.length > 0 && !slots.every((s) => s.ready)) await new Promise((r) => setTimeout(r, 20));
    },
    get drawn() {
      return { ...drawn };
    },
    render(kind, data, options) {
      if (closed || wanted === 0) return inProcess(kind, data, options.paper);
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ req: { id: nextId++, kind, data, paper: options.paper }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      const all = slots.splice(0);
      await Promise.all(all.map((s) => s.worker.terminate()));
      for (const job of queue.splice(0)) job.reject(new AppError('store_unavailable', 'Phần mềm đang đóng.'));
      for (const s of all) s.job?.reject(new AppError('store_unavailable', 'Phần mềm đang đóng.'));
    },
  };
}
