import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scanner, ScanRequest, ScanOptions, ScannedPage } from '../../main/core/ports/scanner';
import type { App } from '../../main/app/create-app';
import { parseDeviceList } from '../../main/adapters/scanner/sane-parse';
import { labelScanners, preferredScanner } from '../../shared/domain/scanner-names';
import { scanDesk } from '../support/scan-app';
import { storeTargets } from '../support/stores';

// Issue 14 items 11 and 12: nothing internal reaches the clerk (event kinds, user names, driver
// names, colour modes), the default scanner is the last one that worked, and a failed scan is no "Lượt quét".

/** `scanimage -L` on test/sane.d, as captured: the pnm readers come first and cannot scan without a file. */
const SANE_LIST = [
  "device `pnm:0' is a Noname PNM file reader virtual device",
  "device `pnm:1' is a Noname PNM file reader virtual device",
  "device `test:0' is a Noname frontend-tester virtual device",
  "device `test:1' is a Noname frontend-tester virtual device",
  "device `genesys:libusb:001:004' is a Canon LiDE 300 flatbed scanner",
  "device `escl:http://192.168.1.20:80' is a HP HP LaserJet MFP M236sdw (USB) multi-function peripheral",
].join('\n');

async function pagePng(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 560, channels: 3, background: '#ffffff' } })
    .composite([{ input: { create: { width: 300, height: 20, channels: 3 as const, background: '#202020' } }, left: 40, top: 60 }])
    .png()
    .toBuffer();
}

/** A scanner whose devices fail or work as the test says; counts its calls. */
function scriptedScanner(broken: Set<string>): Scanner & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'sane',
    calls,
    list: async () => parseDeviceList(SANE_LIST),
    scan: async (req: ScanRequest, opts?: ScanOptions): Promise<ScannedPage[]> => {
      calls.push(req.device);
      if (broken.has(req.device)) throw new Error('sane_start: Invalid argument');
      const page: ScannedPage = { index: 0, image: await pagePng(), width: 400, height: 560, dpi: 100 };
      opts?.onPage?.(page, 1, 1);
      return [page];
    },
  };
}

