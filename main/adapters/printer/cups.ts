import { AppError } from '../../../shared/errors';
import type { PrintJobResult, PrintOptions, Printer, PrinterInfo, PrinterState, WaitForJobOptions } from '../../core/ports/printer';
import {
  RunFailure,
  assertPdf,
  cleanTitle,
  printerBusy,
  printerMissing,
  printerStopped,
  resolveCopies,
  runProcess,
  throwIfAborted,
  type RunResult,
  type Runner,
} from './common';

/**
 * CUPS adapter (Linux, macOS): `lpstat` to list, `lp` with the PDF on stdin to print.
 * Every command runs with LANG=C because the parsers read CUPS's English messages.
 */
export interface CupsPrinterConfig {
  /** CUPS server ("host:port" or a socket path) when not the local default; sets CUPS_SERVER. */
  server?: string;
  /** Per-command timeout. */
  timeoutMs?: number;
  /** How often waitForJob asks CUPS. */
  pollIntervalMs?: number;
  /** For unit tests: replaces the real process runner. */
  run?: Runner;
}

/** What lpstat says about one queue; `reason` is the text given to `cupsdisable -r`. */
export type CupsQueueStatus = PrinterInfo & { reason?: string };

interface ParsedStatus {
  printers: CupsQueueStatus[];
  defaultName: string | null;
}

// The fixed labels of `lpstat -l -p`; a disabled queue's reason line comes before them.
const LPSTAT_FIELD = /^(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface|On fault|After fault|Users allowed|Forms allowed|Banner required|Charset sets|Default pitch|Default page size|Default port settings)\b/;

/** Parse `lpstat -l -p -d` (LANG=C). Exported for unit tests of states CI cannot produce. */
export function parseLpstatPrinters(stdout: string): ParsedStatus {
  const printers: CupsQueueStatus[] = [];
  let defaultName: string | null = null;
  let current: CupsQueueStatus | null = null;
  let expectReason = false;
  for (const line of stdout.split(/\r?\n/)) {
    const head = /^printer (\S+) (.*)$/.exec(line);
    if (head) {
      const name = head[1] as string;
      const rest = head[2] as string;
      let state: PrinterState = 'unknown';
      if (/^is idle\b/.test(rest)) state = 'idle';
      else if (/^now printing\b/.test(rest)) state = 'printing';
      else if (/^disabled\b/.test(rest)) state = 'stopped';
      current = { name, isDefault: false, state };
      printers.push(current);
      // For a disabled queue, the first indented line is the reason given to cupsdisable -r.
      expectReason = state === 'stopped';
      continue;
    }
    const def = /^system default destination: (\S+)/.exec(line);
    if (def) {
      // "Queue/instance" is an lpoptions instance of Queue; the queue is what we print to.
      defaultName = (def[1] as string).split('/')[0] as string;
      current = null;
      continue;
    }
    if (!current || !/^\s/.test(line)) {
      expectReason = false;
      continue;
    }
    const trimmed = line.trim();
    const desc = /^Description: (.*)$/.exec(trimmed);
    if (desc) {
      const d = (desc[1] as string).trim();
      if (d) current.description = d;
      expectReason = false;
      continue;
    }
    if (expectReason) {
      expectReason = false;
      if (trimmed && !LPSTAT_FIELD.test(trimmed)) {
        current.reason = trimmed;
      }
    }
  }
  for (const p of printers) p.isDefault = p.name === defaultName;
  return { printers, defaultName };
}

/** Parse `lp`'s "request id is Queue-12 (1 file(s))". */
export function parseRequestId(stdout: string): string | null {
  const m = /request id is (\S+)/.exec(stdout);
  return m ? (m[1] as string) : null;
}

/** The queue a CUPS job id belongs to: "Máy-in-2-15" → "Máy-in-2". */
export function queueOfJob(jobId: string): string | null {
  const m = /^(.+)-(\d+)$/.exec(jobId);
  return m ? (m[1] as string) : null;
}

/** CUPS queue names: printable, no space, '/', '#', '\\' or quotes, at most 127 bytes. */
export function isValidQueueName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.length > 0 && Buffer.byteLength(name) <= 127 && !/[\s/#\\'"\u0000-\u001f\u007f]/.test(name) && !name.startsWith('-');
}

const SCHEDULER_DOWN = /scheduler is not running|unable to connect|connection refused|no such file or directory/i;
const NO_SUCH_PRINTER = /does not exist|invalid destination|unknown destination|not found/i;
const NOT_ACCEPTING = /not accepting jobs/i;
const BUSY = /too many (active )?jobs|server.?busy|busy/i;

