import { describe, expect, it } from 'vitest';
import { CupsPrinter } from '../../main/adapters/printer/cups';
import { FakePrinter, createPrinter, defaultPrinterKind, PdfFilePrinter, WindowsPrinter } from '../../main/adapters/printer';

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
