/**
 * Where an import file is read (issue 15 item 5). In process by default (main/core/reports/table-file.ts);
 * the desk host passes a worker-thread reader (main/app/table-reader-thread.ts) so that parsing a
 * 100,000-row file never holds up another desk's calls on the main thread.
 */

export interface TableRecord {
  line: number;
  values: Record<string, string>;
}

export interface ParsedTable {
  headers: string[];
  records: TableRecord[];
}

export interface TableReader {
  /** Parse CSV or XLSX within the import limits; `signal` abandons the read (the thread is stopped). */
  read(fileName: string, bytes: Buffer, opts?: { signal?: AbortSignal }): Promise<ParsedTable>;
}
