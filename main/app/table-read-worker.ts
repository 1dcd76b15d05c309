/**
 * One import file read on its own thread (table-reader-thread.ts): CSV/XLSX parsing within the import
 * limits, so a big or hostile file costs this thread, never the one answering every desk's calls.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../shared/errors';
import { readTableFile } from '../core/reports/table-file';

const port = parentPort;
if (!port) throw new Error('table-read-worker.ts runs only as a worker thread');
const { fileName, bytes } = workerData as { fileName: string; bytes: Uint8Array };

readTableFile(fileName, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).then(
  (table) => port.postMessage({ ok: true, table }),
  (e: unknown) =>
    port.postMessage(
      isAppError(e)
        ? { ok: false, app: true, error: e.toPayload() }
        : { ok: false, app: false, error: { code: 'internal', message: (e as Error)?.message ?? String(e) } },
    ),
);
