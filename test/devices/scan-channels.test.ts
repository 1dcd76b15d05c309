import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { SaneScanner } from '../../main/adapters/scanner/sane';
import type { App } from '../../main/app/create-app';
import type { EventPayload } from '../../shared/contract/events';
import { cleanPdf, corruptPng, docxBytes, exeBytes, pdfOpenActionJs, pngBomb, truncatedJpeg, truncatedPng } from '../fixtures/hostile';
import { REPO_ROOT, requireTools, SANE_DIR, tempDir } from '../fixtures/scan-fixtures';
import { scanDesk } from '../support/scan-app';
import { storeTargets } from '../support/stores';

// The real SANE `test` backend (SANE_CONFIG_DIR=test/sane.d) scanning INTO a dossier component
// through the channels, the way the scan panel drives it.
const env = { ...process.env, SANE_CONFIG_DIR: SANE_DIR };
const { skip, reason } = requireTools(['scanimage']);
const sqlite = storeTargets()[0]!;

async function waitJob(app: App, batchId: string) {
  for (let i = 0; i < 600; i++) {
    const b = await app.client().invoke('scans.batch', { batchId });
    if (b.job && b.job.state !== 'running') return b;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('scan job did not finish');
}

async function storedPdf(app: App, fileId: string) {
  const f = await app.store.db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();
  return { bytes: Buffer.from(f.bytes), doc: await PDFDocument.load(f.bytes) };
}

describe.skipIf(skip)(`scanning into a dossier through the channels (SANE test backend)${skip ? ` (skipped: ${reason})` : ''}`, () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  async function desk(deviceArgs: string[] = ['--test-picture', 'Grid'], bin?: string, extraEnv: NodeJS.ProcessEnv = {}) {
    const scanner = new SaneScanner({ env: { ...env, ...extraEnv }, deviceArgs: (d) => (d.startsWith('test') ? deviceArgs : []), ...(bin ? { bin } : {}) });
    const d = await scanDesk(sqlite, { scanner });
    cleanups.push(d.cleanup);
    return d;
  }

  it('lists the SANE test devices', async () => {
    const { app } = await desk();
    const r = await app.client().invoke('scans.devices');
    expect(r.backend).toBe('sane');
    expect(r.devices.map((x) => x.id)).toEqual(expect.arrayContaining(['test:0', 'test:1']));
  });

  it('scans one flatbed page into component 1 and attaches it as a colour PDF at 200 dpi', async () => {
    const { app, code } = await desk(['--test-picture', 'Color pattern']);
    const c = app.client();
    const progress: EventPayload<'job.progress'>[] = [];
    app.events.subscribe((name, p) => name === 'job.progress' && progress.push(p as EventPayload<'job.progress'>));
    const { jobId, batchId } = await c.invoke('scans.start', { dossierCode: code, component: 0, profile: 'sealed', device: 'test:0', source: 'flatbed' });
    const batch = await waitJob(app, batchId);
    expect(batch.job).toMatchObject({ id: jobId, state: 'done', done: 1, error: null });
    expect(batch.pages).toHaveLength(1);
    // 200 mm at 200 dpi (the test backend stops at 200×200 mm).
    expect([batch.pages[0]!.widthPx, batch.pages[0]!.heightPx, batch.pages[0]!.dpi]).toEqual([1574, 1574, 200]);
    expect(progress.filter((p) => p.jobId === jobId).map((p) => p.done)).toEqual([0, 1, 1]);
    const { scan } = await c.invoke('scans.attach', { batchId });
    expect(scan).toMatchObject({ component: 0, pageCount: 1, dpi: 200, mode: 'color', source: 'scanner' });
    const { doc } = await storedPdf(app, scan.fileId);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getWidth()).toBeCloseTo((200 / 25.4) * 72, 0);
  });

  it('runs an ADF batch with page-by-page progress, then a flatbed page into the same batch, reorders and attaches', async () => {
    const { app, code } = await desk(['--test-picture', 'Grid', '--read-delay=yes', '--read-delay-duration=5000']);
    const c = app.client();
    const progress: number[] = [];
    app.events.subscribe((name, p) => name === 'job.progress' && progress.push((p as EventPayload<'job.progress'>).done));
    const first = await c.invoke('scans.start', { dossierCode: code, component: 1, profile: 'plain_text', device: 'test:0', source: 'adf', pages: 4, dpi: 100 });
    // Pages show up while the feeder is still running.
    let seenMidway = false;
    for (let i = 0; i < 400; i++) {
      const b = await c.invoke('scans.batch', { batchId: first.batchId });
      if (b.job?.state === 'running' && b.pages.length > 0 && b.pages.length < 4) seenMidway = true;
      if (b.job?.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const adf = await waitJob(app, first.batchId);
    expect(adf.pages).toHaveLength(4);
    expect(progress).toEqual([0, 1, 2, 3, 4, 4]);
    expect(seenMidway).toBe(true);
    const second = await c.invoke('scans.start', { dossierCode: code, component: 1, profile: 'plain_text', device: 'test:0', source: 'flatbed', batchId: first.batchId, dpi: 100 });
    expect(second.batchId).toBe(first.batchId);
    const all = await waitJob(app, first.batchId);
    expect(all.pages.map((p) => p.name)).toEqual(['Lượt quét 1 – trang 1', 'Lượt quét 1 – trang 2', 'Lượt quét 1 – trang 3', 'Lượt quét 1 – trang 4', 'Lượt quét 2 – trang 1']);
    const order = [all.pages[4]!, ...all.pages.slice(0, 3)].map((p) => ({ id: p.id, rotation: 0 as const }));
    await c.invoke('scans.arrange', { batchId: first.batchId, pages: order });
    const { scan, warnings } = await c.invoke('scans.attach', { batchId: first.batchId });
    expect(scan).toMatchObject({ component: 1, pageCount: 4, dpi: 100, mode: 'gray' });
    expect(warnings.join(' ')).toContain('thấp hơn mức khuyến nghị 200 dpi');
    expect((await storedPdf(app, scan.fileId)).doc.getPageCount()).toBe(4);
    const row = await app.store.db.selectFrom('dossiers').select('digitized_components').where('code', '=', code).executeTakeFirstOrThrow();
    expect(row.digitized_components).toBe(1);
  });

  it('cancels a running ADF scan, keeps the pages already scanned and frees the device', async () => {
    const { app, code } = await desk(['--read-delay=yes', '--read-delay-duration=50000']);
    const c = app.client();
    const { jobId, batchId } = await c.invoke('scans.start', { dossierCode: code, component: 0, profile: 'plain_text', device: 'test:0', source: 'adf', pages: 10, dpi: 100 });
    await expect(c.invoke('scans.start', { dossierCode: code, component: 1, profile: 'plain_text', device: 'test:0', source: 'flatbed' })).rejects.toMatchObject({ code: 'device_busy' });
    for (let i = 0; i < 400; i++) {
      if ((await c.invoke('scans.batch', { batchId })).pages.length >= 1) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await c.invoke('scans.cancel', { jobId })).toEqual({ cancelled: true });
    const b = await c.invoke('scans.batch', { batchId });
    expect(b.job?.state).toBe('cancelled');
    expect(b.job?.error).toContain('Đã dừng quét theo yêu cầu.');
    expect(b.pages.length).toBeGreaterThanOrEqual(1);
    expect(b.pages.length).toBeLessThan(10);
    const { scan } = await c.invoke('scans.attach', { batchId });
    expect(scan.pageCount).toBe(b.pages.length);
  });

  it('keeps the pages and says so when the scanner is unplugged mid-batch; nothing is stored until attach', async () => {
    const { app, code } = await desk([], join(REPO_ROOT, 'test/fixtures/scanimage-unplug.sh'), { UNPLUG_AFTER: '2' });
    const c = app.client();
    const { batchId } = await c.invoke('scans.start', { dossierCode: code, component: 0, profile: 'plain_text', device: 'test:0', source: 'adf', pages: 6, dpi: 50 });
    const b = await waitJob(app, batchId);
    expect(b.job).toMatchObject({ state: 'failed', done: 2, error: 'Máy quét ngừng giữa chừng sau 2 trang. Các trang đã quét vẫn được giữ; kiểm tra máy rồi quét tiếp.' });
    expect(b.pages).toHaveLength(2);
    expect(await app.store.db.selectFrom('dossier_scans').selectAll().execute()).toEqual([]);
  });

  it('says clearly that no scanner is configured', async () => {
    const d = await scanDesk(sqlite, { scanner: (await import('../../main/app/scanner')).noScanner });
    cleanups.push(d.cleanup);
    await expect(d.app.client().invoke('scans.start', { dossierCode: d.code, component: 0, profile: 'sealed', device: 'test:0' })).rejects.toMatchObject({
      code: 'device_unavailable',
      message: expect.stringContaining('chưa được cấu hình máy quét'),
    });
  });
});

describe('hostile files through the import channel', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it('refuses each with a clear message, stores nothing and leaves no batch behind', async () => {
    const d = await scanDesk(sqlite);
    cleanups.push(d.cleanup);
    const c = d.app.client();
    const cases: Array<[string, Buffer, RegExp]> = [
      ['rong.pdf', Buffer.alloc(0), /rỗng \(0 byte\)/],
      ['hong.png', await truncatedPng(), /bị hỏng hoặc không đầy đủ/],
      ['hong.jpg', await truncatedJpeg(), /bị hỏng hoặc không đầy đủ/],
      ['hong2.png', await corruptPng(), /bị hỏng hoặc không đầy đủ/],
      ['bom.png', pngBomb(), /quá lớn \(3\.600 triệu điểm ảnh/],
      ['js.pdf', await pdfOpenActionJs(), /có chứa mã lệnh/],
      ['../../etc/passwd.png', await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer(), /Tên tệp không hợp lệ/],
      ['setup.pdf', exeBytes(), /không phải PDF, JPEG, PNG hoặc TIFF/],
      ['don.docx', docxBytes(), /không phải PDF, JPEG, PNG hoặc TIFF/],
    ];
    for (const [name, bytes, re] of cases) {
      const err = await c.invoke('scans.import', { dossierCode: d.code, component: 0, profile: 'sealed', name, dataBase64: bytes.toString('base64') }).catch((e: unknown) => e);
      expect(err, name).toMatchObject({ code: 'invalid_input' });
      expect((err as Error).message, name).toMatch(re);
    }
    expect(await d.app.store.db.selectFrom('files').selectAll().execute()).toEqual([]);
    expect(d.app.digitize.pending.listInbox()).toEqual([]);
    // A clean 2-page PDF and a 3-page TIFF import fine into one batch; the PDF is kept as one item.
    const pdf = await c.invoke('scans.import', { dossierCode: d.code, component: 0, profile: 'sealed', name: 'sach.pdf', dataBase64: (await cleanPdf(2)).toString('base64') });
    expect(pdf.pages).toMatchObject([{ kind: 'pdf', pageCount: 2, thumbId: null }]);
    const frames = await Promise.all([0, 1, 2].map((i) => sharp({ create: { width: 600, height: 800, channels: 3, background: { r: 255, g: 255 - i * 40, b: 255 } } }).png().toBuffer()));
    const tiff = await sharp(frames, { join: { animated: true } }).tiff().toBuffer().catch(() => null);
    if (tiff && (await sharp(tiff).metadata()).pages === 3) {
      const both = await c.invoke('scans.import', { dossierCode: d.code, component: 0, profile: 'sealed', batchId: pdf.id, name: 'nhieu-trang.tif', dataBase64: tiff.toString('base64') });
      expect(both.pages.map((p) => p.kind)).toEqual(['pdf', 'image', 'image', 'image']);
      const { scan } = await c.invoke('scans.attach', { batchId: pdf.id });
      expect(scan.pageCount).toBe(5);
    }
  });

  it('offers files a scan-to-folder device drops, and takes one into a dossier component', async () => {
    const tmp = tempDir('motcua-inbox-');
    const d = await scanDesk(sqlite);
    cleanups.push(async () => {
      await d.cleanup();
      tmp.cleanup();
    });
    const c = d.app.client();
    const view = await c.invoke('scans.saveSettings', { backend: 'sane', folder: tmp.dir });
    expect(view).toMatchObject({ folderWatching: true, folderError: null, settings: { folder: tmp.dir } });
    writeFileSync(join(tmp.dir, 'Scan_0001.pdf'), await cleanPdf(1));
    writeFileSync(join(tmp.dir, 'Thumbs.db'), Buffer.from('junk'));
    let inbox = await c.invoke('scans.inbox');
    for (let i = 0; i < 200 && inbox.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      inbox = await c.invoke('scans.inbox');
    }
    expect(inbox).toMatchObject([{ name: 'Scan_0001.pdf', kind: 'pdf' }]);
    const batch = await c.invoke('scans.takeInbox', { inboxId: inbox[0]!.id, dossierCode: d.code, component: 1, profile: 'plain_text' });
    expect(batch.pages).toMatchObject([{ kind: 'pdf', pageCount: 1 }]);
    expect(await c.invoke('scans.inbox')).toEqual([]);
    const { scan } = await c.invoke('scans.attach', { batchId: batch.id });
    expect(scan.source).toBe('folder');
    const bad = await c.invoke('scans.saveSettings', { backend: 'sane', folder: join(tmp.dir, 'khong-co') });
    expect(bad.folderWatching).toBe(false);
    expect(bad.folderError).toContain('Không mở được thư mục nhận bản quét');
  });
});
