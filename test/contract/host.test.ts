import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLoopback, startHost, type RunningHost } from '../../main/host/server';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

/** Raw HTTP, so tests can send what a browser never would (bad Host headers, broken JSON). */
function raw(host: RunningHost, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('browser-mode host', () => {
  let env: Awaited<ReturnType<typeof freshApp>>;
  let host: RunningHost;
  let staticDir: string;
  beforeAll(async () => {
    env = await freshApp(storeTargets()[0]!);
    staticDir = mkdtempSync(join(tmpdir(), 'motcua-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>MotCua</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    host = await startHost({ app: env.app, staticDir, port: 0 });
  });
  afterAll(async () => {
    await host.close();
    await env.cleanup();
  });

  const auth = () => ({ Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' });

  it('listens on loopback only, and refuses to bind anywhere else', () => {
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
    for (const addr of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com']) expect(() => assertLoopback(addr)).toThrow(/loopback/);
    expect(() => assertLoopback('127.0.0.1')).not.toThrow();
  });

  it('answers 401 to a call without the token or with a wrong one', async () => {
    const none = await raw(host, { method: 'POST', path: '/rpc/app.info', body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const wrong = await raw(host, { method: 'POST', path: '/rpc/app.info', headers: { Authorization: `Bearer ${'x'.repeat(host.token.length)}` }, body: '{}' });
    expect(wrong.status).toBe(401);
    const events = await raw(host, { path: '/events' });
    expect(events.status).toBe(401);
  });

  it('refuses a call from another origin even with the token (a web page cannot drive the desk)', async () => {
    const r = await raw(host, { method: 'POST', path: '/rpc/app.info', headers: { ...auth(), Origin: 'https://evil.example' }, body: '{}' });
    expect(r.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await raw(host, { method: 'POST', path: '/rpc/app.info', headers: { ...auth(), Host: `attacker.example:${host.port}` }, body: '{}' });
    expect(r.status).toBe(421);
  });

  it('answers a malformed body with an invalid_input envelope', async () => {
    const r = await raw(host, { method: 'POST', path: '/rpc/unit.save', headers: auth(), body: '{"parentAgency": ' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const wrongShape = await raw(host, { method: 'POST', path: '/rpc/unit.save', headers: auth(), body: '[1,2,3]' });
    expect(JSON.parse(wrongShape.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('serves a valid call with its output, and pushes the change to event listeners', async () => {
    const received: string[] = [];
    const stream = new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/events?token=${host.token}` }, (res) => {
        res.on('data', (chunk: Buffer) => {
          received.push(chunk.toString());
          if (received.join('').includes('event: data.changed')) {
            req.destroy();
            resolve();
          }
        });
      });
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    const r = await raw(host, { method: 'POST', path: '/rpc/unit.save', headers: auth(), body: JSON.stringify(SAMPLE_UNIT) });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { agencyCode: 'H50.12.34' } });
    await stream;
    expect(received.join('')).toContain('"entity":"unit_profile"');
  });

  it('serves the renderer, falls back to index.html for app routes, and never leaves its folder', async () => {
    expect((await raw(host, { path: '/' })).body).toContain('<title>MotCua</title>');
    expect((await raw(host, { path: '/settings' })).body).toContain('<title>MotCua</title>');
    expect((await raw(host, { path: '/assets/app.js' })).body).toBe('console.log(1)');
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5c..%5cpackage.json']) {
      const r = await raw(host, { path });
      expect(r.body).not.toContain('"name"');
      expect([400, 403, 404]).toContain(r.status);
    }
  });
});
