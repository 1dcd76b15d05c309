/** Queries of the OCR queue (migration 0017): enqueue the pages of new scans, claim, finish, count. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { OcrCounts, OcrPageStatus } from '../../shared/contract/archive.schema';
import { foldForIndex } from '../../shared/domain/text-search';
import type { StoreKind } from './dialect';
import type { Database } from './schema';
import type { OcrPagesTable } from './ocr.schema';

type Db = Kysely<Database>;

/**
 * Queue every page of every active scan that has no OCR rows yet (scans attached by any path: the
 * scan panel, imports, the CLI, another desk, history import). Idempotent and safe from two desks
 * at once (the unique (scan_id, page) index). Returns the number of pages queued.
 */
export async function enqueueNewScans(db: Db, at: string, limitScans = 500): Promise<number> {
  const scans = await db
    .selectFrom('dossier_scans as s')
    .select(['s.id', 's.dossier_id', 's.file_id', 's.page_count'])
    .where('s.detached_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('ocr_pages as o').select('o.id').whereRef('o.scan_id', '=', 's.id'))))
    .orderBy('s.created_at')
    .limit(limitScans)
    .execute();
  let queued = 0;
  for (const s of scans) {
    const rows: OcrPagesTable[] = [];
    for (let page = 1; page <= Number(s.page_count); page++) rows.push(newRow(s.id, s.dossier_id, s.file_id, page, at));
    if (rows.length === 0) continue;
    const r = await db.insertInto('ocr_pages').values(rows).onConflict((oc) => oc.columns(['scan_id', 'page']).doNothing()).executeTakeFirst();
    queued += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}

function newRow(scanId: string, dossierId: string, fileId: string, page: number, at: string): OcrPagesTable {
  return {
    id: randomUUID(),
    scan_id: scanId,
    dossier_id: dossierId,
    file_id: fileId,
    page,
    status: 'queued',
    attempts: 0,
    lease_until: null,
    worker: null,
    engine: null,
    reason_code: null,
    reason: null,
    text: null,
    words_json: null,
    confidence: null,
    image_width: null,
    image_height: null,
    ms: null,
    queued_at: at,
    started_at: null,
    finished_at: null,
  };
}

export interface ClaimedPage {
  id: string;
  scan_id: string;
  dossier_id: string;
  file_id: string;
  page: number;
  attempts: number;
}

/**
 * Claim the oldest claimable page (queued, or running with an expired lease: its desk died) of an
 * active scan, optionally of one dossier. Compare-and-set on (status, lease), so two workers or two
 * desks never take the same page. Null when nothing is left.
 */
export async function claimNextPage(db: Db, worker: string, now: string, leaseUntil: string, dossierId?: string): Promise<ClaimedPage | null> {
  for (let tries = 0; tries < 5; tries++) {
    let q = db
      .selectFrom('ocr_pages as o')
      .innerJoin('dossier_scans as s', 's.id', 'o.scan_id')
      .select(['o.id', 'o.scan_id', 'o.dossier_id', 'o.file_id', 'o.page', 'o.attempts', 'o.status', 'o.lease_until'])
      .where('s.detached_at', 'is', null)
      .where((eb) => eb.or([eb('o.status', '=', 'queued'), eb.and([eb('o.status', '=', 'running'), eb('o.lease_until', '<', now)])]));
    if (dossierId) q = q.where('o.dossier_id', '=', dossierId);
    const row = await q.orderBy('o.queued_at').orderBy('o.scan_id').orderBy('o.page').limit(1).executeTakeFirst();
    if (!row) return null;
    let upd = db
      .updateTable('ocr_pages')
      .set({ status: 'running', worker, lease_until: leaseUntil, started_at: now, attempts: Number(row.attempts) + 1 })
      .where('id', '=', row.id)
      .where('status', '=', row.status);
    upd = row.lease_until === null ? upd.where('lease_until', 'is', null) : upd.where('lease_until', '=', row.lease_until);
    const r = await upd.executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) {
      return { id: row.id, scan_id: row.scan_id, dossier_id: row.dossier_id, file_id: row.file_id, page: Number(row.page), attempts: Number(row.attempts) + 1 };
    }
  }
  return null;
}

export interface PageOutcome {
  status: Extract<OcrPageStatus, 'done' | 'empty' | 'failed'>;
  engine: string;
  reasonCode: string | null;
  reason: string | null;
  text: string | null;
  wordsJson: string | null;
  confidence: number | null;
  width: number | null;
  height: number | null;
  ms: number;
}

/**
 * Record the outcome of a claimed page, and its folded text in the search index (FTS5 on SQLite; the
 * GIN expression index follows the column on PostgreSQL), in one transaction. False when this worker
 * no longer holds the page (its lease ran out and another took it): nothing is written then.
 */
export async function finishPage(db: Db, kind: StoreKind, id: string, worker: string, at: string, o: PageOutcome): Promise<boolean> {
  const folded = o.text ? foldForIndex(o.text) : null;
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('ocr_pages')
      .set({
        status: o.status,
        engine: o.engine,
        reason_code: o.reasonCode,
        reason: o.reason,
        text: o.text,
        text_folded: folded,
        words_json: o.wordsJson,
        confidence: o.confidence,
        image_width: o.width,
        image_height: o.height,
        ms: o.ms,
        finished_at: at,
        lease_until: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('worker', '=', worker)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    if (kind === 'sqlite') {
      await trx.deleteFrom('ocr_fts').where('page_id', '=', id).execute();
      if (folded) await trx.insertInto('ocr_fts').values({ page_id: id, body: folded }).execute();
    }
    return true;
  });
}

/** Put failed pages back in the queue (all, a dossier's, a scan's or one page). */
export async function requeueFailed(db: Db, at: string, where: { dossierId?: string; scanId?: string; page?: number } = {}): Promise<number> {
  let q = db
    .updateTable('ocr_pages')
    .set({ status: 'queued', queued_at: at, reason_code: null, reason: null, worker: null, lease_until: null, finished_at: null })
    .where('status', '=', 'failed');
  if (where.dossierId) q = q.where('dossier_id', '=', where.dossierId);
  if (where.scanId) q = q.where('scan_id', '=', where.scanId);
  if (where.page) q = q.where('page', '=', where.page);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

const EMPTY_COUNTS: OcrCounts = { queued: 0, running: 0, done: 0, empty: 0, failed: 0, total: 0 };

function toCounts(rows: Array<{ status: string; n: number | string | bigint }>): OcrCounts {
  const c = { ...EMPTY_COUNTS };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status in c && r.status !== 'total') c[r.status as OcrPageStatus] += n;
    c.total += n;
  }
  return c;
}

