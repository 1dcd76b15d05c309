import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { safePdfStem } from '../../main/adapters/printer/file-name';
import { PDF_FILE_PRINTER_NAME, PdfFilePrinter } from '../../main/adapters/printer/pdf-file';

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

describe('safePdfStem', () => {
  it('keeps Vietnamese, drops separators, traversal and Windows-reserved names', () => {
    expect(safePdfStem('Phiếu hẹn trả kết quả 001/2026')).toBe('Phiếu hẹn trả kết quả 001-2026');
    expect(safePdfStem('../../etc/passwd')).toBe('etc-passwd');
    expect(safePdfStem('..')).toBe('tai-lieu');
    expect(safePdfStem('CON')).toBe('_CON');
    expect(safePdfStem('a:b*c?"d<e>|f\\g')).toBe('a-b-c--d-e--f-g');
    expect(safePdfStem('bien-nhan.PDF')).toBe('bien-nhan');
    expect(safePdfStem(undefined)).toBe('tai-lieu');
    expect(safePdfStem('Phie\u0302\u0301u')).toBe('Phiếu'); // NFD in, NFC out
  });

  it('never yields a path component or an over-long name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (title) => {
        const s = safePdfStem(title);
        expect(s.length).toBeGreaterThan(0);
        expect(s).not.toMatch(/[/\\<>:"|?*\u0000-\u001f]/);
        expect(s.startsWith('.')).toBe(false);
        expect(Buffer.byteLength(`${s} (9999).pdf`)).toBeLessThanOrEqual(255);
        expect(path.basename(s)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('PdfFilePrinter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-pdffile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists itself as one printer', async () => {
    expect(await new PdfFilePrinter({ dir }).list()).toEqual([{ name: 'Lưu thành tệp PDF', isDefault: true, state: 'idle', description: dir }]);
  });

  it('writes the bytes, never overwrites, and keeps files inside the folder', async () => {
    const p = new PdfFilePrinter({ dir: path.join(dir, 'out', 'nested') });
    writeFileSync(path.join(dir, 'secret.pdf'), 'keep');
    const a = await p.print(PDF, { printer: PDF_FILE_PRINTER_NAME, title: 'Biên nhận 01' });
    const b = await p.print(Buffer.concat([PDF, Buffer.from('2')]), { printer: PDF_FILE_PRINTER_NAME, title: 'Biên nhận 01' });
    const c = await p.print(PDF, { printer: PDF_FILE_PRINTER_NAME, title: '../secret' });
    expect(path.basename(a.outputPath ?? '')).toBe('Biên nhận 01.pdf');
    expect(path.basename(b.outputPath ?? '')).toBe('Biên nhận 01 (2).pdf');
    expect(readFileSync(a.outputPath ?? '').equals(PDF)).toBe(true);
    expect(readFileSync(b.outputPath ?? '').toString().endsWith('2')).toBe(true);
    expect(path.dirname(c.outputPath ?? '')).toBe(path.join(dir, 'out', 'nested'));
    expect(readFileSync(path.join(dir, 'secret.pdf'), 'utf8')).toBe('keep');
    expect(readdirSync(path.join(dir, 'out', 'nested')).sort()).toEqual(['Biên nhận 01 (2).pdf', 'Biên nhận 01.pdf', 'secret.pdf']);
    await p.waitForJob();
  });

  it('concurrent saves with one title all land in distinct files', async () => {
    const p = new PdfFilePrinter({ dir });
    const jobs = await Promise.all(Array.from({ length: 8 }, () => p.print(PDF, { printer: PDF_FILE_PRINTER_NAME, title: 'x' })));
    expect(new Set(jobs.map((j) => j.outputPath)).size).toBe(8);
    expect(readdirSync(dir)).toHaveLength(8);
  });

  it('another printer name, a non-PDF or an unwritable folder give clear errors', async () => {
    const p = new PdfFilePrinter({ dir });
    const e1 = await p.print(PDF, { printer: 'HP' }).catch((e: AppError) => e);
    expect((e1 as AppError).code).toBe('device_unavailable');
    const e2 = await p.print(Buffer.from('abc'), { printer: PDF_FILE_PRINTER_NAME }).catch((e: AppError) => e);
    expect((e2 as AppError).code).toBe('invalid_input');
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    const e3 = await new PdfFilePrinter({ dir: path.join(file, 'sub') }).print(PDF, { printer: PDF_FILE_PRINTER_NAME }).catch((e: AppError) => e);
    expect((e3 as AppError).code).toBe('device_unavailable');
    expect((e3 as AppError).message).toContain('Không lưu được tệp PDF vào thư mục');
  });
});
