/**
 * Renders every official form (Mẫu 01–07, desk notices, the 06a report) from a realistic day at the desk:
 * a person's dossier and an organisation's, before and after an extension, hand-overs entered after the
 * fact, a supplement, a refusal, a stop. Writes the PDFs and small PNGs (pdftoppm -r 50) for docs/forms.md
 * and for people to look at: `npx tsx scripts/forms-gallery.ts OUT_DIR [--dpi 50] [--pdf]` (--pdf keeps the PDFs too).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../main/app/create-app';
import { readFileBytes } from '../main/core/files/files.service';
import { fixedClock } from '../main/core/ports/clock';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx scripts/forms-gallery.ts OUT_DIR [--dpi 50]');
const dpiAt = process.argv.indexOf('--dpi');
const dpi = dpiAt > 0 ? Number(process.argv[dpiAt + 1]) : 50;
mkdirSync(out, { recursive: true });

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-gallery-'));
const clock = fixedClock(vn('2026-11-02T08:30'));
const app = await createApp({ dataDir, store: { kind: 'sqlite', file: join(dataDir, 'motcua.sqlite') }, clock, validateOutputs: true });
const admin = app.client();

async function save(name: string, fileId: string): Promise<void> {
  const file = await readFileBytes(app.store.db, fileId);
  if (!file) throw new Error(`file ${fileId} missing`);
  const pdf = join(process.argv.includes('--pdf') ? out! : dataDir, `${name}.pdf`);
  writeFileSync(pdf, file.bytes);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, join(out!, name)]);
  console.log(name);
}
const form = async (name: string, code: string, f: '01' | '02' | '03' | '04' | '05' | '06') =>
  save(name, (await admin.invoke('documents.save', { target: { kind: 'dossier', code, form: f } })).fileId);

try {
  await admin.invoke('unit.save', {
    parentAgency: 'UBND XÃ HƯỚNG PHÙNG',
    unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
    agencyCode: 'H50.12.34',
    place: 'Hướng Phùng',
    address: 'Thôn Cợp, xã Hướng Phùng, tỉnh Quảng Trị',
    phone: '0233 3880 123',
    email: '',
    officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }],
  });
  await admin.invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '246810' });
  const lan = app.client({ user: { id: 'u-lan', name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk' } });
  const person = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cheng, xã Hướng Phùng, tỉnh Quảng Trị' };
  const organisation = { kind: 'organisation' as const, fullName: 'Công ty TNHH Nông sản Hướng Phùng', idKind: 'other' as const, idNumber: '3200123456', phone: '0233 3880 456', address: 'Thôn Cợp, xã Hướng Phùng, tỉnh Quảng Trị' };
  const create = (applicant: Record<string, unknown>, procedureCode: string, n: number) =>
    lan.invoke('dossiers.create', { requestId: randomUUID(), procedureCode, applicant: applicant as never, components: Array.from({ length: n }, (_, position) => ({ position, received: true })) });

  const p = await create(person, '1.004873', 3);
  clock.set(vn('2026-11-02T09:10'));
  const o = await create(organisation, '1.004873', 3);
  await form('mau-01-person', p.code, '01');
  await form('mau-01-organisation', o.code, '01');

  // Hand-overs typed in the afternoon for what happened in the morning.
  clock.set(vn('2026-11-02T16:40'));
  await lan.invoke('tracking.handOver', { code: p.code, stepName: 'Thẩm định hồ sơ', agency: 'Công chức Tư pháp - Hộ tịch', receiver: 'Lê Văn Tâm', allowedDays: 1, receivedAt: '2026-11-02T09:30' });
  clock.set(vn('2026-11-03T15:00'));
  await lan.invoke('tracking.handOver', { code: p.code, stepName: 'Trình ký', agency: 'Lãnh đạo UBND xã', receiver: 'Trần Văn Phó', allowedDays: 1, givenAt: '2026-11-03T09:15', receivedAt: '2026-11-03T09:20' });
  clock.set(vn('2026-11-04T09:00'));
  await lan.invoke('tracking.extend', { code: o.code, newDue: '2026-11-20T16:00', reason: 'Cần xác minh thêm thông tin về đất đai với cơ quan thuế', signer: 'Trần Văn Phó' });
  await form('mau-01-organisation-extended', o.code, '01');
  await form('mau-04-organisation', o.code, '04');
  await lan.invoke('tracking.resultReady', { code: p.code });
  clock.set(vn('2026-11-05T14:00'));
  await lan.invoke('tracking.return', { code: p.code, collector: { isApplicant: true } });
  await form('mau-06-person', p.code, '06');

  const s = await create(person, '1.004873', 3);
  await lan.invoke('tracking.stop', { code: s.code, reason: 'Người nộp hồ sơ có đơn đề nghị dừng giải quyết', signer: 'Trần Văn Phó' });
  await form('mau-05-person', s.code, '05');
  const r = await create(organisation, '1.004873', 3);
  await lan.invoke('tracking.refuse', { code: r.code, reason: 'Hồ sơ thuộc thẩm quyền giải quyết của UBND tỉnh' });
  await form('mau-03-organisation', r.code, '03');
  const q = await create(person, '1.004873', 3);
  await lan.invoke('tracking.requestSupplement', { code: q.code, missing: ['Bản sao Giấy khai sinh'], reason: 'Thiếu bản sao Giấy khai sinh' });
  await form('mau-02-person', q.code, '02');
  const e2 = await create(person, '1.004873', 3);
  clock.set(vn('2026-11-06T09:00'));
  await lan.invoke('tracking.extend', { code: e2.code, newDue: '2026-11-23T16:00', reason: 'Cần xác minh thêm', signer: 'Trần Văn Phó' });
  clock.set(vn('2026-11-10T09:00'));
  await lan.invoke('tracking.extend', { code: e2.code, newDue: '2026-11-27T16:00', reason: 'Chờ ý kiến của cơ quan thuế', signer: 'Trần Văn Phó' });
  await form('mau-04-person-second', e2.code, '04');
  await form('mau-01-person-extended', e2.code, '01');

  const notice = await lan.invoke('intake.notice', { kind: 'supplement', procedureCode: '1.004873', applicant: person, missing: ['Bản sao Giấy khai sinh'], reason: 'Thiếu bản sao Giấy khai sinh' });
  await save('mau-02-desk-notice', (await lan.invoke('documents.save', { target: { kind: 'notice', id: notice.id } })).fileId);
  const refusal = await lan.invoke('intake.notice', { kind: 'refusal', procedureCode: '1.004873', applicant: organisation as never, missing: [], reason: 'Thủ tục không thuộc thẩm quyền của xã' });
  await save('mau-03-desk-notice-organisation', (await lan.invoke('documents.save', { target: { kind: 'notice', id: refusal.id } })).fileId);
  await save('mau-07-book', (await admin.invoke('documents.save', { target: { kind: 'book', from: '2026-11-01', to: '2026-11-30' } })).fileId);
  clock.set(vn('2026-12-15T09:00'));
  await save('bieu-06a', (await admin.invoke('reports.export', { from: '2026-09-15', to: '2026-12-14', format: 'pdf', periodLabel: 'Quý IV năm 2026' })).fileId);
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
