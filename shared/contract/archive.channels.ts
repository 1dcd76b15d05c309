import type { ChannelDef } from './channel-def';
import { ADMINS, ALL } from './access';
import { OcrRetryInputSchema, OcrRetryResultSchema, OcrRunInputSchema, OcrRunResultSchema, OcrStatusInputSchema, OcrStatusSchema, TextSearchInputSchema, TextSearchResultSchema } from './archive.schema';

/** The searchable archive (issue 18): the OCR queue of every stored page. */
export const archiveChannels = {
  'ocr.status': {
    access: ALL,
    summary: 'The OCR queue: engine, counts for the whole queue and per dossier, failed pages with their reason (or every page of one dossier).',
    input: OcrStatusInputSchema,
    output: OcrStatusSchema,
  },
  'ocr.run': {
    access: ADMINS,
    summary: 'Work the OCR queue now (all of it, or one dossier) until nothing is left, and return what happened; the CLI `motcua ocr run`.',
    input: OcrRunInputSchema,
    output: OcrRunResultSchema,
  },
  'ocr.retry': {
    access: ALL,
    summary: 'Put failed pages (of a dossier, a scan or one page) back in the OCR queue.',
    input: OcrRetryInputSchema,
    output: OcrRetryResultSchema,
  },
  'archive.searchText': {
    access: ALL,
    summary: 'Full-text search in the OCR text of stored papers, with or without diacritics (đ = d): ranked, paged, each hit with its page and a snippet.',
    input: TextSearchInputSchema,
    output: TextSearchResultSchema,
  },
} as const satisfies Record<string, ChannelDef>;
