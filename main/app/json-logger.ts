import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/ports/logger';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** After the log file failed (disk full, USB pulled, read-only), try it again this long later. */
const REOPEN_AFTER_MS = 30_000;

/**
 * JSON-lines logger writing to <dataDir>/logs/motcua.log (one object per line, easy to grep and ship).
 *
 * Logging never stops the desk: a write error (ENOSPC on a full disk, EIO, EROFS) used to be an
 * unhandled 'error' event that ended the process right after "listening". Now the stream's error is
 * caught, lines are dropped (counted) while the file cannot be written, the failure is said once on
 * stderr, and the file is reopened later; the first line written after that says how many were lost.
 */
export function createJsonLogger(dataDir: string, opts: { echo?: boolean } = {}): Logger & { close(): Promise<void> } {
  const dir = join(dataDir, 'logs');
  const file = join(dir, 'motcua.log');
  let stream: WriteStream | null = null;
  let failedAt = 0;
  let dropped = 0;
  let closed = false;

  const open = (): WriteStream | null => {
    if (stream) return stream;
    if (closed || (failedAt && Date.now() - failedAt < REOPEN_AFTER_MS)) return null;
    try {
      mkdirSync(dir, { recursive: true });
      const s = createWriteStream(file, { flags: 'a' });
      s.on('error', (err: NodeJS.ErrnoException) => {
        if (stream === s) stream = null;
        failedAt = Date.now();
        s.destroy();
        safeStderr(JSON.stringify({ t: new Date().toISOString(), level: 'error', scope: 'app.log', msg: 'cannot write the log file; lines are dropped until it works again', code: err.code, file }));
      });
      stream = s;
      if (dropped > 0) {
        s.write(JSON.stringify({ t: new Date().toISOString(), level: 'warn', scope: 'app.log', msg: 'log lines dropped while the log file could not be written', dropped }) + '\n');
        dropped = 0;
      }
      return s;
    } catch {
      failedAt = Date.now();
      return null;
    }
  };

  const write = (level: Level, scope: string, msg: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...fields });
    const s = open();
    if (s) s.write(line + '\n');
    else dropped++;
    if (opts.echo && (level === 'warn' || level === 'error')) safeStderr(line);
  };
  const make = (scope: string): Logger => ({
    debug: (m, f) => write('debug', scope, m, f),
    info: (m, f) => write('info', scope, m, f),
    warn: (m, f) => write('warn', scope, m, f),
    error: (m, f) => write('error', scope, m, f),
    child: (s) => make(`${scope}.${s}`),
  });
  open();
  return Object.assign(make('app'), {
    close: () =>
      new Promise<void>((res) => {
        closed = true;
        const s = stream;
        stream = null;
        if (!s || s.destroyed) return res();
        s.end(() => res());
        // A stream that fails while flushing still closes; end's callback is not called then.
        s.once('error', () => res());
      }),
  });
}

/** stderr may be a full file or a closed pipe too; a log line is never worth the process. */
function safeStderr(line: string): void {
  try {
    process.stderr.write(line + '\n', () => undefined);
  } catch {
    // nothing left to tell
  }
}
