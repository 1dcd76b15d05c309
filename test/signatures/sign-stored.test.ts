/**
 * `signatures.sign` end to end on a real SoftHSM2 token, on SQLite and PostgreSQL: a result PDF stored
 * on a dossier is signed by the leader's token under one PIN, the signed revision takes the scan's place,
 * and pdfsig / qpdf (not our code) say the stored bytes hold a valid, trusted PAdES signature. Bad input
 * (wrong PIN, expired certificate, no signing key usage, unknown scan, a removed token) leaves every row
 * and file exactly as it was.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/app/create-app';
import { verifyAuditChain } from '../../main/core/audit/audit';
import { scanDesk } from '../support/scan-app';
import { makePki, makeToken, pdfsig, qpdfCheck, type TestPki, type Token } from '../support/softhsm';
import { storeTargets } from '../support/stores';

let pki: TestPki;
let token: Token;

beforeAll(() => {
  pki = makePki();
  token = makeToken();
  token.importLeaf(pki.issue('leader', { commonName: 'Trần Văn Bình' }), '01', 'Trần Văn Bình');
  token.importLeaf(pki.issue('seal', { commonName: 'UBND xã Hướng Phùng', organisation: 'UBND xã Hướng Phùng' }), '02', 'Dấu cơ quan');
  token.importLeaf(pki.issue('expired', { commonName: 'Lê Thị Cũ', startDate: '20240101000000Z', endDate: '20260101000000Z' }), '03', 'Hết hạn');
  token.importLeaf(pki.issue('nosign', { commonName: 'Phạm Mã Hóa', keyUsage: 'critical,keyEncipherment' }), '04', 'Chỉ mã hóa');
  token.importCert(pki.caDer, 'ca', 'CA thử nghiệm');
});
afterAll(() => {
  token?.dispose();
  pki?.dispose();
});

async function resultPdf(): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Giay chung nhan - ket qua', { x: 60, y: 760, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save()).toString('base64');
}

async function state(app: App) {
  const db = app.store.db;
  const n = async (t: 'files' | 'dossier_scans' | 'document_signatures' | 'audit_log' | 'dossier_events') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const active = await db.selectFrom('dossier_scans').select(['id', 'file_id', 'sha256']).where('detached_at', 'is', null).orderBy('component').execute();
  return { files: await n('files'), scans: await n('dossier_scans'), signatures: await n('document_signatures'), audit: await n('audit_log'), events: await n('dossier_events'), active };
}

describe.each(storeTargets())('signatures.sign on $name', (target) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  async function desk() {
    const d = await scanDesk(target);
    cleanup = d.cleanup;
    const c = d.app.client();
    const batch = await c.invoke('scans.import', { dossierCode: d.code, component: 'result', profile: 'sealed', name: 'ket-qua.pdf', dataBase64: await resultPdf() });
    const { scan } = await c.invoke('scans.attach', { batchId: batch.id });
    return { ...d, c, scan };
  }

  it('signs a stored result with the token (officer, then the agency seal): pdfsig valid + trusted for both, qpdf clean, exact rows', async () => {
    const { app, c, code, scan } = await desk();
    await c.invoke('signatures.configure', { token: { library: token.library, slot: 0, keyId: '01' } });
    const before = await state(app);

    const { signed } = await c.invoke('signatures.sign', { scanIds: [scan.id], pin: token.pin, reason: 'Ký kết quả giải quyết' });
    expect(signed).toHaveLength(1);
    expect(signed[0]).toMatchObject({ signer: 'Trần Văn Bình', organisation: 'UBND xã Minh Tân', sourceFileId: scan.fileId, timeSource: 'pc', reason: 'Ký kết quả giải quyết', visible: false });
    const afterOne = await state(app);
    // One signed file, one new scan row (the unsigned one detached, kept), one signature, one event, one audit entry.
    expect(afterOne).toMatchObject({ files: before.files + 1, scans: before.scans + 1, signatures: 1, events: before.events + 1, audit: before.audit + 1 });
    expect(afterOne.active).toEqual([{ id: signed[0]!.scanId, file_id: signed[0]!.fileId, sha256: expect.any(String) }]);
    const old = await app.store.db.selectFrom('dossier_scans').select(['detached_at', 'detach_reason']).where('id', '=', scan.id).executeTakeFirstOrThrow();
    expect(old.detach_reason).toBe('Thay bằng bản đã ký số');

    // The agency's seal certificate counter-signs the signed revision.
    await c.invoke('signatures.configure', { token: { library: token.library, slot: 0, keyId: '02' } });
    const second = await c.invoke('signatures.sign', { scanIds: [signed[0]!.scanId!], pin: token.pin, reason: '' });
    expect(second.signed[0]).toMatchObject({ signer: 'UBND xã Hướng Phùng', organisation: 'UBND xã Hướng Phùng', reason: 'Ký số văn bản' });

    const stored = await app.store.db.selectFrom('files').select(['bytes', 'sha256']).where('id', '=', second.signed[0]!.fileId).executeTakeFirstOrThrow();
    const firstBytes = await app.store.db.selectFrom('files').select('bytes').where('id', '=', signed[0]!.fileId).executeTakeFirstOrThrow();
    // Incremental: the first signed revision is a prefix of the second.
    expect(Buffer.from(stored.bytes).subarray(0, firstBytes.bytes.length).equals(Buffer.from(firstBytes.bytes))).toBe(true);
    const file = join(pki.dir, `signed-${target.name}.pdf`);
    writeFileSync(file, stored.bytes);
    const sig = pdfsig(file, pki.nssDir);
    expect(sig.signatures.map((s) => [s.signer, s.valid, s.trusted, s.subFilter])).toEqual([
      ['Trần Văn Bình', true, true, 'ETSI.CAdES.detached'],
      ['UBND xã Hướng Phùng', true, true, 'ETSI.CAdES.detached'],
    ]);
    expect(sig.signatures.map((s) => s.total)).toEqual([false, true]);
    expect(qpdfCheck(file).status).toBe(0);

    const listed = await c.invoke('signatures.list', { dossierCode: code });
    expect(listed.map((s) => s.signer)).toEqual(['Trần Văn Bình', 'UBND xã Hướng Phùng']);
    const events = await app.store.db.selectFrom('dossier_events').select(['kind', 'note']).where('kind', '=', 'signature.added').execute();
    expect(events.map((e) => e.note).sort()).toEqual(['Ký số kết quả giải quyết (Trần Văn Bình)', 'Ký số kết quả giải quyết (UBND xã Hướng Phùng)']);
    expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });
  });

  it('a wrong PIN, an expired certificate, one without the signing key usage, an unknown scan: a clear code, nothing changed', async () => {
    const { app, c, scan } = await desk();
    await expect(c.invoke('signatures.sign', { scanIds: [scan.id], pin: token.pin })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('Chưa chọn thiết bị ký số') });
    await c.invoke('signatures.configure', { token: { library: token.library, slot: 0, keyId: '01' } });
    const before = await state(app);

    await expect(c.invoke('signatures.sign', { scanIds: [scan.id], pin: '000000' })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('Mã PIN của thiết bị ký số không đúng') });
    await expect(c.invoke('signatures.sign', { scanIds: ['khong-co'], pin: token.pin })).rejects.toMatchObject({ code: 'not_found' });
    await c.invoke('signatures.configure', { token: { library: token.library, slot: 0, keyId: '03' } });
    await expect(c.invoke('signatures.sign', { scanIds: [scan.id], pin: token.pin })).rejects.toMatchObject({ code: 'invalid_input', message: 'Chứng thư số đã hết hạn (hiệu lực đến 01/01/2026), không thể ký.' });
    await c.invoke('signatures.configure', { token: { library: token.library, slot: 0, keyId: '04' } });
    await expect(c.invoke('signatures.sign', { scanIds: [scan.id], pin: token.pin })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('không có mục đích sử dụng "ký số"') });
    await c.invoke('signatures.configure', { token: { library: token.library, slot: 7 } });
    await expect(c.invoke('signatures.sign', { scanIds: [scan.id], pin: token.pin })).rejects.toMatchObject({ code: 'device_unavailable', message: expect.stringContaining('khe số 7') });

    const after = await state(app);
    // Only the three configure calls were audited; no file, scan row, signature or event was written.
    expect(after).toEqual({ ...before, audit: before.audit + 3 });
    // The one wrong PIN was tried once: the token still signs with the right PIN.
    await c.invoke('signatures.configure', { token: { library: token.library, slot: 0, keyId: '01' } });
    expect((await c.invoke('signatures.sign', { scanIds: [scan.id], pin: token.pin })).signed).toHaveLength(1);
  });
});