async function waitJob(app: App, batchId: string) {
  for (let i = 0; i < 400; i++) {
    const b = await app.client().invoke('scans.batch', { batchId });
    if (b.job && b.job.state !== 'running') return b;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('scan job did not finish');
}

describe('scanner names a clerk reads', () => {
  it('drops "Noname" and driver words, names the SANE stand-ins in Vietnamese, numbers twins, lists real scanners first', () => {
    const labelled = labelScanners(parseDeviceList(SANE_LIST));
    expect(labelled.map((d) => [d.id, d.label])).toEqual([
      ['genesys:libusb:001:004', 'Canon LiDE 300'],
      ['escl:http://192.168.1.20:80', 'HP LaserJet MFP M236sdw (USB) (qua mạng)'],
      ['test:0', 'Máy quét thử (phần mềm, không quét giấy thật) – số 1'],
      ['test:1', 'Máy quét thử (phần mềm, không quét giấy thật) – số 2'],
      ['pnm:0', 'Đọc ảnh từ tệp (dùng để thử, không quét giấy) – số 1'],
      ['pnm:1', 'Đọc ảnh từ tệp (dùng để thử, không quét giấy) – số 2'],
    ]);
    expect(labelled.map((d) => d.label).join(' ')).not.toMatch(/Noname|virtual|device|PNM|frontend/i);
  });

  it('picks the last device that worked, else a real one, never the pnm file reader', () => {
    const sane = parseDeviceList(SANE_LIST);
    const testOnly = sane.filter((d) => !/genesys|escl/.test(d.id));
    expect(preferredScanner(sane, null)).toBe('genesys:libusb:001:004');
    expect(preferredScanner(testOnly, null)).toBe('test:0');
    expect(preferredScanner(testOnly, 'test:1')).toBe('test:1');
    expect(preferredScanner(testOnly, 'gone:0')).toBe('test:0');
    expect(preferredScanner(testOnly.filter((d) => d.id.startsWith('pnm')), null)).toBeNull();
  });
});

for (const target of storeTargets()) {
  describe(`plain Vietnamese at the desk on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('remembers the scanner that last delivered a page; a failed scan neither becomes the default nor takes a "Lượt quét" number', async () => {
      const scanner = scriptedScanner(new Set(['test:0']));
      const env = await scanDesk(target, { scanner });
      cleanups.push(env.cleanup);
      const c = env.app.client({ actor: 'lan' });
      expect((await c.invoke('scans.devices')).preferred).toBe('genesys:libusb:001:004');

      // test:0 fails before any page: the job fails, nothing is remembered.
      const failed = await c.invoke('scans.start', { dossierCode: env.code, component: 0, profile: 'plain_text', device: 'test:0', source: 'flatbed' });
      expect((await waitJob(env.app, failed.batchId)).job).toMatchObject({ state: 'failed', done: 0 });
      expect((await c.invoke('scans.devices')).preferred).toBe('genesys:libusb:001:004');

      // test:1 works, into the same batch: its pages are "Lượt quét 1", not 2.
      await c.invoke('scans.start', { dossierCode: env.code, component: 0, profile: 'plain_text', device: 'test:1', source: 'flatbed', batchId: failed.batchId });
      let batch = await waitJob(env.app, failed.batchId);
      expect(batch.pages.map((p) => p.name)).toEqual(['Lượt quét 1 – trang 1']);
      await c.invoke('scans.start', { dossierCode: env.code, component: 0, profile: 'plain_text', device: 'test:1', source: 'flatbed', batchId: failed.batchId });
      batch = await waitJob(env.app, failed.batchId);
      expect(batch.pages.map((p) => p.name)).toEqual(['Lượt quét 1 – trang 1', 'Lượt quét 2 – trang 1']);
      expect(scanner.calls).toEqual(['test:0', 'test:1', 'test:1']);

      const devices = await c.invoke('scans.devices');
      expect(devices.preferred).toBe('test:1');
      expect(devices.devices.find((d) => d.id === 'test:1')?.label).toBe('Máy quét thử (phần mềm, không quét giấy thật) – số 2');
      // Stored with the data, so a restart keeps it.
      const row = await env.app.store.db.selectFrom('settings').select('value_json').where('key', '=', 'scanning.lastDevice').executeTakeFirstOrThrow();
      expect(JSON.parse(row.value_json)).toEqual({ id: 'test:1' });
    });

    it('names every timeline entry in Vietnamese and every officer by full name', async () => {
      const env = await scanDesk(target);
      cleanups.push(env.cleanup);
      await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '246810' });
      const c = env.app.client({ actor: 'lan' });
      const batch = await c.invoke('scans.import', { dossierCode: env.code, component: 0, profile: 'plain_text', name: 'trang1.png', dataBase64: (await pagePng()).toString('base64') });
      const { scan } = await c.invoke('scans.attach', { batchId: batch.id });
      await c.invoke('scans.detach', { scanId: scan.id, reason: 'Quét nhầm thành phần' });
      const t = await c.invoke('tracking.get', { code: env.code });
      await c.invoke('tracking.handOver', { code: env.code, version: t.version, stepName: 'Thẩm định', agency: 'Công chức Tư pháp - Hộ tịch', giver: 'x', receiver: 'Lê Văn Nam' });

      const history = await c.invoke('dossiers.history', { code: env.code });
      const byKind = Object.fromEntries(history.filter((h) => h.source === 'event').map((h) => [h.kind, h.title]));
      expect(byKind).toMatchObject({ 'scan.attached': 'Lưu bản số hóa', 'scan.detached': 'Gỡ bản số hóa' });
      for (const h of history) {
        // No internal name: dotted kinds, camelCase actions or bare ASCII identifiers.
        expect(h.title).not.toMatch(/\b[a-z]+\.[a-zA-Z]+\b|\b[a-z]+[A-Z][a-z]+\b/);
        expect(h.actorName).not.toBe('lan');
      }
      const lanEntries = history.filter((h) => h.actor === 'lan');
      expect(lanEntries.length).toBeGreaterThanOrEqual(4);
      expect(new Set(lanEntries.map((h) => h.actorName))).toEqual(new Set(['Hồ Thị Lan']));
    });
  });
}
