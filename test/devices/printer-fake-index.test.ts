import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { CupsPrinter } from '../../main/adapters/printer/cups';
import { FAKE_PRINTER_NAME, FakePrinter, createPrinter, defaultPrinterKind, PdfFilePrinter, WindowsPrinter } from '../../main/adapters/printer';

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

describe('FakePrinter (test double)', () => {
  it('records jobs and fails on demand for the "dead printer" path', async () => {
    const p = new FakePrinter();
    const job = await p.print(PDF, { printer: FAKE_PRINTER_NAME, copies: 2, paper: 'A5', title: 'Phiếu hẹn' });
    expect(p.jobs).toMatchObject([{ jobId: job.jobId, printer: FAKE_PRINTER_NAME, copies: 2, paper: 'A5', title: 'Phiếu hẹn' }]);
    await p.waitForJob(job.jobId);

    p.failNext();
    const e = await p.print(PDF, { printer: FAKE_PRINTER_NAME }).catch((x: AppError) => x);
    expect((e as AppError).code).toBe('device_unavailable');
    expect((e as AppError).message).toContain('không tồn tại hoặc đang tắt');
    p.failNext('device_busy');
    expect(((await p.print(PDF, { printer: FAKE_PRINTER_NAME }).catch((x: AppError) => x)) as AppError).code).toBe('device_busy');
    // One failure per failNext: the next job goes through.
    await p.print(PDF, { printer: FAKE_PRINTER_NAME });
    expect(p.jobs).toHaveLength(2);

    p.setState(FAKE_PRINTER_NAME, 'stopped');
    expect((await p.list())[0]?.state).toBe('stopped');
    expect(((await p.print(PDF, { printer: FAKE_PRINTER_NAME }).catch((x: AppError) => x)) as AppError).message).toContain('đang tạm dừng');
    expect(((await p.print(PDF, { printer: 'Khác' }).catch((x: AppError) => x)) as AppError).code).toBe('device_unavailable');
  });
});

describe('createPrinter / defaultPrinterKind', () => {
  it('builds each adapter', () => {
    expect(createPrinter({ kind: 'cups' })).toBeInstanceOf(CupsPrinter);
    expect(createPrinter({ kind: 'windows', sumatraPath: 'C:\\S\\SumatraPDF.exe' })).toBeInstanceOf(WindowsPrinter);
    expect(createPrinter({ kind: 'pdf-file', dir: '/tmp/x' })).toBeInstanceOf(PdfFilePrinter);
    expect(createPrinter({ kind: 'fake' })).toBeInstanceOf(FakePrinter);
    expect(createPrinter({ kind: 'windows' }).kind).toBe('windows');
  });
  it('picks Windows on win32 and CUPS elsewhere', () => {
    expect(defaultPrinterKind('win32')).toBe('windows');
    expect(defaultPrinterKind('linux')).toBe('cups');
    expect(defaultPrinterKind('darwin')).toBe('cups');
  });
});
