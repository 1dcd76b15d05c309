import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motcua } from '../support/cli';

/** `motcua print …` end to end: the real bin, its own SQLite data folder, real files on disk. */
// Each case spawns the real CLI several times (tsx start-up): give them room on a busy machine.
describe('motcua print', { timeout: 240_000 }, () => {
  let dir: string;
  let code: string;
  let noticeId: string;
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => motcua(['--data-dir', dir, ...args], { env });
  const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-cli-print-'));
    const setup = run(['setup', '--parent-agency', 'UBND XÃ HƯỚNG PHÙNG', '--unit-name', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG', '--agency-code', 'H50.12.34', '--place', 'Hướng Phùng', '--officer', 'Hồ Thị Lan|Công chức Tư pháp - Hộ tịch']);
    expect(setup.code, setup.stderr).toBe(0);
    const applicant = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp, xã Hướng Phùng' };
    const created = run(['call', 'dossiers.create', JSON.stringify({ requestId: randomUUID(), procedureCode: '1.001731', applicant, components: [0, 1, 2].map((position) => ({ position, received: true })) })]);
    expect(created.code, created.stderr).toBe(0);
    code = JSON.parse(created.stdout).code;
    const notice = run(['call', 'intake.notice', JSON.stringify({ kind: 'supplement', procedureCode: '1.001731', applicant, missing: ['Giấy báo tử hoặc trích lục khai tử'], reason: 'Thiếu giấy báo tử' })]);
    expect(notice.code, notice.stderr).toBe(0);
    noticeId = JSON.parse(notice.stdout).id;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('saves the receipt of a dossier to --out: 2 pages, the code and the applicant in the text', () => {
    const out = join(dir, 'receipt.pdf');
    const r = run(['print', 'receipt', code, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ form: '01', subject: code, pages: 2, status: 'saved', out });
    expect(pages(out)).toBe(2);
    expect(readFileSync(out).length).toBe(json.bytes);
    const t = text(out);
    expect(t).toContain(code);
    expect(t).toContain('Nguyễn Thị Hường');
    expect(t).toContain('Liên 2: Giao người nộp hồ sơ');
  });

  it('makes an A5 receipt with --paper A5', () => {
    const out = join(dir, 'receipt-a5.pdf');
    const r = run(['print', 'receipt', code, '--out', out, '--paper', 'a5']);
    expect(r.code, r.stderr).toBe(0);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+419\.5\d* x 595\.2/);
  });

  it('exits 2 for an unknown dossier code, an unknown form, a bad date and a missing destination', () => {
    const unknown = run(['print', 'receipt', 'H50.12.34-260101-0999', '--out', join(dir, 'x.pdf')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Không tìm thấy hồ sơ mã H50.12.34-260101-0999');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    const form = run(['print', 'form', '09', code, '--out', join(dir, 'x.pdf')]);
    expect(form.code).toBe(2);
    expect(form.stderr).toContain('Không có biểu mẫu "09"');
    const noSupplement = run(['print', 'form', '02', code, '--out', join(dir, 'x.pdf')]);
    expect(noSupplement.code).toBe(2);
    expect(noSupplement.stderr).toContain('chưa có yêu cầu bổ sung');
    const date = run(['print', 'book', '--from', '2026-03-01', '--to', '17/03/2026', '--out', join(dir, 'x.pdf')]);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--to phải là ngày dạng YYYY-MM-DD');
    const nowhere = run(['print', 'receipt', code]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('--out');
  });

  it('prints Mẫu 02 from an intake notice id and refuses Mẫu 03 for it', () => {
    const out = join(dir, 'f02.pdf');
    const r = run(['print', 'form', '02', noticeId, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ form: '02', subject: noticeId });
    expect(text(out)).toContain('Giấy báo tử hoặc trích lục khai tử');
    const wrong = run(['print', 'form', '03', noticeId, '--out', join(dir, 'f03.pdf')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('hãy in Mẫu 02');
  });

  it('prints the book for a date range that holds the dossier', () => {
    const today = JSON.parse(run(['call', 'dossiers.get', JSON.stringify({ code })]).stdout).receivedLocal.slice(0, 10) as string;
    const out = join(dir, 'book.pdf');
    const r = run(['print', 'book', '--from', today, '--to', today, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ form: '07', subject: `book:${today}..${today}` });
    expect(text(out)).toContain(code);
  });

  it('sends to --printer, reports a missing printer with exit 1 and keeps the document, and reprints it', () => {
    const ok = run(['print', 'receipt', code, '--printer', 'Lưu thành tệp PDF'], { MOTCUA_PRINTER: 'pdf-file' });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'printed', printer: 'Lưu thành tệp PDF' });
    const saved = readdirSync(join(dir, 'printed-pdf'));
    expect(saved).toHaveLength(1);
    expect(pages(join(dir, 'printed-pdf', saved[0]!))).toBe(2);

    const out = join(dir, 'failed.pdf');
    const dead = run(['print', 'receipt', code, '--printer', 'Không-có-máy-này', '--out', out], { MOTCUA_PRINTER: 'fake' });
    expect(dead.code).toBe(1);
    expect(dead.stderr).toContain('Máy in "Không-có-máy-này" không tồn tại hoặc đang tắt. Tài liệu đã được lưu');
    const failed = JSON.parse(dead.stdout);
    expect(failed.status).toBe('failed');
    expect(pages(out)).toBe(2);

    const again = run(['print', 'reprint', failed.documentId, '--printer', 'Lưu thành tệp PDF'], { MOTCUA_PRINTER: 'pdf-file' });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'printed', sha256: failed.sha256 });
    const files = readdirSync(join(dir, 'printed-pdf'));
    expect(files).toHaveLength(2);
    const reprinted = files.find((f) => f !== saved[0])!;
    expect(readFileSync(join(dir, 'printed-pdf', reprinted)).equals(readFileSync(out))).toBe(true);

    const history = JSON.parse(run(['print', 'history', code]).stdout) as Array<{ status: string }>;
    expect(history.map((h) => h.status).slice(0, 3)).toEqual(['printed', 'failed', 'printed']);
  });
});
