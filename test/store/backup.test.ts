import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../main/app/create-app';
import { createBackup, listBackups, rotateBackups, verifyBackupFile, type BackupResult } from '../../main/core/admin/backup';
import { folderError } from '../../main/core/admin/errors';
import { sha256File } from '../../main/core/admin/files';
import { openCheckedStore, openStoreOrRecover, quickCheck } from '../../main/core/admin/health';
import { backupFileName, parseBackupName, vietnamStamp } from '../../main/core/admin/names';
import { previewRestore, restoreSqliteBackup } from '../../main/core/admin/restore';
import { createBackupScheduler, type TimerPort } from '../../main/core/admin/scheduler';
import { verifyAuditChain } from '../../main/core/audit/audit';
import { fixedClock } from '../../main/core/ports/clock';
import { openStore, type StoreKind } from '../../main/store/dialect';
import { LATEST_MIGRATION } from '../../main/store/migrations';
import { isAppError, type AppError } from '../../shared/errors';
import { SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

const T0 = '2026-03-17T02:00:00.000Z'; // 09:00 in Vietnam

const dirs: string[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
function tempDir(prefix = 'motcua-bk-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

async function sqliteApp(dataDir = tempDir(), now = T0): Promise<{ app: App; clock: ReturnType<typeof fixedClock>; dbFile: string; dataDir: string }> {
  const clock = fixedClock(now);
  const dbFile = join(dataDir, 'motcua.sqlite');
  const app = await createApp({ dataDir, store: { kind: 'sqlite', file: dbFile }, clock, validateOutputs: true });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await app.close();
  });
  const close = app.close;
  app.close = async () => {
    closed = true;
    await close();
  };
  return { app, clock, dbFile, dataDir };
}

/**
 * Tables the other issues will add look like this: a dossier and its scanned bytes written in one
 * transaction. Created here by hand to prove backups cover tables they were never told about.
 */
async function addDocumentTables(db: Kysely<any>, kind: StoreKind): Promise<void> {
  const id = kind === 'sqlite' ? sql`integer primary key autoincrement` : sql`bigserial primary key`;
  const blob = kind === 'sqlite' ? sql`blob` : sql`bytea`;
  await sql`create table zz_dossiers (id ${id}, code text not null)`.execute(db);
  await sql`create table zz_documents (id ${id}, dossier_code text not null, bytes ${blob} not null)`.execute(db);
}

async function addDossier(db: Kysely<any>, code: string, bytes: Buffer): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`insert into zz_dossiers (code) values (${code})`.execute(trx);
    await sql`insert into zz_documents (dossier_code, bytes) values (${code}, ${bytes})`.execute(trx);
  });
}

