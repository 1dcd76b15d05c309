import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/ports/logger';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** JSON-lines logger writing to <dataDir>/logs/motcua.log (one object per line, easy to grep and ship). */
export function createJsonLogger(dataDir: string, opts: { echo?: boolean } = {}): Logger & { close(): Promise<void> } {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const stream: WriteStream = createWriteStream(join(dir, 'motcua.log'), { flags: 'a' });
  const write = (level: Level, scope: string, msg: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...fields });
    stream.write(line + '\n');
    if (opts.echo && (level === 'warn' || level === 'error')) process.stderr.write(line + '\n');
  };
  const make = (scope: string): Logger => ({
    debug: (m, f) => write('debug', scope, m, f),
    info: (m, f) => write('info', scope, m, f),
    warn: (m, f) => write('warn', scope, m, f),
    error: (m, f) => write('error', scope, m, f),
    child: (s) => make(`${scope}.${s}`),
  });
  return Object.assign(make('app'), {
    close: () => new Promise<void>((res) => stream.end(() => res())),
  });
}
