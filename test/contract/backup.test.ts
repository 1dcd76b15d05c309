import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/contract/client';
import type { EventPayload } from '../../shared/contract/events';
import { isAppError } from '../../shared/errors';
import { startDeskRuntime, type DeskRuntime } from '../../main/app/runtime';
import { createApp } from '../../main/app/create-app';
import { fixedClock } from '../../main/core/ports/clock';
import { SAMPLE_UNIT } from '../support/app';
import { storeTargets, type StoreTarget } from '../support/stores';

/** A client over the runtime's stable dispatcher, as the CLI/tests call it (in-process = local admin). */
function clientOf(runtime: DeskRuntime): Client {
  return createClient((channel, input) => runtime.dispatcher.call(channel, input, { actor: 'desk', transport: 'in-process' }));
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

for (const target of storeTargets()) {
  describe(`backup channels on ${target.name}`, () => {
    let fresh: ReturnType<StoreTarget['fresh']>;
    let runtime: DeskRuntime;
    let client: Client;
    let usb: string;
    const clock = fixedClock('2026-03-17T02:00:00.000Z');

    beforeEach(async () => {
      fresh = target.fresh();
      clock.set('2026-03-17T02:00:00.000Z');
      runtime = await startDeskRuntime({ dataDir: fresh.dataDir, store: fresh.config, clock, validateOutputs: true });
      client = clientOf(runtime);
      usb = mkdtempSync(join(tmpdir(), 'motcua-usb-'));
      await client.invoke('unit.save', SAMPLE_UNIT);
    });
    afterEach(async () => {
      await runtime.close();
      await fresh.cleanup();
      rmSync(usb, { recursive: true, force: true });
    });

    it('reads defaults, refuses a folder that does not exist or is a file, and saves a good one to config.json (keeping other entries)', async () => {
      const s = await client.invoke('backup.settings');
      expect(s).toMatchObject({ engine: target.name, folder: null, intervalHours: 24, keep: 14, scheduled: false, lastBackupAt: null });
      expect(s.defaultFolder).toBe(join(fresh.dataDir, 'backups'));

      const missing = await failure(client.invoke('backup.saveSettings', { folder: join(usb, 'khong-co'), intervalHours: 12, keep: 3 }));
      expect(missing.code).toBe('invalid_input');
      expect(missing.message).toMatch(/Không tìm thấy thư mục .*khong-co/);
      expect(missing.issues?.[0]?.path).toBe('folder');
      const aFile = join(usb, 'tep.txt');
      writeFileSync(aFile, 'x');
      expect((await failure(client.invoke('backup.saveSettings', { folder: aFile, intervalHours: 12, keep: 3 }))).message).toMatch(/tep\.txt/);
      expect((await failure(client.invoke('backup.saveSettings', { folder: 'SaoLuu', intervalHours: 12, keep: 3 }))).message).toMatch(/đường dẫn đầy đủ/);
      expect(existsSync(join(fresh.dataDir, 'config.json'))).toBe(false);

      writeFileSync(join(fresh.dataDir, 'config.json'), JSON.stringify({ printer: { kind: 'fake' } }));
      const saved = await client.invoke('backup.saveSettings', { folder: usb, intervalHours: 12, keep: 3 });
      expect(saved).toMatchObject({ folder: usb, intervalHours: 12, keep: 3 });
      expect(JSON.parse(readFileSync(join(fresh.dataDir, 'config.json'), 'utf8'))).toEqual({ printer: { kind: 'fake' }, backup: { folder: usb, intervalHours: 12, keep: 3 } });
      // No probe file is left behind in the chosen folder.
      expect(readdirSync(usb)).toEqual(['tep.txt']);
    });

    it('backs up now to the configured folder with progress events, lists it with its manifest, and rotates to `keep`', async () => {
      await client.invoke('backup.saveSettings', { folder: usb, intervalHours: 24, keep: 2 });
      const progress: Array<EventPayload<'job.progress'>> = [];
      const off = runtime.events.subscribe((name, payload) => {
        if (name === 'job.progress') progress.push(payload as EventPayload<'job.progress'>);
      });
      const made = await client.invoke('backup.create', { jobId: 'b1' });
      off();
      expect(made.folder).toBe(usb);
      expect(made.name).toMatch(target.name === 'sqlite' ? /^motcua-20260317-090000\.sqlite$/ : /^motcua-20260317-090000\.pgdump$/);
      expect(made).toMatchObject({ engine: target.name, complete: true, verified: true, createdAtText: '17/03/2026 09:00:00' });
      expect(made.counts.unit_profile).toBe(1);
      expect(made.audit?.entries).toBeGreaterThan(0);
      expect(existsSync(made.path) && existsSync(`${made.path}.json`)).toBe(true);
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.every((p) => p.jobId === 'b1' && p.kind === 'backup')).toBe(true);
      expect(progress.at(-1)).toMatchObject({ done: 1, total: 1 });

      for (const t of ['2026-03-18T02:00:00.000Z', '2026-03-19T02:00:00.000Z']) {
        clock.set(t);
        await client.invoke('backup.create', {});
      }
      const list = await client.invoke('backup.list', {});
      expect(list.folder).toBe(usb);
      expect(list.entries.map((e) => e.createdAtText)).toEqual(['19/03/2026 09:00:00', '18/03/2026 09:00:00']);
      expect(list.entries.every((e) => e.verified && e.counts.unit_profile === 1)).toBe(true);
      expect((await client.invoke('backup.settings')).lastBackupAt).toBe('2026-03-19T02:00:00.000Z');
    });

    it('verifies the current store: integrity and audit chain', async () => {
      const v = await client.invoke('backup.verify');
      expect(v.ok).toBe(true);
      expect(v.integrity).toEqual(target.name === 'sqlite' ? ['ok'] : null);
      expect(v.audit).toMatchObject({ ok: true });
      expect(v.audit!.entries).toBeGreaterThan(0);
    });

    it('recovery channels in normal mode: not needed, and restore through them is refused', async () => {
      expect(await client.invoke('recovery.status')).toMatchObject({ needed: false, backups: [] });
      expect((await failure(client.invoke('recovery.restore', { file: join(usb, 'x.sqlite') }))).code).toBe('conflict');
    });

    it('starts scheduled backups only when asked (long-running processes) and only with a folder', async () => {
      await runtime.app()!.startBackgroundJobs();
      expect((await client.invoke('backup.settings')).scheduled).toBe(false);
      const s = await client.invoke('backup.saveSettings', { folder: usb, intervalHours: 6, keep: 5 });
      expect(s.scheduled).toBe(true);
      // No backup yet in the folder: due now, after the start-up delay.
      expect(s.nextRunAt).toBe('2026-03-17T02:01:00.000Z');
      // A backup by hand into that folder: the next scheduled one is a full interval after it.
      clock.set('2026-03-17T02:00:30.000Z');
      await client.invoke('backup.create', {});
      expect((await client.invoke('backup.settings')).nextRunAt).toBe('2026-03-17T08:00:30.000Z');
      const off = await client.invoke('backup.saveSettings', { folder: null, intervalHours: 6, keep: 5 });
      expect(off).toMatchObject({ folder: null, scheduled: false, nextRunAt: null });
    });

    if (target.name === 'sqlite') {
      it('restores while running: old data comes back, the replaced data is kept as a verified backup, the app keeps working', async () => {
        const made = await client.invoke('backup.create', { folder: usb });
        await client.invoke('unit.save', { ...SAMPLE_UNIT, place: 'Khe Sanh' });
        expect((await client.invoke('unit.get'))!.place).toBe('Khe Sanh');

        const preview = await client.invoke('backup.preview', { file: made.path });
        expect(preview).toMatchObject({ ok: true, createdAtText: '17/03/2026 09:00:00', current: { state: 'ok' } });
        expect(preview.counts.unit_profile).toBe(1);

        const before = runtime.app();
        clock.set('2026-03-17T03:00:00.000Z');
        const outcome = await client.invoke('backup.restore', { file: made.path });
        expect(outcome.restoredFrom).toBe(made.path);
        expect(outcome.safety.kind).toBe('backup');
        const safetyPath = outcome.safety.paths[0]!;
        expect(safetyPath.startsWith(join(fresh.dataDir, 'backups'))).toBe(true);
        expect(existsSync(safetyPath)).toBe(true);

        expect(runtime.app()).not.toBe(before);
        expect((await client.invoke('unit.get'))!.place).toBe(SAMPLE_UNIT.place);
        // The safety backup holds the data that was replaced.
        const safetyPreview = await client.invoke('backup.preview', { file: safetyPath });
        expect(safetyPreview.ok).toBe(true);
        expect(safetyPreview.createdAtText).toBe('17/03/2026 10:00:00');
        // And the app still writes.
        await client.invoke('unit.save', { ...SAMPLE_UNIT, place: 'Lao Bảo' });
        expect((await client.invoke('unit.get'))!.place).toBe('Lao Bảo');
        expect((await client.invoke('backup.verify')).ok).toBe(true);
      });

      it('refuses a file that is not a backup before closing anything', async () => {
        const bogus = join(usb, 'motcua-20260101-000000.sqlite');
        writeFileSync(bogus, 'không phải cơ sở dữ liệu');
        const before = runtime.app();
        const err = await failure(client.invoke('backup.restore', { file: bogus }));
        expect(err.code).toBe('invalid_input');
        expect(runtime.app()).toBe(before);
        expect((await client.invoke('unit.get'))!.unitName).toBe(SAMPLE_UNIT.unitName);
      });

      it('a plain app (CLI, tests) explains that restore needs the running desk or `motcua restore`', async () => {
        const other = mkdtempSync(join(tmpdir(), 'motcua-plain-'));
        mkdirSync(other, { recursive: true });
        const app = await createApp({ dataDir: other, store: { kind: 'sqlite', file: join(other, 'motcua.sqlite') }, clock });
        try {
          const err = await failure(app.client().invoke('backup.restore', { file: join(usb, 'x.sqlite') }));
          expect(err.code).toBe('conflict');
          expect(err.message).toMatch(/motcua restore/);
        } finally {
          await app.close();
          rmSync(other, { recursive: true, force: true });
        }
      });
    } else {
      it('PostgreSQL: backup is a pg_dump archive; preview and restore explain pg_restore', async () => {
        const s = await client.invoke('backup.settings');
        expect(s.pgTools).toEqual({ available: true, message: null });
        const made = await client.invoke('backup.create', { folder: usb });
        expect(readFileSync(made.path).subarray(0, 5).toString('latin1')).toBe('PGDMP');
        const preview = await failure(client.invoke('backup.preview', { file: made.path }));
        expect(preview.code).toBe('conflict');
        expect(preview.message).toMatch(/pg_restore/);
        expect((await failure(client.invoke('backup.restore', { file: made.path }))).message).toMatch(/pg_restore/);
      });
    }
  });
}
