import { extractDossierCode, isDossierCode } from '../../../../shared/domain/scanned-code';

/**
 * A USB barcode/QR reader in keyboard-wedge mode types the code as a burst of key presses a few
 * milliseconds apart, then Enter. People type far slower (≥ 60 ms between keys), so a run of keys
 * averaging under `maxGapMs` apart and ending in Enter is the reader. Keys of a burst arrive late
 * when the PC is busy (seen: one 37 ms gap among 10 ms ones, or a stall of a few hundred ms): a late
 * key must not cut the burst, or its tail ("50.12.34-261207-0001" without the "H") reads as another
 * code. So a pause up to `3 × maxGapMs` stays in the run, a run that was a reader's so far survives
 * a couple of stalls, and the whole run is judged by its average pace.
 * Pure logic, fed with key events, so it can be tested without a browser.
 */
export interface WedgeOptions {
  /** Slowest average pace of a burst (ms between keys); one key may be up to 3× later. */
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

/** A reader's burst may stall this long, this many times, when the PC is busy (keys queue up, then flow again). */
const STALL_MS = 1000;
const MAX_STALLS = 2;

export class WedgeDetector {
  private buffer = '';
  private last = -Infinity;
  /** Time spent between the run's keys, stalls left out: the run's pace is this over its length. */
  private activeMs = 0;
  private stalls = 0;
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
      const continues = this.continues(gap);
      const pace = (this.activeMs + (gap <= this.pauseMs ? gap : 0)) / Math.max(1, raw.length);
      this.reset();
      // A person never keeps up a reader's rhythm over a whole code.
      if (!continues || pace > this.options.maxGapMs || raw.length < this.options.minLength) return { kind: 'none' };
      // In a text field a fast typist or an autofill could look like a burst: only a whole code counts there.
      if (e.inTextField ? !isDossierCode(raw) : extractDossierCode(raw) === null) return { kind: 'none' };
      return { kind: 'code', code: extractDossierCode(raw)!, raw, inTextField: e.inTextField };
    }
    if (e.key.length !== 1) {
      // Shift and other modifiers come inside a burst for upper-case letters; anything else ends it.
      if (e.key !== 'Shift') this.reset();
      return { kind: 'none' };
    }
    if (!this.continues(gap)) {
      this.buffer = '';
      this.activeMs = 0;
      this.stalls = 0;
      this.startedInField = e.inTextField;
    } else if (gap <= this.pauseMs) {
      this.activeMs += gap;
    } else {
      this.stalls += 1;
    }
    this.buffer += e.key;
    this.last = e.time;
    return { kind: 'none' };
  }

  private get pauseMs(): number {
    return this.options.maxGapMs * 3;
  }

  /** Does a key `gap` ms after the last one belong to the same run? A short pause does; so does a stall of a run that was a reader's so far. */
  private continues(gap: number): boolean {
    if (gap <= this.pauseMs) return true;
    const readerSoFar = this.buffer.length >= 2 && this.activeMs / (this.buffer.length - 1) <= this.options.maxGapMs;
    return readerSoFar && gap <= STALL_MS && this.stalls < MAX_STALLS;
  }

  get burstStartedInField(): boolean {
    return this.startedInField;
  }

  reset(): void {
    this.buffer = '';
    this.last = -Infinity;
    this.activeMs = 0;
    this.stalls = 0;
  }
}
