/**
 * Printer port: the core hands over finished PDF bytes and a printer name; adapters
 * (CUPS, Windows, save-as-PDF, fake) decide how the bytes reach paper.
 *
 * Adapters throw AppError: 'device_unavailable' when the printer does not exist, is stopped or
 * the printing system is missing; 'device_busy' when it exists but cannot take the job right now;
 * 'invalid_input' for bytes that are not a PDF or a bad copy count.
 */

export type PrinterState = 'idle' | 'printing' | 'stopped' | 'unknown';

export interface PrinterInfo {
  /** The name to pass back in PrintOptions.printer (CUPS queue name, Windows printer name). */
  name: string;
  isDefault: boolean;
  state: PrinterState;
  /** Human-friendly label when the system has one (CUPS "Description", Windows comment). */
  description?: string;
}

export type PaperSize = 'A4' | 'A5';

export interface PrintOptions {
  printer: string;
  /** 1..99; adapters that produce a file (save-as-PDF) write one file whatever the count. */
  copies?: number;
  /** Media to select on the device. The PDF's own page size is not changed by the core. */
  paper?: PaperSize;
  /** Job name shown in the queue; the save-as-PDF adapter builds the file name from it. */
  title?: string;
  signal?: AbortSignal;
}

export interface PrintJobResult {
  /** Adapter-specific id usable with waitForJob (CUPS: "Queue-12"). */
  jobId: string;
  printer: string;
  /** Set by adapters that write a file, so the UI can say where the copy went. */
  outputPath?: string;
}

export interface WaitForJobOptions {
  /** How long to wait before giving up with 'device_busy'. Default 60 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Printer {
  /** 'cups' | 'windows' | 'pdf-file' | 'fake'; for logs and diagnostics. */
  readonly kind: string;
  list(): Promise<PrinterInfo[]>;
  print(pdf: Buffer, options: PrintOptions): Promise<PrintJobResult>;
  /**
   * Resolves once the job has left the queue (the UI's "đã in xong"). Adapters whose print()
   * already returns after the hand-over (save-as-PDF, Windows/SumatraPDF) resolve at once.
   */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<void>;
}

export const MAX_COPIES = 99;
