import { extractDossierCode, isDossierCode } from '../../../../shared/domain/scanned-code';

/**
 * A USB barcode/QR reader in keyboard-wedge mode types the code as a burst of key presses a few
 * milliseconds apart, then Enter. People type far slower (≥ 60 ms between keys), so a run of keys
 * under `maxGapMs` apart ending in Enter is the reader. Pure logic, fed with key events, so it can be
 * tested without a browser.
 */
export interface WedgeOptions {
  /** Longest pause between two keys of one burst. */
  maxGapMs: number;
  /** Shortest burst worth looking at (a dossier code is ~20 characters). */
  minLength: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 35, minLength: 8 };

export interface WedgeKey {
  key: string;
  /** Milliseconds, monotonic (KeyboardEvent.timeStamp). */
  time: number;
  /** Focus is in an input, textarea or contenteditable: the burst also went into that field. */
  inTextField: boolean;
}

export type WedgeVerdict = { kind: 'none' } | { kind: 'code'; code: string; raw: string; inTextField: boolean };

export class WedgeDetector {
  private buffer = '';
  private last = -Infinity;
  private startedInField = false;

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE_OPTIONS) {}

  /** Length of the burst seen so far (the hook uses it to undo what the burst typed into a field). */
  get pending(): number {
    return this.buffer.length;
  }

  feed(e: WedgeKey): WedgeVerdict {
    const gap = e.time - this.last;
    if (e.key === 'Enter') {
      const raw = this.buffer;
      const fast = gap <= this.options.maxGapMs * 3;
      this.reset();
      if (!fast || raw.length < this.options.minLength) return { kind: 'none' };
      // In a text field a fast typist or an autofill could look like a burst: only a whole code counts there.
      if (e.inTextField ? !isDossierCode(raw) : extractDossierCode(raw) === null) return { kind: 'none' };
      return { kind: 'code', code: extractDossierCode(raw)!, raw, inTextField: e.inTextField };
    }
    if (e.key.length !== 1) {
      // Shift and other modifiers come inside a burst for upper-case letters; anything else ends it.
      if (e.key !== 'Shift') this.reset();
      return { kind: 'none' };
    }
    if (gap > this.options.maxGapMs) {
      this.buffer = '';
      this.startedInField = e.inTextField;
    }
    this.buffer += e.key;
    this.last = e.time;
    return { kind: 'none' };
  }

  get burstStartedInField(): boolean {
    return this.startedInField;
  }

  reset(): void {
    this.buffer = '';
    this.last = -Infinity;
  }
}
