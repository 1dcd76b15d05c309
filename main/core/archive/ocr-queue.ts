/**
 * The OCR queue's worker (issue 18). The queue is the `ocr_pages` table; this runs it: at most
 * `workers` pages at once (one per spare core; each page is a child process at the lowest priority,
 * so intake on the main thread never waits), each claimed with a lease so another desk, or this one
 * after a crash, takes it back when the lease runs out. A page ends `done`, `empty` (no text) or
 * `failed` with the reason in Vietnamese; the dossier itself is never touched.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PDFDocument } from 'pdf-lib';
import { archiveVi, type OcrReasonCode } from '../../../shared/i18n/vi/archive';
import { readFileBytes } from '../../store/files.repository';
import { claimNextPage, releaseWorker, countPages, enqueueNewScans, finishPage, type ClaimedPage, type PageOutcome } from '../../store/ocr.repository';
import type { CoreDeps } from '../context';
import { OcrEngineError, type OcrEngine } from '../ports/ocr';
import { openScanPdf, pageImage, PageImageError } from './page-image';
import { addTextLayerToScan } from './searchable';

export interface OcrQueueOptions {
  engine: OcrEngine;
  /** Pages at once (default: one per spare core, at least one). */
  workers: number;
  lang?: string;
  /** How long a claimed page is ours before another worker may take it back (default 10 min). */
  leaseMs?: number;
  /** A page taking longer than this fails with `timeout` (default 120 s). */
  pageTimeoutMs?: number;
}

export interface RunStats {
  processed: number;
  done: number;
  empty: number;
  failed: number;
}

/** Fewer characters than this (letters or digits) on a page means no text: a blank page, a photo of nothing. */
const MIN_TEXT_CHARS = 3;

export class OcrQueue {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly abort = new AbortController();
  private readonly active = new Set<Promise<unknown>>();
  private background = false;
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** The last parsed PDF: the pages of one scan follow each other in the queue. */
  private docCache: { fileId: string; doc: PDFDocument | null; error: PageImageError | null } | null = null;

  constructor(
    private readonly deps: CoreDeps,
    readonly opts: OcrQueueOptions,
  ) {}

  get engine(): OcrEngine {
    return this.opts.engine;
  }

  /** Work the queue in the background from now on (desk app, browser host); a poll also catches other desks' scans. */
  startBackground(pollMs = 30_000): void {
    this.background = true;
    this.kick();
    if (pollMs > 0) {
      this.timer = setInterval(() => this.kick(), pollMs);
      this.timer.unref();
    }
  }

