/** Shapes of the archive channels (issue 18): the OCR queue and its status. */
import { z } from 'zod';
import { DOSSIER_STATUSES } from '../domain/dossier-status';
import { civilDateSchema } from './catalogue.schema';

export const OCR_PAGE_STATUSES = ['queued', 'running', 'done', 'empty', 'failed'] as const;
export type OcrPageStatus = (typeof OCR_PAGE_STATUSES)[number];

const dossierCode = z.string().trim().min(1).max(40);

export const OcrCountsSchema = z.strictObject({
  queued: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  empty: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type OcrCounts = z.infer<typeof OcrCountsSchema>;

export const OcrPageViewSchema = z.strictObject({
  dossierCode: z.string(),
  scanId: z.string(),
  component: z.string(),
  componentName: z.string(),
  page: z.number().int().positive(),
  status: z.enum(OCR_PAGE_STATUSES),
  attempts: z.number().int().nonnegative(),
  engine: z.string().nullable(),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  confidence: z.number().nullable(),
  chars: z.number().int().nonnegative(),
  finishedAt: z.string().nullable(),
});
export type OcrPageView = z.infer<typeof OcrPageViewSchema>;

export const OcrStatusInputSchema = z.strictObject({ dossierCode: dossierCode.optional() });

export const OcrStatusSchema = z.strictObject({
  engine: z.strictObject({ kind: z.string(), available: z.boolean(), detail: z.string() }),
  /** Pages worked on at once at most (one per spare core). */
  workers: z.number().int().nonnegative(),
  counts: OcrCountsSchema,
  /** Per dossier with pages in the queue (queued, running or failed), newest first, at most 50. */
  dossiers: z.array(z.strictObject({ dossierCode: z.string(), counts: OcrCountsSchema })),
  /** Failed pages (at most 50), with the reason; with dossierCode: every page of that dossier. */
  pages: z.array(OcrPageViewSchema),
});
export type OcrStatus = z.infer<typeof OcrStatusSchema>;

export const OcrRunInputSchema = z.strictObject({
  dossierCode: dossierCode.optional(),
  /** Put failed pages back in the queue first. */
  retryFailed: z.boolean().optional(),
});

export const OcrRunResultSchema = z.strictObject({
  processed: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  empty: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  retried: z.number().int().nonnegative(),
  counts: OcrCountsSchema,
});
export type OcrRunResult = z.infer<typeof OcrRunResultSchema>;

export const OcrRetryInputSchema = z.strictObject({ dossierCode: dossierCode.optional(), scanId: z.string().min(1).max(80).optional(), page: z.number().int().positive().optional() });
export const OcrRetryResultSchema = z.strictObject({ retried: z.number().int().nonnegative() });

export const TextSearchInputSchema = z
  .strictObject({
    query: z.string().trim().min(1).max(200),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
    /** Filters on the dossier: its field (lĩnh vực), procedure, status, and the day it was received (Vietnam time). */
    field: z.string().trim().max(100).optional(),
    procedureCode: z.string().trim().max(20).optional(),
    statuses: z.array(z.enum(DOSSIER_STATUSES, { error: 'Trạng thái không hợp lệ.' })).max(DOSSIER_STATUSES.length).optional(),
    from: civilDateSchema.optional(),
    to: civilDateSchema.optional(),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { error: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', path: ['to'] });

export const TextHitSchema = z.strictObject({
  code: z.string(),
  /** The component's position as text ('0', '1', …) or 'result', as on dossier_scans. */
  component: z.string(),
  componentName: z.string(),
  scanId: z.string(),
  fileId: z.string(),
  /** 1-based page of the stored PDF where the words are. */
  page: z.number().int().positive(),
  /** Original text around the hit, each hit wrapped in «…». */
  snippet: z.string(),
  /** Higher is better (bm25 on SQLite, ts_rank on PostgreSQL: compare within one result list). */
  score: z.number(),
});
export type TextHit = z.infer<typeof TextHitSchema>;

export const TextSearchResultSchema = z.strictObject({
  hits: z.array(TextHitSchema),
  total: z.number().int().nonnegative(),
  limit: z.number().int(),
  offset: z.number().int(),
});
