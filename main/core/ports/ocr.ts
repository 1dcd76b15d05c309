/**
 * The OCR engine port (issue 18): one page image in, its text and word boxes out. Adapters: the
 * `tesseract` CLI (Debian/Windows, a child process at the lowest priority), others later. The core's
 * queue (core/archive/ocr-queue.ts) decides when and how many; an engine only recognises one page.
 */

/** One recognised word: its box in image pixels (origin top-left) and the line it belongs to. */
export interface OcrWord {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0–100. */
  conf: number;
  /** Position of the line in reading order (block/paragraph/line of the engine), for joining words. */
  line: number;
}

export interface OcrResult {
  /** Reading-order text, lines joined with \n, paragraphs with a blank line; NFC. */
  text: string;
  /** Mean word confidence 0–100, null when no word was found. */
  confidence: number | null;
  words: OcrWord[];
}

export interface OcrRequest {
  /** Language(s) in the engine's notation ('vie'). */
  lang: string;
  signal?: AbortSignal;
  /** Give up on one page after this long (default 120 s). */
  timeoutMs?: number;
}

/** Why an engine could not give a result; the queue turns the code into the clerk's reason. */
export type OcrFailureCode = 'engine_missing' | 'engine_failed' | 'timeout' | 'unreadable_image' | 'aborted';

export class OcrEngineError extends Error {
  constructor(
    readonly code: OcrFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'OcrEngineError';
  }
}

export interface OcrEngine {
  /** 'tesseract-cli', 'none', … (shown in `ocr status`). */
  readonly kind: string;
  /** Whether the engine can run here, with its version or why not. Cheap enough to call per status. */
  probe(): Promise<{ available: boolean; detail: string }>;
  /** Recognise one page image (JPEG, PNG or TIFF bytes). Throws OcrEngineError. */
  recognize(image: Buffer, req: OcrRequest): Promise<OcrResult>;
}

/** The engine of a desk where none could be found: every page fails with engine_missing, nothing else breaks. */
export const noOcrEngine: OcrEngine = {
  kind: 'none',
  probe: async () => ({ available: false, detail: 'no OCR engine' }),
  recognize: async () => {
    throw new OcrEngineError('engine_missing', 'no OCR engine');
  },
};
