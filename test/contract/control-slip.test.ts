/**
 * Issue 20 item 3: Mẫu 06 (phiếu kiểm soát) with hand-overs entered after the fact. The times printed are the
 * times given, a step finishes when the next one was handed over (so its result follows them), times read
 * "… giờ … phút, ngày … tháng … năm …", blank rows keep their four lines, and the result's return to the
 * one-stop desk has its row. The channel refuses impossible times with a Vietnamese message.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileBytes } from '../../main/core/files/files.service';
import { isAppError } from '../../shared/errors';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { pdfText, pdfWords, wordLines } from '../support/pdf-tools';
import { storeTargets } from '../support/stores';

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();
const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp' };

async function refusal(p: Promise<unknown>): Promise<{ path: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e) && e.code === 'invalid_input') return { path: e.issues?.[0]?.path ?? '', message: e.message };
    throw e;
  }
  throw new Error('expected invalid_input');
}

for (const target of storeTargets()) {
  describe(`Mẫu 06 with times entered after the fact on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('prints the times given, the results they give, the desk row, and refuses impossible times', async () => {
      const env = await freshApp(target, { now: vn('2026-11-02T08:30') });
      cleanups.push(env.cleanup);
      const c = env.app.client();
      await c.invoke('unit.save', SAMPLE_UNIT);
      const d = await c.invoke('dossiers.create', { requestId: randomUUID(), procedureCode: '1.004873', applicant: HUONG, components: [0, 1, 2].map((position) => ({ position, received: true })) });
      const step = { code: d.code, stepName: 'Thẩm định hồ sơ', agency: 'Công chức Tư pháp - Hộ tịch', receiver: 'Lê Văn Tâm', allowedDays: 1 };

      // Typed at 16:40 for what happened at 09:30.
      env.clock.set(vn('2026-11-02T16:40'));
      expect(await refusal(c.invoke('tracking.handOver', { ...step, receivedAt: '2026-11-02T17:00' }))).toEqual({ path: 'receivedAt', message: 'Thời điểm giao, nhận hồ sơ không được sau thời điểm ghi nhận (16 giờ 40 phút, ngày 02/11/2026); chỉ ghi việc đã diễn ra.' });
      expect((await refusal(c.invoke('tracking.handOver', { ...step, receivedAt: '2026-11-02T08:00' }))).message).toBe('Thời điểm giao hồ sơ không được trước lúc tiếp nhận hồ sơ (08 giờ 30 phút, ngày 02/11/2026).');
      expect((await refusal(c.invoke('tracking.handOver', { ...step, givenAt: '2026-11-02T09:30', receivedAt: '2026-11-02T09:00' }))).message).toBe('Thời điểm nhận không được trước thời điểm giao hồ sơ (09 giờ 30 phút, ngày 02/11/2026).');
      await c.invoke('tracking.handOver', { ...step, receivedAt: '2026-11-02T09:30' });

      env.clock.set(vn('2026-11-03T15:00'));
      const next = { ...step, stepName: 'Trình ký', agency: 'Lãnh đạo UBND xã', receiver: 'Trần Văn Phó' };
      expect(await refusal(c.invoke('tracking.handOver', { ...next, givenAt: '2026-11-02T09:00' }))).toEqual({ path: 'givenAt', message: 'Thời điểm giao hồ sơ không được trước bước chuyển trước đó (09 giờ 30 phút, ngày 02/11/2026).' });
      // Handed on at 09:15 the next day: within the first step's day (due 09:30), so on time, although typed at 15:00.
      await c.invoke('tracking.handOver', { ...next, givenAt: '2026-11-03T09:15', receivedAt: '2026-11-03T09:20' });
      env.clock.set(vn('2026-11-04T09:00'));
      await c.invoke('tracking.resultReady', { code: d.code });

      const doc = await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '06' } });
      const pdf = (await readFileBytes(env.app.store.db, doc.fileId))!.bytes;
      const lines = wordLines(pdfWords(pdf)).map((l) => l.map((w) => w.text).join(' '));
      const text = pdfText(pdf).replace(/\s+/g, ' ');
      expect(text).not.toContain('16 giờ 40');
      expect(text).not.toContain('15 giờ 00');
      // One line per row of the table: agency, "Giao: …", giver, receiver, result, note.
      const row = (agency: string) => lines.find((l) => l.startsWith(agency))!;
      expect(row('Công chức Tư')).toMatch(/^Công chức Tư Giao: 09 giờ 30 phút, .*Đúng hạn/);
      expect(row('Lãnh đạo UBND')).toMatch(/^Lãnh đạo UBND Giao: 09 giờ 15 phút, .*Đúng hạn/);
      expect(lines).toContain('Nhận: 09 giờ 20 phút,');
      // The date goes on its own line in the cell (not after a comma as in the running text above the table).
      expect(lines.filter((l) => /(^|[^,]) ngày 02 tháng 11 năm 2026|^ngày 02 tháng 11 năm 2026/.test(l))).toHaveLength(2);
      // The result back at the one-stop desk (the centre's name), ready a day before the appointment: early.
      expect(row('Trung tâm Phục vụ')).toMatch(/^Trung tâm Phục vụ Giao: 09 giờ 00 phút, .*Trước hạn/);
      expect(text).toMatch(/Nhận kết .*quả giải .*quyết/);
      // Blank rows for handwriting: four whole lines each, nothing wrapped.
      const blanks = lines.filter((l) => l.includes('……') && !l.startsWith('Cơ quan'));
      expect(blanks.slice(0, 4)).toEqual(['Giao: …… giờ …… phút,', 'ngày …… tháng …… năm ……', 'Nhận: …… giờ …… phút,', 'ngày …… tháng …… năm ……']);
    });
  });
}
