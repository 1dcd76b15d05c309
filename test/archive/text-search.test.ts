import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../main/app/create-app';
import { claimNextPage, enqueueNewScans, finishPage } from '../../main/store/ocr.repository';
import { syncTextIndex } from '../../main/store/ocr-search.repository';
import { attachPages, blankPage, newDossier, ocrDesk } from '../support/ocr-pages';
import { storeTargets } from '../support/stores';

/** Give every queued page the text `textOf(code, component)` through the queue's own writes (OCR itself is tested in ocr-queue.test.ts). */
async function readAs(app: App, textOf: (code: string, component: string, page: number) => string): Promise<void> {
  const db = app.store.db;
  await enqueueNewScans(db, '2026-03-17T02:00:00.000Z');
  for (;;) {
    const p = await claimNextPage(db, 'test', '2026-03-17T02:00:00.000Z', '2026-03-17T03:00:00.000Z');
    if (!p) return;
    const s = await db.selectFrom('dossier_scans as s').innerJoin('dossiers as d', 'd.id', 's.dossier_id').select(['d.code', 's.component']).where('s.id', '=', p.scan_id).executeTakeFirstOrThrow();
    const text = textOf(s.code, s.component, p.page);
    await finishPage(db, app.store.kind, p.id, 'test', '2026-03-17T02:00:01.000Z', { status: text ? 'done' : 'empty', engine: 'test', reasonCode: null, reason: null, text, wordsJson: '[]', confidence: 90, width: 1, height: 1, ms: 1 });
  }
}

