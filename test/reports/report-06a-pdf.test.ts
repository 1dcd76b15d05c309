/**
 * Issue 20 items 9 and 10 on the 06a PDF, read back from its own text positions (pdftotext -bbox): Decree 30/2020
 * margins (top, bottom ≥ 20 mm, left ≥ 30 mm, right ≥ 15 mm), no word alone on the title's last line, the period
 * named even when asked for by dates, every share in one style ("66,67 %"), the centre's name in the summary and
 * the note saying which moment counts as "giải quyết".
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileBytes } from '../../main/core/files/files.service';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { pdfInfo, pdfText, pdfWords, wordLines } from '../support/pdf-tools';
import { storeTargets } from '../support/stores';

const MM = 72 / 25.4;
const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();
const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp' };

const target = storeTargets()[0]!;
describe('06a PDF layout and wording', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it('keeps Decree 30 margins, balances the title, names the period, writes shares one way and says what counts as resolved', async () => {
    const env = await freshApp(target, { now: vn('2026-11-02T08:30') });
    cleanups.push(env.cleanup);
    const c = env.app.client();
    await c.invoke('unit.save', SAMPLE_UNIT);
    for (let i = 0; i < 4; i++) {
      const d = await c.invoke('dossiers.create', { requestId: randomUUID(), procedureCode: '1.004873', applicant: HUONG, components: [0, 1, 2].map((position) => ({ position, received: true })) });
      if (i < 3) await c.invoke('tracking.resultReady', { code: d.code });
    }
    env.clock.set(vn('2026-12-15T09:00'));
    // Asked for by dates only (the CLI's --from/--to): the cut-off Quý IV.
    const file = await c.invoke('reports.export', { from: '2026-09-15', to: '2026-12-14', format: 'pdf' });
    const pdf = (await readFileBytes(env.app.store.db, file.fileId))!.bytes;
    const { width, height } = pdfInfo(pdf);
    const words = pdfWords(pdf);
    for (const w of words) {
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(30 * MM - 1);
      expect(w.xMax, w.text).toBeLessThanOrEqual(width - 15 * MM + 1);
      expect(w.yMin, w.text).toBeGreaterThanOrEqual(20 * MM - 1);
      expect(w.yMax, w.text).toBeLessThanOrEqual(height - 20 * MM + 1);
    }
    const lines = wordLines(words).map((l) => l.map((w) => w.text).join(' '));
    const title = lines.findIndex((l) => l.includes('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT'));
    const last = lines[title + 1]!;
    expect(`${lines[title]} ${last}`).toContain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG');
    expect(last.split(' ').length, `title's last line: ${last}`).toBeGreaterThan(3);

    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Kỳ báo cáo: Quý IV năm 2026 (Từ ngày 15/09/2026 đến ngày 14/12/2026)');
    expect(text).toContain('Từ ngày 15/09/2026 đến ngày 14/12/2026, Trung tâm Phục vụ hành chính công xã Hướng Phùng tiếp nhận tổng số 04 hồ sơ');
    expect(text).not.toContain('Bộ phận Một cửa');
    const shares = text.match(/\d+(?:[.,]\d+)? ?%/g) ?? [];
    expect(shares.length).toBeGreaterThan(5);
    for (const s of shares) expect(s).toMatch(/^\d+,\d{2} %$/);
    expect(text).toContain('≥ 50,00 %');
    expect(text).toContain('Ghi chú: Hồ sơ được tính là đã giải quyết tại thời điểm có kết quả giải quyết chuyển về Trung tâm Phục vụ hành chính công xã Hướng Phùng (kết quả sẵn sàng để trả), không phải thời điểm người nộp đến nhận');
  });
});
