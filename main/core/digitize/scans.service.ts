import type { digitizeChannels } from '../../../shared/contract/digitize.channels';
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract/channels';
import {
  SCAN_IMPORT_MAX_BYTES,
  SCAN_PROFILE_LABELS,
  SCAN_PROFILES,
  scanImportTooLarge,
  type ComponentRef,
  type DossierScan,
  type ScanBatch,
  type ScanProfileKind,
  type ScanSettings,
} from '../../../shared/contract/scans.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { AppError, isAppError } from '../../../shared/errors';
import { findActiveScan, findScanById, detachScan, insertDossierScan, listDossierScans, recountDigitization, type DossierScanRow } from '../../store/scans.repository';
import { readSetting, writeSetting } from '../../store/settings.repository';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { storeFile } from '../files/files.service';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { requireDossier } from '../intake/dossiers.service';
import { isScanInterrupted, type ScannedPage } from '../ports/scanner';
import { PendingScans, type PageSource, type PendingBatch, type PendingPage, type PreparedPage } from './pending';
import type { DigitizeInput } from './pipeline';
import { assemble, componentNameOf, defaultBackend, scanAuditView, toScan } from './scan-rows';
import { DEFAULT_SCAN_PROFILES, profileFor } from './profiles';
import { scanVi } from './scan-messages';
import { listDevices, rememberWorkingDevice } from './devices';
import { vi } from '../../../shared/i18n/vi';

/** What an imported file becomes (adapters/scanner/file-import.ts `importFile` has this shape). */
export type FileImporter = (
  bytes: Buffer,
  name: string,
) => Promise<{ name: string; kind: 'pdf' | 'png' | 'jpeg' | 'tiff'; pageCount: number; inputs: DigitizeInput[] }>;

export type DigitizeChannel = ChannelsOf<typeof digitizeChannels>;

const SETTINGS_KEY = 'scanning';

interface RunningJob {
  id: string;
  batchId: string;
  device: string;
  abort: AbortController;
  finished: Promise<void>;
}

export interface DigitizeOptions {
  importFile: FileImporter;
  /** Parent of the private folder pending pages wait in (default the OS temp dir). */
  pendingDir?: string;
}

/**
 * Digitization use cases ("số hóa"): scan jobs into pending batches, imports, the scan-to-folder
 * inbox, and attaching a batch as ONE PDF to a dossier component (or as the result) — the PDF
 * bytes, the link and the dossier's QĐ 766 counters in one transaction, with an audit entry.
 */
export class DigitizeService {
  readonly pending: PendingScans;
  private readonly jobs = new Map<string, RunningJob>();
  private watcher: { close(): Promise<void> } | null = null;
  private folderError: string | null = null;
  private watchedFolder = '';

  constructor(
    private readonly deps: CoreDeps,
    private readonly opts: DigitizeOptions,
  ) {
    this.pending = new PendingScans(opts.pendingDir);
  }

  /** Start the folder watcher from the saved settings (errors are shown in the settings view, not thrown). */
  async start(): Promise<void> {
    const s = await this.readSettings();
    await this.applyFolder(s.folder);
  }

  async close(): Promise<void> {
    for (const j of this.jobs.values()) j.abort.abort();
    await Promise.allSettled([...this.jobs.values()].map((j) => j.finished));
    if (this.watcher) await this.watcher.close().catch(() => {});
    this.watcher = null;
    this.pending.close();
  }

  /** Wait for a scan job to end (tests, the CLI). */
  async waitForJob(jobId: string): Promise<void> {
    await this.jobs.get(jobId)?.finished;
  }