function cupsNotInstalled(cause?: unknown): AppError {
  return new AppError(
    'device_unavailable',
    'Máy tính này chưa cài dịch vụ in CUPS (không tìm thấy lệnh lp/lpstat). Tài liệu đã được lưu; hãy nhờ cán bộ kỹ thuật cài đặt máy in rồi in lại.',
    { cause },
  );
}

function schedulerDown(detail?: string): AppError {
  return new AppError(
    'device_unavailable',
    'Dịch vụ in CUPS trên máy tính này đang không chạy. Tài liệu đã được lưu; hãy khởi động lại máy tính hoặc nhờ cán bộ kỹ thuật, rồi in lại.',
    { details: detail ? { detail } : undefined },
  );
}

export class CupsPrinter implements Printer {
  readonly kind = 'cups';
  private readonly run: Runner;
  private readonly timeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly env: NodeJS.ProcessEnv;

  constructor(config: CupsPrinterConfig = {}) {
    this.run = config.run ?? runProcess;
    this.timeoutMs = config.timeoutMs ?? 15_000;
    this.pollIntervalMs = config.pollIntervalMs ?? 250;
    this.env = { ...process.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' };
    if (config.server) this.env.CUPS_SERVER = config.server;
  }

  private async exec(command: string, args: string[], extra: { input?: Buffer; signal?: AbortSignal; printer?: string } = {}): Promise<RunResult> {
    try {
      return await this.run(command, args, { env: this.env, timeoutMs: this.timeoutMs, input: extra.input, signal: extra.signal });
    } catch (e) {
      if (e instanceof RunFailure) {
        if (e.reason === 'not_found') throw cupsNotInstalled(e);
        if (e.reason === 'aborted') throw extra.signal?.reason ?? e;
        if (e.reason === 'timeout') {
          if (extra.printer) throw printerBusy(extra.printer, `${command} timed out`);
          throw new AppError('device_busy', 'Dịch vụ in CUPS không phản hồi. Vui lòng đợi một lát rồi thử lại.', { cause: e });
        }
      }
      throw new AppError('device_unavailable', 'Không chạy được lệnh in của hệ thống. Tài liệu đã được lưu; hãy nhờ cán bộ kỹ thuật kiểm tra máy in.', { cause: e });
    }
  }

  private async status(printer?: string): Promise<ParsedStatus & { stderr: string; code: number | null }> {
    const args = ['-l', '-p', ...(printer ? [printer] : []), '-d'];
    const r = await this.exec('lpstat', args);
    return { ...parseLpstatPrinters(r.stdout), stderr: r.stderr, code: r.code };
  }

  async schedulerRunning(): Promise<boolean> {
    const r = await this.exec('lpstat', ['-r']);
    return /scheduler is running/i.test(r.stdout);
  }

  async list(): Promise<PrinterInfo[]> {
    const s = await this.status();
    if (SCHEDULER_DOWN.test(s.stderr)) throw schedulerDown(s.stderr.trim());
    const printers = s.printers.map(({ name, isDefault, state, description }) =>
      description === undefined ? { name, isDefault, state } : { name, isDefault, state, description },
    );
    // `lpstat -e` also names destinations CUPS can print to without a local queue (IPP Everywhere
    // printers it discovered). Best effort: the local queues above are what matter.
    try {
      const e = await this.run('lpstat', ['-e'], { env: this.env, timeoutMs: Math.min(this.timeoutMs, 5_000) });
      if (e.code === 0) {
        const known = new Set(printers.map((p) => p.name));
        for (const raw of e.stdout.split(/\r?\n/)) {
          const name = raw.trim().split('/')[0] ?? '';
          if (name && !known.has(name)) {
            known.add(name);
            printers.push({ name, isDefault: name === s.defaultName, state: 'unknown' });
          }
        }
      }
    } catch {
      // Discovery is optional; a slow or failing `lpstat -e` must not hide the local printers.
    }
    return printers;
  }

  async print(pdf: Buffer, options: PrintOptions): Promise<PrintJobResult> {
    const printer = options.printer;
    assertPdf(pdf);
    const copies = resolveCopies(options.copies);
    throwIfAborted(options.signal);
    if (!isValidQueueName(printer)) throw printerMissing(printer);

    // lp itself happily queues a job on a stopped printer (it prints whenever someone re-enables
    // it, maybe hours later), and says "does not exist" when cupsd is down. Asking lpstat first
    // gives the clerk the real reason while they are still at the desk.
    const s = await this.status(printer);
    if (SCHEDULER_DOWN.test(s.stderr)) throw schedulerDown(s.stderr.trim());
    const info = s.printers.find((p) => p.name === printer);
    if (!info) {
      // With cupsd down, `lpstat -p NAME` only says "Invalid destination name": ask which it is.
      if (!(await this.schedulerRunning())) throw schedulerDown(s.stderr.trim());
      throw printerMissing(printer);
    }
    if (info.state === 'stopped') throw printerStopped(printer, info.reason);
    throwIfAborted(options.signal);

    const args = ['-d', printer, '-n', String(copies), '-t', cleanTitle(options.title)];
    if (options.paper) args.push('-o', `media=${options.paper}`);
    // '-' = read the document from stdin: no temp file to leak, and CUPS sniffs the type (PDF).
    args.push('-');
    const r = await this.exec('lp', args, { input: pdf, signal: options.signal, printer });
    const jobId = r.code === 0 ? parseRequestId(r.stdout) : null;
    if (jobId) return { jobId, printer };

    const err = `${r.stderr}\n${r.stdout}`.trim();
    if (NOT_ACCEPTING.test(err)) {
      throw new AppError(
        'device_unavailable',
        `Máy in "${printer}" đang từ chối nhận lệnh in. Hãy bật lại máy in (hoặc chọn máy in khác) rồi in lại; tài liệu đã được lưu.`,
        { details: { printer, detail: err } },
      );
    }
    if (SCHEDULER_DOWN.test(err)) throw schedulerDown(err);
    if (NO_SUCH_PRINTER.test(err)) {
      if (!(await this.schedulerRunning())) throw schedulerDown(err);
      throw printerMissing(printer);
    }
    if (BUSY.test(err)) throw printerBusy(printer, err);
    throw new AppError(
      'device_unavailable',
      `Máy in "${printer}" không nhận lệnh in. Tài liệu đã được lưu, có thể in lại sau.`,
      { details: { printer, detail: err || `lp exit ${String(r.code)}` } },
    );
  }

  /** Jobs of `queue` that CUPS has not finished (pending, held, processing or stopped). */
  async pendingJobs(queue: string): Promise<string[]> {
    const r = await this.exec('lpstat', ['-W', 'not-completed', '-o', queue]);
    const err = r.stderr.trim();
    if (r.code !== 0 || err) {
      if (SCHEDULER_DOWN.test(err)) throw schedulerDown(err);
      if (NO_SUCH_PRINTER.test(err)) {
        if (!(await this.schedulerRunning())) throw schedulerDown(err);
        throw printerMissing(queue);
      }
    }
    return r.stdout
      .split(/\r?\n/)
      .map((l) => l.split(/\s+/)[0] ?? '')
      .filter((id) => id !== '');
  }

  async waitForJob(jobId: string, options: WaitForJobOptions = {}): Promise<void> {
    const queue = queueOfJob(jobId);
    if (!queue) {
      throw new AppError('invalid_input', `Mã lệnh in "${jobId}" không hợp lệ.`, { issues: [{ path: 'jobId', message: 'Không phải mã lệnh in CUPS.' }] });
    }
    const timeoutMs = options.timeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      throwIfAborted(options.signal);
      const pending = await this.pendingJobs(queue);
      if (!pending.includes(jobId)) return;
      if (Date.now() >= deadline) break;
      await sleep(Math.min(this.pollIntervalMs, Math.max(0, deadline - Date.now())), options.signal);
    }
    // Say why it is stuck when CUPS knows (the usual case is a printer someone paused).
    const s = await this.status(queue);
    const info = s.printers.find((p) => p.name === queue);
    if (info?.state === 'stopped') {
      throw new AppError(
        'device_unavailable',
        `Máy in "${queue}" đang tạm dừng; lệnh in ${jobId} vẫn nằm trong hàng đợi và sẽ in khi máy in được bật lại.`,
        { details: { printer: queue, jobId, ...(info.reason ? { reason: info.reason } : {}) } },
      );
    }
    throw new AppError(
      'device_busy',
      `Máy in "${queue}" chưa in xong lệnh ${jobId} sau ${Math.round(timeoutMs / 1000)} giây. Hãy kiểm tra giấy, mực và đèn báo của máy in.`,
      { details: { printer: queue, jobId } },
    );
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createCupsPrinter(config: CupsPrinterConfig = {}): CupsPrinter {
  return new CupsPrinter(config);
}

/** Stand-alone form of CupsPrinter.waitForJob for tests and scripts. */
export function waitForJob(jobId: string, timeoutMs = 60_000, config: CupsPrinterConfig = {}): Promise<void> {
  return new CupsPrinter(config).waitForJob(jobId, { timeoutMs });
}
