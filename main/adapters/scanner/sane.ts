import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { digitizeVi } from '../../../shared/i18n/vi/digitize';
import {
  ScanInterruptedError,
  type ScannedPage,
  type Scanner,
  type ScannerCapabilities,
  type ScannerDevice,
  type ScanOptions,
  type ScanRequest,
} from '../../core/ports/scanner';
import { pngComplete, pngSize } from './png-info';
import { modeValue, parseDeviceList, parseOptions, pickResolution, sourceValue, toCapabilities, type SaneOption } from './sane-parse';

export interface SaneScannerOptions {
  /** The scanimage executable (tests may point it at a wrapper). */
  bin?: string;
  /** Environment for scanimage; default process.env, so SANE_CONFIG_DIR passes through. */
  env?: NodeJS.ProcessEnv;
  /** Parent folder for batch temp dirs (default os.tmpdir()). */
  tmpDir?: string;
  /** Extra backend options per device id, e.g. pnm's `--filename`, the test backend's `--test-picture`. */
  deviceArgs?: (device: string) => string[];
  /** Time limit for `-L`/`-A`: network backends probe for seconds. */
  queryTimeoutMs?: number;
  /** Grace period between SIGTERM (scanimage cancels the scan cleanly) and SIGKILL. */
  killGraceMs?: number;
}

/** Default area: A4, clipped to what the device can do (SANE's test backend stops at 200×200 mm). */
const A4_MM = { width: 210, height: 297 };

/**
 * SANE via the `scanimage` command line (sane-utils). Arguments are always arrays (no shell).
 * Flatbed: one PNG on stdout. ADF: `--batch` into a temp dir with `--batch-print`, each page reported
 * as its file name is printed, i.e. when the page is complete.
 */
export class SaneScanner implements Scanner {
  readonly kind = 'sane';
  private readonly bin: string;
  private readonly optionsCache = new Map<string, Map<string, SaneOption>>();

  constructor(private readonly cfg: SaneScannerOptions = {}) {
    this.bin = cfg.bin ?? 'scanimage';
  }

  async list(): Promise<ScannerDevice[]> {
    // -f gives vendor/model/type as separate fields; -L joins them with spaces (parseDeviceList handles that form).
    const { stdout } = await this.run(['-f', '%d\t%v\t%m\t%t%n']);
    const devices: ScannerDevice[] = [];
    for (const line of stdout.split('\n')) {
      const [id, vendor = '', model = '', type = ''] = line.split('\t');
      if (id) devices.push({ id, vendor, model, type });
    }
    return devices.length > 0 || !stdout.includes('device `') ? devices : parseDeviceList(stdout);
  }

  async capabilities(device: string): Promise<ScannerCapabilities> {
    return toCapabilities(await this.options(device));
  }

  private async options(device: string): Promise<Map<string, SaneOption>> {
    const cached = this.optionsCache.get(device);
    if (cached) return cached;
    const { stdout } = await this.run(['-d', device, '-A'], device);
    const opts = parseOptions(stdout);
    this.optionsCache.set(device, opts);
    return opts;
  }

