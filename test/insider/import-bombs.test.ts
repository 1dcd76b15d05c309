/**
 * Issue 15 item 5, limits: a hostile import file is refused with a clear Vietnamese message before it
 * costs memory or time, and nothing is stored. The bombs are made here (test/support/import-bombs.ts):
 * 5M rows that deflate to a few hundred KB, a zip that claims a 2 GB sheet, a sheet that lies about
 * its size, 150k real rows, and CSV files too long, too wide or with a giant cell. (How fast each is
 * refused is measured in `npm run bench`, not asserted here.) A real 2,000-row XLSX still imports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/app/create-app';
import { loadExcel } from '../../main/core/heavy-modules';
import { IMPORT_LIMITS } from '../../main/core/reports/import-limits';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { numberedRowsSheet, repeatedRowsSheet, xlsxWith } from '../support/import-bombs';
import { storeTargets } from '../support/stores';
import { generateHistory } from '../reports/history-fixture';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

describe('import bombs (SQLite desk)', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await freshApp(storeTargets()[0]!, { now: '2027-01-10T02:00:00.000Z' }));
    await app.client().invoke('unit.save', SAMPLE_UNIT);
  });
  afterAll(() => cleanup());

  async function refused(fileName: string, bytes: Buffer) {
    const rssBefore = process.memoryUsage().rss;
    const r = await app.dispatcher.call('dossiers.import', { fileName, contentBase64: b64(bytes) }, { actor: 'cli', transport: 'in-process' });
    const grewMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    expect(r.ok).toBe(false);
    if (r.ok) throw new Error('imported a bomb');
    expect(r.error.code).toBe('invalid_input');
    const n = await app.store.db.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    // The old reader inflated a 2 GB sheet into 3.7 GB of RSS; refusing from the directory costs nothing.
    expect(grewMb).toBeLessThan(400);
    return r.error;
  }

  it('refuses 5 million rows deflated to a few hundred KB from the zip directory, without inflating', async () => {
    const sheet = await repeatedRowsSheet(5_000_000);
    const file = xlsxWith(sheet);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const e = await refused('bom.xlsx', file);
    expect(e.message).toMatch(/giải nén lớn tới \d+ MB|bom nén/);
  }, 60_000);

  it('refuses a zip that claims a 2 GB sheet', async () => {
    const sheet = numberedRowsSheet(10);
    const e = await refused('2gb.xlsx', xlsxWith({ ...sheet, claimedSize: 2_000_000_000 }));
    expect(e.message).toContain('giải nén lớn tới 1908 MB');
    expect(e.message).toContain('đã từ chối mà không mở');
  });

  it('refuses a sheet that claims 10 KB but inflates to 250 MB, stopping at its claim', async () => {
    const sheet = await repeatedRowsSheet(5_000_000);
    const e = await refused('liar.xlsx', xlsxWith({ ...sheet, claimedSize: 10_000 }));
    expect(e.message).toContain('bom nén');
  }, 60_000);

  it('refuses 150,000 real rows in a sheet of honest size, naming the limit', async () => {
    const e = await refused('150k.xlsx', xlsxWith(numberedRowsSheet(150_000)));
    expect(e.message).toBe(`Tệp có hơn 100.000 dòng hồ sơ, quá giới hạn một lần nhập. Hãy chia tệp thành nhiều tệp nhỏ hơn rồi nhập lần lượt (nhập lại một tệp đã nhập không thêm hồ sơ trùng).`);
  }, 60_000);

  it('refuses a CSV of a million lines, one of 1,000 columns, and one with a 1 MB cell', async () => {
    const header = 'ma_thu_tuc,ho_ten,kenh,ngay_nhan\n';
    expect((await refused('dai.csv', Buffer.from(header + '1.001731,A\n'.repeat(1_000_000)))).message).toContain('hơn 100.000 dòng');
    const wide = Array.from({ length: 1000 }, (_, i) => `c${i}`).join(',');
    expect((await refused('rong.csv', Buffer.from(`${wide}\n${wide}\n`))).message).toContain(`quá giới hạn ${IMPORT_LIMITS.columns} cột`);
    expect((await refused('o.csv', Buffer.from(`${header}1.001731,"${'A'.repeat(1_000_000)}",truc_tiep,2026-03-17\n`))).message).toContain('Dòng 2 có một ô dài hơn 4.000 ký tự');
  }, 60_000);

  it('still imports a real 2,000-row XLSX written by Excel’s library', async () => {
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Lịch sử');
    const rows = generateHistory(2000);
    const cols = Object.keys(rows[0]!);
    ws.addRow(cols);
    for (const r of rows) ws.addRow(cols.map((c) => (r as unknown as Record<string, string>)[c]));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await app.client().invoke('dossiers.import', { fileName: 'that.xlsx', contentBase64: b64(bytes) });
    expect(res).toMatchObject({ rows: 2000, imported: 2000, rejected: false, errors: [] });
  }, 120_000);
});
