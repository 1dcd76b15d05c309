// Insider finding 8 (issue 15): a JSON bomb nested 10k levels and `__proto__` keys, through every transport.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIpcSessions } from '../../main/app/ipc-sessions';
import { startHost, type RunningHost } from '../../main/host/server';
import { guardInput, MAX_INPUT_DEPTH } from '../../shared/domain/input-guard';
import { freshApp } from '../support/app';
import { motcua } from '../support/cli';
import { storeTargets } from '../support/stores';

type Env = Awaited<ReturnType<typeof freshApp>>;

/** POST a raw body (a 10k-deep value cannot even be JSON.stringify'd safely everywhere). */
function postRaw(host: RunningHost, channel: string, body: string) {
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: 'POST', path: `/rpc/${channel}`, headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const deepJson = (levels: number) => `{"name":${'['.repeat(levels)}${']'.repeat(levels)},"pin":"1357"}`;
const PROTO_SIGN_IN = '{"__proto__":{"name":"lan","pin":"1357"}}';

describe.each(storeTargets())('dispatcher hardening ($name)', (target) => {
  let env: Env | undefined;
  let host: RunningHost | undefined;
  let staticDir: string | undefined;
  afterEach(async () => {
    await host?.close();
    await env?.cleanup();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
    env = host = staticDir = undefined;
  });

  async function start() {
    env = await freshApp(target);
    await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    staticDir = mkdtempSync(join(tmpdir(), 'motcua-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startHost({ app: env.app, staticDir, port: 0 });
    return { env, host };
  }

  it('HTTP: JSON nested 10,000 levels is invalid_input (not a 500), and the host keeps serving', async () => {
    const { host } = await start();
    const r = await postRaw(host, 'auth.signIn', deepJson(10_000));
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(false);
    expect(r.json.error.code).toBe('invalid_input');
    expect(r.json.error.issues[0].message).toContain(`quá ${MAX_INPUT_DEPTH} tầng`);
    expect((await postRaw(host, 'app.info', '{}')).json.ok).toBe(true);
  });

  it('HTTP: a __proto__ key carrying name and PIN does not sign in; it is refused naming the key', async () => {
    const { host } = await start();
    const r = await postRaw(host, 'auth.signIn', PROTO_SIGN_IN);
    expect(r.json.ok).toBe(false);
    expect(r.json.error.code).toBe('invalid_input');
    expect(r.json.error.issues).toEqual([{ path: '__proto__', message: expect.stringContaining('__proto__') }]);
    // The same PIN sent plainly signs in: the refusal is about the key, not the PIN.
    expect((await postRaw(host, 'auth.signIn', '{"name":"lan","pin":"1357"}')).json.ok).toBe(true);
  });

  it('HTTP: constructor and prototype keys, nested anywhere, are refused', async () => {
    const { host } = await start();
    for (const body of ['{"name":"lan","pin":"1357","constructor":{"x":1}}', '{"name":"lan","pin":"1357","a":[{"prototype":1}]}']) {
      const r = await postRaw(host, 'auth.signIn', body);
      expect(r.json.error?.code).toBe('invalid_input');
      // Named as a forbidden key, not merely an unknown field a looser schema would have let through.
      expect(r.json.error.issues[0].message).toContain('không được phép');
    }
  });

  it('IPC (the shell’s session relay over the same dispatcher): deep and __proto__ inputs are invalid_input', async () => {
    const { env } = await start();
    const ipc = createIpcSessions(env.app.dispatcher);
    const proto = await ipc.call(1, 'auth.signIn', JSON.parse(PROTO_SIGN_IN));
    expect(proto.ok).toBe(false);
    if (!proto.ok) expect(proto.error.code).toBe('invalid_input');
    const deep = await ipc.call(1, 'auth.signIn', JSON.parse(deepJson(10_000)));
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.error.code).toBe('invalid_input');
    // A cyclic object (only an in-process caller can make one) ends at the depth limit too.
    const cyclic: Record<string, unknown> = { name: 'lan' };
    cyclic.self = cyclic;
    const cycle = await env.app.dispatcher.call('auth.signIn', cyclic, { actor: 'x', transport: 'in-process' });
    expect(cycle.ok).toBe(false);
  });
});

describe('dispatcher hardening (CLI)', () => {
  it('motcua call with a __proto__ key and a 10k-deep JSON exits 2 with invalid_input', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
    try {
      const proto = motcua(['--data-dir', dataDir, 'call', 'users.create', '{"__proto__":{"name":"ke","displayName":"Kẻ Gian","role":"admin","pin":"1357"}}']);
      expect(proto.stderr).toContain('invalid_input');
      expect(proto.stderr).toContain('__proto__');
      expect(proto.code).toBe(2);
      const deep = motcua(['--data-dir', dataDir, 'call', 'users.create', deepJson(10_000)]);
      expect(deep.stderr).toContain('invalid_input');
      expect(deep.code).toBe(2);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('input guard', () => {
  it('walks 1,000,000 leaves in a wide input without refusing, normalising NFC (linear, no recursion per leaf)', () => {
    const wide = { list: Array.from({ length: 1_000_000 }, () => 'Ho\u0302\u0300') };
    const started = performance.now();
    const r = guardInput(wide);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.list[999_999]).toBe('Hồ');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('accepts exactly MAX_INPUT_DEPTH levels and refuses one more', () => {
    const nest = (n: number): unknown => (n === 0 ? 'x' : [nest(n - 1)]);
    expect(guardInput(nest(MAX_INPUT_DEPTH)).ok).toBe(true);
    expect(guardInput(nest(MAX_INPUT_DEPTH + 1)).ok).toBe(false);
  });

  it('never changes the caller’s object and never gives the copy a prototype from a key', () => {
    const input = JSON.parse('{"a":{"b":"c"}}');
    const r = guardInput(input);
    expect(r.ok && r.value !== input && Object.getPrototypeOf(r.value) === Object.prototype).toBe(true);
  });
});
