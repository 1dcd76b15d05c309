/**
 * How much one import file may hold (issue 15 item 5). A real commune history is a few thousand rows
 * a year; these bounds leave room for decades while refusing a bomb before it costs memory or time.
 */
export const IMPORT_LIMITS = {
  /** Data rows (header excluded). */
  rows: 100_000,
  columns: 60,
  /** Characters in one cell (an address is ~100; a long note ~1000). */
  cellChars: 4_000,
  /** Uncompressed bytes of one part of an XLSX (a sheet, the shared strings). A 100k-row history sheet is ~40 MB. */
  xlsxEntryBytes: 96 * 1024 * 1024,
  /** Uncompressed bytes of the whole XLSX. */
  xlsxTotalBytes: 192 * 1024 * 1024,
  /** Real spreadsheets compress 5-20×; a bomb 100-1000×. Checked on parts above 1 MB. */
  xlsxMaxRatio: 100,
} as const;

export type ImportLimits = typeof IMPORT_LIMITS;
