import type { Printer } from '../../core/ports/printer';
import { createCupsPrinter, type CupsPrinterConfig } from './cups';
import { createFakePrinter, type FakePrinterConfig } from './fake';
import { createPdfFilePrinter } from './pdf-file';
import { createWindowsPrinter, type WindowsPrinterConfig } from './windows';

export type PrinterKind = 'cups' | 'windows' | 'pdf-file' | 'fake';

export type PrinterConfig =
  | ({ kind: 'cups' } & Omit<CupsPrinterConfig, 'run'>)
  | ({ kind: 'windows' } & Omit<WindowsPrinterConfig, 'run' | 'exists'>)
  | { kind: 'pdf-file'; dir: string }
  | ({ kind: 'fake' } & FakePrinterConfig);

export function createPrinter(config: PrinterConfig): Printer {
  switch (config.kind) {
    case 'cups': {
      const { kind: _kind, ...rest } = config;
      return createCupsPrinter(rest);
    }
    case 'windows': {
      const { kind: _kind, ...rest } = config;
      return createWindowsPrinter(rest);
    }
    case 'pdf-file':
      return createPdfFilePrinter({ dir: config.dir });
    case 'fake': {
      const { kind: _kind, ...rest } = config;
      return createFakePrinter(rest);
    }
    default: {
      const never: never = config;
      throw new Error(`unknown printer kind: ${JSON.stringify(never)}`);
    }
  }
}

/** The adapter for real paper on this OS: Windows has no CUPS; Linux and macOS do. */
export function defaultPrinterKind(platform: string = process.platform): Extract<PrinterKind, 'cups' | 'windows'> {
  return platform === 'win32' ? 'windows' : 'cups';
}

export { CupsPrinter, createCupsPrinter, waitForJob } from './cups';
export { WindowsPrinter, createWindowsPrinter } from './windows';
export { PdfFilePrinter, createPdfFilePrinter, PDF_FILE_PRINTER_NAME } from './pdf-file';
export { FakePrinter, createFakePrinter, FAKE_PRINTER_NAME } from './fake';
