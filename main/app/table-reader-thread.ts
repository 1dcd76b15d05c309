/**
 * Import files are read on a worker thread (issue 15 item 5: a 1.5 MB CSV used to freeze every desk's
 * calls for 34 s). One short-lived thread per file: imports are rare, so no thread idles. Cancelling
 * stops the thread at once, wherever its parser is. Where no worker script exists (the Electron
 * shell's single CJS bundle) or the thread cannot start, the file is read in process as before.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorPayload } from '../../shared/errors';
import { vi } from '../../shared/i18n/vi';
import type { Logger } from '../core/ports/logger';
import type { ParsedTable, TableReader } from '../core/ports/table-reader';
import { IMPORT_LIMITS } from '../core/reports/import-limits';
import { readTableFile } from '../core/reports/table-file';

type Reply = { ok: true; table: ParsedTable } | { ok: false; app: boolean; error: ErrorPayload };

/** The bundled table-read-worker.mjs next to the bundle, or from source a tsx bootstrap (as render-pool.ts). */
function workerEntry(): { script: string; eval: boolean } | null {
  let here: string;
  try {
    here = fileURLToPath(import.meta.url);
  } catch {
    return null;
  }
  if (here.endsWith('.ts')) {
    const file = join(dirname(here), 'table-read-worker.ts');
    if (!existsSync(file)) return null;
    const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); }).catch((e) => { console.error(e); process.exit(70); });`;
    return { script: boot, eval: true };
  }
  const file = join(dirname(here), 'table-read-worker.mjs');
  return existsSync(file) ? { script: file, eval: false } : null;
}

export function createThreadTableReader(logger: Logger): TableReader & { readonly onThread: number } {
  const entry = workerEntry();
  let onThread = 0;
  return {
    get onThread() {
      return onThread;
    },
    read(fileName, bytes, opts = {}) {
      if (opts.signal?.aborted) return Promise.reject(new AppError('conflict', vi.imports.cancelled));
      if (!entry) return readTableFile(fileName, bytes);
      return new Promise<ParsedTable>((resolve, reject) => {
        // A copy the thread owns (transferred): the caller's buffer may be a slice of a larger one.
        const copy = new Uint8Array(bytes);
        const worker = new Worker(entry.script, {
          eval: entry.eval,
          workerData: { fileName, bytes: copy },
          transferList: [copy.buffer as ArrayBuffer],
          // Whatever got past the limits cannot take the host's memory with it.
          resourceLimits: { maxOldGenerationSizeMb: 1536 },
        });
        let settled = false;
        const finish = (f: () => void) => {
          if (settled) return;
          settled = true;
          opts.signal?.removeEventListener('abort', onAbort);
          void worker.terminate();
          f();
        };
        const onAbort = () => finish(() => reject(new AppError('conflict', vi.imports.cancelled)));
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        worker.on('message', (reply: Reply) =>
          finish(() => {
            onThread++;
            if (reply.ok) resolve(reply.table);
            else if (reply.app) reject(new AppError(reply.error.code, reply.error.message, { issues: reply.error.issues, details: reply.error.details }));
            else reject(new AppError('internal', vi.errors.internal, { details: { cause: reply.error.message } }));
          }),
        );
        worker.on('error', (e) => {
          if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
            finish(() => reject(new AppError('invalid_input', vi.imports.tooManyRows(IMPORT_LIMITS.rows))));
            return;
          }
          logger.warn('import thread failed; reading in process', { message: e.message });
          finish(() => readTableFile(fileName, bytes).then(resolve, reject));
        });
        worker.on('exit', (code) => {
          if (!settled) {
            logger.warn('import thread exited early; reading in process', { code });
            finish(() => readTableFile(fileName, bytes).then(resolve, reject));
          }
        });
      });
    },
  };
}
