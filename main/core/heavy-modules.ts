/**
 * Heavy packages loaded on first use, not at start: a desk that only receives dossiers never pays for
 * the spreadsheet library, and the CLI's quick commands start without it (exceljs alone is ~120 ms and
 * ~19 MB to import). Each loader imports once and hands back the same module afterwards.
 * Types still come from a plain `import type`, which costs nothing at run time.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export const loadExcel = once(async () => (await import('exceljs')).default);
