/**
 * Signing PDFs stored at the desk (a result handed back, an electronic copy made at intake): one token
 * session under one PIN for the whole batch; each document is signed as a new PDF revision and committed
 * on its own (signed file, the scan row swapped, the signature record, a timeline event, an audit entry),
 * so a token pulled out halfway leaves the documents already signed signed and the rest unchanged.
 */
import { randomUUID } from 'node:crypto';
import type { SignatureRecord } from '../../../shared/contract/signatures.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { readFileBytes } from '../../store/files.repository';
import { detachScan, findScanById, insertDossierScan, recountDigitization, type DossierScanRow } from '../../store/scans.repository';
import { insertSignature } from '../../store/signatures.repository';
import type { DocumentSignaturesTable } from '../../store/schema-signatures';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { storeFile } from '../files/files.service';
import type { SigningKey, SigningKeys, TokenChoice } from '../ports/signer';
import { assertCanSign, certificateInfo, type CertificateInfo } from './certificate';
import { signPdf } from './pdf-sign';

const S = vi.signatures;

export function toRecord(r: DocumentSignaturesTable): SignatureRecord {
  return {
    id: r.id,
    scanId: r.scan_id,
    sourceFileId: r.source_file_id,
    fileId: r.file_id,
    signer: r.signer,
    organisation: r.organisation,
    certificateSerial: r.certificate_serial,
    certificateSha256: r.certificate_sha256,
    signedAt: r.signed_at,
    timeSource: r.time_source === 'tsa' ? 'tsa' : 'pc',
    reason: r.reason,
    visible: r.visible === 1,
    signedBy: r.signed_by,
  };
}

interface Loaded {
  scan: DossierScanRow;
  bytes: Buffer;
  name: string;
  kind: 'scan' | 'result';
}

/** Everything that can be refused before the PIN is typed into the token: missing, detached, not a PDF. */
async function loadScans(deps: CoreDeps, ids: readonly string[]): Promise<Loaded[]> {
  const out: Loaded[] = [];
  for (const id of new Set(ids)) {
    const scan = await findScanById(deps.db, id);
    if (!scan) throw new AppError('not_found', S.errors.scanNotFound, { details: { reason: 'scan_not_found', scanId: id } });
    if (scan.detached_at) throw new AppError('conflict', S.errors.scanDetached, { details: { reason: 'scan_detached', scanId: id } });
    const file = await readFileBytes(deps.db, scan.file_id);
    if (!file || file.meta.mime !== 'application/pdf') throw new AppError('invalid_input', S.errors.pdfBroken, { details: { reason: 'not_pdf', scanId: id } });
    out.push({ scan, bytes: file.bytes, name: file.meta.name, kind: file.meta.kind === 'result' ? 'result' : 'scan' });
  }
  return out;
}

async function commitSigned(deps: CoreDeps, ctx: CallContext, doc: Loaded, signed: Uint8Array, cert: CertificateInfo, at: Date, reason: string): Promise<SignatureRecord> {
  const iso = at.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    // Another desk may have replaced or signed this scan while the token worked: first to commit wins.
    if (!(await detachScan(trx, doc.scan.id, iso, ctx.actor, S.detachReason)))
      throw new AppError('conflict', S.errors.scanDetached, { details: { reason: 'scan_detached', scanId: doc.scan.id } });
    const file = await storeFile(trx, { kind: doc.kind, mime: 'application/pdf', name: doc.name, bytes: Buffer.from(signed), createdBy: ctx.actor, at: iso });
    const scan: DossierScanRow = { ...doc.scan, id: randomUUID(), file_id: file.id, sha256: file.sha256, bytes: file.size, created_by: ctx.actor, created_at: iso };
    await insertDossierScan(trx, scan);
    await recountDigitization(trx, scan.dossier_id, iso);
    const row: DocumentSignaturesTable = {
      id: randomUUID(),
      dossier_id: scan.dossier_id,
      scan_id: scan.id,
      source_file_id: doc.scan.file_id,
      file_id: file.id,
      signer: cert.commonName,
      organisation: cert.organisation,
      certificate_serial: cert.serial,
      certificate_sha256: cert.sha256,
      signed_at: iso,
      time_source: 'pc',
      reason,
      visible: 0,
      signed_by: ctx.actor,
    };
    await insertSignature(trx, row);
    await trx
      .insertInto('dossier_events')
      .values({
        id: randomUUID(), dossier_id: scan.dossier_id, kind: 'signature.added', from_status: null, to_status: null, actor: ctx.actor, at: iso,
        at_local: utcToVietnamLocal(iso), note: S.timelineNote(doc.scan.component_name, cert.commonName),
        data_json: JSON.stringify({ signatureId: row.id, scanId: scan.id, fileId: file.id, certificate: cert.sha256, signer: cert.commonName }),
      })
      .execute();
    await appendAudit(trx, deps, {
      actor: ctx.actor, action: 'signatures.sign', entity: 'document_signature', entityId: row.id, before: { scanId: doc.scan.id, fileId: doc.scan.file_id, sha256: doc.scan.sha256 },
      after: { scanId: scan.id, fileId: file.id, sha256: file.sha256, signer: cert.commonName, organisation: cert.organisation, certificate: cert.sha256, serial: cert.serial },
      rows: [
        { table: 'dossier_scans', id: doc.scan.id },
        { table: 'dossier_scans', id: scan.id },
      ],
    });
    return toRecord(row);
  });
}

/** Sign every scan with one key; the key's certificate is checked once, before anything is signed. */
export async function signStoredWith(deps: CoreDeps, ctx: CallContext, key: SigningKey, scanIds: readonly string[], reason: string): Promise<SignatureRecord[]> {
  const docs = await loadScans(deps, scanIds);
  const cert = certificateInfo(key.certificate);
  assertCanSign(cert, deps.clock.now());
  const out: SignatureRecord[] = [];
  for (const doc of docs) {
    const at = deps.clock.now();
    const signed = await signPdf(doc.bytes, key, { signingTime: at, signerName: cert.commonName, reason: reason || S.defaultReason, timeSource: 'pc' });
    out.push(await commitSigned(deps, ctx, doc, signed, cert, at, reason || S.defaultReason));
    deps.events.emit('data.changed', { entity: 'dossier_scan', id: doc.scan.dossier_id });
  }
  return out;
}

/** The use case behind `signatures.sign`: open the configured token with the PIN, sign, always log out. */
export async function signStored(deps: CoreDeps, keys: SigningKeys, ctx: CallContext, token: TokenChoice | null, scanIds: readonly string[], pin: string, reason: string): Promise<SignatureRecord[]> {
  if (!token) throw new AppError('not_found', S.errors.noToken, { details: { reason: 'no_token' } });
  // Refuse bad ids before the PIN reaches the token (a typo must not cost a PIN try).
  await loadScans(deps, scanIds);
  const session = await keys.openToken(token, pin);
  try {
    return await signStoredWith(deps, ctx, session, scanIds, reason);
  } finally {
    await session.close().catch((e: unknown) => deps.logger.warn('token logout failed', { message: (e as Error)?.message }));
  }
}