/** Counts of the pages of active scans, for the whole queue or one dossier. */
export async function countPages(db: Db, dossierId?: string): Promise<OcrCounts> {
  let q = db
    .selectFrom('ocr_pages as o')
    .innerJoin('dossier_scans as s', 's.id', 'o.scan_id')
    .select(['o.status', sql<number>`count(*)`.as('n')])
    .where('s.detached_at', 'is', null);
  if (dossierId) q = q.where('o.dossier_id', '=', dossierId);
  return toCounts(await q.groupBy('o.status').execute());
}

/** Dossiers with pages still to do or failed, with their counts (newest first). */
export async function dossiersInQueue(db: Db, limit: number): Promise<Array<{ dossierCode: string; counts: OcrCounts }>> {
  const rows = await db
    .selectFrom('ocr_pages as o')
    .innerJoin('dossier_scans as s', 's.id', 'o.scan_id')
    .innerJoin('dossiers as d', 'd.id', 'o.dossier_id')
    .select(['d.code', 'o.status', sql<number>`count(*)`.as('n'), sql<string>`max(o.queued_at)`.as('last')])
    .where('s.detached_at', 'is', null)
    .where('o.dossier_id', 'in', (eb) =>
      eb.selectFrom('ocr_pages').select('dossier_id').where('status', 'in', ['queued', 'running', 'failed']),
    )
    .groupBy(['d.code', 'o.status'])
    .execute();
  const by = new Map<string, { rows: typeof rows; last: string }>();
  for (const r of rows) {
    const e = by.get(r.code) ?? { rows: [], last: '' };
    e.rows.push(r);
    if (r.last > e.last) e.last = r.last;
    by.set(r.code, e);
  }
  return [...by.entries()]
    .sort((a, b) => (a[1].last < b[1].last ? 1 : a[1].last > b[1].last ? -1 : 0))
    .slice(0, limit)
    .map(([code, e]) => ({ dossierCode: code, counts: toCounts(e.rows) }));
}

export interface OcrPageListRow {
  dossier_code: string;
  scan_id: string;
  component: string;
  component_name: string;
  page: number;
  status: OcrPageStatus;
  attempts: number;
  engine: string | null;
  reason_code: string | null;
  reason: string | null;
  confidence: number | null;
  chars: number | null;
  finished_at: string | null;
}

/** Pages of one dossier (all of them) or the failed pages of the queue, in order. */
export async function listPages(db: Db, opts: { dossierId?: string; onlyFailed?: boolean; limit: number }): Promise<OcrPageListRow[]> {
  let q = db
    .selectFrom('ocr_pages as o')
    .innerJoin('dossier_scans as s', 's.id', 'o.scan_id')
    .innerJoin('dossiers as d', 'd.id', 'o.dossier_id')
    .select([
      'd.code as dossier_code',
      'o.scan_id',
      's.component',
      's.component_name',
      'o.page',
      'o.status',
      'o.attempts',
      'o.engine',
      'o.reason_code',
      'o.reason',
      'o.confidence',
      sql<number>`length(o.text)`.as('chars'),
      'o.finished_at',
    ])
    .where('s.detached_at', 'is', null);
  if (opts.dossierId) q = q.where('o.dossier_id', '=', opts.dossierId);
  if (opts.onlyFailed) q = q.where('o.status', '=', 'failed');
  return q.orderBy('s.created_at').orderBy('s.component').orderBy('o.scan_id').orderBy('o.page').limit(opts.limit).execute();
}

/** Give back the pages a worker still holds (it is shutting down). */
export async function releaseWorker(db: Db, worker: string): Promise<number> {
  const r = await db
    .updateTable('ocr_pages')
    .set({ status: 'queued', worker: null, lease_until: null, started_at: null })
    .where('status', '=', 'running')
    .where('worker', '=', worker)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