  handlers(): HandlerMap<DigitizeChannel> {
    const d = this.deps;
    return {
      'scans.devices': () => listDevices(d),
      'scans.profiles': async () =>
        SCAN_PROFILES.map((kind) => ({ kind, label: SCAN_PROFILE_LABELS[kind], dpi: DEFAULT_SCAN_PROFILES[kind].dpi, mode: DEFAULT_SCAN_PROFILES[kind].mode })),
      'scans.start': (input) => this.startScan(input),
      'scans.cancel': async ({ jobId }) => {
        const job = this.jobs.get(jobId);
        if (!job) return { cancelled: false };
        job.abort.abort();
        await job.finished;
        return { cancelled: true };
      },
      'scans.batch': async ({ batchId }) => this.pending.view(this.pending.get(batchId)),
      'scans.import': (input) => this.importInto(input),
      'scans.arrange': async ({ batchId, pages }) => {
        const batch = this.pending.get(batchId);
        if (batch.job?.state === 'running') throw new AppError('conflict', scanVi.attachRunning);
        this.pending.arrange(batch, pages);
        return this.pending.view(batch);
      },
      'scans.discard': async ({ batchId }) => {
        const running = [...this.jobs.values()].find((j) => j.batchId === batchId);
        if (running) {
          running.abort.abort();
          await running.finished;
        }
        return { discarded: this.pending.discard(batchId) };
      },
      'scans.attach': (input, ctx) => this.attach(input, ctx),
      'scans.list': async ({ dossierCode }) => {
        const dossier = await requireDossier(d.db, dossierCode);
        return (await listDossierScans(d.db, dossier.id)).map((r) => toScan(r, dossier.code, r.file_name));
      },
      'scans.detach': (input, ctx) => this.detach(input, ctx),
      'scans.settings': async () => this.settingsView(await this.readSettings()),
      'scans.saveSettings': async (input, ctx) => {
        const before = await this.readSettings();
        await d.db.transaction().execute(async (trx) => {
          await writeSetting(trx, SETTINGS_KEY, input, d.clock.now().toISOString());
          await appendAudit(trx, d, { actor: ctx.actor, action: 'scans.settings', entity: 'settings', entityId: SETTINGS_KEY, before, after: input });
        });
        await this.applyFolder(input.folder);
        return this.settingsView(input);
      },
      'scans.inbox': async () => this.pending.listInbox().map((e) => ({ id: e.id, name: e.name, kind: e.kind, bytes: e.bytes, arrivedAt: e.arrivedAt })),
      'scans.takeInbox': async (input) => {
        const entry = this.pending.takeInbox(input.inboxId);
        const bytes = await this.pending.readPage({ path: entry.path } as PendingPage);
        const view = await this.importBytes(input, entry.name, bytes, 'folder');
        this.pending.dropInbox(entry.id);
        d.events.emit('data.changed', { entity: 'scan_inbox' });
        return view;
      },
    };
  }

  // --- Batches ----------------------------------------------------------------------------------

  private async batchFor(input: { dossierCode: string; component: ComponentRef; profile: ScanProfileKind; batchId?: string | undefined }, over?: { dpi?: number | undefined; mode?: PendingBatch['mode'] | undefined }): Promise<PendingBatch> {
    if (input.batchId) {
      const b = this.pending.get(input.batchId);
      if (b.dossierCode !== input.dossierCode.trim().toUpperCase() || b.component !== input.component) {
        throw new AppError('invalid_input', scanVi.arrangeMismatch, { issues: [{ path: 'batchId', message: scanVi.arrangeMismatch }] });
      }
      return b;
    }
    const dossier = await requireDossier(this.deps.db, input.dossierCode);
    const componentName = await componentNameOf(this.deps.db, dossier, input.component);
    const profile = profileFor(input.profile);
    return this.pending.create({
      dossierId: dossier.id,
      dossierCode: dossier.code,
      component: input.component,
      componentName,
      profile: input.profile,
      dpi: over?.dpi ?? profile.dpi,
      mode: over?.mode ?? profile.mode,
      jpegQuality: profile.jpegQuality,
      colourRecommended: profile.colourRecommended,
    });
  }

