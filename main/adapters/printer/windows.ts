import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { PrintJobResult, PrintOptions, Printer, PrinterInfo, PrinterState } from '../../core/ports/printer';
import { RunFailure, assertPdf, printerBusy, printerMissing, resolveCopies, runProcess, throwIfAborted, type Runner } from './common';
import { safePdfStem } from './file-name';

/**
 * Windows adapter: PowerShell/CIM to list printers, SumatraPDF to print a PDF silently to a named
 * printer. Windows has no built-in silent PDF printing, so SumatraPDF (portable, bundled with the
 * installer or installed by the office) is required; without it the adapter says so in Vietnamese.
 */
export interface WindowsPrinterConfig {
  /** Full path to SumatraPDF.exe. When unset, the usual install folders are searched. */
  sumatraPath?: string;
  /** Extra folders to look for SumatraPDF.exe in (e.g. the app's resources folder). */
  searchDirs?: string[];
  powershellPath?: string;
  /** Timeout for PowerShell listing. */
  listTimeoutMs?: number;
  /** Timeout for one SumatraPDF run (it exits after spooling all pages). */
  printTimeoutMs?: number;
  /** For unit tests. */
  run?: Runner;
  exists?: (file: string) => boolean;
  env?: NodeJS.ProcessEnv;
  tmpDir?: string;
}

/**
 * Win32_Printer rather than Get-Printer: Get-Printer (MSFT_Printer) has no "Default" property,
 * so `Select Name,Default` would always give null. Console output is forced to UTF-8, otherwise
 * Windows PowerShell 5.1 writes the OEM code page and Vietnamese printer names arrive mangled.
 */
export const LIST_PRINTERS_SCRIPT =
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; ' +
  'Get-CimInstance -ClassName Win32_Printer | Select-Object Name,Default,PrinterStatus,WorkOffline,Comment | ConvertTo-Json -Compress';

