/** The OCR channels (issue 18): queue status for the screens and the CLI, run now, retry failed pages. */
import type { archiveChannels } from '../../../shared/contract/archive.channels';
import type { OcrPageView } from '../../../shared/contract/archive.schema';
import { countPages, dossiersInQueue, enqueueNewScans, listPages, requeueFailed, type OcrPageListRow } from '../../store/ocr.repository';
import type { CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { requireDossier } from '../intake/dossiers.service';
import type { OcrQueue } from './ocr-queue';

const LIST_LIMIT = 50;

export function ocrHandlers(deps: CoreDeps, queue: OcrQueue): HandlerMap<ChannelsOf<typeof archiveChannels, 'ocr.'>> {
  const dossierIdOf = async (code: string | undefined) => (code ? (await requireDossier(deps.db, code)).id : undefined);
  return {
    'ocr.status': async ({ dossierCode }) => {
      const dossierId = await dossierIdOf(dossierCode);
      await enqueueNewScans(deps.db, deps.clock.now().toISOString());
      const probe = await queue.engine.probe();
      const pages = await listPages(deps.db, dossierId ? { dossierId, limit: 2000 } : { onlyFailed: true, limit: LIST_LIMIT });
      return {
        engine: { kind: queue.engine.kind, available: probe.available, detail: probe.detail },
        workers: queue.opts.workers,
        counts: await countPages(deps.db, dossierId),
        dossiers: dossierId ? [] : await dossiersInQueue(deps.db, LIST_LIMIT),
        pages: pages.map(pageView),
      };
    },
    'ocr.run': async ({ dossierCode, retryFailed }) => {
      const dossierId = await dossierIdOf(dossierCode);
      const retried = retryFailed ? await requeueFailed(deps.db, deps.clock.now().toISOString(), dossierId ? { dossierId } : {}) : 0;
      const stats = await queue.runUntilIdle(dossierId);
      return { ...stats, retried, counts: await countPages(deps.db, dossierId) };
    },
    'ocr.retry': async ({ dossierCode, scanId, page }) => {
      const dossierId = await dossierIdOf(dossierCode);
      const retried = await requeueFailed(deps.db, deps.clock.now().toISOString(), { ...(dossierId ? { dossierId } : {}), ...(scanId ? { scanId } : {}), ...(page ? { page } : {}) });
      if (retried > 0) {
        deps.events.emit('data.changed', { entity: 'ocr_pages', ...(dossierCode ? { id: dossierCode.trim().toUpperCase() } : {}) });
        queue.kick();
      }
      return { retried };
    },
  };
}

function pageView(r: OcrPageListRow): OcrPageView {
  return {
    dossierCode: r.dossier_code,
    scanId: r.scan_id,
    component: r.component,
    componentName: r.component_name,
    page: Number(r.page),
    status: r.status,
    attempts: Number(r.attempts),
    engine: r.engine,
    reasonCode: r.reason_code,
    reason: r.reason,
    confidence: r.confidence === null ? null : Number(r.confidence),
    chars: Number(r.chars ?? 0),
    finishedAt: r.finished_at,
  };
}
