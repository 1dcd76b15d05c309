/**
 * Windows adapter. No Windows (and no PowerShell) here: the adapter runs against recorded outputs of
 * the real commands (Get-CimInstance … | ConvertTo-Json, SumatraPDF exit codes) through its runner.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { RunOptions, RunResult } from '../../main/adapters/printer/common';
import {
  LIST_PRINTERS_SCRIPT,
  WindowsPrinter,
  listPrintersCommand,
  parsePowerShellPrinters,
  sumatraCandidates,
  sumatraPrintArgs,
} from '../../main/adapters/printer/windows';

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const SUMATRA = 'C:\\Tools\\SumatraPDF\\SumatraPDF.exe';
const TWO = JSON.stringify([
  { Name: 'HP LaserJet Quầy 1', Default: true, PrinterStatus: 3, WorkOffline: false, Comment: 'Tầng 1' },
  { Name: 'Canon Offline', Default: false, PrinterStatus: 3, WorkOffline: true, Comment: null },
]);

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('command building', () => {
  it('lists with PowerShell/CIM, UTF-8 output and JSON', () => {
    expect(listPrintersCommand()).toEqual({
      command: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', LIST_PRINTERS_SCRIPT],
    });
  });

  it('prints with SumatraPDF -print-to NAME -print-settings "Nx,paper=P" -silent FILE', () => {
    expect(sumatraPrintArgs('HP LaserJet "Quầy 1"', 'C:\\t\\a.pdf', 2, 'A4')).toEqual([
      '-print-to',
      'HP LaserJet "Quầy 1"',
      '-print-settings',
      '2x,paper=A4',
      '-silent',
      'C:\\t\\a.pdf',
    ]);
    expect(sumatraPrintArgs('P', 'f.pdf', 1)).toEqual(['-print-to', 'P', '-print-settings', '1x', '-silent', 'f.pdf']);
  });

  it('looks for SumatraPDF in extra dirs first, then Program Files and LocalAppData', () => {
    expect(
      sumatraCandidates({ ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, [
        'D:\\MotCua\\resources',
      ]),
    ).toEqual([
      'D:\\MotCua\\resources\\SumatraPDF.exe',
      'C:\\Program Files\\SumatraPDF\\SumatraPDF.exe',
      'C:\\Program Files (x86)\\SumatraPDF\\SumatraPDF.exe',
      'C:\\Users\\a\\AppData\\Local\\SumatraPDF\\SumatraPDF.exe',
    ]);
  });
});

describe('parsing ConvertTo-Json output', () => {
  it('reads an array', () => {
    expect(parsePowerShellPrinters(TWO)).toEqual([
      { name: 'HP LaserJet Quầy 1', isDefault: true, state: 'idle', description: 'Tầng 1' },
      { name: 'Canon Offline', isDefault: false, state: 'stopped' },
    ]);
  });
  it('reads a single object (one printer), a BOM, and nothing (no printers)', () => {
    expect(parsePowerShellPrinters('\uFEFF{"Name":"Only","Default":false,"PrinterStatus":4}\r\n')).toEqual([
      { name: 'Only', isDefault: false, state: 'printing' },
    ]);
    expect(parsePowerShellPrinters('  \r\n')).toEqual([]);
  });
  it('maps Win32_Printer status codes and tolerates strings', () => {
    const states = [1, 2, 3, 4, 5, 6, 7, 'Idle', 'Offline'].map(
      (s) => parsePowerShellPrinters(JSON.stringify({ Name: 'x', PrinterStatus: s }))[0]?.state,
    );
    expect(states).toEqual(['unknown', 'unknown', 'idle', 'printing', 'printing', 'stopped', 'stopped', 'idle', 'stopped']);
  });
  it('throws on garbage so the adapter can report it', () => {
    expect(() => parsePowerShellPrinters('Get-CimInstance : Access denied')).toThrow();
  });
});

describe('WindowsPrinter', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'motcua-win-test-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  function setup(opts: { sumatraExists?: boolean; listOut?: string; printCode?: number; sumatraPath?: string | null } = {}) {
    const calls: Array<{ command: string; args: readonly string[]; options?: RunOptions; fileSeen?: Buffer }> = [];
    const run = async (command: string, args: readonly string[], options?: RunOptions): Promise<RunResult> => {
      if (command === 'powershell.exe') {
        calls.push({ command, args, options });
        return { code: 0, stdout: opts.listOut ?? TWO, stderr: '' };
      }
      const file = args[args.length - 1] as string;
      calls.push({ command, args, options, fileSeen: existsSync(file) ? readFileSync(file) : undefined });
      return { code: opts.printCode ?? 0, stdout: '', stderr: '' };
    };
    const printer = new WindowsPrinter({
      ...(opts.sumatraPath === null ? {} : { sumatraPath: opts.sumatraPath ?? SUMATRA }),
      run,
      exists: (f) => (opts.sumatraExists ?? true) && f.endsWith('SumatraPDF.exe'),
      env: {},
      tmpDir: tmp,
    });
    return { printer, calls };
  }

  it('prints through SumatraPDF to the exact printer name and removes the temp file', async () => {
    const { printer, calls } = setup();
    const job = await printer.print(PDF, { printer: 'hp laserjet quầy 1', copies: 2, paper: 'A4', title: 'Phiếu hẹn ../../x' });
    expect(job.printer).toBe('HP LaserJet Quầy 1');
    expect(job.jobId).toMatch(/^windows-/);
    const sumatra = calls[1];
    expect(sumatra?.command).toBe(SUMATRA);
    const file = sumatra?.args[5] as string;
    expect(sumatra?.args).toEqual(['-print-to', 'HP LaserJet Quầy 1', '-print-settings', '2x,paper=A4', '-silent', file]);
    expect(path.dirname(path.dirname(file))).toBe(tmp);
    expect(path.basename(file)).toBe('Phiếu hẹn ..-..-x.pdf');
    expect(sumatra?.fileSeen?.equals(PDF)).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('removes the temp file when SumatraPDF fails, and says the printer did not take the job', async () => {
    const { printer } = setup({ printCode: 1 });
    const e = await rejects(printer.print(PDF, { printer: 'HP LaserJet Quầy 1' }));
    expect(e.code).toBe('device_unavailable');
    expect(e.message).toContain('Máy in "HP LaserJet Quầy 1" không nhận lệnh in');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('unknown printer → the Vietnamese "không tồn tại" message, SumatraPDF never started', async () => {
    const { printer, calls } = setup();
    const e = await rejects(printer.print(PDF, { printer: 'Máy in ma' }));
    expect(e.code).toBe('device_unavailable');
    expect(e.message).toBe('Máy in "Máy in ma" không tồn tại hoặc đang tắt. Tài liệu đã được lưu, có thể in lại sau.');
    expect(calls.map((c) => c.command)).toEqual(['powershell.exe']);
  });

  it('offline printer → device_unavailable saying it is offline', async () => {
    const { printer } = setup();
    const e = await rejects(printer.print(PDF, { printer: 'Canon Offline' }));
    expect(e.message).toContain('đang ngoại tuyến');
  });

  it('no SumatraPDF configured or found → clear device_unavailable before listing', async () => {
    const a = setup({ sumatraPath: null, sumatraExists: false });
    const e1 = await rejects(a.printer.print(PDF, { printer: 'HP LaserJet Quầy 1' }));
    expect(e1.code).toBe('device_unavailable');
    expect(e1.message).toContain('chưa cài chương trình in SumatraPDF');
    expect(a.calls).toHaveLength(0);

    const b = setup({ sumatraExists: false });
    const e2 = await rejects(b.printer.print(PDF, { printer: 'HP LaserJet Quầy 1' }));
    expect(e2.message).toContain(`Không tìm thấy chương trình in SumatraPDF tại "${SUMATRA}"`);
  });

  it('finds SumatraPDF in Program Files when no path is configured', () => {
    const p = new WindowsPrinter({ env: { ProgramFiles: 'C:\\Program Files' }, exists: (f) => f === 'C:\\Program Files\\SumatraPDF\\SumatraPDF.exe' });
    expect(p.resolveSumatra()).toBe('C:\\Program Files\\SumatraPDF\\SumatraPDF.exe');
    expect(new WindowsPrinter({ env: {}, exists: () => false }).resolveSumatra()).toBeNull();
  });

  it('list maps PowerShell failures to device errors', async () => {
    const bad = new WindowsPrinter({ run: async () => ({ code: 1, stdout: '', stderr: 'Spooler stopped' }), env: {} });
    expect((await rejects(bad.list())).message).toContain('Print Spooler');
  });
});
