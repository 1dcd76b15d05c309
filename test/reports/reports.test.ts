import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileBytes } from '../../main/core/files/files.service';
import type { App } from '../../main/app/create-app';
import type { Report } from '../../shared/contract/reports.schema';
import { reportPeriod } from '../../shared/domain/report-period';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';
import { expected06a, generateHistory, toCsv, type ExpectedCounts } from './history-fixture';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const ROWS = generateHistory(1500);
const CSV = toCsv(ROWS);

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-06a-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const flat = (c: ExpectedCounts | Report['totals']) => [
  c.received.total,
  c.received.online,
  c.received.directOrPostal,
  c.received.carriedOver,
  c.resolved.total,
  c.resolved.early,
  c.resolved.onTime,
  c.resolved.late,
  c.inProgress.total,
  c.inProgress.withinDeadline,
  c.inProgress.overdue,
];

for (const target of storeTargets()) {
  describe(`reports on ${target.name}`, () => {
    let app: App;
    let cleanup: () => Promise<void>;
    let firstImport: Awaited<ReturnType<ReturnType<App['client']>['invoke']>>;

    beforeAll(async () => {
      const env = await freshApp(target, { now: '2027-02-01T03:00:00.000Z' });
      app = env.app;
      cleanup = env.cleanup;
      await app.client().invoke('unit.save', SAMPLE_UNIT);
      firstImport = await app.client().invoke('dossiers.import', { fileName: 'lich-su-2026.csv', contentBase64: b64(CSV) });
    }, 120_000);
    afterAll(async () => cleanup?.());

    it('imports the generated year in one go', () => {
      expect(firstImport).toMatchObject({ rows: ROWS.length, imported: ROWS.length, duplicates: 0, rejected: false, errors: [] });
    });

    for (const [name, from, to] of [
      ['year 2026 (calendar)', '2026-01-01', '2026-12-31'],
      ['Q1/2026 cut-off', reportPeriod({ kind: 'quarter', mode: 'cutoff', year: 2026, index: 1 }).from, reportPeriod({ kind: 'quarter', mode: 'cutoff', year: 2026, index: 1 }).to],
      ['June 2026', '2026-06-01', '2026-06-30'],
    ] as const) {
      it(`06a for ${name} matches counts worked out independently`, async () => {
        const report = await app.client().invoke('reports.run', { from, to, rule: 'product' });
        const expected = expected06a(ROWS, from, to);
        for (const row of report.rows) {
          const e = expected.get(row.field);
          expect(flat(row), row.field).toEqual(e ? flat(e) : Array(11).fill(0));
        }
        expect(report.rows.map((r) => r.field)).toEqual(['Chứng thực', 'Hộ tịch', 'Đất đai', 'Bảo trợ xã hội', 'Người có công']);
        const t = report.totals;
        expect(t.received.total).toBe(t.received.online + t.received.directOrPostal + t.received.carriedOver);
        expect(t.received.total).toBe(t.resolved.total + t.inProgress.total);
        expect(t.resolved.total).toBe(t.resolved.early + t.resolved.onTime + t.resolved.late);
        // The cases the fixture plants are really there: carried over, supplement-deducted and double-supplement.
        expect(t.received.carriedOver).toBeGreaterThan(0);
        expect(t.resolved.late).toBeGreaterThan(0);
        expect(t.inProgress.overdue + t.inProgress.withinDeadline).toBe(t.inProgress.total);
      });
    }

    it('deducts the supplement wait and counts two supplement requests late', async () => {
      const from = '2026-01-01';
      const to = '2026-12-31';
      const withoutDeduction = expected06a(
        ROWS.map((r) => ({ ...r, so_phut_cho_bo_sung: '' })),
        from,
        to,
      );
      const report = await app.client().invoke('reports.run', { from, to });
      const lateIgnoringPause = [...withoutDeduction.values()].reduce((s, c) => s + c.resolved.late, 0);
      expect(report.totals.resolved.late).toBeLessThan(lateIgnoringPause);
      const twoSupplements = ROWS.filter((r) => r.so_lan_bo_sung === '2' && r.ngay_co_ket_qua >= from && r.ngay_co_ket_qua < '2027-01-01').length;
      expect(twoSupplements).toBeGreaterThan(0);
      expect(report.totals.resolved.late).toBeGreaterThanOrEqual(twoSupplements);
    });

    it("writes the summary in the commune's style and the 766 indicators with 2 decimals or in words", async () => {
      const report = await app.client().invoke('reports.run', { from: '2026-01-01', to: '2026-12-31' });
      const t = report.totals;
      const received = t.received.online + t.received.directOrPostal;
      expect(report.summary).toContain(`tiếp nhận tổng số ${received} hồ sơ, trong đó có ${t.received.online} hồ sơ trực tuyến`);
      expect(report.summary).toMatch(/lĩnh vực chứng thực \d+ hồ sơ, hộ tịch \d+ hồ sơ, đất đai \d+ hồ sơ/);
      expect(report.summary).toContain(`giải quyết trước hạn ${t.resolved.early} hồ sơ, đạt `);
      const online = report.indicators.onlineShare;
      expect(online.denominator).toBe(received);
      expect(online.rate).toBe(Math.round((t.received.online / received) * 10000) / 100);
      expect(online.display).toMatch(/^\d+,\d{2}\u00a0%$/);
      expect(report.indicators.satisfactionShare.maxPoints).toBe(6);
      expect(report.indicators.satisfactionShare.rate).toBe(Math.round((100 - (t.resolved.late / t.resolved.total) * 100) * 100) / 100);
      // Nothing was digitized in the imported history: 0%; an empty period says so in words, never N/A or 00.
      expect(report.indicators.digitizationShare.rate).toBe(0);
      const empty = await app.client().invoke('reports.run', { from: '2024-01-01', to: '2024-01-31' });
      expect(empty.indicators.onlineShare).toMatchObject({ rate: null, display: 'Chưa có hồ sơ', points: null });
      expect(empty.summary).toBe('Từ ngày 01/01/2024 đến ngày 31/01/2024, Trung tâm Phục vụ hành chính công xã Hướng Phùng không tiếp nhận hồ sơ mới nào; chưa có hồ sơ được giải quyết trong kỳ.');
      expect(empty.totals.received.total).toBe(0);
    });

    it('gives the same numbers in the XLSX (exceljs) and the PDF (pdftotext)', async () => {
      const from = '2026-01-01';
      const to = '2026-12-31';
      const report = await app.client().invoke('reports.run', { from, to });
      const xlsx = await app.client().invoke('reports.export', { from, to, format: 'xlsx', periodLabel: 'Năm 2026' });
      const bytes = (await readFileBytes(app.store.db, xlsx.fileId))!.bytes;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(String(ws.getCell('A4').value)).toBe('Kỳ báo cáo: Năm 2026 (Từ ngày 01/01/2026 đến ngày 31/12/2026)');
      const numbered = [...Array(13).keys()].map((i) => ws.getCell(9, i + 1).value);
      expect(numbered).toEqual([...Array(13).keys()].map((i) => `(${i + 1})`));
      expect(ws.getCell('C6').isMerged).toBe(true);
      report.rows.forEach((row, i) => {
        const r = ws.getRow(10 + i);
        expect(r.getCell(2).value).toBe(row.field);
        expect([...Array(11).keys()].map((j) => r.getCell(3 + j).value)).toEqual(flat(row));
      });
      const totalsRow = ws.getRow(10 + report.rows.length);
      expect(totalsRow.getCell(1).value).toBe('Tổng cộng');
      expect([...Array(11).keys()].map((j) => totalsRow.getCell(3 + j).value)).toEqual(flat(report.totals));
      expect(ws.getCell(10, 3).border?.left?.style).toBe('thin');

      const pdf = await app.client().invoke('reports.export', { from, to, format: 'pdf', periodLabel: 'Năm 2026' });
      const text = pdfText(Buffer.from((await readFileBytes(app.store.db, pdf.fileId))!.bytes));
      expect(text).toContain('Kỳ báo cáo: Năm 2026 (Từ ngày 01/01/2026 đến ngày 31/12/2026)');
      const line = (label: string) => text.split('\n').find((l) => l.includes(label)) ?? '';
      expect(line('Tổng cộng').replace('Tổng cộng', '').trim().split(/\s+/).map(Number)).toEqual(flat(report.totals));
      for (const row of report.rows) {
        expect(line(row.field).split(/\s+/).filter((w) => /^\d+$/.test(w)).slice(1).map(Number), row.field).toEqual(flat(row));
      }
    });

    it('importing the same file again adds nothing', async () => {
      const before = await app.client().invoke('dossiers.search', { pageSize: 1 });
      const again = await app.client().invoke('dossiers.import', { fileName: 'lich-su-2026.csv', contentBase64: b64(CSV) });
      expect(again).toMatchObject({ imported: 0, duplicates: ROWS.length, rejected: false, errors: [] });
      const after = await app.client().invoke('dossiers.search', { pageSize: 1 });
      expect(after.total).toBe(before.total);
    });

    it('finds imported dossiers by name without diacritics, by CCCD prefix and by code', async () => {
      const c = app.client();
      const huong = ROWS.filter((r) => r.ho_ten.endsWith('Hường')).length;
      const res = await c.invoke('dossiers.search', { query: 'huong', pageSize: 200 });
      // "huong" also begins no other given name in the fixture, but family/middle names never start with it.
      expect(res.total).toBe(huong);
      expect(res.rows.every((r) => r.applicantName.endsWith('Hường'))).toBe(true);
      const both = await c.invoke('dossiers.search', { query: 'NGUYEN huo', pageSize: 200 });
      expect(both.total).toBe(ROWS.filter((r) => r.ho_ten.startsWith('Nguyễn') && r.ho_ten.endsWith('Hường')).length);
      const withId = ROWS.find((r) => r.so_giay_to)!;
      const byId = await c.invoke('dossiers.search', { query: withId.so_giay_to.slice(0, 10) });
      expect(byId.rows.some((r) => r.idNumber === withId.so_giay_to)).toBe(true);
      const withCode = ROWS.find((r) => r.ma_ho_so)!;
      const byCode = await c.invoke('dossiers.search', { query: withCode.ma_ho_so.toLowerCase() });
      expect(byCode.rows.map((r) => r.code)).toEqual([withCode.ma_ho_so]);
    });
  });
}
