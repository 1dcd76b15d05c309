/**
 * Issue 15 item 4: a full disk. The store refusing a write for lack of space must reach the clerk as
 * one `disk_full` error with a Vietnamese "Ổ đĩa đầy" sentence saying what to free (never
 * "cannot rollback - no transaction is active", `internal` or `store_unavailable`); nothing is
 * half-saved; reads keep working; the same write succeeds by itself once space returns.
 *
 * The disk is made full for real, not mocked: on SQLite `PRAGMA max_page_count` caps the file at its
 * current size, so SQLite itself raises SQLITE_FULL mid-transaction exactly as on a full disk; on
 * PostgreSQL a trigger raises the server's own 53100 "could not extend file" error inside the
 * transaction. The logger test points the real host's log file at /dev/full (every write ENOSPC).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../main/adapters/printer/fake';
import { createApp, type App } from '../../main/app/create-app';
import { verifyAuditChain } from '../../main/core/audit/audit';
import { fixedClock } from '../../main/core/ports/clock';
import type { Input } from '../../shared/contract/channels';
import { SAMPLE_UNIT } from '../support/app';
import { storeTargets, type StoreTarget } from '../support/stores';
import { DeskClient, launchHost, signInAdmin, stopGently } from '../stress/host-process';

const APPLICANT = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp' };
const dossierInput = (): Input<'dossiers.create'> => ({
  requestId: randomUUID(),
  procedureCode: '1.001731',
  applicant: APPLICANT,
  components: [0, 1, 2].map((position) => ({ position, received: true })),
  note: 'Hồ sơ nộp trực tiếp. '.repeat(40),
});
const TABLES = ['dossiers', 'applicants', 'dossier_components', 'audit_log', 'files', 'printed_documents', 'dossier_counters'] as const;

/** Fill the disk / give the space back, the way each engine experiences it. */
function diskOf(target: StoreTarget, app: App) {
  const db = app.store.db;
  if (target.name === 'sqlite') {
    return {
      fill: async () => {
        const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!.page_count;
        await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
      },
      free: async () => void (await sql.raw('pragma max_page_count = 1073741823').execute(db)),
    };
  }
  const tables = ['dossiers', 'applicants', 'files', 'audit_log', 'printed_documents'];
  return {
    fill: async () => {
      await sql
        .raw(
          `create or replace function motcua_test_disk_full() returns trigger language plpgsql as $$ begin
             raise exception 'could not extend file "base/16384/2619": No space left on device' using errcode = '53100', hint = 'Check free disk space.';
           end $$`,
        )
        .execute(db);
      for (const t of tables) await sql.raw(`create trigger disk_full_${t} before insert or update on ${t} for each row execute function motcua_test_disk_full()`).execute(db);
    },
    free: async () => {
      for (const t of tables) await sql.raw(`drop trigger disk_full_${t} on ${t}`).execute(db);
    },
  };
}

for (const target of storeTargets()) {
  describe(`a full disk on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    async function desk() {
      const { config, dataDir, cleanup } = target.fresh();
      const printer = new FakePrinter({ printers: [{ name: 'Quay-1', isDefault: true, state: 'idle' }] });
      const app = await createApp({ dataDir, store: config, clock: fixedClock('2026-03-17T02:00:00.000Z'), validateOutputs: true, printer, pollChangesMs: 0 });
      cleanups.push(async () => {
        await app.close();
        await cleanup();
      });
      await app.client().invoke('unit.save', SAMPLE_UNIT);
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const t of TABLES) out[t] = Number((await app.store.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        return out;
      };
      const call = (channel: string, input: unknown) => app.dispatcher.call(channel, input, { actor: 'cli', transport: 'in-process' });
      return { app, dataDir, printer, counts, call, disk: diskOf(target, app) };
    }

    it('refuses intake and printing with disk_full, saves nothing, keeps reads, and accepts the same dossier once space returns', async () => {
      const { app, dataDir, printer, counts, call, disk } = await desk();
      const first = await app.client().invoke('dossiers.create', dossierInput());
      await disk.fill();
      const before = await counts();

      const pending = dossierInput();
      for (let i = 0; i < 3; i++) {
        const r = await call('dossiers.create', pending);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.error.code).toBe('disk_full');
        expect(r.error.message).toMatch(/^Ổ đĩa đầy/);
        expect(r.error.message).toContain('CHƯA được lưu');
        expect(r.error.message).not.toMatch(/rollback|transaction|SQLITE|internal/i);
        if (target.name === 'sqlite') {
          expect(r.error.message).toContain(dataDir);
          expect(r.error.message).toContain('giải phóng ít nhất 500 MB');
        } else expect(r.error.message).toContain('máy chủ cơ sở dữ liệu');
        expect(r.error.details).toMatchObject({ readOnly: true });
      }
      // Printing the receipt of the dossier already received: the PDF cannot be stored, so nothing is printed.
      const print = await call('documents.print', { target: { kind: 'dossier', code: first.code, form: '01' } });
      expect(print.ok ? 'printed' : print.error.code).toBe('disk_full');
      expect(printer.jobs).toHaveLength(0);
      expect(await counts()).toEqual(before);

      // Read-only, not dead: the book, the dossier and the app answer.
      const list = await call('dossiers.list', {});
      expect(list.ok && (list.value as unknown[]).length).toBe(1);
      const got = await call('dossiers.get', { code: first.code });
      expect(got.ok).toBe(true);
      expect((await call('app.info', {})).ok).toBe(true);

      // Space returns: the very same form (same requestId) goes through, once, with no restart.
      await disk.free();
      const again = await app.client().invoke('dossiers.create', pending);
      expect(again.code).toMatch(/-0002$/);
      const after = await counts();
      expect(after.dossiers).toBe(before.dossiers! + 1);
      expect(after.dossier_components).toBe(before.dossier_components! + 3);
      const printed = await app.client().invoke('documents.print', { target: { kind: 'dossier', code: first.code, form: '01' } });
      expect(printed.status).toBe('printed');
      expect(printer.jobs).toHaveLength(1);
      expect((await verifyAuditChain(app.store.db)).ok).toBe(true);
    });
  });
}

describe('the log file on a full disk', () => {
  it('does not end the host: it keeps answering, saving and shuts down cleanly while every log write fails with ENOSPC', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-fulllog-'));
    try {
      mkdirSync(join(dataDir, 'logs'));
      symlinkSync('/dev/full', join(dataDir, 'logs', 'motcua.log'));
      const host = launchHost(dataDir);
      const info = await host.ready;
      const desk = new DeskClient(info);
      await signInAdmin(desk);
      await desk.invoke('unit.save', SAMPLE_UNIT);
      const d = await desk.invoke<{ code: string }>('dossiers.create', dossierInput());
      // An error that is logged (a bad call) and a burst of calls, each of them writing to the log.
      expect((await desk.call('dossiers.get', { code: 'H50.12.34-260317-9999' })).envelope.error?.code).toBe('not_found');
      for (let i = 0; i < 20; i++) expect((await desk.call('app.info')).envelope.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(host.child.exitCode).toBeNull();
      expect((await desk.invoke<{ code: string }>('dossiers.get', { code: d.code })).code).toBe(d.code);
      expect(host.stderr()).toContain('cannot write the log file');
      await stopGently(host);
      expect(await host.exited).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