async function count(db: Kysely<any>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.id(table)}`.execute(db);
  return Number(rows[0]!.n);
}

/** An async loop that keeps saving dossiers (and unit profiles, which append to the audit chain) until stopped. */
function startWriter(app: App) {
  let stop = false;
  let saved = 0;
  const done = (async () => {
    while (!stop) {
      await addDossier(app.store.db, `W-${saved}`, randomBytes(3000));
      if (saved % 7 === 0) await app.client().invoke('unit.save', { ...SAMPLE_UNIT, phone: `0233 ${String(100000 + saved)}` });
      saved += 1;
      await new Promise((r) => setImmediate(r));
    }
  })();
  return {
    get saved() {
      return saved;
    },
    stop: async () => {
      stop = true;
      await done;
    },
  };
}

function expectAppError(e: unknown, code: AppError['code'], message: RegExp): AppError {
  expect(isAppError(e), String(e)).toBe(true);
  const err = e as AppError;
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
  return err;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('backup names', () => {
  it('uses Vietnam wall-clock time and round-trips through the parser', () => {
    const at = new Date('2026-12-31T17:30:05.000Z'); // 00:30:05 on 1 January 2027 in Vietnam
    expect(vietnamStamp(at)).toBe('20270101-003005');
    expect(backupFileName(at, 'sqlite')).toBe('motcua-20270101-003005.sqlite');
    expect(backupFileName(at, 'postgres', 3)).toBe('motcua-20270101-003005-3.pgdump');
    const parsed = parseBackupName('motcua-20270101-003005-3.pgdump')!;
    expect(parsed.at.toISOString()).toBe(at.toISOString());
    expect(parsed).toMatchObject({ engine: 'postgres', seq: 3 });
    for (const other of ['motcua-20270101-003005.sqlite.bak', 'motcua.sqlite', 'Motcua-20270101-003005.sqlite', 'motcua-2027011-003005.sqlite', 'notes.txt']) {
      expect(parseBackupName(other), other).toBeNull();
    }
  });

  it('explains folder failures in Vietnamese', () => {
    expect(folderError(Object.assign(new Error('x'), { code: 'EACCES' }), '/media/usb').message).toMatch(/Không có quyền ghi vào thư mục "\/media\/usb"/);
    expect(folderError(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }), '/media/usb').message).toMatch(/đã đầy/);
    expect(folderError(Object.assign(new Error('x'), { code: 'EFBIG' }), '/media/usb').message).toMatch(/FAT32/);
    expect(folderError(Object.assign(new Error('x'), { code: 'EIO' }), '/media/usb').code).toBe('device_unavailable');
  });
});

describe('SQLite backup', () => {
  it('backs up while another loop keeps inserting, and the copy restores to exactly the manifest', async () => {
    const { app, clock } = await sqliteApp();
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    await addDocumentTables(app.store.db, 'sqlite');
    // ~12 MB of scans: the online copy takes several steps, and the writer commits between them.
    for (let i = 0; i < 3000; i += 1) await addDossier(app.store.db, `S-${i}`, randomBytes(4000));
    const out = tempDir('motcua-usb-');
    const writer = startWriter(app);
    const savedAtSteps: number[] = [];
    let result: BackupResult;
    try {
      await new Promise((r) => setTimeout(r, 20));
      result = await createBackup(app.store, { folder: out, clock, appVersion: '9.9.9', onProgress: () => savedAtSteps.push(writer.saved) });
    } finally {
      await writer.stop();
    }
    // The writer really ran during the copy.
    expect(savedAtSteps.length).toBeGreaterThanOrEqual(3);
    expect(savedAtSteps[savedAtSteps.length - 1]!).toBeGreaterThan(savedAtSteps[0]!);
    expect(writer.saved).toBeGreaterThan(0);

    expect(result.file).toBe('motcua-20260317-090000.sqlite');
    expect(result.path).toBe(join(out, result.file));
    expect(result.manifestPath).toBe(`${result.path}.json`);
    expect(readdirSync(out).sort()).toEqual([result.file, `${result.file}.json`]);
    const manifest = JSON.parse(readFileSync(result.manifestPath, 'utf8'));
    expect(manifest).toMatchObject({ format: 'motcua-backup/1', engine: 'sqlite', appVersion: '9.9.9', schemaVersion: LATEST_MIGRATION, createdAt: T0 });
    expect(manifest.sha256).toBe(await sha256File(result.path));
    expect(manifest.bytes).toBe(statSync(result.path).size);
    // Every table, including the ones this code was never told about.
    expect(Object.keys(manifest.counts)).toEqual(expect.arrayContaining(['audit_head', 'audit_log', 'unit_profile', 'kysely_migration', 'zz_dossiers', 'zz_documents']));
    const { zz_dossiers: dossiers, zz_documents: documents } = manifest.counts as Record<string, number>;
    expect(dossiers).toBeGreaterThanOrEqual(3000);
    // One snapshot: a dossier and its document were committed together, so the copy has both or neither.
    expect(documents).toBe(dossiers);
    expect(manifest.audit.ok).toBe(true);
    expect(manifest.audit.entries).toBe(manifest.counts.audit_log);
    // The live store moved on after the snapshot.
    expect(await count(app.store.db, 'zz_dossiers')).toBeGreaterThan(dossiers!);
    expect(await count(app.store.db, 'zz_dossiers')).toBe(3000 + writer.saved);

    // Restore into a new data folder and open it as the app would.
    const dataDir2 = tempDir();
    const restored = await restoreSqliteBackup({ dbFile: join(dataDir2, 'motcua.sqlite'), backupFile: result.path, safetyFolder: join(dataDir2, 'backups'), clock, appVersion: '9.9.9' });
    expect(restored.safety).toEqual({ kind: 'none' });
    expect(restored.restored.counts).toEqual(manifest.counts);
    const { app: app2 } = await sqliteApp(dataDir2);
    expect(await quickCheck(app2.store)).toMatchObject({ ok: true, problems: [], audit: { ok: true, entries: manifest.counts.audit_log } });
    for (const [table, n] of Object.entries(manifest.counts as Record<string, number>)) expect(await count(app2.store.db, table), table).toBe(n);
    const maxId = await sql<{ m: number }>`select max(id) as m from zz_dossiers`.execute(app2.store.db);
    expect(maxId.rows[0]!.m).toBe(dossiers);
  }, 120_000);

  it('keeps only the newest N of its own backups and never touches other files', async () => {
    const { app, clock } = await sqliteApp();
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    const out = tempDir('motcua-usb-');
    const foreign = ['notes.txt', 'motcua-20200101-000000.sqlite.bak', 'other.sqlite', 'motcua-20200101-000000.txt'];
    for (const f of foreign) writeFileSync(join(out, f), 'keep me');
    mkdirSync(join(out, 'motcua-20200101-000000.sqlite.d'));
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock.set(new Date(Date.parse(T0) + i * 3600_000).toISOString());
      const r = await createBackup(app.store, { folder: out, keep: 3, clock, appVersion: '1.0.0' });
      made.push(r.file);
      if (i >= 3) expect(r.removed).toEqual([made[i - 3]]);
    }
    expect(made[4]).toBe('motcua-20260317-130000.sqlite');
    const left = readdirSync(out).sort();
    expect(left).toEqual(
      [...foreign, 'motcua-20200101-000000.sqlite.d', ...made.slice(2), ...made.slice(2).map((f) => `${f}.json`)].sort(),
    );
    for (const f of foreign) expect(readFileSync(join(out, f), 'utf8')).toBe('keep me');

    // Two backups in the same second get distinct names; rotation counts them both.
    const again = await createBackup(app.store, { folder: out, clock, appVersion: '1.0.0' });
    expect(again.file).toBe('motcua-20260317-130000-2.sqlite');
    expect((await listBackups(out)).map((b) => b.name).slice(0, 2)).toEqual([again.file, made[4]]);
    expect(await rotateBackups(out, 1)).toEqual([made[4], made[3], made[2]]);
    expect(readdirSync(out).filter((f) => f.startsWith('motcua-2026'))).toEqual([again.file, `${again.file}.json`].sort());
    await expect(rotateBackups(out, 0)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('fails clearly and leaves nothing when the folder is missing, read-only or fills up', async () => {
    const { app, clock } = await sqliteApp();
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    const missing = join(tempDir(), 'usb-not-plugged');
    const e1 = await rejection(createBackup(app.store, { folder: missing, clock, appVersion: '1' }));
    expectAppError(e1, 'device_unavailable', /Không tìm thấy thư mục .*usb-not-plugged.*cắm ổ USB/);
    expect(existsSync(missing)).toBe(false);

    // Real small file systems (needs root to mount; skipped otherwise).
    const ro = tempDir('motcua-ro-');
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro]).status !== 0) return;
    try {
      expectAppError(await rejection(createBackup(app.store, { folder: ro, clock, appVersion: '1' })), 'device_unavailable', /chỉ cho phép đọc/);
    } finally {
      spawnSync('umount', [ro]);
    }

    await addDocumentTables(app.store.db, 'sqlite');
    for (let i = 0; i < 300; i += 1) await addDossier(app.store.db, `S-${i}`, randomBytes(4000));
    const small = tempDir('motcua-full-');
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', small]).status).toBe(0);
    try {
      // Too small from the start: refused before writing anything.
      const e2 = await rejection(createBackup(app.store, { folder: small, clock, appVersion: '1' }));
      expectAppError(e2, 'device_unavailable', /đã đầy.*Không có tệp sao lưu dở dang/);
      expect(readdirSync(small)).toEqual([]);
    } finally {
      spawnSync('umount', [small]);
    }
    const filling = tempDir('motcua-full-');
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', filling]).status).toBe(0);
    try {
      // Room at the start, then another program fills the drive during the copy.
      await sql`delete from zz_documents where id > 60`.execute(app.store.db);
      await sql`vacuum`.execute(app.store.db);
      await sql`pragma wal_checkpoint(truncate)`.execute(app.store.db);
      let filled = false;
      const e3 = await rejection(
        createBackup(app.store, {
          folder: filling,
          clock,
          appVersion: '1',
          onProgress: () => {
            if (filled) return;
            filled = true;
            const fd = openSync(join(filling, 'filler.bin'), 'w');
            try {
              const chunk = Buffer.alloc(64 * 1024);
              for (;;) writeSync(fd, chunk);
            } catch {
              // ENOSPC: the drive is full now.
            } finally {
              closeSync(fd);
            }
          },
        }),
      );
      expect(filled).toBe(true);
      expectAppError(e3, 'device_unavailable', /đã đầy/);
      expect(readdirSync(filling)).toEqual(['filler.bin']);
    } finally {
      spawnSync('umount', [filling]);
    }
  });

  it('re-verifies a backup: tampering, truncation and a missing manifest are told apart', async () => {
    const { app, clock } = await sqliteApp();
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    const out = tempDir('motcua-usb-');
    const r = await createBackup(app.store, { folder: out, clock, appVersion: '1.2.3' });
    const good = await verifyBackupFile(r.path);
    expect(good).toMatchObject({ ok: true, problems: [], warnings: [], appVersion: '1.2.3', schemaVersion: LATEST_MIGRATION, createdAtText: '17/03/2026 09:00:00', newerSchema: false });
    expect(good.counts).toEqual(r.counts);

    const copy = join(out, 'motcua-20260101-080000.sqlite');
    writeFileSync(copy, readFileSync(r.path));
    const noManifest = await verifyBackupFile(copy);
    expect(noManifest.ok).toBe(true);
    expect(noManifest.warnings.map((w) => w.code)).toEqual(['no_manifest']);
    expect(noManifest.counts).toEqual(r.counts);

    const bytes = readFileSync(r.path);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(r.path, bytes);
    expect((await verifyBackupFile(r.path)).problems.map((p) => p.code)).toContain('sha_mismatch');
    writeFileSync(r.path, bytes.subarray(0, 4096));
    const truncated = await verifyBackupFile(r.path);
    expect(truncated.ok).toBe(false);
    expect(truncated.problems[0]).toMatchObject({ code: 'size_mismatch' });
    expect(truncated.problems[0]!.message).toMatch(/cắt cụt/);
    await expect(verifyBackupFile(join(out, 'nope.sqlite'))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('SQLite restore', () => {
  it('backs up the current data first, then brings the backup back', async () => {
    const { app, clock, dbFile, dataDir } = await sqliteApp();
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    await addDocumentTables(app.store.db, 'sqlite');
    for (let i = 0; i < 20; i += 1) await addDossier(app.store.db, `A-${i}`, randomBytes(1000));
    const usb = tempDir('motcua-usb-');
    const b1 = await createBackup(app.store, { folder: usb, clock, appVersion: '1.0.0' });

    // Work goes on after the backup…
    clock.set('2026-03-17T05:00:00.000Z');
    await app.client().invoke('unit.save', { ...SAMPLE_UNIT, place: 'Khe Sanh' });
    for (let i = 0; i < 5; i += 1) await addDossier(app.store.db, `B-${i}`, randomBytes(1000));
    const before = { dossiers: await count(app.store.db, 'zz_dossiers'), audit: await count(app.store.db, 'audit_log') };

    // The app still has the file open: refused, nothing changed.
    const shaOpen = await sha256File(dbFile);
    const busy = await rejection(restoreSqliteBackup({ dbFile, backupFile: b1.path, safetyFolder: join(dataDir, 'backups'), clock, appVersion: '1.0.0' }));
    expectAppError(busy, 'device_busy', /đóng phần mềm/);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
    expect(await count(app.store.db, 'zz_dossiers')).toBe(before.dossiers);
    expect(await sha256File(dbFile)).toBe(shaOpen);

    await app.close();
    const preview = await previewRestore(b1.path, { dbFile });
    expect(preview).toMatchObject({ ok: true, createdAt: T0, appVersion: '1.0.0', schemaVersion: LATEST_MIGRATION, counts: b1.counts });
    expect(preview.current).toMatchObject({ state: 'ok', counts: { zz_dossiers: before.dossiers } });

    const result = await restoreSqliteBackup({ dbFile, backupFile: b1.path, safetyFolder: join(dataDir, 'backups'), clock, appVersion: '1.0.0' });
    expect(result.safety.kind).toBe('backup');
    if (result.safety.kind !== 'backup') throw new Error('unreachable');
    expect(result.safety.path).toBe(join(dataDir, 'backups', 'motcua-20260317-120000.sqlite'));
    expect(result.safety.counts).toMatchObject({ zz_dossiers: before.dossiers, audit_log: before.audit });
    expect(result.restored.counts).toEqual(b1.counts);
    for (const side of ['-wal', '-shm', '-journal']) expect(existsSync(dbFile + side), side).toBe(false);
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const { app: reopened } = await sqliteApp(dataDir);
    expect((await reopened.client().invoke('unit.get'))!.place).toBe(SAMPLE_UNIT.place);
    expect(await count(reopened.store.db, 'zz_dossiers')).toBe(20);
    expect(await verifyAuditChain(reopened.store.db)).toEqual({ ok: true, entries: b1.audit.entries });
    expect(b1.audit.entries).toBeLessThan(before.audit);
    await reopened.close();

    // The safety copy is a normal backup: the work done after b1 can be brought back.
    const undo = await restoreSqliteBackup({ dbFile, backupFile: result.safety.path, safetyFolder: join(dataDir, 'backups'), clock, appVersion: '1.0.0' });
    expect(undo.restored.counts.zz_dossiers).toBe(before.dossiers);
    const { app: undone } = await sqliteApp(dataDir);
    expect((await undone.client().invoke('unit.get'))!.place).toBe('Khe Sanh');
  });

  it('refuses a backup made by a newer app, and a damaged backup, without touching the current data', async () => {
    const { app, clock, dbFile, dataDir } = await sqliteApp();
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    const usb = tempDir('motcua-usb-');
    // A desk already on a later version wrote this backup.
    const future = tempDir();
    const { app: newer, clock: c2 } = await sqliteApp(future);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', ${T0})`.execute(newer.store.db);
    const fromFuture = await createBackup(newer.store, { folder: usb, clock: c2, appVersion: '7.0.0' });
    expect(fromFuture.schemaVersion).toBe('9999-from-the-future');
    await app.close();
    const sha = await sha256File(dbFile);

    const preview = await previewRestore(fromFuture.path, { dbFile });
    expect(preview.ok).toBe(false);
    expect(preview.newerSchema).toBe(true);
    expect(preview.problems[0]!.message).toMatch(/phiên bản MotCua Desk mới hơn.*cập nhật phần mềm/);
    const e = await rejection(restoreSqliteBackup({ dbFile, backupFile: fromFuture.path, safetyFolder: join(dataDir, 'backups'), clock, appVersion: '1.0.0' }));
    expectAppError(e, 'invalid_input', /mới hơn/);
    expect(await sha256File(dbFile)).toBe(sha);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);

    const bad = join(usb, 'motcua-20260101-000000.sqlite');
    writeFileSync(bad, randomBytes(8192));
    const badPreview = await previewRestore(bad, { dbFile });
    expect(badPreview.problems.map((p) => p.code)).toEqual(['not_a_database']);
    expect(badPreview.problems[0]!.message).toMatch(/không còn là cơ sở dữ liệu/);
    const notOurs = join(usb, 'motcua-20260102-000000.sqlite');
    const foreign = await openStore({ kind: 'sqlite', file: notOurs });
    await sql`create table songs (title text)`.execute(foreign.db);
    await foreign.close();
    expect((await previewRestore(notOurs, { dbFile })).problems[0]).toMatchObject({ code: 'not_a_backup', message: expect.stringMatching(/không phải của MotCua Desk/) });
    await expect(restoreSqliteBackup({ dbFile, backupFile: bad, safetyFolder: join(dataDir, 'backups'), clock, appVersion: '1' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await sha256File(dbFile)).toBe(sha);
  });
});

