import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../main/app/create-app';
import { fixedClock } from '../../main/core/ports/clock';
import { ROOT } from '../support/cli';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI=true but DATABASE_URL is not set: the several-desks suite would skip');
const NOW = '2026-03-17T02:00:00.000Z';

/** A throw-away schema on the test server, reachable through a plain connection string. */
async function freshSchema(): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `o_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: URL_ });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const u = new URL(URL_!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: URL_ });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

function runWorker(env: NodeJS.ProcessEnv): Promise<{ desk: string; codes: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/office/intake-worker.ts')], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

describe.skipIf(!URL_)('several desks on one PostgreSQL server', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  it('gives 8 desk processes receiving at once unique, gap-free codes', async () => {
    const s = await freshSchema();
    drops.push(s.drop);
    // One desk sets the office up (migrations, catalogue, unit profile) before the others open.
    const first = await createApp({ dataDir: mkdtempSync(join(tmpdir(), 'motcua-o-')), store: { kind: 'postgres', url: URL_!, schema: s.schema }, clock: fixedClock(NOW), pollChangesMs: 0 });
    await first.client().invoke('unit.save', SAMPLE_UNIT);
    await first.close();

    const PER_DESK = 12;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => runWorker({ DATABASE_URL: URL_, MOTCUA_PG_SCHEMA: s.schema, COUNT: String(PER_DESK), DESK: String(i + 1), NOW })),
    );
    const codes = results.flatMap((r) => r.codes);
    expect(codes).toHaveLength(8 * PER_DESK);
    expect(new Set(codes).size).toBe(codes.length);
    const seqs = codes.map((c) => Number(/-(\d{4})$/.exec(c)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 8 * PER_DESK }, (_, i) => i + 1));
    expect(codes.every((c) => c.startsWith('H50.12.34-260317-'))).toBe(true);
    // Each desk saw its own codes rising (no desk was handed an older number later).
    for (const r of results) {
      const own = r.codes.map((c) => Number(c.slice(-4)));
      expect([...own].sort((a, b) => a - b)).toEqual(own);
    }
  }, 120_000);

  it('moves a SQLite desk to the server with verified counts, then back again', async () => {
    const s = await freshSchema();
    drops.push(s.drop);
    const env = await freshApp(storeTargets()[0]!, { now: NOW });
    drops.push(env.cleanup);
    const c = env.app.client();
    await c.invoke('unit.save', SAMPLE_UNIT);
    await c.invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    for (let i = 0; i < 30; i++) {
      await c.invoke('dossiers.create', {
        requestId: randomUUID(),
        procedureCode: '1.001731',
        applicant: { fullName: `Nguyễn Văn ${i}`, idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp' },
        components: [0, 1, 2].map((position) => ({ position, received: true })),
      });
    }
    // A stored file (bytes) travels too.
    await env.app.store.db
      .insertInto('files')
      .values({ id: '00000000-0000-4000-8000-000000000001', kind: 'scan', mime: 'application/pdf', name: 'a.pdf', size: 4, sha256: 'x', bytes: Buffer.from([1, 2, 3, 250]), created_at: NOW, created_by: 'lan' })
      .execute();

    const progress: Array<{ done: number; total: number | null }> = [];
    env.app.events.subscribe((name, payload) => {
      if (name === 'job.progress') progress.push(payload as { done: number; total: number | null });
    });

    const test = await c.invoke('office.testConnection', { url: s.url });
    expect(test).toMatchObject({ migrated: false, hasData: false });
    expect(test.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect((await c.invoke('office.prepareServer', { url: s.url })).applied).toContain('0009-users');
    expect(await c.invoke('office.testConnection', { url: s.url })).toMatchObject({ migrated: true, hasData: false });

    const moved = await c.invoke('office.moveToServer', { url: s.url, jobId: 'move-1' });
    const byTable = Object.fromEntries(moved.tables.map((t) => [t.table, t]));
    expect(byTable.dossiers).toEqual({ table: 'dossiers', source: 30, target: 30 });
    expect(byTable.users).toEqual({ table: 'users', source: 1, target: 1 });
    expect(byTable.files).toEqual({ table: 'files', source: 1, target: 1 });
    expect(byTable.procedures!.target).toBeGreaterThan(0);
    for (const t of moved.tables) expect(t.target, t.table).toBe(t.source);
    expect(moved.rows).toBe(moved.tables.reduce((a, t) => a + t.source, 0));
    // Parents before children: dossiers before their components.
    const order = moved.tables.map((t) => t.table);
    expect(order.indexOf('dossiers')).toBeLessThan(order.indexOf('dossier_components'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('sessions'));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ done: moved.rows, total: moved.rows });
    const config = JSON.parse(readFileSync(join(env.app.dataDir, 'config.json'), 'utf8'));
    expect(config.database).toEqual({ kind: 'postgres', url: s.url });

    // A second move is refused: the server now holds office data.
    const again = await c.call('office.moveToServer', { url: s.url, jobId: 'move-2' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // The desk restarts on the server (config.json): same data, the audit chain intact, codes continue.
    const onServer = await createApp({ dataDir: env.app.dataDir, store: { kind: 'postgres', url: URL_!, schema: s.schema }, clock: fixedClock(NOW), pollChangesMs: 0 });
    drops.unshift(() => onServer.close());
    const sc = onServer.client();
    expect((await sc.invoke('unit.get'))!.agencyCode).toBe('H50.12.34');
    const next = await sc.invoke('dossiers.create', {
      requestId: randomUUID(),
      procedureCode: '1.001731',
      applicant: { fullName: 'Trần Thị Sau', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp' },
      components: [0, 1, 2].map((position) => ({ position, received: true })),
    });
    expect(next.code).toBe('H50.12.34-260317-0031');
    const bytes = await onServer.store.db.selectFrom('files').select('bytes').executeTakeFirstOrThrow();
    expect([...bytes.bytes]).toEqual([1, 2, 3, 250]);
    const { verifyAuditChain } = await import('../../main/core/audit/audit');
    expect(await verifyAuditChain(onServer.store.db)).toMatchObject({ ok: true });
    // The officer signs in on the server with the PIN set on the SQLite desk.
    expect((await onServer.client({ transport: 'http' }).invoke('auth.signIn', { name: 'lan', pin: '1357' })).user.name).toBe('lan');

    // And back: the server's data (31 dossiers now) into a new SQLite file; the old file is kept.
    const back = await sc.invoke('office.moveToLocal', { jobId: 'back-1' });
    expect(back.tables.find((t) => t.table === 'dossiers')).toEqual({ table: 'dossiers', source: 31, target: 31 });
    const files = readFileSync(join(env.app.dataDir, 'config.json'), 'utf8');
    expect(JSON.parse(files).database).toEqual({ kind: 'sqlite' });
    await env.app.close();
    const dir = env.app.dataDir;
    expect(existsSync(join(dir, 'motcua.sqlite'))).toBe(true);
    const local = await createApp({ dataDir: dir, store: { kind: 'sqlite', file: join(dir, 'motcua.sqlite') }, clock: fixedClock(NOW), pollChangesMs: 0 });
    try {
      expect((await local.client().invoke('dossiers.list', {})).length ?? 0).toBeGreaterThan(0);
      const n = await local.store.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(31);
      expect(await verifyAuditChain(local.store.db)).toMatchObject({ ok: true });
    } finally {
      await local.close();
    }
    rmSync(join(dir, 'config.json'), { force: true });
  }, 120_000);

  it('explains a failed connection in words an admin can act on', async () => {
    const env = await freshApp(storeTargets()[0]!);
    drops.push(env.cleanup);
    const u = new URL(URL_!);
    u.username = 'motcua_khong_co';
    u.password = 'sai-mat-khau';
    u.pathname = '/khong_co_csdl';
    const wrong = await env.app.client().call('office.testConnection', { url: u.toString() });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'store_unavailable' } });
    if (!wrong.ok) {
      expect(wrong.error.message).toMatch(/^Không kết nối được máy chủ PostgreSQL: /);
      expect(wrong.error.message).not.toContain('sai-mat-khau');
    }
    const closed = await env.app.client().call('office.testConnection', { url: 'postgres://a:b@127.0.0.1:1/x' });
    expect(closed.ok ? '' : closed.error.message).toContain('máy chủ không nhận kết nối');
  });
});
