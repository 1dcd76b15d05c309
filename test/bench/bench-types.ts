/** What every `test/bench/*.bench.ts` module exports and what the runner gives it. */
export interface BenchContext {
  /** Repository root. */
  root: string;
  /** A scratch folder for this module, removed after it ran. */
  tmpDir: string;
  /** Fewer iterations (BENCH_QUICK=1), for a smoke run. */
  quick: boolean;
  /** Progress for people watching; goes to stderr so the table stays clean. */
  log(message: string): void;
}

export interface BenchResult {
  /** What was measured, e.g. "receipt (Mẫu 01) warm, median of 20". */
  name: string;
  value: number;
  /** 'ms', 'KB', '×', … */
  unit: string;
  /** The same measure for what people use today, when there is one. */
  baseline?: { name: string; value: number } | null;
  notes?: string;
}

export type BenchModule = { bench(ctx: BenchContext): Promise<BenchResult[]> };

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
