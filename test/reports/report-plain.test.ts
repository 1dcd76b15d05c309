/**
 * The 06a report as a clerk reads it (issue 14 item 10): a dossier whose papers were scanned counts
 * as digitized (4.2) before it has a result; zeros are words, never "00 hồ sơ"; the period that opens
 * is the one containing today.
 */
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { periodContaining, reportPeriod } from '../../shared/domain/report-period';
import { scanDesk } from '../support/scan-app';
import { storeTargets } from '../support/stores';

const page = async () =>
  (await sharp({ create: { width: 827, height: 1169, channels: 3, background: '#ffffff' } }).composite([{ input: { create: { width: 400, height: 14, channels: 3, background: '#202020' } }, left: 100, top: 100 }]).withMetadata({ density: 200 }).png().toBuffer()).toString('base64');

for (const target of storeTargets()) {
  describe(`06a in plain Vietnamese on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('counts a dossier whose papers were all scanned as digitized, with or without its result, and writes no "00"', async () => {
      // 17/03/2026 09:00 in Vietnam: the cut-off quarter containing it is Quý II (15/03–14/06).
      const env = await scanDesk(target, { now: '2026-03-17T02:00:00.000Z' });
      cleanups.push(env.cleanup);
      const c = env.app.client();
      const period = reportPeriod({ kind: 'quarter', mode: 'cutoff', ...periodContaining('2026-03-17', 'quarter', 'cutoff') });
      expect(period).toMatchObject({ from: '2026-03-15', to: '2026-06-14', label: 'Quý II năm 2026' });
      const png = await page();
      for (const component of [0, 1] as const) {
        const batch = await c.invoke('scans.import', { dossierCode: env.code, component, profile: 'sealed', name: 'trang.png', dataBase64: png });
        await c.invoke('scans.attach', { batchId: batch.id });
      }
      const inProgress = await c.invoke('reports.run', { from: period.from, to: period.to });
      expect(inProgress.indicators.digitizationShare).toMatchObject({ numerator: 1, denominator: 1, rate: 100, display: '100,00\u00a0%' });
      expect(inProgress.summary).not.toMatch(/\b00 hồ sơ/);
      expect(inProgress.summary).toContain('đang giải quyết 01 hồ sơ (tất cả còn trong hạn)');

      // The result is ready on paper only (no result file): the papers were still digitized; 4.1 shows the missing e-result.
      await c.invoke('tracking.resultReady', { code: env.code });
      const resolved = await c.invoke('reports.run', { from: period.from, to: period.to });
      expect(resolved.totals.resolved.total).toBe(1);
      expect(resolved.indicators.digitizationShare).toMatchObject({ numerator: 1, denominator: 1 });
      expect(resolved.indicators.electronicResultShare).toMatchObject({ numerator: 0, denominator: 1 });
      expect(resolved.summary).not.toMatch(/\b00 hồ sơ|N\/A/);
      expect(resolved.indicators.onlineShare.display).toBe('0,00\u00a0%');
    });
  });
}