  /** Something may have been queued (a scan attached): look soon, without blocking the caller. */
  kick(): void {
    if (!this.background || this.abort.signal.aborted) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        await this.runUntilIdle().catch((e) => this.deps.logger.error('ocr queue', { error: (e as Error).message }));
      } while (this.again && !this.abort.signal.aborted);
    })().finally(() => {
      this.pumping = null;
    });
  }

  /** Queue new scans' pages, then work until nothing claimable is left (all, or one dossier's). */
  async runUntilIdle(dossierId?: string): Promise<RunStats> {
    const stats: RunStats = { processed: 0, done: 0, empty: 0, failed: 0 };
    await enqueueNewScans(this.deps.db, this.deps.clock.now().toISOString());
    const total = (await countPages(this.deps.db, dossierId)).total;
    const jobId = `ocr-${this.workerId}`;
    const worker = async () => {
      while (!this.abort.signal.aborted) {
        const now = this.deps.clock.now();
        const lease = new Date(now.getTime() + (this.opts.leaseMs ?? 600_000)).toISOString();
        const claimed = await claimNextPage(this.deps.db, this.workerId, now.toISOString(), lease, dossierId);
        if (!claimed) return;
        const status = await this.processPage(claimed);
        stats.processed++;
        if (status) stats[status]++;
        const counts = await countPages(this.deps.db, dossierId);
        const done = counts.done + counts.empty + counts.failed;
        this.deps.events.emit('job.progress', { jobId, kind: 'ocr', done, total: Math.max(total, counts.total), label: archiveVi.ocrProgressLabel(done, counts.total) });
      }
    };
    const n = Math.max(1, this.opts.workers);
    const all = Promise.all(Array.from({ length: n }, () => worker()));
    this.active.add(all);
    try {
      await all;
    } finally {
      this.active.delete(all);
    }
    return stats;
  }

  /** OCR one claimed page and record the outcome; returns the status recorded (null if the lease was lost). */
  private async processPage(p: ClaimedPage): Promise<PageOutcome['status'] | null> {
    const started = Date.now();
    const engine = this.opts.engine;
    const fail = (code: OcrReasonCode): PageOutcome => ({
      status: code === 'no_text' || code === 'no_image' ? 'empty' : 'failed',
      engine: engine.kind,
      reasonCode: code,
      reason: archiveVi.ocrReason[code],
      text: code === 'no_text' || code === 'no_image' ? '' : null,
      wordsJson: null,
      confidence: null,
      width: null,
      height: null,
      ms: Date.now() - started,
    });
    let outcome: PageOutcome;
    try {
      const doc = await this.openDoc(p.file_id);
      const img = await pageImage(doc, p.page);
      const r = await engine.recognize(img.image, { lang: this.opts.lang ?? 'vie', signal: this.abort.signal, timeoutMs: this.opts.pageTimeoutMs ?? 120_000 });
      const meaningful = (r.text.match(/[\p{L}\p{N}]/gu) ?? []).length;
      if (meaningful < MIN_TEXT_CHARS) outcome = fail('no_text');
      else {
        outcome = {
          status: 'done',
          engine: engine.kind,
          reasonCode: null,
          reason: null,
          text: r.text.normalize('NFC'),
          wordsJson: JSON.stringify(r.words.map((w) => [w.x, w.y, w.w, w.h, w.text, w.line])),
          confidence: r.confidence,
          width: img.width,
          height: img.height,
          ms: Date.now() - started,
        };
      }
    } catch (e) {
      if (e instanceof OcrEngineError && e.code === 'aborted') return null; // shutting down: the lease gives the page back
      if (e instanceof PageImageError) outcome = fail(e.code);
      else if (e instanceof OcrEngineError) outcome = fail(e.code === 'engine_missing' ? 'engine_missing' : e.code === 'timeout' ? 'timeout' : e.code === 'unreadable_image' ? 'unreadable_image' : 'engine_failed');
      else if (e instanceof FileMissing) outcome = fail('file_missing');
      else {
        this.deps.logger.error('ocr page', { error: (e as Error).message, page: p.page, scan: p.scan_id });
        outcome = fail('engine_failed');
      }
      this.deps.logger.warn('ocr page failed', { scan: p.scan_id, page: p.page, reason: outcome.reasonCode, detail: (e as Error).message?.slice(0, 300) });
    }
    const ok = await finishPage(this.deps.db, this.deps.storeKind, p.id, this.workerId, this.deps.clock.now().toISOString(), outcome);
    if (!ok) return null;
    const d = await this.deps.db.selectFrom('dossiers').select('code').where('id', '=', p.dossier_id).executeTakeFirst();
    this.deps.events.emit('data.changed', { entity: 'ocr_pages', ...(d ? { id: d.code } : {}) });
    // The scan's last page: its stored PDF gets the text layer now (a failure there never fails the page).
    await addTextLayerToScan(this.deps, p.scan_id).catch((e) =>
      this.deps.logger.warn('text layer failed', { scan: p.scan_id, error: (e as Error).message?.slice(0, 300) }),
    );
    return outcome.status;
  }

  private async openDoc(fileId: string): Promise<PDFDocument> {
    const c = this.docCache;
    if (c?.fileId === fileId) {
      if (c.error) throw c.error;
      return c.doc!;
    }
    this.docCache = null;
    const file = await readFileBytes(this.deps.db, fileId);
    if (!file) throw new FileMissing(fileId);
    try {
      const doc = await openScanPdf(file.bytes);
      this.docCache = { fileId, doc, error: null };
      return doc;
    } catch (e) {
      if (e instanceof PageImageError) this.docCache = { fileId, doc: null, error: e };
      throw e;
    }
  }

  /** Stop: kill running engine processes (their pages go back to the queue when the lease ends) and wait. */
  async close(): Promise<void> {
    this.background = false;
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.active, ...(this.pumping ? [this.pumping] : [])]);
    // Pages this process was reading go back to the queue now, not when their lease runs out.
    await releaseWorker(this.deps.db, this.workerId).catch(() => {});
  }
}

class FileMissing extends Error {
  constructor(fileId: string) {
    super(`file ${fileId} missing`);
  }
}
