import { AppError, type ErrorCode } from '../../../shared/errors';
import type { PaperSize, PrintJobResult, PrintOptions, Printer, PrinterInfo } from '../../core/ports/printer';
import { assertPdf, printerMissing, printerStopped, resolveCopies, throwIfAborted } from './common';

/**
 * TEST DOUBLE. An in-memory printer for UI/e2e tests and demos: records every job, never touches
 * a device. Tell it to fail (`failNext`, `setState(name, 'stopped')`, `remove`) to drive the
 * "dead printer" paths. Never wire it in production config.
 */
export interface FakePrintJob {
  jobId: string;
  printer: string;
  copies: number;
  paper?: PaperSize;
  title?: string;
  pdf: Buffer;
  at: Date;
}

export interface FakePrinterConfig {
  printers?: PrinterInfo[];
}

export const FAKE_PRINTER_NAME = 'Máy in giả lập (kiểm thử)';

export class FakePrinter implements Printer {
  readonly kind = 'fake';
  readonly jobs: FakePrintJob[] = [];
  private printers: PrinterInfo[];
  private failures: AppError[] = [];
  private seq = 0;

  constructor(config: FakePrinterConfig = {}) {
    this.printers = (config.printers ?? [{ name: FAKE_PRINTER_NAME, isDefault: true, state: 'idle' }]).map((p) => ({ ...p }));
  }

  async list(): Promise<PrinterInfo[]> {
    return this.printers.map((p) => ({ ...p }));
  }

  async print(pdf: Buffer, options: PrintOptions): Promise<PrintJobResult> {
    assertPdf(pdf);
    const copies = resolveCopies(options.copies);
    throwIfAborted(options.signal);
    const queued = this.failures.shift();
    if (queued) throw queued;
    const info = this.printers.find((p) => p.name === options.printer);
    if (!info) throw printerMissing(options.printer);
    if (info.state === 'stopped') throw printerStopped(options.printer);
    const jobId = `fake-${++this.seq}`;
    this.jobs.push({
      jobId,
      printer: info.name,
      copies,
      ...(options.paper ? { paper: options.paper } : {}),
      ...(options.title !== undefined ? { title: options.title } : {}),
      pdf: Buffer.from(pdf),
      at: new Date(),
    });
    return { jobId, printer: info.name };
  }

  async waitForJob(jobId: string): Promise<void> {
    if (!this.jobs.some((j) => j.jobId === jobId)) {
      throw new AppError('not_found', `Không tìm thấy lệnh in ${jobId}.`);
    }
  }

  /** The next print() throws this (default: the "printer is off" error), once per call. */
  failNext(code: Extract<ErrorCode, 'device_unavailable' | 'device_busy'> = 'device_unavailable', message?: string): void {
    const printer = this.printers[0]?.name ?? FAKE_PRINTER_NAME;
    this.failures.push(
      new AppError(code, message ?? (code === 'device_busy' ? `Máy in "${printer}" đang bận, chưa nhận thêm lệnh in. Vui lòng đợi một lát rồi in lại; tài liệu đã được lưu.` : `Máy in "${printer}" không tồn tại hoặc đang tắt. Tài liệu đã được lưu, có thể in lại sau.`)),
    );
  }

  setState(name: string, state: PrinterInfo['state']): void {
    const p = this.printers.find((x) => x.name === name);
    if (!p) throw new Error(`FakePrinter: no printer named ${name}`);
    p.state = state;
  }

  add(info: PrinterInfo): void {
    this.printers.push({ ...info });
  }

  remove(name: string): void {
    this.printers = this.printers.filter((p) => p.name !== name);
  }

  reset(): void {
    this.jobs.length = 0;
    this.failures = [];
  }
}

export function createFakePrinter(config: FakePrinterConfig = {}): FakePrinter {
  return new FakePrinter(config);
}
