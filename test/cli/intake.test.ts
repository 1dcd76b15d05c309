import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { motcua } from '../support/cli';

describe('motcua catalog and calendar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-intake-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => motcua(['--data-dir', dir, ...args]);

  it('lists the current catalogue as [{code,name,field,limit}]', () => {
    const r = run('catalog', 'list');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['code', 'field', 'limit', 'name']);
    expect(rows.find((p) => p.code === '2.000815')).toMatchObject({ field: 'Chứng thực', limit: 'same-day' });
    expect(new Set(rows.map((p) => p.field))).toEqual(new Set(['Chứng thực', 'Hộ tịch', 'Đất đai', 'Bảo trợ xã hội', 'Người có công']));
  });

  it('shows one procedure in force on a date, and says so in Vietnamese when there is none', () => {
    const r = run('catalog', 'show', '2.000815', '--on', '2026-03-17');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '2.000815', field: 'Chứng thực', limit: { kind: 'same-day' } });
    const missing = run('catalog', 'show', '9.999999', '--on', '2026-03-17');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Không có thủ tục mã 9.999999 đang có hiệu lực ngày 17/03/2026');
  });

  it('computes the appointment for N working days and for same-day', () => {
    expect(JSON.parse(run('calendar', 'due', '--received', '2026-02-13T10:00', '--limit', '3').stdout)).toEqual({ received: '2026-02-13T10:00', due: '2026-02-25T10:00', limit: 3 });
    expect(JSON.parse(run('calendar', 'due', '--received', '2026-04-29T09:00', '--limit', '2').stdout).due.slice(0, 10)).toBe('2026-05-05');
    expect(JSON.parse(run('calendar', 'due', '--received', '2026-04-24T14:59', '--limit', 'same-day').stdout).due.slice(0, 10)).toBe('2026-04-24');
    expect(JSON.parse(run('calendar', 'due', '--received', '2026-01-09T09:00', '--limit', '1').stdout).due.slice(0, 10)).toBe('2026-01-10');
  });

  it('says why a day is not a working day', () => {
    const r = run('calendar', 'day', '2026-04-27');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ date: '2026-04-27', working: false, reason: expect.stringContaining('Giỗ Tổ') });
    expect(JSON.parse(run('calendar', 'day', '2026-01-10').stdout)).toMatchObject({ working: true });
  });

  it('prints a year with lunar anchors and typed days', () => {
    const y = JSON.parse(run('calendar', 'year', '2027').stdout);
    expect(y).toMatchObject({ year: 2027, lunarNewYear: '2027-02-06', hungKings: '2027-04-16' });
    for (const d of y.days) expect(['holiday', 'compensatory', 'swap-off', 'working-saturday']).toContain(d.kind);
    expect(y.days.map((d: { date: string }) => d.date)).toContain('2027-05-03');
  });

  it('rejects bad input with exit code 2 and a message', () => {
    for (const args of [
      ['calendar', 'due', '--received', '2026-02-13T10:00', '--limit', 'abc'],
      ['calendar', 'due', '--received', '2026-02-30T10:00', '--limit', '3'],
      ['calendar', 'due', '--received', '13/02/2026', '--limit', '3'],
      ['calendar', 'day', '2026-02-30'],
      ['calendar', 'year', '20x7'],
    ]) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/Lỗi/);
    }
  });
});

describe('motcua catalog export and import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => motcua(['--data-dir', dir, ...args]);

  it('exports to XLSX and JSON, and importing them back changes nothing', () => {
    const xlsx = join(dir, 'danh-muc.xlsx');
    const json = join(dir, 'danh-muc.json');
    expect(JSON.parse(run('catalog', 'export', '--out', xlsx).stdout).procedures).toBeGreaterThanOrEqual(15);
    expect(run('catalog', 'export', '--out', json).code).toBe(0);
    const again = JSON.parse(run('catalog', 'import', xlsx).stdout);
    expect(again).toMatchObject({ added: 0, replaced: 0 });
    expect(again.unchanged).toBeGreaterThanOrEqual(15);
    expect(JSON.parse(run('catalog', 'import', json).stdout)).toMatchObject({ added: 0, replaced: 0 });
  });

  it('refuses a file that is not a catalogue with exit code 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"version":"x"}');
    const r = run('catalog', 'import', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('procedures');
  });
});
