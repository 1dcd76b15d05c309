/**
 * Issue 20 findings 1, 2, 9 read back from the PDFs the desk issues (pdftotext): the receipt after an
 * extension, the fee wording, the return place and the unit's sentence name.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../main/app/create-app';
import { readFileBytes } from '../../main/core/files/files.service';
import { fixedClock } from '../../main/core/ports/clock';
import { SAMPLE_UNIT } from '../support/app';
import { pdfText } from '../support/pdf-tools';
import { storeTargets } from '../support/stores';

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();
const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp, xã Hướng Phùng' };

const target = storeTargets()[0]!;
describe('official forms wording', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it('prints the provincial fee as such, and after an extension the receipt keeps its appointment and notes the new one', async () => {
    const { config, dataDir, cleanup } = target.fresh();
    const app = await createApp({ dataDir, store: config, clock: fixedClock(vn('2026-03-17T09:00')), validateOutputs: true });
    cleanups.push(async () => {
      await app.close();
      await cleanup();
    });
    const c = app.client();
    await c.invoke('unit.save', SAMPLE_UNIT);
    const d = await c.invoke('dossiers.create', { requestId: randomUUID(), procedureCode: '1.004873', applicant: HUONG, components: Array.from({ length: 3 }, (_, position) => ({ position, received: true })) });
    const text = async (fileId: string) => pdfText((await readFileBytes(app.store.db, fileId))!.bytes).replace(/\s+/g, ' ');
    const before = await text((await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '01' } })).fileId);
    expect(before).toContain('Phí, lệ phí: theo mức HĐND tỉnh quy định (thu theo biên lai riêng)');
    expect(before).not.toContain('Không thu');
    expect(before).not.toContain('tại: Tại');
    const due = d.dueLocal;
    const [y, m, day] = due.slice(0, 10).split('-').map(Number) as [number, number, number];
    const later = new Date(Date.UTC(y, m - 1, day + 7)).toISOString().slice(0, 10);
    await c.invoke('tracking.extend', { code: d.code, newDue: `${later}T16:00`, reason: 'Cần xác minh thêm', signer: 'Nguyễn Văn Phó' });
    const after = await text((await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '01' } })).fileId);
    const item5 = (s: string) => /5\. Thời gian trả kết quả giải quyết hồ sơ: (.*? năm \d{4})/.exec(s)?.[1];
    expect(item5(after)).toBe(item5(before));
    expect(after).toContain('Thời hạn trả kết quả đã được gia hạn đến 16 giờ 00 phút');
    expect(after).toContain(`/PXL`);
  });
});
