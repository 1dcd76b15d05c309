import type { Command } from 'commander';
import { ConfigError } from '../app/config';
import { createApp, type App } from '../app/create-app';
import { resolveDataDir } from '../app/data-dir';
import { createJsonLogger } from '../app/json-logger';
import { isAppError, type ErrorPayload } from '../../shared/errors';

/** Exit codes every `motcua` command keeps: scripts rely on them. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

/** Open the app on the data folder chosen by --data-dir / MOTCUA_DATA_DIR, run `work`, close. */
export async function withApp<T>(cmd: Command, work: (app: App) => Promise<T>): Promise<T> {
  const globals = cmd.optsWithGlobals<{ dataDir?: string }>();
  const dataDir = resolveDataDir(globals.dataDir);
  const logger = createJsonLogger(dataDir);
  const app = await createApp({ dataDir, logger });
  try {
    return await work(app);
  } finally {
    await app.close();
    await logger.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Print an error the way a person and a script both understand, and pick the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof CliInputError) {
    process.stderr.write(`Lỗi: ${err.message}\n`);
    return EXIT.badInput;
  }
  if (isAppError(err)) return reportPayload(err.toPayload());
  if (err instanceof ConfigError) {
    process.stderr.write(`Lỗi cấu hình: ${err.message}\n`);
    return EXIT.failure;
  }
  process.stderr.write(`Lỗi: ${(err as Error)?.message ?? String(err)}\n`);
  return EXIT.failure;
}

export function reportPayload(error: ErrorPayload): number {
  process.stderr.write(`Lỗi (${error.code}): ${error.message}\n`);
  for (const issue of error.issues ?? []) process.stderr.write(`  - ${issue.path || '(dữ liệu)'}: ${issue.message}\n`);
  return error.code === 'invalid_input' || error.code === 'not_found' ? EXIT.badInput : EXIT.failure;
}
