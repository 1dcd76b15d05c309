import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { sqliteChildEnv } from '../support/stores';

/**
 * Runs `motcua` exactly like bin/motcua.js does (same program, same exit-code rules), adding the
 * backup commands when main.ts does not register them yet, so this suite works before and after wiring.
 */
const RUNNER = `
  import { CommanderError } from 'commander';
  import { buildProgram } from './main/cli/main.ts';
  import { registerBackup } from './main/cli/commands/backup.ts';
  import { reportError } from './main/cli/run.ts';
  const program = buildProgram();
  if (!program.commands.some((c) => c.name() === 'backup')) registerBackup(program);
  let code;
  try {
    await program.parseAsync(JSON.parse(process.env.MOTCUA_TEST_ARGV), { from: 'user' });
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    code = err instanceof CommanderError ? (err.exitCode === 0 ? 0 : 2) : reportError(err);
  }
  process.exit(code);
`;

function motcua(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RUNNER], {
    cwd: ROOT,
    env: sqliteChildEnv({ MOTCUA_TEST_ARGV: JSON.stringify(args) }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const UNIT = ['--parent-agency', 'UBND XÃ HƯỚNG PHÙNG', '--unit-name', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG', '--agency-code', 'H50.12.34'];

describe('motcua backup / restore / verify', () => {
  const dirs: string[] = [];
  const tempDir = (prefix = 'motcua-cli-bk-') => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  });

  it('backs up, previews, restores (keeping the current data first) and rotates', () => {
    const data = tempDir();
    const usb = tempDir('motcua-usb-');
    expect(motcua(['--data-dir', data, 'setup', ...UNIT, '--place', 'Hướng Phùng']).code).toBe(0);

    const b1 = motcua(['--data-dir', data, 'backup', '--out', usb, '--keep', '2']);
    expect(b1.stderr).toMatch(/Đã sao lưu vào/);
    expect(b1.code).toBe(0);
    const m1 = JSON.parse(b1.stdout);
    expect(m1).toMatchObject({ format: 'motcua-backup/1', engine: 'sqlite', schemaVersion: expect.stringMatching(/^\d{4}-/), removed: [] });
    expect(m1.file).toMatch(/^motcua-\d{8}-\d{6}(-\d+)?\.sqlite$/);
    expect(m1.counts.unit_profile).toBe(1);
    expect(JSON.parse(readFileSync(join(usb, `${m1.file}.json`), 'utf8')).sha256).toBe(m1.sha256);

    // The place changes after the backup.
    expect(motcua(['--data-dir', data, 'setup', ...UNIT, '--place', 'Khe Sanh']).code).toBe(0);

    // Without --yes: preview on stdout, a question on stderr, exit 2, nothing changed.
    const preview = motcua(['--data-dir', data, 'restore', m1.path]);
    expect(preview.code).toBe(2);
    expect(preview.stderr).toMatch(/--yes/);
    expect(preview.stderr).toMatch(/THAY TOÀN BỘ dữ liệu hiện tại/);
    expect(JSON.parse(preview.stdout)).toMatchObject({ ok: true, counts: m1.counts, current: { state: 'ok' } });
    expect(JSON.parse(motcua(['--data-dir', data, 'call', 'unit.get']).stdout).place).toBe('Khe Sanh');
    expect(existsSync(join(data, 'backups'))).toBe(false);

    const restored = motcua(['--data-dir', data, 'restore', m1.path, '--yes']);
    expect(restored.stderr).toMatch(/Đã khôi phục dữ liệu/);
    expect(restored.code).toBe(0);
    const result = JSON.parse(restored.stdout);
    expect(result.safety.kind).toBe('backup');
    expect(readdirSync(join(data, 'backups')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    expect(JSON.parse(motcua(['--data-dir', data, 'call', 'unit.get']).stdout).place).toBe('Hướng Phùng');
    expect(motcua(['--data-dir', data, 'verify']).code).toBe(0);

    // Two more backups with --keep 2: only two of ours remain.
    writeFileSync(join(usb, 'ghi-chu.txt'), 'không được xóa');
    for (let i = 0; i < 2; i += 1) {
      const r = motcua(['--data-dir', data, 'backup', '--out', usb, '--keep', '2']);
      expect(r.code).toBe(0);
    }
    const ours = readdirSync(usb).filter((f) => f.endsWith('.sqlite'));
    expect(ours).toHaveLength(2);
    expect(ours).not.toContain(m1.file);
    expect(readdirSync(usb)).toContain('ghi-chu.txt');
  }, 120_000);

  it('uses exit 2 for bad input and 1 for a folder it cannot write, with Vietnamese messages', () => {
    const data = tempDir();
    expect(motcua(['--data-dir', data, 'setup', ...UNIT, '--place', 'A']).code).toBe(0);
    const badKeep = motcua(['--data-dir', data, 'backup', '--out', tempDir(), '--keep', '0']);
    expect(badKeep.code).toBe(2);
    expect(badKeep.stderr).toMatch(/--keep "0": phải là số nguyên từ 1 trở lên/);
    expect(motcua(['--data-dir', data, 'backup']).code).toBe(2);

    const missing = motcua(['--data-dir', data, 'backup', '--out', join(data, 'khong-co')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/Lỗi \(device_unavailable\): Không tìm thấy thư mục/);

    const nofile = motcua(['--data-dir', data, 'restore', join(data, 'motcua-20260101-000000.sqlite')]);
    expect(nofile.code).toBe(2);
    expect(nofile.stderr).toMatch(/Không tìm thấy tệp sao lưu/);

    const junk = join(data, 'motcua-20260101-000000.sqlite');
    writeFileSync(junk, 'not a database at all, just some text that is long enough to not be empty');
    const bad = motcua(['--data-dir', data, 'restore', junk, '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Không khôi phục được/);

    expect(motcua(['--data-dir', tempDir(), 'verify']).code).toBe(2);
  }, 120_000);

  it('verify names the problem and exits 1: a broken audit chain, then a damaged file with the backups to use', () => {
    const data = tempDir();
    expect(motcua(['--data-dir', data, 'setup', ...UNIT, '--place', 'A']).code).toBe(0);
    expect(motcua(['--data-dir', data, 'setup', ...UNIT, '--place', 'B']).code).toBe(0);
    const ok = motcua(['--data-dir', data, 'verify']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, problems: [], audit: { ok: true } });
    const usb = tempDir('motcua-usb-');
    const b = JSON.parse(motcua(['--data-dir', data, 'backup', '--out', usb]).stdout);

    const file = join(data, 'motcua.sqlite');
    const db = new Database(file);
    db.prepare(`update audit_log set actor = 'x' where seq = 1`).run();
    db.close();
    const tampered = motcua(['--data-dir', data, 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/Nhật ký kiểm tra \(audit\) không toàn vẹn từ mục số 1/);

    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    closeSync(fd);
    const broken = motcua(['--data-dir', data, 'verify', '--backup-dir', usb]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/bị hỏng/);
    const out = JSON.parse(broken.stdout);
    expect(out).toMatchObject({ ok: false, status: 'recovery_needed', reason: 'not_a_database' });
    expect(out.backups.map((x: { path: string }) => x.path)).toEqual([b.path]);

    // And the suggested restore brings the desk back.
    const restored = motcua(['--data-dir', data, 'restore', b.path, '--yes']);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout).safety.kind).toBe('raw_copy');
    expect(motcua(['--data-dir', data, 'verify']).code).toBe(0);
  }, 120_000);
});
