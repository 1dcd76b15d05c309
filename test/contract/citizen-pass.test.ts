import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcSessions } from '../../main/app/ipc-sessions';
import { CITIZEN_PASS_MS } from '../../main/core/tracking/citizen.service';
import { startHost, type RunningHost } from '../../main/host/server';
import { CHANNEL_NAMES } from '../../shared/contract/names';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

// Issue 14 item 8: the citizen's rating screen holds a narrow pass for one returned dossier. It shows
// that dossier and rates it; every other channel, another dossier, a second rating and a stale pass
// are refused with the usual structured errors — over HTTP (browser mode) and over IPC (the shell).
const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp' };

describe('citizen pass', () => {
  let env: Awaited<ReturnType<typeof freshApp>>;
  let host: RunningHost;
  let officer: string;
  beforeAll(async () => {
    env = await freshApp(storeTargets()[0]!);
    const staticDir = mkdtempSync(join(tmpdir(), 'motcua-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>MotCua</title>');
    host = await startHost({ app: env.app, staticDir, port: 0 });
    await env.app.client().invoke('unit.save', SAMPLE_UNIT);
    officer = (await env.app.client({ transport: 'http' }).invoke('auth.setupAdmin', { name: 'lan', displayName: 'Hồ Thị Lan', pin: '246810' })).token!;
  });
  afterAll(async () => {
    await host.close();
    await env.cleanup();
  });

  const post = async (channel: string, body: unknown, authorization: string, session?: string) => {
    const res = await fetch(`${host.url}/rpc/${channel}`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json', ...(session ? { 'X-Motcua-Session': session } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, envelope: (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } } };
  };
  const asOfficer = async (channel: string, body: unknown) => {
    const r = await post(channel, body, `Bearer ${host.token}`, officer);
    if (!r.envelope.ok) throw new Error(`${channel}: ${JSON.stringify(r.envelope.error)}`);
    return r.envelope.value;
  };
  const asCitizen = (pass: string, channel: string, body: unknown = {}) => post(channel, body, `Citizen ${pass}`).then((r) => r.envelope);
  async function returned(name: string) {
    const d = await asOfficer('dossiers.create', { requestId: randomUUID(), procedureCode: '1.001731', applicant: { ...HUONG, fullName: name }, components: [0, 1, 2].map((position) => ({ position, received: true })) });
    await asOfficer('tracking.resultReady', { code: d.code });
    await asOfficer('tracking.return', { code: d.code, collector: { isApplicant: true } });
    return d.code as string;
  }

  it('shows only its dossier and rates only it; every other channel is refused', async () => {
    const mine = await returned('Nguyễn Thị Hường');
    const other = await returned('Trần Văn Bình');
    // Not returned yet: no pass.
    const open = await asOfficer('dossiers.create', { requestId: randomUUID(), procedureCode: '1.001731', applicant: HUONG, components: [0, 1, 2].map((position) => ({ position, received: true })) });
    const notYet = await post('citizen.open', { code: open.code }, `Bearer ${host.token}`, officer);
    expect(notYet.envelope).toMatchObject({ ok: false, error: { code: 'conflict', message: `Hồ sơ ${open.code} không chờ đánh giá (chưa trả kết quả hoặc đã được đánh giá).` } });

    const pass = await asOfficer('citizen.open', { code: mine });
    expect(pass).toMatchObject({ code: mine });
    expect(pass.token.length).toBeGreaterThanOrEqual(40);

    const shown = await asCitizen(pass.token, 'citizen.dossier');
    expect(shown).toEqual({ ok: true, value: { code: mine, procedureName: expect.any(String), applicantName: 'Nguyễn Thị Hường', expiresAt: pass.expiresAt } });
    // Minimal personal data: no ID number, phone, address or date of birth crosses.
    for (const secret of [HUONG.idNumber, HUONG.phone, HUONG.address, HUONG.dateOfBirth]) expect(JSON.stringify(shown)).not.toContain(secret);

    // Every channel but the citizen's own, public ones included, answers forbidden and runs nothing.
    const refused: string[] = [];
    for (const channel of CHANNEL_NAMES) {
      if (channel === 'citizen.dossier' || channel === 'citizen.rate') continue;
      const r = await asCitizen(pass.token, channel, { code: other });
      if (r.ok || r.error?.code !== 'forbidden') refused.push(`${channel}: ${JSON.stringify(r)}`);
      else expect(r.error.message).toBe('Màn hình đánh giá của người dân chỉ xem được hồ sơ vừa trả và gửi đánh giá cho hồ sơ đó.');
    }
    expect(refused).toEqual([]);
    // Another dossier: the rating names no code (the pass does), so naming one is refused.
    expect(await asCitizen(pass.token, 'citizen.rate', { code: other, rating: 'hai_long' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Nor can the pass reach the files route or the event stream, which need the launch token.
    expect((await fetch(`${host.url}/events?token=${pass.token}`)).status).toBe(401);

    expect(await asCitizen(pass.token, 'citizen.rate', { rating: 'hai_long', comment: 'Nhanh, chu đáo' })).toEqual({ ok: true, value: { code: mine, ratingLabel: 'Hài lòng' } });
    expect((await asOfficer('tracking.get', { code: mine })).rating).toMatchObject({ rating: 'hai_long', source: 'citizen', comment: 'Nhanh, chu đáo' });
    expect((await asOfficer('tracking.get', { code: other })).rating).toBeNull();
    // The rating ends the pass.
    expect(await asCitizen(pass.token, 'citizen.dossier')).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringContaining('Phiên đánh giá đã kết thúc') } });
    expect(await asCitizen(pass.token, 'citizen.rate', { rating: 'khong_hai_long' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The timeline and audit name the citizen, not an officer.
    const audit = await env.app.store.db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'like', '%rate%').execute();
    expect(audit.map((a) => a.actor)).toEqual(['citizen']);
  });

  it('expires after a short time, is replaced by a newer pass, and never answers an officer or a made-up pass', async () => {
    const code = await returned('Lê Văn Nam');
    const first = await asOfficer('citizen.open', { code });
    const second = await asOfficer('citizen.open', { code });
    expect(await asCitizen(first.token, 'citizen.dossier')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await asCitizen(second.token, 'citizen.dossier')).ok).toBe(true);
    expect(await asCitizen('x'.repeat(43), 'citizen.dossier')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The officer's own session (or the launch token alone) cannot use the citizen channels.
    expect((await post('citizen.rate', { rating: 'hai_long' }, `Bearer ${host.token}`, officer)).envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await env.app.client().call('citizen.dossier', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    env.clock.set(new Date(env.clock.now().getTime() + CITIZEN_PASS_MS + 1000).toISOString());
    expect(await asCitizen(second.token, 'citizen.rate', { rating: 'hai_long' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await asOfficer('tracking.get', { code })).rating).toBeNull();
  });

  it('in the desktop app the pass stays in the main process and binds the citizen window', async () => {
    const code = await returned('Phạm Thị Mai');
    const opened: string[] = [];
    const rated: number[] = [];
    const ipc = createIpcSessions(env.app.dispatcher, { openCitizenWindow: (p) => opened.push(p.token), citizenRated: (id) => rated.push(id) });
    await ipc.call(1, 'auth.signIn', { name: 'lan', pin: '246810' });
    const r = await ipc.call(1, 'citizen.open', { code });
    expect(r).toMatchObject({ ok: true, value: { code, token: '' } });
    expect(opened).toHaveLength(1);
    ipc.bindCitizen(7, opened[0]!);
    expect(await ipc.call(7, 'dossiers.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipc.call(7, 'citizen.dossier', {})).toMatchObject({ ok: true, value: { code, applicantName: 'Phạm Thị Mai' } });
    expect(await ipc.call(7, 'citizen.rate', { rating: 'rat_hai_long' })).toMatchObject({ ok: true });
    expect(rated).toEqual([7]);
    expect(await ipc.call(1, 'tracking.get', { code })).toMatchObject({ ok: true, value: { rating: { rating: 'rat_hai_long', source: 'citizen' } } });
  });
});
