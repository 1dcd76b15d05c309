import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import type { ComponentRef, ScanBatch, ScanJob, ScanPage, ScanProfileKind } from '../../../shared/contract/scans.schema';
import { AppError } from '../../../shared/errors';
import type { ColourMode } from '../ports/scanner';
import { digitizeVi } from '../../../shared/i18n/vi/digitize';
import { measureInk } from './ink';
import { scanVi } from './scan-messages';

/**
 * Pages waiting for the clerk (rotate / reorder / delete / confirm blank pages) before they become
 * ONE PDF in the store. Page bytes wait on disk in a private temp folder, so a 200-page batch does
 * not sit in memory; only small thumbnails (PNG, ~160 px wide) stay in memory, served at /files/<id>.
 * Nothing here is in the store: a crash loses the pending pages, never leaves half a document.
 */
export type PageSource = 'scanner' | 'import' | 'folder';

export interface PendingPage {
  id: string;
  name: string;
  kind: 'image' | 'pdf';
  /** The bytes on disk (a TIFF's pages share one file). */
  path: string;
  /** Page of a multi-page TIFF. */
  page?: number;
  pageCount: number;
  widthPx: number;
  heightPx: number;
  dpi: number | null;
  rotation: 0 | 90 | 180 | 270;
  blank: boolean;
  inkRatio: number;
  thumbId: string | null;
  source: PageSource;
}

export interface PendingBatch {
  id: string;
  dossierId: string;
  dossierCode: string;
  component: ComponentRef;
  componentName: string;
  profile: ScanProfileKind;
  dpi: number;
  mode: ColourMode;
  jpegQuality: number;
  colourRecommended: boolean;
  pages: PendingPage[];
  job: ScanJob | null;
  warnings: string[];
  touchedAt: number;
  /** Scanner runs that delivered pages into this batch (names its pages "Lượt quét N"). */
  scanRuns?: number;
}

export interface InboxEntry {
  id: string;
  name: string;
  kind: 'pdf' | 'png' | 'jpeg' | 'tiff';
  path: string;
  bytes: number;
  arrivedAt: string;
}

/** A page ready to be added: decoded once to measure ink and to make its thumbnail. */
export interface PreparedPage {
  page: PendingPage;
  thumb: Buffer | null;
}

const THUMB_WIDTH = 160;
/** Blank = less ink than this share of the page (same default as the pipeline). */
export const BLANK_INK_RATIO = 0.0001;

export class PendingScans {
  readonly dir: string;
  private readonly batches = new Map<string, PendingBatch>();
  private readonly thumbs = new Map<string, Buffer>();
  private readonly inbox = new Map<string, InboxEntry>();
  private closed = false;

  constructor(
    parent: string = tmpdir(),
    private readonly limits: { maxBatches: number; maxInbox: number; maxInputPixels: number } = { maxBatches: 50, maxInbox: 100, maxInputPixels: 40_000_000 },
  ) {
    mkdirSync(parent, { recursive: true });
    this.dir = mkdtempSync(join(parent, 'motcua-pending-'));
  }

  create(b: Omit<PendingBatch, 'id' | 'pages' | 'job' | 'warnings' | 'touchedAt'>): PendingBatch {
    if (this.batches.size >= this.limits.maxBatches) this.evictOldest();
    const batch: PendingBatch = { ...b, id: randomUUID(), pages: [], job: null, warnings: [], touchedAt: Date.now() };
    this.batches.set(batch.id, batch);
    mkdirSync(join(this.dir, batch.id), { recursive: true });
    return batch;
  }

  get(id: string): PendingBatch {
    const b = this.batches.get(id);
    if (!b) throw new AppError('not_found', scanVi.batchGone, { issues: [{ path: 'batchId', message: scanVi.batchGone }] });
    b.touchedAt = Date.now();
    return b;
  }

  has(id: string): boolean {
    return this.batches.has(id);
  }