export function listPrintersCommand(powershellPath = 'powershell.exe'): { command: string; args: string[] } {
  return { command: powershellPath, args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', LIST_PRINTERS_SCRIPT] };
}

export function sumatraPrintArgs(printer: string, file: string, copies: number, paper?: string): string[] {
  const settings = [`${copies}x`, ...(paper ? [`paper=${paper}`] : [])].join(',');
  return ['-print-to', printer, '-print-settings', settings, '-silent', file];
}

interface Win32PrinterJson {
  Name?: unknown;
  Default?: unknown;
  PrinterStatus?: unknown;
  WorkOffline?: unknown;
  Comment?: unknown;
}

// Win32_Printer.PrinterStatus: 1 Other, 2 Unknown, 3 Idle, 4 Printing, 5 Warmup, 6 Stopped Printing, 7 Offline.
function stateOf(p: Win32PrinterJson): PrinterState {
  if (p.WorkOffline === true) return 'stopped';
  const s = typeof p.PrinterStatus === 'string' ? p.PrinterStatus.toLowerCase() : p.PrinterStatus;
  if (s === 3 || s === 'idle') return 'idle';
  if (s === 4 || s === 5 || s === 'printing' || s === 'warmup') return 'printing';
  if (s === 6 || s === 7 || s === 'stoppedprinting' || s === 'offline') return 'stopped';
  return 'unknown';
}

/** ConvertTo-Json gives nothing for no printers, an object for one, an array for several. */
export function parsePowerShellPrinters(stdout: string): PrinterInfo[] {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  const rows = (Array.isArray(parsed) ? parsed : [parsed]) as Win32PrinterJson[];
  const out: PrinterInfo[] = [];
  for (const row of rows) {
    if (!row || typeof row.Name !== 'string' || !row.Name) continue;
    const info: PrinterInfo = { name: row.Name, isDefault: row.Default === true, state: stateOf(row) };
    if (typeof row.Comment === 'string' && row.Comment.trim()) info.description = row.Comment.trim();
    out.push(info);
  }
  return out;
}

export function sumatraCandidates(env: NodeJS.ProcessEnv, searchDirs: readonly string[] = []): string[] {
  const roots = [...searchDirs];
  for (const key of ['ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432']) {
    const v = env[key];
    if (v) roots.push(path.win32.join(v, 'SumatraPDF'));
  }
  if (env.LOCALAPPDATA) roots.push(path.win32.join(env.LOCALAPPDATA, 'SumatraPDF'));
  return [...new Set(roots.map((r) => path.win32.join(r, 'SumatraPDF.exe')))];
}

function sumatraMissing(configured?: string): AppError {
  return new AppError(
    'device_unavailable',
    configured
      ? `Không tìm thấy chương trình in SumatraPDF tại "${configured}". Tài liệu đã được lưu; hãy nhờ cán bộ kỹ thuật kiểm tra cấu hình in rồi in lại.`
      : 'Máy tính này chưa cài chương trình in SumatraPDF nên không in trực tiếp được. Tài liệu đã được lưu; hãy nhờ cán bộ kỹ thuật cài SumatraPDF (hoặc dùng "Lưu thành tệp PDF") rồi in lại.',
    { details: configured ? { sumatraPath: configured } : undefined },
  );
}

export class WindowsPrinter implements Printer {
  readonly kind = 'windows';
  private readonly run: Runner;
  private readonly exists: (file: string) => boolean;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly config: WindowsPrinterConfig = {}) {
    this.run = config.run ?? runProcess;
    this.exists = config.exists ?? existsSync;
    this.env = config.env ?? process.env;
  }

  /** The SumatraPDF.exe to use, or null. A configured path is never silently replaced by another. */
  resolveSumatra(): string | null {
    if (this.config.sumatraPath) return this.exists(this.config.sumatraPath) ? this.config.sumatraPath : null;
    return sumatraCandidates(this.env, this.config.searchDirs).find((f) => this.exists(f)) ?? null;
  }

  async list(): Promise<PrinterInfo[]> {
    const { command, args } = listPrintersCommand(this.config.powershellPath);
    let r;
    try {
      r = await this.run(command, args, { timeoutMs: this.config.listTimeoutMs ?? 20_000, env: this.env });
    } catch (e) {
      const why = e instanceof RunFailure ? e.reason : 'spawn_failed';
      throw new AppError(
        why === 'timeout' ? 'device_busy' : 'device_unavailable',
        why === 'timeout'
          ? 'Windows không trả lời danh sách máy in kịp thời. Vui lòng thử lại sau ít phút.'
          : 'Không đọc được danh sách máy in của Windows (không chạy được PowerShell). Hãy nhờ cán bộ kỹ thuật kiểm tra.',
        { cause: e },
      );
    }
    if (r.code !== 0) {
      throw new AppError('device_unavailable', 'Không đọc được danh sách máy in của Windows. Hãy kiểm tra dịch vụ in (Print Spooler) đang chạy.', {
        details: { detail: r.stderr.trim().slice(0, 500) },
      });
    }
    try {
      return parsePowerShellPrinters(r.stdout);
    } catch (e) {
      throw new AppError('device_unavailable', 'Danh sách máy in của Windows có định dạng không đọc được. Hãy nhờ cán bộ kỹ thuật kiểm tra.', {
        details: { detail: r.stdout.slice(0, 500) },
        cause: e,
      });
    }
  }

  async print(pdf: Buffer, options: PrintOptions): Promise<PrintJobResult> {
    const wanted = options.printer;
    assertPdf(pdf);
    const copies = resolveCopies(options.copies);
    throwIfAborted(options.signal);
    const sumatra = this.resolveSumatra();
    if (!sumatra) throw sumatraMissing(this.config.sumatraPath);

    // Windows printer names are case-insensitive; SumatraPDF would print to nowhere (exit 1, no
    // message with -silent) for an unknown name, so check first and say which printer is missing.
    const printers = await this.list();
    const info = printers.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
    if (!info) throw printerMissing(wanted);
    if (info.state === 'stopped') {
      throw new AppError(
        'device_unavailable',
        `Máy in "${info.name}" đang ngoại tuyến hoặc tạm dừng. Hãy bật máy in, kiểm tra cáp/mạng rồi in lại; tài liệu đã được lưu.`,
        { details: { printer: info.name } },
      );
    }

    // SumatraPDF names the spooler job after the file, so the temp file carries the title.
    const dir = await mkdtemp(path.join(this.config.tmpDir ?? os.tmpdir(), 'motcua-print-'));
    try {
      const file = path.join(dir, `${safePdfStem(options.title, 'MotCua Desk')}.pdf`);
      await writeFile(file, pdf);
      const args = sumatraPrintArgs(info.name, file, copies, options.paper);
      let r;
      try {
        r = await this.run(sumatra, args, { timeoutMs: this.config.printTimeoutMs ?? 120_000, signal: options.signal, env: this.env });
      } catch (e) {
        if (e instanceof RunFailure && e.reason === 'aborted') throw options.signal?.reason ?? e;
        if (e instanceof RunFailure && e.reason === 'timeout') throw printerBusy(info.name, 'SumatraPDF timed out');
        if (e instanceof RunFailure && e.reason === 'not_found') throw sumatraMissing(sumatra);
        throw e;
      }
      if (r.code !== 0) {
        throw new AppError('device_unavailable', `Máy in "${info.name}" không nhận lệnh in. Tài liệu đã được lưu, có thể in lại sau.`, {
          details: { printer: info.name, exitCode: r.code, detail: r.stderr.trim().slice(0, 500) },
        });
      }
      return { jobId: `windows-${randomUUID()}`, printer: info.name };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async waitForJob(): Promise<void> {
    // SumatraPDF -print-to exits only after the job is in the Windows spooler.
  }
}

export function createWindowsPrinter(config: WindowsPrinterConfig = {}): WindowsPrinter {
  return new WindowsPrinter(config);
}
