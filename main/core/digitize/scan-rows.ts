/**
 * Helpers of the digitize service that need no service state: a component's name, assembling a
 * pending batch into ONE PDF, and the row ↔ contract views of a stored scan.
 */
import sharp from 'sharp';
import type { Kysely } from 'kysely';
import type { ComponentRef, DossierScan, ScanProfileKind, ScanSettings } from '../../../shared/contract/scans.schema';
import type { ComponentKind } from './profiles';
import { AppError } from '../../../shared/errors';
import { listComponents, type DossierRow } from '../../store/dossiers.repository';
import type { DossierScanRow } from '../../store/scans.repository';
import type { Database } from '../../store/schema';
import type { PendingBatch, PendingScans } from './pending';
import { PdfAssembler, type DigitizedPdf } from './pipeline';
import { scanVi } from './scan-messages';

/** The profile keys of the contract and of profiles.ts are the same list. */
const sameProfiles: [ScanProfileKind] extends [ComponentKind] ? ([ComponentKind] extends [ScanProfileKind] ? true : false) : false = true;
void sameProfiles;

export async function componentNameOf(db: Kysely<Database>, dossier: DossierRow, component: ComponentRef): Promise<string> {
  if (component === 'result') return scanVi.resultName;
  const components = await listComponents(db, dossier.id);
  const c = components.find((x) => x.position === component);
  if (!c) {
    const message = scanVi.noComponent(component, components.length);
    throw new AppError('invalid_input', message, { issues: [{ path: 'component', message }] });
  }
  return c.name;
}

/** Pending pages → one PDF, in the clerk's order with the clerk's rotations; blank pages the clerk kept stay. */
export async function assemble(batch: PendingBatch, pending: PendingScans): Promise<DigitizedPdf> {
  const asm = new PdfAssembler({
    dpi: batch.dpi,
    mode: batch.mode,
    jpegQuality: batch.jpegQuality,
    colourRecommended: batch.colourRecommended,
    title: batch.componentName,
    // The clerk already decided about blank pages in the batch view.
    blankInkRatio: 0,
  });
  try {
    for (const p of batch.pages) {
      let bytes = await pending.readPage(p);
      if (p.kind === 'pdf') {
        await asm.addPdf(bytes, p.name);
        continue;
      }
      let page = p.page;
      if (p.rotation !== 0) {
        // Orientation from EXIF first (as the thumbnail showed it), then the clerk's turn; density is carried by `dpi`.
        bytes = await sharp(bytes, { page: p.page ?? 0, pages: 1, limitInputPixels: 40_000_000 }).autoOrient().rotate(p.rotation).png({ compressionLevel: 1 }).toBuffer();
        page = undefined;
      }
      await asm.addImage({ image: bytes, name: p.name, ...(p.dpi ? { dpi: p.dpi } : {}), ...(page !== undefined ? { page } : {}) });
    }
    return await asm.finish();
  } catch (e) {
    // A bad page: the half-written temp file goes now, not whenever the assembler is collected.
    asm.abort();
    throw e;
  }
}

export function scanAuditView(r: DossierScanRow) {
  return { component: r.component, file_id: r.file_id, page_count: r.page_count, sha256: r.sha256, digitized: r.digitized, reused: r.reused, from_national_store: r.from_national_store };
}

export function toScan(r: DossierScanRow, dossierCode: string, fileName: string): DossierScan {
  return {
    id: r.id,
    dossierCode,
    component: r.component === 'result' ? 'result' : Number(r.component),
    componentName: r.component_name,
    fileId: r.file_id,
    fileName,
    pageCount: Number(r.page_count),
    dpi: r.dpi === null ? null : Number(r.dpi),
    mode: r.mode as DossierScan['mode'],
    sha256: r.sha256,
    bytes: Number(r.bytes),
    digitized: Number(r.digitized) === 1,
    reused: Number(r.reused) === 1,
    fromNationalStore: Number(r.from_national_store) === 1,
    source: r.source as DossierScan['source'],
    warnings: JSON.parse(r.warnings_json) as string[],
    createdBy: r.created_by,
    createdAt: r.created_at,
    detachedAt: r.detached_at,
    detachedBy: r.detached_by,
    detachReason: r.detach_reason,
  };
}

/** The scanner driver of a fresh install: WIA on Windows, SANE elsewhere. */
export function defaultBackend(): ScanSettings['backend'] {
  return process.platform === 'win32' ? 'wia' : 'sane';
}
