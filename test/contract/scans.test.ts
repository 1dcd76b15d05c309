import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../main/core/audit/audit';
import { SCAN_IMPORT_MAX_BYTES } from '../../shared/contract/scans.schema';
import type { App } from '../../main/app/create-app';
import { scanDesk } from '../support/scan-app';
import { storeTargets, type StoreTarget } from '../support/stores';

/** An A4 "scan" at 100 dpi: text-like dark bars on white, optionally blank. */
async function pagePng(opts: { blank?: boolean; mark?: number } = {}): Promise<Buffer> {
  const w = 827;
  const h = 1169;
  const bars = opts.blank
    ? []
    : Array.from({ length: 20 }, (_, i) => ({ input: { create: { width: 500 - (i % 5) * 40, height: 12, channels: 3 as const, background: '#202020' } }, left: 120 + (opts.mark ?? 0), top: 120 + i * 40 }));
  return sharp({ create: { width: w, height: h, channels: 3, background: '#ffffff' } })
    .composite(bars)
    .withMetadata({ density: 100 })
    .png()
    .toBuffer();
}

const b64 = (b: Buffer) => b.toString('base64');

async function counts(app: App, code: string) {
  const row = await app.store.db
    .selectFrom('dossiers')
    .select(['digitized_components', 'reused_components', 'has_electronic_result'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const files = await app.store.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const links = await app.store.db.selectFrom('dossier_scans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const audit = await app.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { ...row, files: Number(files.n), links: Number(links.n), audit: Number(audit.n) };
}

async function failLinkInserts(app: App, target: StoreTarget): Promise<void> {
  if (target.name === 'sqlite') {
    await sql`CREATE TRIGGER scans_fail BEFORE INSERT ON dossier_scans BEGIN SELECT RAISE(ABORT, 'link insert failed'); END`.execute(app.store.db);
  } else {
    await sql`CREATE FUNCTION scans_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'link insert failed'; END $$ LANGUAGE plpgsql`.execute(app.store.db);
    await sql`CREATE TRIGGER scans_fail BEFORE INSERT ON dossier_scans FOR EACH ROW EXECUTE FUNCTION scans_fail()`.execute(app.store.db);
  }
}

for (const target of storeTargets()) {
  describe(`scans (digitization) on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });
    async function desk() {
      const env = await scanDesk(target);
      cleanups.push(env.cleanup);
      return env;
    }

    it('imports pages into a batch, arranges them and attaches ONE PDF with counters, event and audit', async () => {
      const { app, code } = await desk();
      const c = app.client();
      let batch = await c.invoke('scans.import', { dossierCode: code, component: 0, profile: 'plain_text', name: 'trang1.png', dataBase64: b64(await pagePng({ mark: 0 })) });
      batch = await c.invoke('scans.import', { dossierCode: code, component: 0, profile: 'plain_text', batchId: batch.id, name: 'trang-trang.png', dataBase64: b64(await pagePng({ blank: true })) });
      batch = await c.invoke('scans.import', { dossierCode: code, component: 0, profile: 'plain_text', batchId: batch.id, name: 'trang2.png', dataBase64: b64(await pagePng({ mark: 200 })) });
      expect(batch.pages.map((p) => [p.name, p.blank])).toEqual([
        ['trang1.png', false],
        ['trang-trang.png', true],
        ['trang2.png', false],
      ]);
      expect(batch.warnings.join(' ')).toContain('Trang 2 có vẻ là trang trắng');
      expect(batch.componentName.length).toBeGreaterThan(3);
      // Thumbnails are served from memory by id.
      const thumb = app.digitize.pending.thumb(batch.pages[0]!.thumbId!);
      expect((await sharp(thumb!).metadata()).width).toBe(160);

      // Drop the blank page, put page 2 first and turn it a quarter.
      const [p1, , p2] = batch.pages;
      batch = await c.invoke('scans.arrange', { batchId: batch.id, pages: [{ id: p2!.id, rotation: 90 }, { id: p1!.id, rotation: 0 }] });
      expect(batch.pages.map((p) => [p.name, p.rotation])).toEqual([
        ['trang2.png', 90],
        ['trang1.png', 0],
      ]);
      expect(app.digitize.pending.thumb(batch.pages[0]!.thumbId!)).toBeDefined();

      const before = await counts(app, code);
      const { scan, warnings } = await c.invoke('scans.attach', { batchId: batch.id });
      expect(scan).toMatchObject({ dossierCode: code, component: 0, pageCount: 2, dpi: 100, mode: 'gray', digitized: true, reused: false, fromNationalStore: false, source: 'import' });
      expect(warnings.join(' ')).toContain('100 dpi thấp hơn');
      const after = await counts(app, code);
      expect(after).toMatchObject({ digitized_components: 1, reused_components: 0, has_electronic_result: 0, files: before.files + 1, links: before.links + 1 });

      // The stored bytes are the PDF: 2 pages, the rotated one landscape.
      const file = await app.store.db.selectFrom('files').selectAll().where('id', '=', scan.fileId).executeTakeFirstOrThrow();
      expect(file.sha256).toBe(scan.sha256);
      const pdf = await PDFDocument.load(file.bytes);
      expect(pdf.getPageCount()).toBe(2);
      const first = pdf.getPage(0).getSize();
      expect(first.width).toBeGreaterThan(first.height);
      // The batch is gone once attached.
      await expect(c.invoke('scans.batch', { batchId: batch.id })).rejects.toMatchObject({ code: 'not_found' });

      const events = await app.store.db.selectFrom('dossier_events').select(['kind']).execute();
      expect(events.map((e) => e.kind)).toContain('scan.attached');
      const audit = await app.store.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'scans.%').execute();
      expect(audit).toEqual([{ action: 'scans.attach', entity_id: scan.id }]);
      expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });

      const listed = await c.invoke('scans.list', { dossierCode: code });
      expect(listed.map((s) => s.id)).toEqual([scan.id]);
    });

    it('is atomic: when the link insert fails after the file insert, nothing is stored and the batch stays', async () => {
      const { app, code } = await desk();
      const c = app.client();
      const batch = await c.invoke('scans.import', { dossierCode: code, component: 1, profile: 'sealed', name: 'giay.png', dataBase64: b64(await pagePng()) });
      const before = await counts(app, code);
      await failLinkInserts(app, target);
      await expect(c.invoke('scans.attach', { batchId: batch.id })).rejects.toMatchObject({ code: 'internal' });
      expect(await counts(app, code)).toEqual(before);
      expect(await app.store.db.selectFrom('files').select('id').where('kind', '=', 'scan').execute()).toEqual([]);
      // The clerk can try again once the store is healthy.
      await sql`DROP TRIGGER scans_fail${sql.raw(target.name === 'postgres' ? ' ON dossier_scans' : '')}`.execute(app.store.db);
      const { scan } = await c.invoke('scans.attach', { batchId: batch.id });
      expect(scan.pageCount).toBe(1);
      expect((await counts(app, code)).digitized_components).toBe(1);
    });

    it('counts reused / national-store components and the result, refuses a second scan unless replacing, and detaches', async () => {
      const { app, code } = await desk();
      const c = app.client();
      const png = b64(await pagePng());
      const attach = async (component: 0 | 1 | 'result', flags: { reused?: boolean; fromNationalStore?: boolean; replace?: boolean } = {}) => {
        const b = await c.invoke('scans.import', { dossierCode: code, component, profile: 'sealed', name: 'a.png', dataBase64: png });
        return c.invoke('scans.attach', { batchId: b.id, ...flags });
      };
      const a0 = await attach(0);
      await attach(1, { fromNationalStore: true });
      expect(await counts(app, code)).toMatchObject({ digitized_components: 2, reused_components: 1, has_electronic_result: 0 });
      const res = await attach('result');
      expect(res.scan.component).toBe('result');
      expect(await counts(app, code)).toMatchObject({ digitized_components: 2, reused_components: 1, has_electronic_result: 1 });
      const resultFile = await app.store.db.selectFrom('files').select('kind').where('id', '=', res.scan.fileId).executeTakeFirstOrThrow();
      expect(resultFile.kind).toBe('result');

      await expect(attach(0)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Thay bản cũ') });
      const replaced = await attach(0, { reused: true, replace: true });
      expect(await counts(app, code)).toMatchObject({ digitized_components: 2, reused_components: 2 });
      const list = await c.invoke('scans.list', { dossierCode: code });
      expect(list.find((s) => s.id === a0.scan.id)?.detachedAt).not.toBeNull();

      const det = await c.invoke('scans.detach', { scanId: replaced.scan.id, reason: 'Quét nhầm giấy tờ' });
      expect(det.detachReason).toBe('Quét nhầm giấy tờ');
      await expect(c.invoke('scans.detach', { scanId: replaced.scan.id, reason: 'lần nữa' })).rejects.toMatchObject({ code: 'conflict' });
      await c.invoke('scans.detach', { scanId: res.scan.id, reason: 'Kết quả sai' });
      expect(await counts(app, code)).toMatchObject({ digitized_components: 1, reused_components: 1, has_electronic_result: 0 });
      const actions = (await app.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'scans.%').orderBy('seq').execute()).map((r) => r.action);
      expect(actions).toEqual(['scans.attach', 'scans.attach', 'scans.attach', 'scans.detach', 'scans.attach', 'scans.detach', 'scans.detach']);
      expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });
    });

    it('refuses a component the dossier does not have, an unknown dossier, bad base64 and an oversize file', async () => {
      const { app, code } = await desk();
      const c = app.client();
      const png = b64(await pagePng());
      await expect(c.invoke('scans.import', { dossierCode: code, component: 5, profile: 'sealed', name: 'a.png', dataBase64: png })).rejects.toMatchObject({
        code: 'invalid_input',
        message: 'Hồ sơ không có thành phần số 6 (chỉ có 2 thành phần).',
      });
      await expect(c.invoke('scans.import', { dossierCode: 'H50.12.34-260317-0099', component: 0, profile: 'sealed', name: 'a.png', dataBase64: png })).rejects.toMatchObject({ code: 'not_found' });
      await expect(c.invoke('scans.import', { dossierCode: code, component: 0, profile: 'sealed', name: 'a.png', dataBase64: '@@not base64@@' })).rejects.toMatchObject({ code: 'invalid_input' });
      const big = 'A'.repeat(Math.ceil(((SCAN_IMPORT_MAX_BYTES + 1024) * 4) / 3));
      const err = await c.invoke('scans.import', { dossierCode: code, component: 0, profile: 'sealed', name: 'a.png', dataBase64: big }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'invalid_input', issues: [{ path: 'dataBase64', message: expect.stringContaining('Chỉ nhận tệp đến 30 MB') }] });
      expect(await c.invoke('scans.inbox')).toEqual([]);
    });
  });
}
