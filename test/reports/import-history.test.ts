import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileBytes } from '../../main/core/files/files.service';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

// Issue 14 item 19: a commune's past records from before the shipped catalogue's effective date
// (2025-07-01) are matched by procedure code, whatever version was in force, kept as history, and
// counted in every report: the 06a, the monthly charts and the book (Mẫu 07).
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const HEADER = 'ma_ho_so,ma_thu_tuc,ho_ten,so_giay_to,kenh,ngay_nhan,ngay_hen,ngay_co_ket_qua,ngay_tra,trang_thai';

for (const target of storeTargets()) {
  describe(`history import before the catalogue on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('stores 2022 records (CSV and XLSX) and counts them in the 06a, the charts and the book for 2022', async () => {
      const env = await freshApp(target, { now: '2026-06-30T03:00:00.000Z' });
      cleanups.push(env.cleanup);
      const c = env.app.client();
      await c.invoke('unit.save', SAMPLE_UNIT);
      const csv = [
        HEADER,
        // Chứng thực (same day), resolved on time and returned.
        'H50.12.34-220314-0001,2.000815,Nguyễn Thị Hường,045301001234,truc_tiep,2022-03-14T09:00,2022-03-14T17:00,2022-03-14T10:00,2022-03-14T10:30,',
        // Khai sinh, online, late: due 2022-03-16, result 2022-03-18.
        ',1.001193,Trần Văn Bình,,truc_tuyen,15/03/2022 08:00,16/03/2022,18/03/2022 09:00,,',
        // Still open at the end of 2022 (appointment in 2023): in progress.
        ',1.004873,Lê Thị Hoa,,truc_tiep,2022-12-28T08:00,2023-01-05T17:00,,,',
        // A withdrawn one.
        ',1.001193,Phạm Văn Cường,,buu_chinh,2022-06-01T08:00,,,2022-06-02T08:00,rut',
      ].join('\n');
      const first = await c.invoke('dossiers.import', { fileName: 'so-2022.csv', contentBase64: b64(csv) });
      expect(first.errors).toEqual([]);
      expect(first).toMatchObject({ rows: 4, imported: 4, rejected: false });
      // Said once, plainly: matched by code because the catalogue starts later.
      expect(first.warnings.join(' ')).toContain('4 hồ sơ nhận trước ngày danh mục thủ tục có hiệu lực (01/07/2025)');

      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sổ 2022');
      ws.addRow(HEADER.split(','));
      ws.addRow(['', '1.001193', 'Võ Thị Mai', 45301009999, 'truc_tiep', new Date(Date.UTC(2022, 8, 5, 8, 0)), '', new Date(Date.UTC(2022, 8, 5, 9, 0)), new Date(Date.UTC(2022, 8, 6, 9, 0)), '']);
      const xlsx = await c.invoke('dossiers.import', { fileName: 'so-2022.xlsx', contentBase64: b64(Buffer.from(await wb.xlsx.writeBuffer())) });
      expect(xlsx).toMatchObject({ imported: 1, errors: [] });

      // Stored as history, with the procedure the code names.
      const rows = await env.app.store.db.selectFrom('dossiers').select(['code', 'procedure_code', 'status', 'received_local', 'due_local', 'note']).orderBy('received_local').execute();
      expect(rows.map((r) => [r.procedure_code, r.status, r.received_local])).toEqual([
        ['2.000815', 'returned', '2022-03-14T09:00'],
        ['1.001193', 'result_ready', '2022-03-15T08:00'],
        ['1.001193', 'withdrawn', '2022-06-01T08:00'],
        ['1.001193', 'returned', '2022-09-05T08:00'],
        ['1.004873', 'received', '2022-12-28T08:00'],
      ]);
      expect(rows[0]!.code).toBe('H50.12.34-220314-0001');
      // An appointment computed for 2022 from the limit (the withdrawn row had none): a real working day.
      expect(rows[2]!.due_local > '2022-06-01T08:00').toBe(true);
      expect(rows.every((r) => r.note.includes('dữ liệu lịch sử'))).toBe(true);

      const report = await c.invoke('reports.run', { from: '2022-01-01', to: '2022-12-31' });
      expect(report.totals.received).toEqual({ total: 5, online: 1, directOrPostal: 4, carriedOver: 0 });
      expect(report.totals.resolved.total).toBe(4);
      expect(report.totals.resolved.late).toBe(1);
      expect(report.totals.inProgress.total).toBe(1);
      expect(report.rows.reduce((s, r) => s + r.received.total, 0)).toBe(5);
      // Later periods see only the dossier still open: carried over, not received again.
      expect((await c.invoke('reports.run', { from: '2026-01-01', to: '2026-06-30' })).totals.received).toEqual({ total: 1, online: 0, directOrPostal: 0, carriedOver: 1 });

      const monthly = await c.invoke('reports.monthly', { from: '2022-01-01', to: '2022-12-31' });
      expect(monthly.months.filter((m) => m.receivedTotal > 0).map((m) => [m.month, m.receivedTotal])).toEqual([
        ['2022-03', 2],
        ['2022-06', 1],
        ['2022-09', 1],
        ['2022-12', 1],
      ]);

      const book = await c.invoke('reports.exportBook', { from: '2022-01-01', to: '2022-12-31' });
      const bookWb = new ExcelJS.Workbook();
      await bookWb.xlsx.load(Buffer.from((await readFileBytes(env.app.store.db, book.fileId))!.bytes) as unknown as ArrayBuffer);
      const text = JSON.stringify(bookWb.worksheets[0]!.getSheetValues());
      for (const name of ['Nguyễn Thị Hường', 'Trần Văn Bình', 'Lê Thị Hoa', 'Phạm Văn Cường', 'Võ Thị Mai']) expect(text).toContain(name);

      // The same file again adds nothing.
      expect(await c.invoke('dossiers.import', { fileName: 'so-2022.csv', contentBase64: b64(csv) })).toMatchObject({ imported: 0, duplicates: 4 });
    });

    it('still refuses a code the catalogue does not know at all', async () => {
      const env = await freshApp(target, { now: '2026-06-30T03:00:00.000Z' });
      cleanups.push(env.cleanup);
      await env.app.client().invoke('unit.save', SAMPLE_UNIT);
      const res = await env.app.client().invoke('dossiers.import', { fileName: 'x.csv', contentBase64: b64(`${HEADER}\n,9.999999,Trần Văn A,,truc_tiep,2022-03-17T09:00,,,,`) });
      expect(res).toMatchObject({ imported: 0, rejected: true });
      expect(res.errors[0]!.message).toBe('Dòng 2: mã thủ tục "9.999999" không có trong danh mục thủ tục.');
    });
  });
}
