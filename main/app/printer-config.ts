import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { createPrinter, defaultPrinterKind, type PrinterConfig } from '../adapters/printer';
import type { Printer } from '../core/ports/printer';
import type { DeskConfig } from './config';

export const PRINTER_KINDS = ['cups', 'windows', 'pdf-file', 'fake'] as const;
/** Folder of the save-as-PDF "printer" inside the data folder, unless config or MOTCUA_PRINTER_DIR says otherwise. */
export const PRINTED_PDF_DIR = 'printed-pdf';

/**
 * Which printing adapter this desk uses: MOTCUA_PRINTER (tests, e2e, a kiosk without printer) wins,
 * then config.json's `printer`, then the OS default (CUPS on Linux/macOS, Windows printing on Windows).
 */
export function printerConfigFor(dataDir: string, config: Pick<DeskConfig, 'printer'>, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): PrinterConfig {
  const fromEnv = env.MOTCUA_PRINTER?.trim();
  if (fromEnv && !(PRINTER_KINDS as readonly string[]).includes(fromEnv)) {
    throw new AppError('invalid_input', `Biến môi trường MOTCUA_PRINTER="${fromEnv}" không hợp lệ; chỉ nhận: ${PRINTER_KINDS.join(', ')}.`);
  }
  const chosen = fromEnv ? { kind: fromEnv as (typeof PRINTER_KINDS)[number] } : config.printer;
  const kind = chosen?.kind ?? defaultPrinterKind(platform);
  switch (kind) {
    case 'fake':
      return { kind: 'fake' };
    case 'pdf-file': {
      const dir = env.MOTCUA_PRINTER_DIR || (chosen && 'dir' in chosen ? chosen.dir : undefined) || join(dataDir, PRINTED_PDF_DIR);
      return { kind: 'pdf-file', dir };
    }
    case 'cups': {
      const server = chosen && 'server' in chosen ? chosen.server : undefined;
      return server ? { kind: 'cups', server } : { kind: 'cups' };
    }
    case 'windows': {
      const sumatraPath = chosen && 'sumatraPath' in chosen ? chosen.sumatraPath : undefined;
      return sumatraPath ? { kind: 'windows', sumatraPath } : { kind: 'windows' };
    }
  }
}

export function createDeskPrinter(dataDir: string, config: Pick<DeskConfig, 'printer'>, env: NodeJS.ProcessEnv = process.env): Printer {
  return createPrinter(printerConfigFor(dataDir, config, env));
}