  private async startScan(input: ParsedInput<'scans.start'>): Promise<{ jobId: string; batchId: string }> {
    const d = this.deps;
    if (d.scanner.kind === 'none') throw new AppError('device_unavailable', scanVi.noScanner);
    if ([...this.jobs.values()].some((j) => j.device === input.device)) throw new AppError('device_busy', scanVi.scanRunning);
    const batch = await this.batchFor(input, { dpi: input.dpi, mode: input.mode });
    if (batch.job?.state === 'running') throw new AppError('conflict', scanVi.attachRunning);
    const jobId = randomUUID();
    const abort = new AbortController();
    const total = input.source === 'flatbed' ? 1 : (input.pages ?? null);
    batch.job = { id: jobId, state: 'running', done: 0, total, error: null };
    // A run is numbered when its first page arrives: a scan that fails before any page is not a "Lượt quét".
    let scanNo = 0;
    let chain: Promise<void> = Promise.resolve();
    let pageError: unknown = null;
    const onPage = (p: ScannedPage, done: number, tot: number | null) => {
      chain = chain.then(async () => {
        if (pageError || !this.pending.has(batch.id)) return;
        try {
          if (scanNo === 0) scanNo = batch.scanRuns = (batch.scanRuns ?? 0) + 1;
          const prepared = await this.pending.prepareImage(batch, { image: p.image, dpi: p.dpi, name: vi.scanDevices.pageName(scanNo, p.index + 1), source: 'scanner' });
          this.pending.commit(batch, [prepared]);
          batch.job = { id: jobId, state: 'running', done, total: tot, error: null };
          d.events.emit('job.progress', { jobId, kind: 'scan', done, total: tot, label: scanVi.progress(done, tot) });
        } catch (e) {
          pageError = e;
          abort.abort();
        }
      });
    };
    d.events.emit('job.progress', { jobId, kind: 'scan', done: 0, total, label: scanVi.progress(0, total) });
    const finished = (async () => {
      let state: 'done' | 'failed' | 'cancelled' = 'done';
      let error: string | null = null;
      try {
        await d.scanner.scan(
          { device: input.device, source: input.source, dpi: batch.dpi, mode: batch.mode, ...(input.pages ? { pages: input.pages } : {}) },
          { signal: abort.signal, onPage, retainPages: false },
        );
      } catch (e) {
        if (isScanInterrupted(e) && e.reason === 'cancelled' && !pageError) state = 'cancelled';
        else state = 'failed';
        error = isAppError(e) ? e.message : (e as Error)?.message ?? String(e);
        if (!isAppError(e)) d.logger.error('scan failed', { message: error, stack: (e as Error)?.stack });
      }
      await chain;
      if (pageError) {
        state = 'failed';
        error = isAppError(pageError) ? pageError.message : String(pageError);
      }
      const done = batch.job?.done ?? 0;
      if (done > 0) await rememberWorkingDevice(d, input.device);
      batch.job = { id: jobId, state, done, total: state === 'done' ? done : total, error };
      d.events.emit('job.progress', { jobId, kind: 'scan', done, total: state === 'done' ? done : total, label: error ?? scanVi.jobDone(done) });
      d.events.emit('data.changed', { entity: 'scan_batch', id: batch.id });
    })().finally(() => this.jobs.delete(jobId));
    this.jobs.set(jobId, { id: jobId, batchId: batch.id, device: input.device, abort, finished });
    return { jobId, batchId: batch.id };
  }

