/**
 * The receipt of a REAL stored dossier read back with poppler and zbar: what the citizen takes home
 * must carry the exact Vietnamese strings, the appointment in words, and a QR the portal can read.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../main/adapters/printer/fake';
import { createApp, type App } from '../../main/app/create-app';
import { decodeSymbols, missingTools, pdfInfo, pdfText, saveArtifacts, squash } from '../support/pdf-tools';
import { readFileBytes } from '../../main/core/files/files.service';
import { fixedClock } from '../../main/core/ports/clock';
import { SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();

describe.skipIf(missingTools.length > 0)('printed receipt read back (pdftotext, zbarimg)', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  let code = '';
  let receipt: Buffer;

  beforeAll(async () => {
    const target = storeTargets()[0]!;
    const fresh = target.fresh();
    // Worked example 1: Friday 13/02/2026 10:00, 3 working days across the Tết break → Wednesday 25/02/2026.
    app = await createApp({ dataDir: fresh.dataDir, store: fresh.config, clock: fixedClock(vn('2026-02-13T10:00')), printer: new FakePrinter() });
    cleanup = async () => {
      await app.close();
      await fresh.cleanup();
    };
    const c = app.client();
    await c.invoke('unit.save', SAMPLE_UNIT);
    const d = await c.invoke('dossiers.create', {
      requestId: randomUUID(),
      procedureCode: '1.001731',
      applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp, xã Hướng Phùng' },
      components: [0, 1, 2].map((position) => ({ position, received: true })),
    });
    code = d.code;
    const doc = await c.invoke('documents.print', { target: { kind: 'dossier', code, form: '01' } });
    receipt = (await readFileBytes(app.store.db, doc.fileId))!.bytes;
    saveArtifacts('printed-receipt-stored-dossier', receipt);
  });
  afterAll(async () => cleanup?.());

  it('is two A4 pages, one per copy (Liên 1: Lưu, Liên 2: Giao người nộp hồ sơ)', () => {
    const info = pdfInfo(receipt);
    expect(info.pages).toBe(2);
    expect(Math.round(info.width)).toBe(595);
    expect(squash(pdfText(receipt, 1))).toContain('Liên 1: Lưu');
    expect(squash(pdfText(receipt, 2))).toContain('Liên 2: Giao người nộp hồ sơ');
  });

  it('carries the exact Vietnamese strings of the stored dossier and unit, with diacritics', () => {
    const text = squash(pdfText(receipt, 1));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Nguyễn Thị Hường');
    expect(text).toContain('UBND XÃ HƯỚNG PHÙNG');
    expect(text).toContain('Bộ phận tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công xã');
    expect(text).toContain('Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội');
    expect(text).toContain(code);
    expect(text).toContain('Hướng Phùng, ngày 13 tháng 02 năm 2026');
    expect(text).toContain('Hồ Thị Lan');
  });

  it('writes the receipt and appointment times in words (due Wednesday 25/02/2026 after Tết)', () => {
    const text = squash(pdfText(receipt, 1)).replace(/\s+/g, ' ');
    expect(text).toContain('10 giờ 00 phút, ngày 13 tháng 02 năm 2026');
    expect(text).toContain('10 giờ 00 phút, ngày 25 tháng 02 năm 2026');
  });

  it('has a QR code holding the Circular 01/2023 fields (dossier code, procedure code, applicant ID, paper name) and a Code 128 of the code', () => {
    const symbols = decodeSymbols(receipt, 1, 200);
    const qr = symbols.find((s) => s.includes('|'));
    expect(qr?.split('|')).toEqual([code, '1.001731', '045301001234', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả']);
    expect(symbols).toContain(code);
  });

  it('prints Mẫu 02 from a desk notice, Mẫu 06 from hand-over events and the book from stored data', async () => {
    const c = app.client();
    const read = async (fileId: string) => (await readFileBytes(app.store.db, fileId))!.bytes;
    const applicant = { fullName: 'Trần Văn Đức', idNumber: '045201009876', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Xa Rưng, xã Hướng Phùng' };
    const n = await c.invoke('intake.notice', { kind: 'supplement', procedureCode: '1.001731', applicant, missing: ['Giấy báo tử hoặc trích lục khai tử'], reason: 'Chưa có giấy báo tử của người đã mất' });
    const f02 = await read((await c.invoke('documents.save', { target: { kind: 'notice', id: n.id } })).fileId);
    saveArtifacts('printed-mau-02-notice', f02);
    const t02 = squash(pdfText(f02)).replace(/\s+/g, ' ');
    expect(t02).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(t02).toContain('Trần Văn Đức');
    expect(t02).toContain('Giấy báo tử hoặc trích lục khai tử');
    expect(t02).toContain('Chưa có giấy báo tử của người đã mất');

    const d = await c.invoke('dossiers.get', { code });
    await app.store.db
      .insertInto('dossier_events')
      .values({
        id: randomUUID(),
        dossier_id: d.id,
        kind: 'handover',
        from_status: 'received',
        to_status: 'in_progress',
        actor: 'Hồ Thị Lan',
        at: vn('2026-02-13T14:00'),
        at_local: '2026-02-13T14:00',
        note: 'Chuyển công chức Lao động - Thương binh và Xã hội',
        data_json: JSON.stringify({ agency: 'Công chức Lao động - Thương binh và Xã hội', givenAt: '2026-02-13T14:00', receivedAt: '2026-02-13T14:10', giver: 'Hồ Thị Lan', receiver: 'Lê Văn Hải', result: 'Đúng hạn' }),
      })
      .execute();
    const f06 = await read((await c.invoke('documents.save', { target: { kind: 'dossier', code, form: '06' } })).fileId);
    saveArtifacts('printed-mau-06-handover', f06);
    const t06 = squash(pdfText(f06)).replace(/\s+/g, ' ');
    expect(t06).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(t06).toMatch(/Giao: 14 giờ 00 phút, (\S+ ){0,12}ngày 13 tháng 02 năm 2026/);
    expect(t06).toMatch(/Nhận: 14 giờ 10 phút, (\S+ ){0,12}ngày 13 tháng 02 năm 2026/);
    expect(t06).toContain('Nguyễn Thị Hường');
    expect(t06).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Lao động - Thương binh và Xã hội');
    expect(t06).toContain('Đúng hạn');

    const f07 = await read((await c.invoke('documents.save', { target: { kind: 'book', from: '2026-02-13', to: '2026-02-13' } })).fileId);
    saveArtifacts('printed-mau-07-book', f07);
    const t07 = squash(pdfText(f07)).replace(/\s+/g, ' ');
    expect(t07).toContain(code);
    // Narrow book columns wrap the name: "Nguyễn Thị" / "Hường".
    expect(t07).toContain('Nguyễn Thị');
    expect(t07).toContain('Hường');
    expect(t07).toContain('13/02/2026 25/02/2026 13/02/2026');
    expect(t07).toContain('Công chức');
  });

  it('keeps every Vietnamese letter extractable in later documents of the same process (fonts are parsed once and shared)', async () => {
    const c = app.client();
    // Composite letters (ơ, ư, Ế, ộ) once went missing from the ToUnicode map of a second document when glyphs were shared.
    for (let i = 0; i < 3; i++) {
      const doc = await c.invoke('documents.save', { target: { kind: 'dossier', code, form: '01' }, paper: i % 2 ? 'A5' : 'A4' });
      const text = squash(pdfText((await readFileBytes(app.store.db, doc.fileId))!.bytes, 1));
      for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Nguyễn Thị Hường', 'Hướng Phùng', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Thôn Cợp']) expect(text).toContain(s);
    }
  });
});
