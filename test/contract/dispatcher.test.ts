import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, CHANNEL_NAMES } from '../../shared/contract/channels';
import { AppError } from '../../shared/errors';
import type { Handlers } from '../../main/core/handlers';
import type { Logger } from '../../main/core/ports/logger';
import { createDispatcher } from '../../main/rpc/dispatcher';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

const ctx = { actor: 'test', transport: 'in-process' as const };

function capturingLogger() {
  const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
  const make = (): Logger => ({
    debug: (msg, fields) => lines.push({ level: 'debug', msg, fields }),
    info: (msg, fields) => lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => lines.push({ level: 'error', msg, fields }),
    child: () => make(),
  });
  return { logger: make(), lines };
}

describe('dispatcher', () => {
  const sqlite = storeTargets()[0]!;
  let env: Awaited<ReturnType<typeof freshApp>>;
  beforeAll(async () => {
    env = await freshApp(sqlite);
  });
  afterAll(() => env.cleanup());

  it('answers an unknown channel with not_found, in Vietnamese', async () => {
    const r = await env.app.dispatcher.call('dossiers.explode', {}, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'not_found', message: expect.stringContaining('không tồn tại') } });
  });

  it('answers a malformed input with invalid_input and one issue per field', async () => {
    const r = await env.app.dispatcher.call('unit.save', { parentAgency: 42, unitName: '', agencyCode: 'x', place: 'P', extra: true }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    const paths = r.error.issues!.map((i) => i.path).sort();
    expect(paths).toEqual(['', 'agencyCode', 'parentAgency', 'unitName']);
    // Every message is Vietnamese (has Vietnamese letters), none is zod's English default.
    for (const issue of r.error.issues!) {
      expect(issue.message).toMatch(/[^\x00-\x7f]/);
      expect(issue.message).not.toMatch(/expected|invalid|required|unrecognized/i);
    }
  });

  it('turns an unexpected exception into internal, logs its stack, and never rejects', async () => {
    const { logger, lines } = capturingLogger();
    const handlers = {
      ...Object.fromEntries(CHANNEL_NAMES.map((n) => [n, async () => null])),
      'app.info': async () => {
        throw new TypeError('boom');
      },
      'unit.get': async () => {
        throw new AppError('conflict', 'Đã có người sửa.');
      },
    } as unknown as Handlers;
    const d = createDispatcher(handlers, { logger });
    expect(await d.call('app.info', {}, ctx)).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(lines.find((l) => l.level === 'error')?.fields?.stack).toContain('boom');
    expect(await d.call('unit.get', {}, ctx)).toEqual({ ok: false, error: { code: 'conflict', message: 'Đã có người sửa.' } });
  });

  it('reports an output that breaks its schema as internal when outputs are checked', async () => {
    const handlers = { ...Object.fromEntries(CHANNEL_NAMES.map((n) => [n, async () => ({ wrong: true })])) } as unknown as Handlers;
    const { logger } = capturingLogger();
    expect((await createDispatcher(handlers, { logger, validateOutputs: true }).call('app.info', {}, ctx)).ok).toBe(false);
    expect((await createDispatcher(handlers, { logger, validateOutputs: false }).call('app.info', {}, ctx)).ok).toBe(true);
  });

  it('maps a lost database connection to store_unavailable', async () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const handlers = { ...Object.fromEntries(CHANNEL_NAMES.map((n) => [n, async () => Promise.reject(err)])) } as unknown as Handlers;
    const r = await createDispatcher(handlers, { logger: capturingLogger().logger }).call('unit.get', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'store_unavailable' } });
  });

  it('never crashes on arbitrary input to any channel, and always answers with an envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES, 'nope', ''), fc.jsonValue(), async (channel, input) => {
        const r = await env.app.dispatcher.call(channel, input, ctx);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips a valid profile: what the output schema accepts is what was sent', async () => {
    const saved = await env.app.client().invoke('unit.save', SAMPLE_UNIT);
    expect(channels['unit.save'].output.parse(saved)).toEqual(saved);
    expect(await env.app.client().invoke('unit.get')).toEqual(saved);
  });
});
