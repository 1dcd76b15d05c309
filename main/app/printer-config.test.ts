import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { createDeskPrinter, printerConfigFor, PRINTED_PDF_DIR } from './printer-config';

describe('printer adapter choice', () => {
  const dir = '/data/desk';

  it('uses the OS printing system by default: CUPS on Linux and macOS, Windows printing on Windows', () => {
    expect(printerConfigFor(dir, {}, {}, 'linux')).toEqual({ kind: 'cups' });
    expect(printerConfigFor(dir, {}, {}, 'darwin')).toEqual({ kind: 'cups' });
    expect(printerConfigFor(dir, {}, {}, 'win32')).toEqual({ kind: 'windows' });
  });

  it('takes config.json, and MOTCUA_PRINTER over it', () => {
    expect(printerConfigFor(dir, { printer: { kind: 'cups', server: 'printsrv:631' } }, {}, 'linux')).toEqual({ kind: 'cups', server: 'printsrv:631' });
    expect(printerConfigFor(dir, { printer: { kind: 'cups', server: 'printsrv:631' } }, { MOTCUA_PRINTER: 'fake' }, 'linux')).toEqual({ kind: 'fake' });
    expect(printerConfigFor(dir, { printer: { kind: 'pdf-file', dir: '/srv/pdf' } }, {}, 'linux')).toEqual({ kind: 'pdf-file', dir: '/srv/pdf' });
  });

  it('saves PDFs into the data folder unless told otherwise', () => {
    expect(printerConfigFor(dir, {}, { MOTCUA_PRINTER: 'pdf-file' })).toEqual({ kind: 'pdf-file', dir: join(dir, PRINTED_PDF_DIR) });
    expect(printerConfigFor(dir, {}, { MOTCUA_PRINTER: 'pdf-file', MOTCUA_PRINTER_DIR: '/tmp/out' })).toEqual({ kind: 'pdf-file', dir: '/tmp/out' });
    expect(createDeskPrinter(dir, {}, { MOTCUA_PRINTER: 'pdf-file' }).kind).toBe('pdf-file');
  });

  it('refuses an unknown MOTCUA_PRINTER with a message naming the valid values', () => {
    try {
      printerConfigFor(dir, {}, { MOTCUA_PRINTER: 'laser' });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e)).toBe(true);
      expect((e as Error).message).toContain('cups, windows, pdf-file, fake');
    }
  });
});
