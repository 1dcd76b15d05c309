import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { motcua } from '../support/cli';

describe('motcua audit verify', () => {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  });

  it('passes on an intact chain and fails naming the first entry edited directly in the database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-audit-'));
    dirs.push(dir);
    const unit = { parentAgency: 'UBND XÃ A', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ A', agencyCode: 'H50.12.34', place: 'A', officers: [{ name: 'Hồ Thị Lan', title: 'Công chức' }] };
    expect(motcua(['--data-dir', dir, 'call', 'unit.save', JSON.stringify(unit)]).code).toBe(0);
    const dossier = { requestId: randomUUID(), procedureCode: '1.001731', applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234' }, components: [0, 1, 2].map((position) => ({ position, received: true })) };
    const created = motcua(['--data-dir', dir, 'call', 'dossiers.create', JSON.stringify(dossier)]);
    expect(created.code).toBe(0);
    const code = JSON.parse(created.stdout).code as string;
    expect(motcua(['--data-dir', dir, 'call', 'tracking.resultReady', JSON.stringify({ code })]).code).toBe(0);

    const ok = motcua(['--data-dir', dir, 'audit', 'verify']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as { ok: boolean; entries: number };
    expect(report.ok).toBe(true);
    expect(report.entries).toBeGreaterThanOrEqual(3);

    // Someone edits the dossier's creation entry by hand to hide who received it.
    const db = new Database(join(dir, 'motcua.sqlite'));
    const row = db.prepare("select seq from audit_log where action = 'dossier.create'").get() as { seq: number };
    db.prepare('update audit_log set actor = ? where seq = ?').run('someone-else', row.seq);
    db.close();

    const broken = motcua(['--data-dir', dir, 'audit', 'verify']);
    expect(broken.code).not.toBe(0);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, brokenAt: row.seq, reason: 'hash_mismatch' });
    expect(broken.stderr).toContain(`mục số ${row.seq}`);

    // Deleting the last entry is detected too.
    const db2 = new Database(join(dir, 'motcua.sqlite'));
    db2.prepare('update audit_log set actor = ? where seq = ?').run('cli', row.seq);
    const last = (db2.prepare('select max(seq) as m from audit_log').get() as { m: number }).m;
    db2.prepare('delete from audit_log where seq = ?').run(last);
    db2.close();
    const truncated = motcua(['--data-dir', dir, 'audit', 'verify']);
    expect(truncated.code).not.toBe(0);
    expect(JSON.parse(truncated.stdout)).toMatchObject({ ok: false, brokenAt: last });
    // Each run starts the real command (a few seconds each on a busy machine).
  }, 240_000);
});
