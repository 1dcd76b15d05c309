import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/errors';
import { MAX_COPIES } from '../../core/ports/printer';

export interface RunOptions {
  /** Bytes written to the child's stdin (then closed). */
  input?: Buffer;
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Why a child process did not produce a normal exit. Adapters turn these into AppErrors. */
export class RunFailure extends Error {
  constructor(
    readonly reason: 'not_found' | 'timeout' | 'aborted' | 'spawn_failed',
    readonly command: string,
    options?: { cause?: unknown },
  ) {
    super(`${command}: ${reason}`, options);
    this.name = 'RunFailure';
  }
}

/** Injected into adapters so unit tests can check the exact argv without the real tool. */
export type Runner = (command: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Run a program with an argument array (never through a shell, so printer names and titles are
 * never interpreted), with a hard timeout. A non-zero exit is a normal result; only "could not
 * run / did not finish" rejects.
 */
export const runProcess: Runner = (command, args, options = {}) =>
  new Promise<RunResult>((resolve, reject) => {
    const { input, timeoutMs = DEFAULT_TIMEOUT_MS, signal, env } = options;
    if (signal?.aborted) {
      reject(new RunFailure('aborted', command, { cause: signal.reason }));
      return;
    }
    const child = spawn(command, [...args], { env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    let failure: RunFailure | undefined;

    const kill = (why: RunFailure) => {
      if (failure) return;
      failure = why;
      child.kill('SIGTERM');
      // A child that ignores SIGTERM must not keep the desk waiting forever.
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, 2_000).unref();
    };
    const timer = setTimeout(() => kill(new RunFailure('timeout', command)), timeoutMs);
    const onAbort = () => kill(new RunFailure('aborted', command, { cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };

    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish(() => reject(new RunFailure(e.code === 'ENOENT' ? 'not_found' : 'spawn_failed', command, { cause: e })));
    });
    child.on('close', (code) => {
      finish(() => {
        if (failure) reject(failure);
        else resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
    // EPIPE when the child exits before reading all input (e.g. lp rejecting the destination);
    // the exit code and stderr tell the real story.
    child.stdin.on('error', () => {});
    if (input) child.stdin.end(input);
    else child.stdin.end();
  });

/** Bytes must look like a PDF: a clerk should never get pages of PostScript garbage. */
export function assertPdf(pdf: Buffer): void {
  const head = pdf.subarray(0, 1024).toString('latin1');
  if (pdf.length < 8 || !head.includes('%PDF-')) {
    throw new AppError('invalid_input', 'Tài liệu cần in không phải tệp PDF hợp lệ.', {
      issues: [{ path: 'pdf', message: 'Dữ liệu không phải tệp PDF.' }],
    });
  }
}

export function resolveCopies(copies: number | undefined): number {
  const n = copies ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > MAX_COPIES) {
    throw new AppError('invalid_input', `Số bản in phải là số nguyên từ 1 đến ${MAX_COPIES}.`, {
      issues: [{ path: 'copies', message: `Số bản in phải từ 1 đến ${MAX_COPIES}.` }],
    });
  }
  return n;
}

/** Job titles end up in queue listings and file names: no control characters, bounded length. */
export function cleanTitle(title: string | undefined, fallback = 'MotCua Desk'): string {
  // eslint-disable-next-line no-control-regex
  const t = (title ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return (t || fallback).slice(0, 120);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

export function printerMissing(printer: string, cause?: unknown): AppError {
  return new AppError(
    'device_unavailable',
    `Máy in "${printer}" không tồn tại hoặc đang tắt. Tài liệu đã được lưu, có thể in lại sau.`,
    { details: { printer }, cause },
  );
}

export function printerStopped(printer: string, reason?: string): AppError {
  return new AppError(
    'device_unavailable',
    `Máy in "${printer}" đang tạm dừng nên không nhận lệnh in. Hãy bật lại máy in (hoặc chọn máy in khác) rồi in lại; tài liệu đã được lưu.`,
    { details: reason ? { printer, reason } : { printer } },
  );
}

export function printerBusy(printer: string, detail?: string): AppError {
  return new AppError(
    'device_busy',
    `Máy in "${printer}" đang bận, chưa nhận thêm lệnh in. Vui lòng đợi một lát rồi in lại; tài liệu đã được lưu.`,
    { details: detail ? { printer, detail } : { printer } },
  );
}

