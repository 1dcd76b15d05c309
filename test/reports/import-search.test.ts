import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileBytes } from '../../main/core/files/files.service';
import { motcua } from '../support/cli';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const HEADER = 'ma_ho_so,ma_thu_tuc,ho_ten,so_giay_to,kenh,ngay_nhan,ngay_hen,ngay_co_ket_qua,ngay_tra,trang_thai';

for (const target of storeTargets()) {
  describe(`import and search on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });
    async function desk(now = '2026-06-30T03:00:00.000Z') {
      const env = await freshApp(target, { now });
      cleanups.push(env.cleanup);
      await env.app.client().invoke('unit.save', SAMPLE_UNIT);
      return env;
    }

    it('reports each bad row with its line number and imports the good ones (or none, all-or-nothing)', async () => {
      const { app } = await desk();
      const csv = [
        HEADER,
        ',2.000815,Nguyễn Thị Hường,045301001234,truc_tiep,2026-03-17T09:00,,2026-03-17T09:20,,',
        ',9.999999,Trần Văn A,,truc_tiep,2026-03-17T09:00,,,,',
        ',1.001193,,,truc_tiep,2026-03-17T09:00,,,,',
        // A quoted address-like name spanning two lines: the next record starts on line 7.
        ',1.001193,"Lê Thị\nBình",,truc_tiep,2026-03-18T08:00,,,,',
        ',1.001193,Phạm Văn C,,qua_mang,2026-03-18T08:00,,,,',
        ',1.001193,Hồ Văn D,,truc_tiep,18/03/2026 10:00,,2026-03-17T10:00,,',
        'H50.12.34-260319-0007,1.004873,Võ Thị E,,truc_tuyen,2026-03-20T08:00,,,,',
        ',1.004873,Đỗ Văn F,,truc_tiep,2026-03-20T08:00,,,2026-03-21T08:00,rut',
        ',1.004873,Bùi Thị G,,truc_tiep,2026-02-30T08:00,,,,',
      ].join('\n');
      const strict = await app.client().invoke('dossiers.import', { fileName: 'cu.csv', contentBase64: b64(csv), allOrNothing: true });
      expect(strict).toMatchObject({ imported: 0, rejected: true });
      expect(strict.errors.map((e) => e.line)).toEqual([3, 4, 7, 8, 9, 11]);
      expect(strict.errors[0]!.message).toBe('Dòng 3: mã thủ tục "9.999999" không có trong danh mục thủ tục.');
      expect(strict.errors[1]!.message).toContain('thiếu ho_ten');
      expect(strict.errors[2]!.message).toContain('kenh "qua_mang"');
      expect(strict.errors[3]!.message).toContain('ngay_co_ket_qua trước ngay_nhan');
      expect(strict.errors[4]!.message).toContain('khác ngay_nhan');
      expect(strict.errors[5]!.message).toContain('không phải ngày giờ có thật');
      expect((await app.client().invoke('dossiers.search', {})).total).toBe(0);

      const lenient = await app.client().invoke('dossiers.import', { fileName: 'cu.csv', contentBase64: b64(csv) });
      expect(lenient).toMatchObject({ imported: 3, rejected: false, duplicates: 0 });
      const all = await app.client().invoke('dossiers.search', { sort: 'received', dir: 'asc' });
      expect(all.rows.map((r) => [r.applicantName, r.status])).toEqual([
        ['Nguyễn Thị Hường', 'result_ready'],
        ['Lê Thị Bình', 'received'],
        ['Đỗ Văn F', 'withdrawn'],
      ]);
      // Allocated codes follow the intake rules: the day's counter, from 0001.
      expect(all.rows[0]!.code).toBe('H50.12.34-260317-0001');
      // The computed appointment: chứng thực received 09:00 is due the same day.
      expect(all.rows[0]!.dueLocal).toBe('2026-03-17T17:00');
    });

    it('reads XLSX, gives back a CCCD typed as a number, and keeps intake from reusing an imported code', async () => {
      const { app } = await desk('2026-03-19T03:00:00.000Z');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Hồ sơ');
      ws.addRow(HEADER.split(','));
      ws.addRow(['H50.12.34-260319-0005', '1.001193', 'Hồ Thị Lan', 45301001234, 'truc_tiep', new Date(Date.UTC(2026, 2, 19, 8, 30)), '', '', '', '']);
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await app.client().invoke('dossiers.import', { fileName: 'cu.xlsx', contentBase64: b64(bytes) });
      expect(res).toMatchObject({ imported: 1, errors: [], codes: ['H50.12.34-260319-0005'] });
      const found = await app.client().invoke('dossiers.search', { query: '0453010012' });
      expect(found.rows.map((r) => [r.code, r.idNumber, r.receivedLocal])).toEqual([['H50.12.34-260319-0005', '045301001234', '2026-03-19T08:30']]);
      const birth = (await app.client().invoke('catalog.list', {})).find((p) => p.code === '1.001193')!;
      const made = await app.client().invoke('dossiers.create', {
        requestId: randomUUID(),
        procedureCode: '1.001193',
        applicant: { fullName: 'Trần Thị Mỹ', idNumber: '', idKind: 'other', phone: '0912345678' },
        components: birth.components.map((_, position) => ({ position, received: true })),
      });
      expect(made.code).toBe('H50.12.34-260319-0006');
      // A dossier received at the desk is found by name, even if intake did not index it itself.
      const byName = await app.client().invoke('dossiers.search', { query: 'tran my' });
      expect(byName.rows.map((r) => r.code)).toEqual([made.code]);
      const byPhone = await app.client().invoke('dossiers.search', { query: '+84912 345' });
      expect(byPhone.rows.map((r) => r.code)).toEqual([made.code]);
    });

    it('filters, sorts and pages search results', async () => {
      const { app } = await desk();
      const rows = [HEADER.replace('trang_thai', 'trang_thai,can_bo_tiep_nhan')];
      for (let i = 0; i < 30; i++) {
        const day = String(1 + i).padStart(2, '0');
        rows.push(`,${i % 2 ? '1.001193' : '2.000815'},Nguyễn Văn Hùng ${i},,${i % 3 === 0 ? 'truc_tuyen' : 'truc_tiep'},2026-05-${day === '31' ? '30' : day}T08:00,,,,,${i % 5 === 0 ? 'Lê Văn Tâm' : ''}`);
      }
      await app.client().invoke('dossiers.import', { fileName: 'a.csv', contentBase64: b64(rows.join('\n')) });
      const c = app.client();
      const page2 = await c.invoke('dossiers.search', { query: 'hung', sort: 'received', dir: 'asc', page: 2, pageSize: 10 });
      expect(page2.total).toBe(30);
      expect(page2.rows.map((r) => r.receivedLocal.slice(0, 10))).toEqual([...Array(10).keys()].map((i) => `2026-05-${String(11 + i).padStart(2, '0')}`));
      const online = await c.invoke('dossiers.search', { channel: 'truc_tuyen', field: 'Chứng thực', from: '2026-05-01', to: '2026-05-15' });
      expect(online.rows.every((r) => r.channel === 'truc_tuyen' && r.field === 'Chứng thực' && r.receivedLocal < '2026-05-16')).toBe(true);
      expect(online.total).toBe([0, 6, 12].length);
      const officer = await c.invoke('dossiers.search', { officer: 'Lê Văn Tâm' });
      expect(officer.total).toBe(6);
      const byProc = await c.invoke('dossiers.search', { procedureCode: '1.001193', statuses: ['received'] });
      expect(byProc.total).toBe(15);
      const none = await c.invoke('dossiers.search', { query: 'hungx' });
      expect(none.total).toBe(0);
    });

    it('neutralises formulas in exported cells (CSV injection)', async () => {
      const { app } = await desk();
      const csv = [HEADER, ',1.001193,"=HYPERLINK(""http://x"",""bấm"")",,truc_tiep,2026-03-17T09:00,,,,', ',1.001193,@SUM(A1),,truc_tiep,2026-03-17T10:00,,,,'].join('\n');
      await app.client().invoke('dossiers.import', { fileName: 'x.csv', contentBase64: b64(csv) });
      const out = await app.client().invoke('reports.exportBook', { from: '2026-03-01', to: '2026-03-31' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from((await readFileBytes(app.store.db, out.fileId))!.bytes) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const names = [ws.getCell(8, 5).value, ws.getCell(9, 5).value];
      expect(names).toEqual(['\'=HYPERLINK("http://x","bấm")', "'@SUM(A1)"]);
      expect(ws.getCell(8, 5).formula).toBeUndefined();
      expect(ws.getCell(6, 2).value).toBe('Mã hồ sơ');
    });
  });
}

describe('motcua report / import dossiers (CLI)', () => {
  it('imports a CSV and prints the 06a JSON in the agreed shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-rep-'));
    try {
      const env = { MOTCUA_DATA_DIR: dir };
      expect(motcua(['setup', '--parent-agency', SAMPLE_UNIT.parentAgency, '--unit-name', SAMPLE_UNIT.unitName, '--agency-code', 'H50.12.34', '--place', SAMPLE_UNIT.place], { env }).code).toBe(0);
      const file = join(dir, 'cu.csv');
      writeFileSync(file, [HEADER, ',2.000815,Nguyễn Thị Hường,,truc_tuyen,2026-03-17T09:00,,2026-03-17T09:20,,', ',1.001193,,,truc_tiep,2026-03-17T09:00,,,,'].join('\n'));
      const imp = motcua(['import', 'dossiers', file], { env });
      expect(imp.code).toBe(2);
      expect(imp.stderr).toContain('Dòng 3: thiếu ho_ten');
      expect(JSON.parse(imp.stdout)).toMatchObject({ imported: 1 });
      const rep = motcua(['report', '--from', '2026-03-01', '--to', '2026-03-31'], { env });
      expect(rep.code).toBe(0);
      const json = JSON.parse(rep.stdout);
      expect(Object.keys(json)).toEqual(['from', 'to', 'rows', 'totals', 'summary', 'indicators']);
      expect(json.rows[0]).toEqual({
        field: 'Chứng thực',
        received: { total: 1, online: 1, directOrPostal: 0, carriedOver: 0 },
        resolved: { total: 1, early: 1, onTime: 0, late: 0 },
        inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
      });
      const xlsx = join(dir, 'b.xlsx');
      expect(motcua(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--format', 'xlsx', '--out', xlsx], { env }).code).toBe(0);
      expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
      const bad = motcua(['report', '--from', '2026-03-31', '--to', '2026-03-01'], { env });
      expect(bad.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