/** Overwrite `length` bytes at `offset` with garbage, like a failing disk or a bad USB copy. */
function damage(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('integrity check at start-up', () => {
  async function storeWithBackups() {
    const { app, clock, dbFile, dataDir } = await sqliteApp();
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    await addDocumentTables(app.store.db, 'sqlite');
    for (let i = 0; i < 400; i += 1) await addDossier(app.store.db, `D-${i}`, randomBytes(200));
    const usb = tempDir('motcua-usb-');
    const older = await createBackup(app.store, { folder: usb, clock, appVersion: '1' });
    clock.set('2026-03-18T02:00:00.000Z');
    const newer = await createBackup(app.store, { folder: usb, clock, appVersion: '1' });
    writeFileSync(join(usb, 'motcua-20260319-090000.sqlite'), 'half a file, no manifest');
    expect(await quickCheck(app.store)).toMatchObject({ ok: true, problems: [], audit: { ok: true, entries: await count(app.store.db, 'audit_log') } });
    // Fold the WAL into the file so the damage below hits real pages.
    await app.close();
    const s = await openStore({ kind: 'sqlite', file: dbFile });
    await sql`pragma wal_checkpoint(truncate)`.execute(s.db);
    await s.close();
    return { dbFile, dataDir, usb, older, newer, clock };
  }

  it('a damaged header gives a recovery result listing the good backups, and the file is left as it was', async () => {
    const { dbFile, usb, older, newer } = await storeWithBackups();
    damage(dbFile, 0, 100);
    const sha = await sha256File(dbFile);
    const result = await openStoreOrRecover({ kind: 'sqlite', file: dbFile }, { backupFolders: [usb, join(tempDir(), 'absent')] });
    expect(result.status).toBe('recovery_needed');
    if (result.status !== 'recovery_needed') throw new Error('unreachable');
    expect(result.reason).toBe('not_a_database');
    expect(result.backups.map((b) => b.path)).toEqual([newer.path, older.path]);
    expect(result.message).toMatch(/bị hỏng.*18\/03\/2026 09:00:00.*motcua restore/);
    expect(await sha256File(dbFile)).toBe(sha);

    const thrown = await rejection(openCheckedStore({ kind: 'sqlite', file: dbFile }, { backupFolders: [usb] }));
    const err = expectAppError(thrown, 'store_unavailable', /bị hỏng/);
    expect((err.details!.recovery as { backups: unknown[] }).backups).toHaveLength(2);
  });

  it('damaged pages in the middle fail quick_check; restoring from the listed backup keeps the damaged file aside', async () => {
    const { dbFile, dataDir, usb, newer, clock } = await storeWithBackups();
    const size = statSync(dbFile).size;
    expect(size).toBeGreaterThan(20 * 4096);
    damage(dbFile, Math.floor(size / 4096 / 2) * 4096, 4096 * 3);
    const damagedSha = await sha256File(dbFile);
    const result = await openStoreOrRecover({ kind: 'sqlite', file: dbFile }, { backupFolders: [usb] });
    expect(result.status).toBe('recovery_needed');
    if (result.status !== 'recovery_needed') throw new Error('unreachable');
    expect(['quick_check_failed', 'corrupt']).toContain(result.reason);
    expect(result.problems[0]!.message).toMatch(/hỏng/);
    expect(result.backups[0]!.path).toBe(newer.path);

    const preview = await previewRestore(result.backups[0]!.path, { dbFile });
    expect(preview.current.state).toBe('damaged');
    const restored = await restoreSqliteBackup({ dbFile, backupFile: result.backups[0]!.path, safetyFolder: join(dataDir, 'backups'), clock, appVersion: '1' });
    expect(restored.safety.kind).toBe('raw_copy');
    if (restored.safety.kind !== 'raw_copy') throw new Error('unreachable');
    expect(await sha256File(restored.safety.paths[0]!)).toBe(damagedSha);
    const reopened = await openStoreOrRecover({ kind: 'sqlite', file: dbFile }, { checkAudit: true });
    expect(reopened.status).toBe('ok');
    if (reopened.status !== 'ok') throw new Error('unreachable');
    expect(reopened.warnings).toEqual([]);
    expect(await count(reopened.store.db, 'zz_dossiers')).toBe(400);
    await reopened.store.close();
  });

  it('reports a broken audit chain by name, but still opens the store', async () => {
    const { app, dbFile } = await sqliteApp();
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    await app.client().invoke('unit.save', { ...SAMPLE_UNIT, phone: '0233 3880 999' });
    await sql`update audit_log set actor = 'someone-else' where seq = 2`.execute(app.store.db);
    const report = await quickCheck(app.store);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'audit_chain', message: expect.stringMatching(/từ mục số 2: nội dung một mục đã bị sửa/) })]);
    await app.close();
    const opened = await openStoreOrRecover({ kind: 'sqlite', file: dbFile }, { checkAudit: true });
    expect(opened.status).toBe('ok');
    if (opened.status === 'ok') {
      expect(opened.warnings.map((w) => w.code)).toEqual(['audit_chain']);
      await opened.store.close();
    }
  });
});

