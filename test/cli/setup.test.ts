import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { motcua } from '../support/cli';

describe('motcua command line', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  });

  it('prints help in Vietnamese with the setup command and the data folder option', () => {
    const r = motcua(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('setup');
    expect(r.stdout).toContain('--data-dir');
    expect(r.stdout).toContain('thư mục dữ liệu');
  });

  it('writes the unit profile non-interactively and prints it as JSON', () => {
    const dir = dataDir();
    const r = motcua([
      '--data-dir', dir, 'setup',
      '--parent-agency', 'UBND XÃ HƯỚNG PHÙNG',
      '--unit-name', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
      '--agency-code', 'H50.12.34',
      '--place', 'Hướng Phùng',
      '--address', 'Thôn Cợp',
      '--phone', '0233 3880 123',
      '--officer', 'Hồ Thị Lan|Công chức Tư pháp - Hộ tịch',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const profile = JSON.parse(r.stdout);
    expect(profile).toMatchObject({ agencyCode: 'H50.12.34', place: 'Hướng Phùng', officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }] });
    // The same data folder, read back by another process (MOTCUA_DATA_DIR works like --data-dir).
    const read = motcua(['call', 'unit.get'], { env: { MOTCUA_DATA_DIR: dir } });
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout).unitName).toBe('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG');
  });

  it('fails with a clear message and exit code 2 on an invalid agency code, and saves nothing', () => {
    const dir = dataDir();
    const r = motcua(['--data-dir', dir, 'setup', '--parent-agency', 'UBND XÃ A', '--unit-name', 'TT A', '--agency-code', 'H50-12', '--place', 'A']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('agencyCode');
    expect(r.stderr).toContain('Mã định danh cơ quan không hợp lệ');
    expect(JSON.parse(motcua(['--data-dir', dir, 'call', 'unit.get']).stdout)).toBeNull();
  });

  it('treats a missing required option and an unknown command as bad input (exit 2)', () => {
    const dir = dataDir();
    expect(motcua(['--data-dir', dir, 'setup', '--parent-agency', 'X']).code).toBe(2);
    expect(motcua(['--data-dir', dir, 'frobnicate']).code).toBe(2);
    const badJson = motcua(['--data-dir', dir, 'call', 'unit.save', '{not json']);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('JSON');
  });
});