for (const target of storeTargets()) {
  describe(`full-text search of OCR text on ${target.name}`, { timeout: 120_000 }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('finds words with or without diacritics, đ included, ranked and paged, with the page and a highlighted snippet; detached scans drop out', async () => {
      const desk = await ocrDesk(target);
      cleanups.push(() => desk.cleanup());
      const app = desk.app;
      const a = desk.code;
      const b = await newDossier(app, 'Đặng Thị Lan', '045301009876');
      const page = await blankPage();
      await attachPages(app, a, 0, [page, page]);
      await attachPages(app, a, 1, [page]);
      const bScan = await attachPages(app, b, 0, [page]);
      const texts: Record<string, string> = {
        [`${a}/0/1`]: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nGIẤY KHAI SINH\nHọ, chữ đệm, tên: NGUYỄN VĂN ĐỨC\nNơi sinh: Trạm y tế xã Hướng Phùng',
        [`${a}/0/2`]: 'Người đi khai sinh: Nguyễn Văn Bảo, cha. Quan hệ với người được khai sinh: cha đẻ.',
        [`${a}/1/1`]: 'Sổ hộ khẩu. Chủ hộ Nguyễn Văn Bảo. Đức Đức Đức là con trai.',
        [`${b}/0/1`]: 'Giấy chứng nhận quyền sử dụng đất cấp cho bà Đặng Thị Lan, thửa đất số 12 tờ bản đồ 3.',
      };
      await readAs(app, (code, comp, p) => texts[`${code}/${comp}/${p}`] ?? '');
      const c = app.client();
      const search = (query: string, more: { limit?: number; offset?: number } = {}) => c.invoke('archive.searchText', { query, ...more });

      // "duc" finds "ĐỨC" (FTS5's remove_diacritics alone would not); the page repeating it ranks first.
      const duc = await search('duc');
      expect(duc.total).toBe(2);
      expect(duc.hits.map((h) => [h.code, h.component, h.page])).toEqual([
        [a, '1', 1],
        [a, '0', 1],
      ]);
      expect(duc.hits[0]!.score).toBeGreaterThan(duc.hits[1]!.score);
      expect(duc.hits[1]!.snippet).toContain('NGUYỄN VĂN «ĐỨC»');
      // The same with marks, with đ typed as d, and in capitals.
      for (const q of ['Đức', 'đuc', 'DUC', 'đức']) expect((await search(q)).hits.map((h) => h.page + h.component)).toEqual(duc.hits.map((h) => h.page + h.component));

      // Several words: all must be on the page; the last is a prefix (typing "nguyen van ba").
      const bao = await search('nguyen van ba');
      expect(bao.hits.map((h) => [h.component, h.page]).sort()).toEqual([
        ['0', 2],
        ['1', 1],
      ]);
      expect(bao.hits.find((h) => h.page === 2)!.snippet).toContain('«Nguyễn» «Văn» «Bảo»');
      expect((await search('dat dang thi lan')).hits).toMatchObject([{ code: b, component: '0', page: 1 }]);
      expect((await search('nguyen van xyz')).total).toBe(0);

      // Paging: 3 pages say "khai sinh" or "sinh…"; limit 2 then offset 2, no overlap, same total.
      const p1 = await search('sinh', { limit: 2 });
      const p2 = await search('sinh', { limit: 2, offset: 2 });
      expect([p1.total, p1.hits.length, p2.hits.length]).toEqual([2, 2, 0]);

      // Query syntax is words only: quotes, operators and SQL do nothing but search words.
      for (const q of ['"duc', 'duc OR 1=1', "duc'; drop table ocr_pages; --", 'NEAR(duc)', '*', 'duc:*', 'duc & dat']) {
        const r = await search(q);
        expect(r.total).toBeLessThanOrEqual(2);
      }
      expect((await search('***')).total).toBe(0);

      // A detached scan's pages are no longer found.
      await c.invoke('scans.detach', { scanId: bScan.id, reason: 'Quét nhầm hồ sơ' });
      expect((await search('dang thi lan')).total).toBe(0);
    });

    it('filters by the dossier: field, procedure, status and the day received (Vietnam time)', async () => {
      const desk = await ocrDesk(target);
      cleanups.push(() => desk.cleanup());
      const app = desk.app;
      await attachPages(app, desk.code, 0, [await blankPage()]);
      await readAs(app, () => 'Trích lục khai sinh của cháu Lò Văn Đông');
      const d = await app.store.db.selectFrom('dossiers').select(['field', 'procedure_code', 'status', 'received_local']).where('code', '=', desk.code).executeTakeFirstOrThrow();
      const day = String(d.received_local).slice(0, 10);
      const hits = async (more: Record<string, unknown>) => (await app.client().invoke('archive.searchText', { query: 'lo van dong', ...more })).total;
      expect(await hits({})).toBe(1);
      expect(await hits({ field: d.field, procedureCode: d.procedure_code, statuses: [d.status], from: day, to: day })).toBe(1);
      expect(await hits({ field: 'Đất đai' })).toBe(0);
      expect(await hits({ procedureCode: '1.004873' })).toBe(0);
      expect(await hits({ statuses: ['returned', 'refused'] })).toBe(0);
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(await hits({ from: next })).toBe(0);
      expect(await hits({ to: next, from: day })).toBe(1);
      await expect(app.client().invoke('archive.searchText', { query: 'lo', from: next, to: day })).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('the snippet keeps the marks, and a rebuilt SQLite index after the index goes out of step', async () => {
      const desk = await ocrDesk(target);
      cleanups.push(() => desk.cleanup());
      const app = desk.app;
      await attachPages(app, desk.code, 0, [await blankPage()]);
      await readAs(app, () => 'Bản sao trích lục khai tử của ông Đinh Văn Thắng');
      expect((await app.client().invoke('archive.searchText', { query: 'dinh van thang' })).hits).toMatchObject([{ code: desk.code, component: '0', page: 1, snippet: 'Bản sao trích lục khai tử của ông «Đinh» «Văn» «Thắng»' }]);
      if (target.name === 'sqlite') {
        // As after a copy from PostgreSQL: ocr_pages carried, the FTS5 index not.
        await sql`delete from ocr_fts`.execute(app.store.db);
        expect((await app.client().invoke('archive.searchText', { query: 'thang' })).total).toBe(0);
        expect(await syncTextIndex(app.store.db, 'sqlite')).toBe(1);
        expect(await syncTextIndex(app.store.db, 'sqlite')).toBe(0);
      }
      expect((await app.client().invoke('archive.searchText', { query: 'thang' })).total).toBe(1);
    });
  });
}
