// Insider finding 1 (issue 15): parallel wrong PINs must not outrun the lockout, on every store.
import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/app';
import { motcua } from '../support/cli';
import { storeTargets } from '../support/stores';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Env = Awaited<ReturnType<typeof freshApp>>;

async function failedAttempts(env: Env, name: string): Promise<{ failed: number; lockedUntil: string | null }> {
  const row = await env.app.deps.db.selectFrom('users').select(['failed_attempts', 'locked_until']).where('name', '=', name).executeTakeFirstOrThrow();
  return { failed: Number(row.failed_attempts), lockedUntil: row.locked_until };
}

describe.each(storeTargets())('PIN lockout under parallel guesses ($name)', (target) => {
  let env: Env | undefined;
  afterEach(async () => {
    await env?.cleanup();
    env = undefined;
  });

  it('400 parallel wrong PINs (the right one last) get five checks, no session, and a counter of 5', async () => {
    env = await freshApp(target);
    await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    const desk = env.app.client({ transport: 'http' });
    const pins = Array.from({ length: 400 }, (_, i) => (i === 399 ? '1357' : String(2000 + i)));
    const results = await Promise.all(pins.map((pin) => desk.call('auth.signIn', { name: 'lan', pin })));

    expect(results.filter((r) => r.ok)).toHaveLength(0);
    // A refusal that names the PIN field is one where the PIN was actually checked.
    const checked = results.filter((r) => !r.ok && r.error.issues?.some((i) => i.path === 'pin'));
    expect(checked).toHaveLength(5);
    const held = results.filter((r) => !r.ok && (r.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds);
    expect(held.length).toBeGreaterThanOrEqual(395);
    expect(results.every((r) => !r.ok && r.error.code === 'unauthenticated')).toBe(true);
    const state = await failedAttempts(env, 'lan');
    expect(state.failed).toBe(5);
    // The fifth wrong PIN set the 30-second wait, not the provisional 15-minute hold.
    expect(Date.parse(state.lockedUntil!) - env.clock.now().getTime()).toBe(30_000);
  }, 180_000);

  it('the delay grows 30 s, 60 s, … and stops at 15 minutes', async () => {
    env = await freshApp(target);
    await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    const desk = env.app.client({ transport: 'http' });
    for (let i = 0; i < 4; i++) await desk.call('auth.signIn', { name: 'lan', pin: '0000' });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await desk.call('auth.signIn', { name: 'lan', pin: '0000' });
      const wait = !r.ok ? (r.error.details as { retryAfterSeconds: number }).retryAfterSeconds : -1;
      waits.push(wait);
      env.clock.set(new Date(env.clock.now().getTime() + wait * 1000 + 1000).toISOString());
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  }, 180_000);

  it('an admin lifts the hold (audited) and the right PIN works at once; a clerk may not', async () => {
    env = await freshApp(target);
    const admin = env.app.client();
    const lan = await admin.invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    await admin.invoke('users.create', { name: 'hoa', displayName: 'Lê Thị Hoa', role: 'clerk', pin: '2468' });
    const desk = env.app.client({ transport: 'http' });
    for (let i = 0; i < 6; i++) await desk.call('auth.signIn', { name: 'lan', pin: '0000' });
    expect((await desk.call('auth.signIn', { name: 'lan', pin: '1357' })).ok).toBe(false);
    expect((await admin.invoke('users.list')).find((u) => u.name === 'lan')?.lockedUntil).toBeTruthy();

    const hoa = await desk.invoke('auth.signIn', { name: 'hoa', pin: '2468' });
    const asHoa = env.app.client({ transport: 'http', sessionToken: hoa.token! });
    expect(await asHoa.call('users.unlock', { id: lan.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const unlocked = await admin.invoke('users.unlock', { id: lan.id });
    expect(unlocked.lockedUntil).toBeNull();
    expect(await failedAttempts(env, 'lan')).toEqual({ failed: 0, lockedUntil: null });
    const audit = await env.app.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.unlock').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(lan.id);
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ name: 'lan', failedAttempts: 5 });
    expect((await desk.call('auth.signIn', { name: 'lan', pin: '1357' })).ok).toBe(true);
  }, 180_000);
});

describe('motcua user unlock', () => {
  it('lifts the hold from the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-unlock-'));
    try {
      expect(motcua(['--data-dir', dir, 'user', 'add', '--name', 'lan', '--display-name', 'Hồ Thị Lan', '--pin', '1357']).code).toBe(0);
      for (let i = 0; i < 5; i++) motcua(['--data-dir', dir, 'call', 'auth.signIn', JSON.stringify({ name: 'lan', pin: '0000' })]);
      const held = motcua(['--data-dir', dir, 'call', 'auth.signIn', JSON.stringify({ name: 'lan', pin: '1357' })]);
      expect(held.code).not.toBe(0);
      expect(held.stderr + held.stdout).toContain('giây');
      const r = motcua(['--data-dir', dir, 'user', 'unlock', 'lan']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ name: 'lan', lockedUntil: null });
      expect(motcua(['--data-dir', dir, 'call', 'auth.signIn', JSON.stringify({ name: 'lan', pin: '1357' })]).code).toBe(0);
      expect(motcua(['--data-dir', dir, 'user', 'unlock', 'nobody']).code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
