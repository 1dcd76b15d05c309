/**
 * Make a scan's stored PDF searchable once OCR has read all its pages (issue 18): the text layer is added
 * as an incremental update (text-layer.ts), stored as a new file, and the scan points at it; the
 * picture-only original stays in the files table as `image_file_id` (OCR retries read it). Runs on the
 * OCR queue's worker, after the last page of a scan is finished, and never touches a signed file (a
 * change after a signature would be flagged by every verifier) or a detached scan.
 */
import { appendAudit } from '../audit/audit';
import type { CoreDeps } from '../context';
import { readFileBytes, storeFile } from '../files/files.service';
import { dossierCodeOf, findTextLayerScan, swapInSearchableFile, textLayerPages } from '../../store/text-layer.repository';
import { addTextLayer, hasTextLayer, type LayerWord, type PageWords } from './text-layer';

export type TextLayerOutcome = 'added' | 'pending' | 'no_text' | 'skipped' | 'lost_race';

/** Word boxes as the queue stores them: [x, y, w, h, text, line]. */
function parseWords(json: string | null): LayerWord[] {
  if (!json) return [];
  const raw = JSON.parse(json) as Array<[number, number, number, number, string, number]>;
  return raw.map(([x, y, w, h, text, line]) => ({ x, y, w, h, text, line }));
}

export async function addTextLayerToScan(deps: CoreDeps, scanId: string, actor = 'system:ocr'): Promise<TextLayerOutcome> {
  const scan = await findTextLayerScan(deps.db, scanId);
  if (!scan || scan.detached_at || scan.image_file_id || scan.signed) return 'skipped';
  const pages = await textLayerPages(deps.db, scanId);
  if (pages.some((p) => p.status === 'queued' || p.status === 'running')) return 'pending';
  const layers: PageWords[] = pages
    .filter((p) => p.status === 'done' && p.image_width && p.image_height)
    .map((p) => ({ page: p.page, imageWidth: p.image_width!, imageHeight: p.image_height!, words: parseWords(p.words_json) }));
  if (layers.every((l) => l.words.length === 0)) return 'no_text';
  const file = await readFileBytes(deps.db, scan.file_id);
  if (!file || file.meta.mime !== 'application/pdf' || hasTextLayer(file.bytes)) return 'skipped';
  const bytes = Buffer.from(await addTextLayer(file.bytes, layers));
  const at = deps.clock.now().toISOString();
  const swapped = await deps.db.transaction().execute(async (trx) => {
    const stored = await storeFile(trx, { kind: file.meta.kind === 'result' ? 'result' : 'scan', mime: 'application/pdf', name: file.meta.name, bytes, createdBy: actor, at });
    if (!(await swapInSearchableFile(trx, scanId, scan.file_id, stored))) return false;
    await appendAudit(trx, deps, {
      actor,
      action: 'archive.textLayer',
      entity: 'dossier_scan',
      entityId: scanId,
      before: { fileId: scan.file_id, sha256: file.meta.sha256, bytes: file.meta.size },
      after: { fileId: stored.id, sha256: stored.sha256, bytes: stored.size, pages: layers.length },
    });
    return true;
  });
  if (!swapped) return 'lost_race';
  const code = await dossierCodeOf(deps.db, scan.dossier_id);
  deps.events.emit('data.changed', { entity: 'dossier_scan', ...(code ? { id: code } : {}) });
  return 'added';
}