  private run(args: string[], device?: string): Promise<{ stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      execFile(
        this.bin,
        args,
        { env: this.cfg.env ?? process.env, timeout: this.cfg.queryTimeoutMs ?? 30_000, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
        (err, stdout, stderr) => {
          if (err) {
            const code = (err as NodeJS.ErrnoException).code;
            if (code === 'ENOENT') reject(new AppError('device_unavailable', digitizeVi.scannerToolMissing, { cause: err }));
            else reject(mapSaneError(stderr, 0, device ?? '', err));
            return;
          }
          resolve({ stdout, stderr });
        },
      );
    });
  }

  /** Builds the scanimage arguments for a request (exported through `buildArgs` for tests). */
  async buildArgs(req: ScanRequest, batchPattern?: string): Promise<{ args: string[]; dpi: number }> {
    validateRequest(req);
    const opts = await this.options(req.device);
    const args = ['-d', req.device, '--format=png'];
    const dpi = pickResolution(opts, req.dpi);
    args.push('--resolution', String(dpi));
    // bw is made from grey by the page pipeline when the device has no lineart mode (the test backend).
    const mode = modeValue(opts, req.mode) ?? (req.mode === 'bw' ? modeValue(opts, 'gray') : null);
    if (opts.has('--mode')) {
      if (!mode) throw new AppError('invalid_input', digitizeVi.unsupportedSetting(`chế độ màu "${req.mode}"`));
      args.push('--mode', mode);
    }
    if (opts.has('--source')) {
      const source = sourceValue(opts, req.source);
      if (!source) throw new AppError('invalid_input', digitizeVi.unsupportedSetting(sourceLabel(req.source)));
      args.push('--source', source);
    } else if (req.source !== 'flatbed') {
      throw new AppError('invalid_input', digitizeVi.unsupportedSetting(sourceLabel(req.source)));
    }
    const x = opts.get('-x');
    const y = opts.get('-y');
    if (x?.range && !x.inactive && y?.range && !y.inactive) {
      args.push('-x', String(Math.min(A4_MM.width, x.range.max)), '-y', String(Math.min(A4_MM.height, y.range.max)));
    }
    args.push(...(this.cfg.deviceArgs?.(req.device) ?? []));
    if (batchPattern) {
      args.push(`--batch=${batchPattern}`, '--batch-print');
      if (req.pages) args.push(`--batch-count=${req.pages}`);
    }
    return { args, dpi };
  }

  async scan(req: ScanRequest, opts: ScanOptions = {}): Promise<ScannedPage[]> {
    if (opts.signal?.aborted) throw new ScanInterruptedError('conflict', digitizeVi.cancelled(0), { pages: [], pagesScanned: 0, reason: 'cancelled' });
    const batch = req.source !== 'flatbed';
    const dir = batch ? await mkdtemp(join(this.cfg.tmpDir ?? tmpdir(), 'motcua-scan-')) : null;
    try {
      const { args, dpi } = await this.buildArgs(req, dir ? join(dir, 'p%04d.png') : undefined);
      return await this.runScan(args, dpi, req, opts, batch);
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  private runScan(args: string[], dpi: number, req: ScanRequest, opts: ScanOptions, batch: boolean): Promise<ScannedPage[]> {
    const total = batch ? (req.pages ?? null) : 1;
    const retain = opts.retainPages !== false;
    const kept: ScannedPage[] = [];
    let done = 0;
    let stderr = '';
    let stdoutText = '';
    const stdoutChunks: Buffer[] = [];
    let chain: Promise<void> = Promise.resolve();
    let pageError: unknown = null;

    const deliver = (image: Buffer) => {
      const size = pngSize(image);
      if (!size) throw new AppError('device_unavailable', digitizeVi.stoppedMidway(done));
      const page: ScannedPage = { index: done, image, width: size.width, height: size.height, dpi };
      done++;
      if (retain) kept.push(page);
      opts.onPage?.(page, done, total);
    };

    return new Promise<ScannedPage[]>((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(this.bin, args, { env: this.cfg.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        reject(new AppError('device_unavailable', digitizeVi.scannerToolMissing, { cause: e }));
        return;
      }
      let aborted = false;
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        aborted = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), this.cfg.killGraceMs ?? 2000);
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (s: string) => {
        stderr += s;
        if (stderr.length > 64 * 1024) stderr = stderr.slice(-32 * 1024);
      });
      child.stdout!.on('data', (b: Buffer) => {
        if (!batch) {
          stdoutChunks.push(b);
          return;
        }
        stdoutText += b.toString('utf8');
        let nl: number;
        while ((nl = stdoutText.indexOf('\n')) >= 0) {
          const path = stdoutText.slice(0, nl).trim();
          stdoutText = stdoutText.slice(nl + 1);
          if (!path) continue;
          // Pages are read in order; the file is deleted once in memory so a 200-page batch does not fill the disk.
          chain = chain.then(async () => {
            if (pageError || aborted) return;
            try {
              deliver(await readCompletePng(path));
              await unlink(path).catch(() => {});
            } catch (e) {
              pageError = e;
            }
          });
        }
      });

      child.on('error', (err: NodeJS.ErrnoException) => {
        opts.signal?.removeEventListener('abort', onAbort);
        reject(err.code === 'ENOENT' ? new AppError('device_unavailable', digitizeVi.scannerToolMissing, { cause: err }) : new AppError('device_unavailable', digitizeVi.stoppedMidway(done), { cause: err }));
      });

      child.on('close', (code, signal) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (killTimer) clearTimeout(killTimer);
        void chain.then(() => {
          if (aborted) {
            reject(new ScanInterruptedError('conflict', digitizeVi.cancelled(done), { pages: kept, pagesScanned: done, reason: 'cancelled' }));
            return;
          }
          if (pageError) {
            reject(interrupted(pageError instanceof AppError ? pageError.message : digitizeVi.stoppedMidway(done), 'device_unavailable', kept, done, pageError));
            return;
          }
          if (!batch) {
            const image = Buffer.concat(stdoutChunks);
            if (code === 0 && pngComplete(image)) {
              try {
                deliver(image);
              } catch (e) {
                reject(e);
                return;
              }
              resolve(retain ? kept : []);
              return;
            }
            reject(mapSaneError(stderr, 0, '', new Error(`scanimage exited ${code ?? signal}`)));
            return;
          }
          if (code === 0) {
            // "Document feeder out of documents" ends a batch normally; with no page at all it means an empty tray.
            if (done === 0) reject(new AppError('device_unavailable', digitizeVi.feederEmpty, { details: { stderr: tail(stderr) } }));
            else resolve(retain ? kept : []);
            return;
          }
          const err = mapSaneError(stderr, done, '', new Error(`scanimage exited ${code ?? signal}`));
          reject(done > 0 ? interrupted(err.message, err.code === 'device_busy' ? 'device_busy' : 'device_unavailable', kept, done, err) : err);
        });
      });
    });
  }
}

