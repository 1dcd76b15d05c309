import { AppError, type ErrorCode } from '../../../shared/errors';

/**
 * Scanner port. Adapters: SANE (`scanimage`), Windows WIA (PowerShell + WIA COM). Scan-to-folder
 * devices and imported files drop whole files (often PDFs), so they are not Scanners: see
 * adapters/scanner/folder.ts and adapters/scanner/file-import.ts, which feed the same page pipeline.
 */
export interface ScannerDevice {
  /** What `scan()` takes as `device`, e.g. `test:0`, `escl:http://…`, a WIA DeviceID. */
  id: string;
  vendor: string;
  model: string;
  type: string;
}

export type ScanSource = 'flatbed' | 'adf' | 'adf-duplex';
export type ColourMode = 'color' | 'gray' | 'bw';

export interface ScanRequest {
  device: string;
  source: ScanSource;
  dpi: number;
  mode: ColourMode;
  /** ADF only: stop after this many pages. Unset = until the feeder is empty. Flatbed is always 1. */
  pages?: number;
}

export interface ScannedPage {
  /** 0-based position in this scan. */
  index: number;
  /** PNG bytes as the device delivered them (not yet compressed by the page pipeline). */
  image: Buffer;
  width: number;
  height: number;
  dpi: number;
}

/** What a device can do, parsed from the driver where it says so; empty lists mean "unknown". */
export interface ScannerCapabilities {
  sources: ScanSource[];
  modes: ColourMode[];
  /** Discrete resolutions, or a range when the driver gives one. */
  resolutions: number[] | { min: number; max: number };
  /** Largest scan area in millimetres, when known (the SANE test backend: 200×200). */
  maxAreaMm?: { width: number; height: number };
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** Called as each page is complete, before the next one is scanned. `total` is null for "until empty". */
  onPage?: (page: ScannedPage, done: number, total: number | null) => void;
  /**
   * Keep the pages in the resolved array (default true). A 200-page batch fed page by page to the
   * pipeline through `onPage` should pass false so the PNGs are not held twice.
   */
  retainPages?: boolean;
}

export interface Scanner {
  readonly kind: string;
  list(): Promise<ScannerDevice[]>;
  capabilities?(device: string): Promise<ScannerCapabilities>;
  scan(req: ScanRequest, opts?: ScanOptions): Promise<ScannedPage[]>;
}

/**
 * A scan that stopped part-way (device error or the clerk cancelled). The pages finished before the
 * stop are on `pages` (and were already given to `onPage`), so nothing is silently lost.
 * `reason: 'cancelled'` uses code 'conflict' because the error vocabulary has no "cancelled" code.
 */
export class ScanInterruptedError extends AppError {
  readonly pages: ScannedPage[];
  readonly pagesScanned: number;
  readonly reason: 'cancelled' | 'device';

  constructor(
    code: ErrorCode,
    message: string,
    extra: { pages: ScannedPage[]; pagesScanned: number; reason: 'cancelled' | 'device'; cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(code, message, {
      cause: extra.cause,
      details: { ...extra.details, pagesScanned: extra.pagesScanned, reason: extra.reason },
    });
    this.name = 'ScanInterruptedError';
    this.pages = extra.pages;
    this.pagesScanned = extra.pagesScanned;
    this.reason = extra.reason;
  }
}

export function isScanInterrupted(e: unknown): e is ScanInterruptedError {
  return e instanceof ScanInterruptedError;
}