  /** Decode a page image once: size, ink (blank?) and thumbnail. Throws a clear message for corrupt pixels. */
  async prepareImage(
    batch: PendingBatch,
    input: { image: Buffer; name: string; dpi?: number; page?: number; path?: string; source: PageSource },
  ): Promise<PreparedPage> {
    const opts = { limitInputPixels: this.limits.maxInputPixels, failOn: 'warning' as const, page: input.page ?? 0, pages: 1 };
    let grey: { data: Buffer; info: OutputInfo };
    let thumb: Buffer;
    let density: number | undefined;
    try {
      density = (await sharp(input.image, { ...opts, limitInputPixels: false }).metadata()).density;
      grey = await sharp(input.image, opts).autoOrient().flatten({ background: '#ffffff' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      thumb = await sharp(input.image, opts).autoOrient().resize({ width: THUMB_WIDTH, withoutEnlargement: true }).flatten({ background: '#ffffff' }).png({ compressionLevel: 6 }).toBuffer();
    } catch (e) {
      if (e instanceof AppError) throw e;
      const tooBig = /pixel limit/i.test((e as Error)?.message ?? '');
      throw new AppError('invalid_input', tooBig ? digitizeVi.tooManyPixels(input.name, 0, Math.round(this.limits.maxInputPixels / 1e6)) : digitizeVi.corruptImage(input.name), { cause: e });
    }
    const inkRatio = measureInk(grey.data, grey.info.width, grey.info.height);
    const id = randomUUID();
    let path = input.path;
    if (!path) {
      path = join(this.dir, batch.id, `${id}.img`);
      await writeFile(path, input.image);
    }
    const dpi = input.dpi ?? (density && density >= 100 ? Math.round(density) : null);
    return {
      page: {
        id,
        name: input.name,
        kind: 'image',
        path,
        ...(input.page !== undefined ? { page: input.page } : {}),
        pageCount: 1,
        widthPx: grey.info.width,
        heightPx: grey.info.height,
        dpi,
        rotation: 0,
        blank: inkRatio < BLANK_INK_RATIO,
        inkRatio,
        thumbId: randomUUID(),
        source: input.source,
      },
      thumb,
    };
  }

  async preparePdf(batch: PendingBatch, input: { bytes: Buffer; name: string; pageCount: number; dpi: number | null; source: PageSource }): Promise<PreparedPage> {
    const id = randomUUID();
    const path = join(this.dir, batch.id, `${id}.pdf`);
    await writeFile(path, input.bytes);
    return {
      page: { id, name: input.name, kind: 'pdf', path, pageCount: input.pageCount, widthPx: 0, heightPx: 0, dpi: input.dpi, rotation: 0, blank: false, inkRatio: 1, thumbId: null, source: input.source },
      thumb: null,
    };
  }

  /** Where a shared file (a multi-page TIFF) is written once for all its pages. */
  async writeShared(batch: PendingBatch, bytes: Buffer): Promise<string> {
    const path = join(this.dir, batch.id, `${randomUUID()}.bin`);
    await writeFile(path, bytes);
    return path;
  }

  /** All or nothing: the pages of one file join the batch together. */
  commit(batch: PendingBatch, prepared: PreparedPage[]): void {
    if (!this.batches.has(batch.id)) throw new AppError('not_found', scanVi.batchGone);
    for (const p of prepared) {
      if (p.thumb && p.page.thumbId) this.thumbs.set(p.page.thumbId, p.thumb);
      batch.pages.push(p.page);
    }
    batch.touchedAt = Date.now();
  }

  arrange(batch: PendingBatch, order: { id: string; rotation: 0 | 90 | 180 | 270 }[]): void {
    const byId = new Map(batch.pages.map((p) => [p.id, p]));
    const seen = new Set<string>();
    for (const o of order) {
      if (!byId.has(o.id) || seen.has(o.id)) throw new AppError('invalid_input', scanVi.arrangeMismatch, { issues: [{ path: 'pages', message: scanVi.arrangeMismatch }] });
      seen.add(o.id);
    }
    const removed = batch.pages.filter((p) => !seen.has(p.id));
    batch.pages = order.map((o) => {
      const p = byId.get(o.id)!;
      if (p.kind === 'pdf' && o.rotation !== 0) throw new AppError('invalid_input', scanVi.pdfNoRotate(p.name));
      return { ...p, rotation: o.rotation };
    });
    for (const p of removed) this.forgetPage(batch, p);
  }

  private forgetPage(batch: PendingBatch, p: PendingPage): void {
    if (p.thumbId) this.thumbs.delete(p.thumbId);
    // A TIFF's file is shared by its pages: remove it only when no page still needs it.
    if (!batch.pages.some((q) => q.path === p.path)) void rm(p.path, { force: true });
  }

  async readPage(p: PendingPage): Promise<Buffer> {
    return readFile(p.path);
  }

  discard(id: string): boolean {
    const b = this.batches.get(id);
    if (!b) return false;
    this.batches.delete(id);
    for (const p of b.pages) if (p.thumbId) this.thumbs.delete(p.thumbId);
    rmSync(join(this.dir, id), { recursive: true, force: true });
    return true;
  }

  thumb(id: string): Buffer | undefined {
    return this.thumbs.get(id);
  }

  view(b: PendingBatch): ScanBatch {
    return {
      id: b.id,
      dossierCode: b.dossierCode,
      component: b.component,
      componentName: b.componentName,
      profile: b.profile,
      dpi: b.dpi,
      mode: b.mode,
      pages: b.pages.map(
        (p): ScanPage => ({
          id: p.id,
          name: p.name,
          kind: p.kind,
          pageCount: p.pageCount,
          widthPx: p.widthPx,
          heightPx: p.heightPx,
          dpi: p.dpi,
          rotation: p.rotation,
          blank: p.blank,
          inkRatio: p.inkRatio,
          thumbId: p.thumbId,
        }),
      ),
      job: b.job ? { ...b.job } : null,
      warnings: [...b.warnings, ...(b.pages.some((p) => p.blank) ? [digitizeVi.blankPages(b.pages.flatMap((p, i) => (p.blank ? [i + 1] : [])))] : [])],
    };
  }

  // --- Scan-to-folder inbox -------------------------------------------------------------------

  async offer(file: { name: string; kind: InboxEntry['kind']; bytes: Buffer }, at: string): Promise<InboxEntry> {
    if (this.inbox.size >= this.limits.maxInbox) {
      const oldest = [...this.inbox.values()].sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt))[0];
      if (oldest) this.dropInbox(oldest.id);
    }
    const id = randomUUID();
    mkdirSync(join(this.dir, 'inbox'), { recursive: true });
    const path = join(this.dir, 'inbox', id);
    await writeFile(path, file.bytes);
    const entry: InboxEntry = { id, name: file.name, kind: file.kind, path, bytes: file.bytes.length, arrivedAt: at };
    this.inbox.set(id, entry);
    return entry;
  }

  listInbox(): InboxEntry[] {
    return [...this.inbox.values()].sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt));
  }

  takeInbox(id: string): InboxEntry {
    const e = this.inbox.get(id);
    if (!e) throw new AppError('not_found', scanVi.inboxGone, { issues: [{ path: 'inboxId', message: scanVi.inboxGone }] });
    return e;
  }

  dropInbox(id: string): void {
    const e = this.inbox.get(id);
    if (!e) return;
    this.inbox.delete(id);
    void rm(e.path, { force: true });
  }

  private evictOldest(): void {
    const idle = [...this.batches.values()].filter((b) => b.job?.state !== 'running').sort((a, b) => a.touchedAt - b.touchedAt)[0];
    if (!idle) throw new AppError('device_busy', scanVi.tooManyBatches);
    this.discard(idle.id);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.batches.clear();
    this.thumbs.clear();
    this.inbox.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