function interrupted(message: string, code: 'device_unavailable' | 'device_busy', pages: ScannedPage[], done: number, cause: unknown): ScanInterruptedError {
  return new ScanInterruptedError(code, message, { pages, pagesScanned: done, reason: 'device', cause });
}

function validateRequest(req: ScanRequest): void {
  const issues: { path: string; message: string }[] = [];
  if (!req.device) issues.push({ path: 'device', message: 'Chưa chọn máy quét.' });
  if (!Number.isInteger(req.dpi) || req.dpi < 50 || req.dpi > 1200) issues.push({ path: 'dpi', message: 'Độ phân giải phải từ 50 đến 1200 dpi.' });
  if (req.pages !== undefined && (!Number.isInteger(req.pages) || req.pages < 1 || req.pages > 500)) {
    issues.push({ path: 'pages', message: 'Số trang phải từ 1 đến 500.' });
  }
  if (issues.length > 0) throw new AppError('invalid_input', issues.map((i) => i.message).join(' '), { issues });
}

function sourceLabel(s: ScanRequest['source']): string {
  return s === 'flatbed' ? 'mặt kính (flatbed)' : s === 'adf' ? 'khay nạp giấy (ADF)' : 'khay nạp giấy hai mặt (ADF duplex)';
}

function tail(s: string): string {
  return s.length > 2000 ? s.slice(-2000) : s;
}

/** scanimage's status texts (sane_strstatus) → the error vocabulary, with what the clerk should do. */
export function mapSaneError(stderr: string, pagesDone: number, device: string, cause: unknown): AppError {
  const details = { stderr: tail(stderr) };
  const has = (re: RegExp) => re.test(stderr);
  if (has(/Device busy/i)) return new AppError('device_busy', digitizeVi.scannerBusy, { cause, details });
  if (has(/Document feeder jammed/i)) return new AppError('device_unavailable', digitizeVi.paperJam(pagesDone), { cause, details });
  if (has(/Scanner cover is open/i)) return new AppError('device_unavailable', digitizeVi.coverOpen, { cause, details });
  if (pagesDone === 0 && has(/Document feeder out of documents/i)) return new AppError('device_unavailable', digitizeVi.feederEmpty, { cause, details });
  const open = /open of device (.+?) failed/i.exec(stderr);
  if (open || has(/no SANE devices found/i)) return new AppError('device_unavailable', digitizeVi.scannerNotFound(open?.[1] ?? device), { cause, details });
  return new AppError('device_unavailable', digitizeVi.stoppedMidway(pagesDone), { cause, details });
}

/** The batch file named by --batch-print is closed by then; the IEND check guards odd backends. */
async function readCompletePng(path: string): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    const b = await readFile(path);
    if (pngComplete(b) || attempt >= 20) return b;
    await new Promise((r) => setTimeout(r, 50));
  }
}
