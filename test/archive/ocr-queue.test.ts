import { afterEach, describe, expect, it } from 'vitest';
import { tesseractCliEngine } from '../../main/adapters/ocr/tesseract-cli';
import { claimNextPage } from '../../main/store/ocr.repository';
import { attachPages, blankPage, cer, ocrDesk, textPage } from '../support/ocr-pages';
import { storeTargets } from '../support/stores';

const PAGE_A = ['GIẤY KHAI SINH', 'Họ và tên: Nguyễn Văn Đức', 'Nơi sinh: xã Hướng Phùng, tỉnh Quảng Trị'];
const PAGE_B = ['Họ và tên cha: Đặng Quốc Bảo', 'Quê quán: thôn Cợp, huyện Hướng Hóa'];
const PAGE_C = ['Giấy chứng nhận kết hôn', 'Bên chồng: Hồ Văn Lực, dân tộc Vân Kiều'];

async function ocrRows(app: { store: { db: any } }) {
  return (await app.store.db
    .selectFrom('ocr_pages as o')
    .innerJoin('dossier_scans as s', 's.id', 'o.scan_id')
    .selectAll('o')
    .orderBy('s.component')
    .orderBy('o.page')
    .execute()) as Array<Record<string, any>>;
}

for (const target of storeTargets()) {
  describe(`OCR queue on ${target.name}`, { timeout: 120_000 }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('queues every stored page and reads Vietnamese text from JPEG and G4 pages, upright, turned 90° and skewed; a blank page has no text', async () => {
      const desk = await ocrDesk(target);
      cleanups.push(() => desk.cleanup());
      const { app, code } = desk;
      const jpeg = await attachPages(app, code, 0, [await textPage(PAGE_A), await textPage(PAGE_B, { rotate: 90 })], 'plain_text');
      const g4 = await attachPages(app, code, 1, [await textPage(PAGE_C, { skew: 3 }), await blankPage()], 'text_bw');
      expect([jpeg.pageCount, g4.pageCount]).toEqual([2, 2]);

      const before = await app.client().invoke('ocr.status', {});
      expect(before.engine).toMatchObject({ kind: 'tesseract-cli', available: true });
      expect(before.counts).toEqual({ queued: 4, running: 0, done: 0, empty: 0, failed: 0, total: 4 });
      expect(before.dossiers).toEqual([{ dossierCode: code, counts: before.counts }]);

      const run = await app.client().invoke('ocr.run', { dossierCode: code });
      expect(run).toEqual({ processed: 4, done: 3, empty: 1, failed: 0, retried: 0, counts: { queued: 0, running: 0, done: 3, empty: 1, failed: 0, total: 4 } });

      const rows = await ocrRows(app);
      expect(rows.map((r) => [r.scan_id === jpeg.id ? 'jpeg' : 'g4', Number(r.page), r.status])).toEqual([
        ['jpeg', 1, 'done'],
        ['jpeg', 2, 'done'],
        ['g4', 1, 'done'],
        ['g4', 2, 'empty'],
      ]);
      const errors = [cer(PAGE_A.join(' '), rows[0]!.text), cer(PAGE_B.join(' '), rows[1]!.text), cer(PAGE_C.join(' '), rows[2]!.text)];
      console.log('OCR CER', target.name, errors.map((e) => (e * 100).toFixed(2) + '%').join(' '));
      for (const e of errors) expect(e).toBeLessThan(0.03);
      expect(rows[0]!.text).toContain('Nguyễn Văn Đức');
      expect(rows[3]).toMatchObject({ reason_code: 'no_text', text: '' });
      expect(rows[3]!.reason).toContain('Không tìm thấy chữ');
      // Word boxes for the text layer are kept, inside the image.
      const words = JSON.parse(rows[0]!.words_json) as Array<[number, number, number, number, string]>;
      expect(words.map((w) => w[4])).toContain('Đức');
      for (const [x, y, w, h] of words) expect(x >= 0 && y >= 0 && x + w <= Number(rows[0]!.image_width) && y + h <= Number(rows[0]!.image_height)).toBe(true);

      // What tesseract read is found without diacritics (đ = d), on its page — also on the 90°-turned page.
      const found = await app.client().invoke('archive.searchText', { query: 'dang quoc bao' });
      expect(found.hits.map((h) => [h.component, h.page])).toEqual([['0', 2]]);
      expect(found.hits[0]!.snippet).toContain('«Đặng» «Quốc» «Bảo»');

      // Nothing left: a second run does nothing, and attaching again is not queued twice.
      expect((await app.client().invoke('ocr.run', {})).processed).toBe(0);
      expect((await app.client().invoke('ocr.status', { dossierCode: code })).pages.map((p) => [p.component, p.page, p.status])).toEqual([
        ['0', 1, 'done'],
        ['0', 2, 'done'],
        ['1', 1, 'done'],
        ['1', 2, 'empty'],
      ]);
    });

    it('a corrupt stored file and a missing engine fail with their reason, the dossier is unaffected, and a retry after a restart reads the page', async () => {
      const desk = await ocrDesk(target, { ocrEngine: tesseractCliEngine({ command: '/nonexistent/tesseract' }) });
      cleanups.push(() => desk.cleanup());
      const { code } = desk;
      let app = desk.app;
      const good = await attachPages(app, code, 0, [await textPage(PAGE_A)]);
      const broken = await attachPages(app, code, 1, [await textPage(PAGE_B)]);
      const saved = await app.store.db.selectFrom('files').select('bytes').where('id', '=', broken.fileId).executeTakeFirstOrThrow();
      await app.store.db.updateTable('files').set({ bytes: Buffer.from('%PDF-1.7\nthis is not a pdf any more') }).where('id', '=', broken.fileId).execute();

      const run = await app.client().invoke('ocr.run', {});
      expect(run).toMatchObject({ processed: 2, done: 0, failed: 2, counts: { failed: 2, total: 2 } });
      const status = await app.client().invoke('ocr.status', {});
      expect(status.engine.available).toBe(false);
      expect(status.pages.map((p) => [p.component, p.reasonCode])).toEqual([
        ['0', 'engine_missing'],
        ['1', 'unreadable_page'],
      ]);
      expect(status.pages[0]!.reason).toContain('chưa có bộ nhận dạng chữ');
      expect(status.pages[1]!.reason).toContain('bị hỏng');
      expect(status.dossiers[0]).toMatchObject({ dossierCode: code, counts: { failed: 2 } });
      // The dossier is untouched and still opens.
      expect((await app.client().invoke('dossiers.get', { code })).code).toBe(code);

      // Restart with the engine installed; the rows are still there; retry one dossier.
      app = await desk.reopen();
      expect((await app.client().invoke('ocr.status', {})).counts).toMatchObject({ failed: 2, total: 2 });
      await app.store.db.updateTable('files').set({ bytes: saved.bytes }).where('id', '=', broken.fileId).execute();
      const again = await app.client().invoke('ocr.run', { dossierCode: code, retryFailed: true });
      expect(again).toMatchObject({ retried: 2, processed: 2, done: 2, failed: 0 });
      const rows = await ocrRows(app);
      expect(rows.map((r) => [r.scan_id === good.id ? 'good' : 'broken', r.status, Number(r.attempts)])).toEqual([
        ['good', 'done', 2],
        ['broken', 'done', 2],
      ]);
    });

    it('a page claimed by a desk that died is taken back when its lease ends, and two workers never take the same page', async () => {
      const desk = await ocrDesk(target);
      cleanups.push(() => desk.cleanup());
      const { app, code } = desk;
      await attachPages(app, code, 0, [await textPage(PAGE_C)]);
      await app.client().invoke('ocr.status', {}); // queues the page
      const db = app.store.db;
      const t0 = '2026-03-17T02:00:00.000Z';
      const [a, b] = await Promise.all([claimNextPage(db, 'dead-desk', t0, '2026-03-17T02:10:00.000Z'), claimNextPage(db, 'other', t0, '2026-03-17T02:10:00.000Z')]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      // Lease still running: nothing to claim.
      expect(await claimNextPage(db, 'x', '2026-03-17T02:05:00.000Z', '2026-03-17T02:15:00.000Z')).toBeNull();
      // After the lease: this desk's queue reads it.
      desk.clock.set('2026-03-17T02:11:00.000Z');
      const run = await app.client().invoke('ocr.run', {});
      expect(run).toMatchObject({ processed: 1, done: 1 });
    });
  });
}