/** setTimeout under test control, moving the fixed clock as it fires. */
function fakeTimer(clock: ReturnType<typeof fixedClock>) {
  const pending: Array<{ fn: () => void; at: number; ms: number }> = [];
  const timer: TimerPort = {
    setTimeout(fn, ms) {
      const h = { fn, at: clock.now().getTime() + ms, ms };
      pending.push(h);
      return h;
    },
    clearTimeout(h) {
      const i = pending.indexOf(h as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return {
    timer,
    pending,
    /** Move time forward to `iso`, firing every timer that falls due and waiting for the scheduler to re-arm. */
    async advanceTo(iso: string) {
      const target = Date.parse(iso);
      for (;;) {
        pending.sort((a, b) => a.at - b.at);
        const due = pending[0];
        if (!due || due.at > target) break;
        pending.shift();
        clock.set(new Date(due.at).toISOString());
        due.fn();
        for (let i = 0; i < 500 && pending.length === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
      }
      clock.set(new Date(target).toISOString());
    },
  };
}

describe('backup scheduler', () => {
  const H = 3600_000;
  const at = (h: number) => new Date(Date.parse(T0) + h * H).toISOString();

  it('takes the first backup shortly after start, then every interval from the last backup', async () => {
    const { app, clock } = await sqliteApp();
    const usb = tempDir('motcua-usb-');
    const t = fakeTimer(clock);
    const outcomes: string[] = [];
    const scheduler = createBackupScheduler({
      intervalHours: 6,
      folder: usb,
      keep: 2,
      clock,
      timer: t.timer,
      startupDelayMs: 60_000,
      runBackup: (s) => createBackup(app.store, { folder: s.folder, keep: s.keep, clock, appVersion: '1' }),
      onOutcome: (o) => outcomes.push(o.ok ? `ok ${o.createdAt}` : `fail ${o.retryAt}`),
    });
    await scheduler.start();
    expect(scheduler.nextRunAt()!.toISOString()).toBe('2026-03-17T02:01:00.000Z');
    await t.advanceTo(at(12));
    expect(outcomes).toEqual(['ok 2026-03-17T02:01:00.000Z', 'ok 2026-03-17T08:01:00.000Z']);
    expect(scheduler.nextRunAt()!.toISOString()).toBe('2026-03-17T14:01:00.000Z');
    expect((await listBackups(usb)).map((b) => b.name)).toEqual(['motcua-20260317-150100.sqlite', 'motcua-20260317-090100.sqlite']);
    scheduler.stop();
    expect(t.pending).toEqual([]);
    expect(scheduler.nextRunAt()).toBeNull();
  });

  it('after a restart neither doubles nor skips, counts a manual backup, and retries a failure', async () => {
    const { app, clock } = await sqliteApp();
    const usb = tempDir('motcua-usb-');
    await createBackup(app.store, { folder: usb, clock, appVersion: '1' }); // at T0
    let runs = 0;
    let failNext = false;
    const make = () => {
      const t = fakeTimer(clock);
      const s = createBackupScheduler({
        intervalHours: 6,
        folder: usb,
        keep: 10,
        clock,
        timer: t.timer,
        retryMs: 30 * 60_000,
        runBackup: async (sch) => {
          runs += 1;
          if (failNext) {
            failNext = false;
            throw new Error('USB unplugged');
          }
          return createBackup(app.store, { folder: sch.folder, keep: sch.keep, clock, appVersion: '1' });
        },
      });
      return { t, s };
    };
    // Restart 2 h after the last backup: the next one is still due at +6 h, not now.
    clock.set(at(2));
    const first = make();
    await first.s.start();
    expect(first.s.nextRunAt()!.toISOString()).toBe(at(6));
    await first.t.advanceTo(at(5.9));
    expect(runs).toBe(0);
    first.s.stop();

    // Restart 10 h after it (the app was off at +6 h): the missed backup runs soon after start.
    clock.set(at(10));
    const second = make();
    await second.s.start();
    expect(second.s.nextRunAt()!.toISOString()).toBe(new Date(Date.parse(at(10)) + 60_000).toISOString());
    failNext = true;
    await second.t.advanceTo(at(10.1));
    expect(runs).toBe(1);
    // Failed: retried 30 min later, then the interval counts from that successful backup.
    expect(second.s.nextRunAt()!.toISOString()).toBe(new Date(Date.parse(at(10)) + 60_000 + 30 * 60_000).toISOString());
    await second.t.advanceTo(at(11));
    expect(runs).toBe(2);
    const lastAuto = (await listBackups(usb))[0]!;
    expect(second.s.nextRunAt()!.getTime()).toBe(Date.parse(lastAuto.createdAt) + 6 * H);

    // Someone backs up by hand 2 h later: the scheduled run moves instead of doubling.
    clock.set(at(13));
    const manual = await createBackup(app.store, { folder: usb, clock, appVersion: '1' });
    await second.t.advanceTo(new Date(Date.parse(lastAuto.createdAt) + 6 * H).toISOString());
    expect(runs).toBe(2);
    expect(second.s.nextRunAt()!.getTime()).toBe(Date.parse(manual.createdAt) + 6 * H);
    second.s.stop();
  });

  it('splits waits longer than Node timers allow and validates its settings', async () => {
    const clock = fixedClock(T0);
    const t = fakeTimer(clock);
    let runs = 0;
    const s = createBackupScheduler({
      intervalHours: 24 * 60,
      folder: tempDir(),
      keep: 1,
      clock,
      timer: t.timer,
      lastBackupAt: async () => new Date(T0),
      runBackup: async () => {
        runs += 1;
        return { createdAt: clock.now().toISOString() };
      },
    });
    await s.start();
    expect(t.pending[0]!.ms).toBe(2_147_483_647);
    await t.advanceTo(at(24 * 59));
    expect(runs).toBe(0);
    await t.advanceTo(at(24 * 60));
    expect(runs).toBe(1);
    s.stop();
    expect(() => createBackupScheduler({ intervalHours: 0, folder: '/x', keep: 1, clock, runBackup: async () => ({ createdAt: T0 }) })).toThrow(/lớn hơn 0 giờ/);
    expect(() => createBackupScheduler({ intervalHours: 1, folder: '/x', keep: 0, clock, runBackup: async () => ({ createdAt: T0 }) })).toThrow(/từ 1 trở lên/);
  });
});

const pgTarget = storeTargets().find((t) => t.name === 'postgres');
describe.skipIf(!pgTarget)('PostgreSQL backup (pg_dump)', () => {
  it('dumps one snapshot while another loop inserts; the dump restores to exactly the manifest', async () => {
    const { config, cleanup } = pgTarget!.fresh();
    cleanups.push(cleanup);
    const clock = fixedClock(T0);
    const app = await createApp({ dataDir: tempDir(), store: config, clock });
    cleanups.push(() => app.close());
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    await addDocumentTables(app.store.db, 'postgres');
    for (let i = 0; i < 300; i += 1) await addDossier(app.store.db, `S-${i}`, randomBytes(2000));
    const out = tempDir('motcua-usb-');
    const writer = startWriter(app);
    let result: BackupResult;
    try {
      await new Promise((r) => setTimeout(r, 50));
      result = await createBackup(app.store, { folder: out, keep: 3, clock, appVersion: '2.0.0' });
    } finally {
      await writer.stop();
    }
    expect(writer.saved).toBeGreaterThan(0);
    expect(result.file).toBe('motcua-20260317-090000.pgdump');
    expect(readdirSync(out).sort()).toEqual([result.file, `${result.file}.json`]);
    expect(result.engine).toBe('postgres');
    expect(result.source).not.toMatch(/password/);
    expect(result.counts.zz_documents).toBe(result.counts.zz_dossiers);
    expect(result.counts.zz_dossiers).toBeGreaterThanOrEqual(300);
    expect(result.audit).toEqual({ ok: true, entries: result.counts.audit_log });
    expect(await count(app.store.db, 'zz_dossiers')).toBe(300 + writer.saved);
    expect(await verifyBackupFile(result.path)).toMatchObject({ ok: true, engine: 'postgres', counts: result.counts });

    // Restore into a scratch database with the real pg_restore and count every table.
    const url = new URL(process.env.DATABASE_URL!);
    const scratch = `motcua_restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`create database ${scratch}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${scratch}`);
      await admin.end();
    });
    const target = new URL(url.toString());
    target.pathname = `/${scratch}`;
    const r = spawnSync('pg_restore', ['--no-owner', `--dbname=${target.toString()}`, result.path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const restored = new pg.Client({ connectionString: target.toString() });
    await restored.connect();
    try {
      for (const [table, n] of Object.entries(result.counts)) {
        const { rows } = await restored.query(`select count(*)::int as n from ${config.kind === 'postgres' ? config.schema : 'public'}."${table}"`);
        expect(rows[0].n, table).toBe(n);
      }
    } finally {
      await restored.end();
    }
  }, 120_000);

  it('explains what to install when pg_dump is missing, and writes nothing', async () => {
    const { config, cleanup } = pgTarget!.fresh();
    cleanups.push(cleanup);
    const store = await openStore(config);
    cleanups.push(() => store.close());
    const out = tempDir('motcua-usb-');
    const e = await rejection(createBackup(store, { folder: out, clock: fixedClock(T0), appVersion: '1', pgTools: { pathEnv: '', extraDirs: [] } }));
    expectAppError(e, 'device_unavailable', /chưa có công cụ pg_dump.*apt install postgresql-client/);
    expect(readdirSync(out)).toEqual([]);
  });
});
