import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import type { PrintJobResult, PrintOptions, Printer, PrinterInfo } from '../../core/ports/printer';
import { assertPdf, printerMissing, resolveCopies, throwIfAborted } from './common';
import { numberedPdfName, safePdfStem } from './file-name';

/** The one "printer" this adapter shows. */
export const PDF_FILE_PRINTER_NAME = 'Lưu thành tệp PDF';

export interface PdfFilePrinterConfig {
  /** Folder the PDFs are written to; created when missing. */
  dir: string;
}

const MAX_SUFFIX = 9_999;

/**
 * "Save as PDF": for desks without a printer, or to send a document by e-mail/Zalo instead.
 * Never overwrites: an existing name gets " (2)", " (3)", … chosen with an exclusive create, so
 * two desks saving the same title into one shared folder cannot clobber each other either.
 */
export class PdfFilePrinter implements Printer {
  readonly kind = 'pdf-file';
  readonly dir: string;

  constructor(config: PdfFilePrinterConfig) {
    if (!config.dir) throw new AppError('invalid_input', 'Chưa chọn thư mục để lưu tệp PDF.', { issues: [{ path: 'dir', message: 'Bắt buộc.' }] });
    this.dir = path.resolve(config.dir);
  }

  async list(): Promise<PrinterInfo[]> {
    return [{ name: PDF_FILE_PRINTER_NAME, isDefault: true, state: 'idle', description: this.dir }];
  }

  async print(pdf: Buffer, options: PrintOptions): Promise<PrintJobResult> {
    if (options.printer.normalize('NFC') !== PDF_FILE_PRINTER_NAME) throw printerMissing(options.printer);
    assertPdf(pdf);
    // Copies and paper only matter on paper: the file is the document itself.
    resolveCopies(options.copies);
    throwIfAborted(options.signal);

    const stem = safePdfStem(options.title);
    try {
      await mkdir(this.dir, { recursive: true });
      for (let n = 1; n <= MAX_SUFFIX; n++) {
        const file = path.join(this.dir, numberedPdfName(stem, n));
        // Defence in depth: whatever safePdfStem lets through must still land inside dir.
        if (path.dirname(path.resolve(file)) !== this.dir) throw new Error(`refusing to write outside ${this.dir}: ${file}`);
        try {
          await writeFile(file, pdf, { flag: 'wx' });
          return { jobId: path.basename(file), printer: PDF_FILE_PRINTER_NAME, outputPath: file };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw e;
        }
      }
      throw new Error(`more than ${MAX_SUFFIX} files named ${stem}`);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError('disk_full', vi.storage.pdfFolderFull(this.dir), { details: { dir: this.dir, error: code }, cause: e });
      throw new AppError(
        'device_unavailable',
        `Không lưu được tệp PDF vào thư mục "${this.dir}". Hãy kiểm tra thư mục còn tồn tại, còn chỗ trống và được phép ghi, rồi thử lại.`,
        { details: { dir: this.dir, error: (e as NodeJS.ErrnoException).code ?? String(e) }, cause: e },
      );
    }
  }

  async waitForJob(): Promise<void> {
    // The file is complete when print() returns.
  }
}

export function createPdfFilePrinter(config: PdfFilePrinterConfig): PdfFilePrinter {
  return new PdfFilePrinter(config);
}
