import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDeskRuntime, type DeskRuntime } from '../../main/app/runtime';
import { fixedClock } from '../../main/core/ports/clock';
import { SESSION_HEADER, startHost, type RunningHost } from '../../main/host/server';
import type { StoreConfig } from '../../main/store/dialect';
import { SAMPLE_UNIT } from '../support/app';

/** Overwrite bytes of the SQLite header, like a failing disk or a copy cut short. */
function corruptHeader(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(84, 0x5a), 0, 84, 16);
  } finally {
    closeSync(fd);
  }
}

describe('HTTP host: recovery mode and restore', () => {
  let dataDir: string;
  let staticDir: string;
  let store: StoreConfig;
  let runtime: DeskRuntime | null = null;
  let host: RunningHost | null = null;
  const clock = fixedClock('2026-03-17T02:00:00.000Z');

  beforeEach(() => {
    clock.set('2026-03-17T02:00:00.000Z');
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-recovery-'));
    store = { kind: 'sqlite', file: join(dataDir, 'motcua.sqlite') };
    staticDir = mkdtempSync(join(tmpdir(), 'motcua-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>MotCua</title>');
  });
  afterEach(async () => {
    await host?.close();
    await runtime?.close();
    host = null;
    runtime = null;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(staticDir, { recursive: true, force: true });
  });

  async function start(): Promise<RunningHost> {
    runtime = await startDeskRuntime({ dataDir, store, clock, validateOutputs: true });
    host = await startHost({ runtime, staticDir, port: 0 });
    return host;
  }

  async function rpc(channel: string, input: unknown = {}, session?: string) {
    const res = await fetch(`${host!.url}/rpc/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host!.token}`, 'Content-Type': 'application/json', ...(session ? { [SESSION_HEADER]: session } : {}) },
      body: JSON.stringify(input),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string; details?: any } };
  }

  /** A desk with its unit, one officer (admin) and a backup in <data>/backups. */
  async function deskWithBackup(): Promise<{ session: string; backup: string }> {
    await start();
    expect((await rpc('unit.save', SAMPLE_UNIT)).ok).toBe(true);
    expect((await rpc('auth.setupAdmin', { name: 'lan', displayName: 'Hồ Thị Lan', pin: '2468' })).ok).toBe(true);
    const signIn = await rpc('auth.signIn', { name: 'lan', pin: '2468' });
    expect(signIn.ok).toBe(true);
    const session = signIn.value.token as string;
    const made = await rpc('backup.create', {}, session);
    expect(made.ok).toBe(true);
    return { session, backup: made.value.path };
  }

  it('backup channels are for admins: refused without a session', async () => {
    await deskWithBackup();
    const r = await rpc('backup.create', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('restores a backup through the host while running: old data back, safety backup kept', async () => {
    const { session, backup } = await deskWithBackup();
    expect((await rpc('unit.save', { ...SAMPLE_UNIT, place: 'Khe Sanh' }, session)).ok).toBe(true);
    expect((await rpc('unit.get', {}, session)).value.place).toBe('Khe Sanh');
    clock.set('2026-03-17T03:00:00.000Z');

    const restored = await rpc('backup.restore', { file: backup }, session);
    expect(restored.ok).toBe(true);
    expect(restored.value.safety.kind).toBe('backup');
    const safety = restored.value.safety.paths[0] as string;
    expect(existsSync(safety)).toBe(true);
    expect(safety).toMatch(/motcua-20260317-100000\.sqlite$/);

    expect((await rpc('unit.get')).value.place).toBe(SAMPLE_UNIT.place);
    // The session lives in the restored data too (it was taken before the backup), so the officer stays signed in.
    expect((await rpc('backup.verify', {}, session)).value.ok).toBe(true);
  });

  it('a corrupted SQLite header: the host still starts, serves the page and recovery.status; restore brings the data back', async () => {
    const { backup } = await deskWithBackup();
    await host!.close();
    await runtime!.close();
    host = null;
    runtime = null;
    corruptHeader(join(dataDir, 'motcua.sqlite'));

    await start();
    expect(runtime!.mode()).toBe('recovery');
    const page = await fetch(`${host!.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>MotCua</title>');

    const info = await rpc('app.info');
    expect(info.ok).toBe(false);
    expect(info.error!.code).toBe('store_unavailable');
    expect(info.error!.message).toMatch(/bị hỏng/);
    expect(info.error!.details.recovery.needed).toBe(true);
    expect((await rpc('dossiers.list', {})).error!.code).toBe('store_unavailable');

    const status = await rpc('recovery.status');
    expect(status.ok).toBe(true);
    expect(status.value).toMatchObject({ needed: true, file: join(dataDir, 'motcua.sqlite') });
    expect(['not_a_database', 'corrupt', 'quick_check_failed']).toContain(status.value.reason);
    expect(status.value.backups).toHaveLength(1);
    expect(status.value.backups[0]).toMatchObject({ path: backup, createdAtText: '17/03/2026 09:00:00', verified: true });
    expect(status.value.backups[0].counts.unit_profile).toBe(1);

    // Public before sign-in, so only an offered backup is accepted.
    const elsewhere = join(dataDir, 'elsewhere');
    mkdirSync(elsewhere);
    const refused = await rpc('recovery.restore', { file: join(elsewhere, 'motcua-20260101-000000.sqlite') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const restored = await rpc('recovery.restore', { file: backup });
    expect(restored.ok).toBe(true);
    expect(restored.value.safety.kind).toBe('raw_copy');
    expect(restored.value.safety.paths[0]).toMatch(/motcua-damaged-.*\.sqlite$/);
    expect(runtime!.mode()).toBe('normal');

    const after = await rpc('app.info');
    expect(after.ok).toBe(true);
    expect((await rpc('unit.get')).value.unitName).toBe(SAMPLE_UNIT.unitName);
    expect((await rpc('recovery.status')).value.needed).toBe(false);
    // The damaged bytes are kept aside for a specialist.
    expect(readdirSync(join(dataDir, 'backups')).some((n) => n.startsWith('motcua-damaged-'))).toBe(true);
  });

  it('recovery mode without any backup explains what to do and offers nothing', async () => {
    await start();
    expect((await rpc('unit.save', SAMPLE_UNIT)).ok).toBe(true);
    await host!.close();
    await runtime!.close();
    host = null;
    runtime = null;
    corruptHeader(join(dataDir, 'motcua.sqlite'));
    await start();
    const status = await rpc('recovery.status');
    expect(status.value.backups).toEqual([]);
    expect(status.value.message).toMatch(/Không tìm thấy bản sao lưu nào/);
  });
});
