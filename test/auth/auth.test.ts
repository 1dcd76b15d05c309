import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIpcSessions } from '../../main/app/ipc-sessions';
import { verifyAuditChain } from '../../main/core/audit/audit';
import { verifySecret } from '../../main/core/auth/secret-hash';
import { startHost, type RunningHost } from '../../main/host/server';
import { CHANNEL_NAMES } from '../../shared/contract/channels';
import { permissions } from '../../shared/contract/permissions';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

type Env = Awaited<ReturnType<typeof freshApp>>;

function post(host: RunningHost, channel: string, body: unknown, session?: string) {
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `/rpc/${channel}`,
        headers: {
          Authorization: `Bearer ${host.token}`,
          'Content-Type': 'application/json',
          ...(session ? { 'X-Motcua-Session': session } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const ADMIN = { name: 'quantri', displayName: 'Lê Văn Quản', pin: '246810' };

describe('sign-in and roles through the HTTP transport', () => {
  let env: Env;
  let host: RunningHost;
  let adminSession: string;
  let clerkSession: string;
  beforeAll(async () => {
    env = await freshApp(storeTargets()[0]!);
    const staticDir = mkdtempSync(join(tmpdir(), 'motcua-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startHost({ app: env.app, staticDir, port: 0 });
  });
  afterAll(async () => {
    await host.close();
    await env.cleanup();
  });

  it('keeps first-run set-up open until the first admin exists, then closes it', async () => {
    expect((await post(host, 'auth.status', {})).json.value).toMatchObject({ hasUsers: false, users: [] });
    // Before any officer exists the set-up screen may save the unit without a session.
    expect((await post(host, 'unit.save', SAMPLE_UNIT)).json.ok).toBe(true);
    const setup = await post(host, 'auth.setupAdmin', ADMIN);
    expect(setup.json).toMatchObject({ ok: true, value: { user: { name: 'quantri', role: 'admin' } } });
    adminSession = setup.json.value.token;
    expect(adminSession).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // A second "first admin" is refused, and so is saving the unit without a session.
    expect((await post(host, 'auth.setupAdmin', { ...ADMIN, name: 'khac' })).json.error.code).toBe('unauthenticated');
    expect((await post(host, 'auth.setupAdmin', { ...ADMIN, name: 'khac' }, adminSession)).json.error.code).toBe('conflict');
    expect((await post(host, 'unit.save', SAMPLE_UNIT)).json.error.code).toBe('unauthenticated');
    // What the sign-in screen needs stays public.
    expect((await post(host, 'app.info', {})).json.ok).toBe(true);
    expect((await post(host, 'unit.get', {})).json.value.agencyCode).toBe('H50.12.34');
  });

  it('answers unauthenticated to a protected call without a session or with a made-up one', async () => {
    const none = await post(host, 'dossiers.list', {});
    expect(none.json).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(none.json.error.message).toContain('đăng nhập');
    const fake = await post(host, 'dossiers.list', {}, 'x'.repeat(43));
    expect(fake.json.error.code).toBe('unauthenticated');
    expect((await post(host, 'auth.me', {}, 'x'.repeat(43))).json.value).toBeNull();
  });

  it('refuses a clerk an admin call with forbidden, in Vietnamese, and lets the admin make it', async () => {
    const created = await post(host, 'users.create', { name: 'Lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' }, adminSession);
    expect(created.json).toMatchObject({ ok: true, value: { name: 'lan', role: 'clerk', active: true } });
    const signIn = await post(host, 'auth.signIn', { name: 'LAN', pin: '1357' });
    expect(signIn.json.value.user).toMatchObject({ name: 'lan', role: 'clerk' });
    clerkSession = signIn.json.value.token;

    for (const [channel, body] of [
      ['users.create', { name: 'hung', displayName: 'Nguyễn Văn Hùng', role: 'admin', pin: '9999' }],
      ['unit.save', SAMPLE_UNIT],
      ['calendar.saveYear', { year: 2027, holidays: [] }],
      ['dossiers.overrideDue', { id: randomUUID(), version: 1, dueLocal: '2026-03-20T10:00', reason: 'x' }],
    ] as const) {
      const r = await post(host, channel, body, clerkSession);
      expect(r.json, channel).toMatchObject({ ok: false, error: { code: 'forbidden', details: { role: 'clerk' } } });
      expect(r.json.error.message).toContain('Cán bộ tiếp nhận');
    }
    // The clerk's own work goes through.
    expect((await post(host, 'dossiers.list', {}, clerkSession)).json.ok).toBe(true);
    expect((await post(host, 'auth.me', {}, clerkSession)).json.value).toMatchObject({ name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk' });
    // The admin may do what the clerk may not.
    expect((await post(host, 'users.list', {}, adminSession)).json.value.map((u: { name: string }) => u.name).sort()).toEqual(['lan', 'quantri']);
  });

  it('applies a role change at once, ends sessions of a deactivated officer, and keeps the last admin', async () => {
    const lan = (await post(host, 'users.list', {}, adminSession)).json.value.find((u: { name: string }) => u.name === 'lan');
    await post(host, 'users.update', { id: lan.id, role: 'leader' }, adminSession);
    expect((await post(host, 'auth.me', {}, clerkSession)).json.value.role).toBe('leader');
    await post(host, 'users.update', { id: lan.id, active: false }, adminSession);
    expect((await post(host, 'dossiers.list', {}, clerkSession)).json.error.code).toBe('unauthenticated');
    expect((await post(host, 'auth.signIn', { name: 'lan', pin: '1357' })).json.error.code).toBe('unauthenticated');
    expect((await post(host, 'auth.status', {})).json.value.users.map((u: { name: string }) => u.name)).toEqual(['quantri']);
    const admin = (await post(host, 'users.list', {}, adminSession)).json.value.find((u: { name: string }) => u.name === 'quantri');
    const lastAdmin = await post(host, 'users.update', { id: admin.id, role: 'clerk' }, adminSession);
    expect(lastAdmin.json.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('Quản trị') });
  });

  it('signs out: the token stops working', async () => {
    const s = (await post(host, 'auth.signIn', { name: 'quantri', pin: ADMIN.pin })).json.value.token;
    expect((await post(host, 'auth.signOut', {}, s)).json.value).toEqual({ signedOut: true });
    expect((await post(host, 'users.list', {}, s)).json.error.code).toBe('unauthenticated');
  });

  it('serves stored files only to a signed-in page once officers exist', async () => {
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: host.port, path }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
          .on('error', reject)
          .end();
      });
    const id = randomUUID();
    expect(await get(`/files/${id}?token=${host.token}`)).toBe(401);
    expect(await get(`/files/${id}?token=${host.token}&session=${adminSession}`)).toBe(404);
  });
});

describe('sessions, secrets and audit', () => {
  let env: Env | null = null;
  afterEach(async () => {
    await env?.cleanup();
    env = null;
  });

  it('stores PINs only as salted scrypt hashes', async () => {
    env = await freshApp(storeTargets()[0]!);
    const c = env.app.client();
    await c.invoke('users.create', { name: 'a', displayName: 'Người A', role: 'clerk', pin: '1234' });
    await c.invoke('users.create', { name: 'b', displayName: 'Người B', role: 'clerk', pin: '1234' });
    const rows = await env.app.store.db.selectFrom('users').select(['name', 'secret_hash']).orderBy('name').execute();
    for (const r of rows) {
      expect(r.secret_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(r.secret_hash).not.toContain('1234');
      expect(await verifySecret('1234', r.secret_hash)).toBe(true);
      expect(await verifySecret('1235', r.secret_hash)).toBe(false);
    }
    // Same PIN, different salt: equal PINs are not visible as equal hashes.
    expect(rows[0]!.secret_hash).not.toBe(rows[1]!.secret_hash);
    // The audit trail records the officer, never the hash.
    const audit = await env.app.store.db.selectFrom('audit_log').select(['after_json']).execute();
    for (const a of audit) expect(a.after_json ?? '').not.toContain('scrypt');
    // Session tokens are stored as digests only.
    const { token } = await c.invoke('auth.signIn', { name: 'a', pin: '1234' });
    const sessions = await env.app.store.db.selectFrom('sessions').select('id').execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toContain(token!);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('expires sessions after the working day', async () => {
    env = await freshApp(storeTargets()[0]!, { now: '2026-03-17T01:00:00.000Z' });
    const c = env.app.client();
    await c.invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    const { token, expiresAt } = await c.invoke('auth.signIn', { name: 'lan', pin: '1357' });
    expect(expiresAt).toBe('2026-03-17T13:00:00.000Z');
    const asLan = env.app.client({ transport: 'http', sessionToken: token! });
    expect(await asLan.invoke('auth.me')).toMatchObject({ name: 'lan' });
    env.clock.set('2026-03-17T12:59:59.000Z');
    expect((await asLan.call('dossiers.list', {})).ok).toBe(true);
    env.clock.set('2026-03-17T13:00:00.000Z');
    expect(await asLan.invoke('auth.me')).toBeNull();
    const r = await asLan.call('dossiers.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('slows down guessing: after five wrong PINs the account waits', async () => {
    env = await freshApp(storeTargets()[0]!);
    const c = env.app.client({ transport: 'http' });
    await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    for (let i = 0; i < 4; i++) expect((await c.call('auth.signIn', { name: 'lan', pin: '0000' })).ok).toBe(false);
    const fifth = await c.call('auth.signIn', { name: 'lan', pin: '0000' });
    expect(fifth.ok ? '' : fifth.error.message).toContain('30 giây');
    // Even the right PIN waits now.
    const right = await c.call('auth.signIn', { name: 'lan', pin: '1357' });
    expect(right).toMatchObject({ ok: false, error: { code: 'unauthenticated', details: { retryAfterSeconds: 30 } } });
    env.clock.set(new Date(env.clock.now().getTime() + 31_000).toISOString());
    expect((await c.call('auth.signIn', { name: 'lan', pin: '1357' })).ok).toBe(true);
  });

  it("writes the signed-in officer's name into every audit entry", async () => {
    env = await freshApp(storeTargets()[0]!);
    await env.app.client().invoke('users.create', { name: 'quantri', displayName: 'Lê Văn Quản', role: 'admin', pin: '2468' });
    const { token } = await env.app.client({ transport: 'http' }).invoke('auth.signIn', { name: 'quantri', pin: '2468' });
    // The transport's own actor is ignored: the session decides who acts.
    await env.app.client({ transport: 'http', actor: 'desk', sessionToken: token! }).invoke('unit.save', SAMPLE_UNIT);
    const last = await env.app.store.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last).toEqual({ actor: 'quantri', action: 'unit.create' });
    expect(await verifyAuditChain(env.app.store.db)).toMatchObject({ ok: true });
  });

  it('keeps the Electron session token in the main process, per window', async () => {
    env = await freshApp(storeTargets()[0]!);
    await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    const ipc = createIpcSessions(env.app.dispatcher);
    const signed = await ipc.call(1, 'auth.signIn', { name: 'lan', pin: '1357' });
    expect(signed.ok && (signed.value as Record<string, unknown>).token).toBeUndefined();
    expect(await ipc.call(1, 'auth.me', {})).toMatchObject({ ok: true, value: { name: 'lan' } });
    // Another window has no session.
    expect(await ipc.call(2, 'auth.me', {})).toEqual({ ok: true, value: null });
    expect((await ipc.call(2, 'dossiers.list', {})).ok).toBe(false);
    await ipc.forget(1);
    expect(await ipc.call(1, 'auth.me', {})).toEqual({ ok: true, value: null });
    expect(await env.app.store.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });
});

describe('permission table', () => {
  it('keeps admin-only work away from clerks', () => {
    const clerkMay = (c: (typeof CHANNEL_NAMES)[number]) => {
      const p = permissions[c];
      return p === 'public' || (Array.isArray(p) && p.includes('clerk'));
    };
    for (const c of ['unit.save', 'catalog.save', 'catalog.retire', 'catalog.import', 'calendar.saveYear', 'users.create', 'users.resetPin', 'office.moveToServer', 'dossiers.overrideDue'] as const) {
      expect(clerkMay(c), c).toBe(false);
    }
    for (const c of ['dossiers.create', 'dossiers.list', 'intake.notice'] as const) expect(clerkMay(c), c).toBe(true);
    expect(permissions['dossiers.overrideDue']).toEqual(['leader', 'admin']);
  });
});