  private async importInto(input: ParsedInput<'scans.import'>): Promise<ScanBatch> {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64)) throw new AppError('invalid_input', scanVi.badBase64, { issues: [{ path: 'dataBase64', message: scanVi.badBase64 }] });
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length > SCAN_IMPORT_MAX_BYTES) {
      const message = scanImportTooLarge(Math.ceil(bytes.length / 1024 / 1024));
      throw new AppError('invalid_input', message, { issues: [{ path: 'dataBase64', message }] });
    }
    return this.importBytes(input, input.name, bytes, 'import');
  }

  private async importBytes(target: { dossierCode: string; component: ComponentRef; profile: ScanProfileKind; batchId?: string | undefined }, name: string, bytes: Buffer, source: PageSource): Promise<ScanBatch> {
    // Checked before a batch is made, so a refused file leaves nothing behind.
    const imported = await this.opts.importFile(bytes, name);
    const fresh = !target.batchId;
    const batch = await this.batchFor(target);
    try {
      const prepared: PreparedPage[] = [];
      if (imported.kind === 'pdf') {
        prepared.push(await this.pending.preparePdf(batch, { bytes, name: imported.name, pageCount: imported.pageCount, dpi: null, source }));
      } else {
        const shared = imported.inputs.length > 1 ? await this.pending.writeShared(batch, bytes) : undefined;
        for (const inp of imported.inputs) {
          if (inp.kind !== 'image') continue;
          prepared.push(
            await this.pending.prepareImage(batch, { image: inp.image, name: inp.name ?? imported.name, ...(inp.page !== undefined ? { page: inp.page } : {}), ...(shared ? { path: shared } : {}), source }),
          );
        }
      }
      this.pending.commit(batch, prepared);
    } catch (e) {
      if (fresh) this.pending.discard(batch.id);
      throw e;
    }
    return this.pending.view(batch);
  }

  // --- Attach / detach --------------------------------------------------------------------------

  private async attach(input: ParsedInput<'scans.attach'>, ctx: CallContext): Promise<{ scan: DossierScan; warnings: string[] }> {
    const d = this.deps;
    const batch = this.pending.get(input.batchId);
    if (batch.job?.state === 'running') throw new AppError('conflict', scanVi.attachRunning);
    if (batch.pages.length === 0) throw new AppError('invalid_input', scanVi.emptyBatch);
    const dossier = await requireDossier(d.db, batch.dossierCode);
    const what = scanVi.componentLabel(batch.component, batch.componentName);
    const slot = batch.component === 'result' ? 'result' : String(batch.component);
    if (!input.replace && (await findActiveScan(d.db, dossier.id, slot))) throw new AppError('conflict', scanVi.alreadyAttached(what));

    const pdf = await assemble(batch, this.pending);
    const at = d.clock.now().toISOString();
    const sources = new Set(batch.pages.map((p) => p.source));
    const source = sources.size === 1 ? [...sources][0]! : 'mixed';
    const fromNationalStore = input.fromNationalStore;
    const reused = input.reused || fromNationalStore;
    const fileName = `${dossier.code}-${batch.component === 'result' ? 'KQ' : `TP${batch.component + 1}`}.pdf`;

    let row: DossierScanRow;
    try {
      row = await d.db.transaction().execute(async (trx) => {
        // The link row's slot is checked again inside the transaction; the unique index settles a race.
        const existing = await findActiveScan(trx, dossier.id, slot);
        if (existing && !input.replace) throw new AppError('conflict', scanVi.alreadyAttached(what));
        if (existing) {
          await detachScan(trx, existing.id, at, ctx.actor, 'Thay bằng bản số hóa mới');
          await appendAudit(trx, d, { actor: ctx.actor, action: 'scans.detach', entity: 'dossier_scan', entityId: existing.id, before: scanAuditView(existing), after: { detached_at: at, reason: 'replaced' } });
        }
        const file = await storeFile(trx, { kind: batch.component === 'result' ? 'result' : 'scan', mime: 'application/pdf', name: fileName, bytes: pdf.pdf, createdBy: ctx.actor, at });
        const newRow: DossierScanRow = {
          id: randomUUID(),
          dossier_id: dossier.id,
          component: slot,
          component_name: batch.componentName,
          file_id: file.id,
          page_count: pdf.pageCount,
          dpi: pdf.dpi,
          mode: pdf.mode,
          sha256: pdf.sha256,
          bytes: pdf.bytes,
          digitized: input.digitized ? 1 : 0,
          reused: reused ? 1 : 0,
          from_national_store: fromNationalStore ? 1 : 0,
          source,
          warnings_json: JSON.stringify(pdf.warnings),
          created_by: ctx.actor,
          created_at: at,
          detached_at: null,
          detached_by: null,
          detach_reason: null,
          image_file_id: null,
        };
        await insertDossierScan(trx, newRow);
        const counts = await recountDigitization(trx, dossier.id, at);
        await trx
          .insertInto('dossier_events')
          .values({ id: randomUUID(), dossier_id: dossier.id, kind: 'scan.attached', from_status: null, to_status: null, actor: ctx.actor, at, at_local: utcToVietnamLocal(at), note: what, data_json: JSON.stringify({ scanId: newRow.id, fileId: file.id, pages: pdf.pageCount }) })
          .execute();
        await appendAudit(trx, d, { actor: ctx.actor, action: 'scans.attach', entity: 'dossier_scan', entityId: newRow.id, before: null, after: { ...scanAuditView(newRow), dossier: dossier.code, counts } });
        return newRow;
      });
    } catch (e) {
      if (!isAppError(e) && /unique|duplicate/i.test((e as Error)?.message ?? '')) throw new AppError('conflict', scanVi.alreadyAttached(what), { cause: e });
      throw e;
    }
    this.pending.discard(batch.id);
    d.events.emit('data.changed', { entity: 'dossier_scans', id: dossier.code });
    return { scan: toScan(row, dossier.code, fileName), warnings: pdf.warnings };
  }

  private async detach(input: ParsedInput<'scans.detach'>, ctx: CallContext): Promise<DossierScan> {
    const d = this.deps;
    const at = d.clock.now().toISOString();
    const result = await d.db.transaction().execute(async (trx) => {
      const row = await findScanById(trx, input.scanId);
      if (!row) throw new AppError('not_found', scanVi.scanNotFound);
      if (!(await detachScan(trx, row.id, at, ctx.actor, input.reason))) throw new AppError('conflict', scanVi.alreadyDetached);
      const counts = await recountDigitization(trx, row.dossier_id, at);
      await trx
        .insertInto('dossier_events')
        .values({ id: randomUUID(), dossier_id: row.dossier_id, kind: 'scan.detached', from_status: null, to_status: null, actor: ctx.actor, at, at_local: utcToVietnamLocal(at), note: input.reason, data_json: JSON.stringify({ scanId: row.id }) })
        .execute();
      await appendAudit(trx, d, { actor: ctx.actor, action: 'scans.detach', entity: 'dossier_scan', entityId: row.id, before: scanAuditView(row), after: { detached_at: at, reason: input.reason, counts } });
      const dossier = await trx.selectFrom('dossiers').select('code').where('id', '=', row.dossier_id).executeTakeFirstOrThrow();
      const file = await trx.selectFrom('files').select('name').where('id', '=', row.file_id).executeTakeFirstOrThrow();
      return toScan({ ...row, detached_at: at, detached_by: ctx.actor, detach_reason: input.reason }, dossier.code, file.name);
    });
    d.events.emit('data.changed', { entity: 'dossier_scans', id: result.dossierCode });
    return result;
  }

  // --- Settings and the scan-to-folder inbox ----------------------------------------------------

  private async readSettings(): Promise<ScanSettings> {
    const raw = (await readSetting(this.deps.db, SETTINGS_KEY)) as Partial<ScanSettings> | undefined;
    return { backend: raw?.backend ?? defaultBackend(), folder: raw?.folder ?? '' };
  }

  private settingsView(settings: ScanSettings) {
    return { settings, activeBackend: this.deps.scanner.kind, folderWatching: this.watcher !== null, folderError: this.folderError };
  }

  private async applyFolder(folder: string): Promise<void> {
    if (folder === this.watchedFolder && (this.watcher || this.folderError)) return;
    if (this.watcher) await this.watcher.close().catch(() => {});
    this.watcher = null;
    this.folderError = null;
    this.watchedFolder = folder;
    if (!folder || !this.deps.scanFolder) return;
    try {
      this.watcher = await this.deps.scanFolder.watch(
        folder,
        (file) => {
          void this.pending
            .offer(file, this.deps.clock.now().toISOString())
            .then((e) => this.deps.events.emit('data.changed', { entity: 'scan_inbox', id: e.id }))
            .catch((err: unknown) => this.deps.logger.error('scan folder offer failed', { message: (err as Error)?.message }));
        },
        (err) => this.deps.logger.warn('scan folder watcher', { message: (err as Error)?.message }),
      );
    } catch (e) {
      this.folderError = isAppError(e) ? e.message : String(e);
    }
  }
}
