import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, CHANNEL_NAMES } from '../../shared/contract/channels';
import { guardInput } from '../../shared/domain/input-guard';
import { ERROR_CODES } from '../../shared/errors';
import { SAMPLE_UNIT } from '../support/app';
import { DeskClient, killHard, launchHost, signInAdmin, type Envelope, type LaunchedHost } from '../stress/host-process';
import { channelInputs } from '../stress/zod-arbitrary';

/**
 * Property-based fuzzing of EVERY channel of the contract through the HTTP transport of the real
 * host process: inputs built from each channel's own zod schema, mutated (fields dropped, added,
 * replaced by wrong types, huge or NFD strings, impossible dates) or plain random. Whatever comes,
 * the host answers with an envelope, never an `internal` error, refuses what its schema refuses
 * with `invalid_input`, and keeps answering. MOTCUA_FUZZ_RUNS sets cases per channel,
 * MOTCUA_FUZZ_SEED replays a failure.
 */
const RUNS = Number(process.env.MOTCUA_FUZZ_RUNS ?? 8);
const SEED = Number(process.env.MOTCUA_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/**
 * Channels whose VALID inputs would move or replace the store, end our session or point the
 * folder watcher at a random path: only their refusals are exercised (invalid inputs are still sent).
 */
const DESTRUCTIVE_WHEN_VALID = new Set([
  'office.moveToServer',
  'office.useServer',
  'office.moveToLocal',
  'office.prepareServer',
  'office.testConnection',
  'backup.restore',
  // A valid random folder (e.g. "/") would make the host write a backup there: tests run as root.
  'backup.create',
  'backup.saveSettings',
  'recovery.restore',
  'auth.signOut',
  'scans.saveSettings',
  'scans.start',
]);

describe('fuzzing every channel over HTTP', () => {
  let dataDir: string;
  let host: LaunchedHost;
  let client: DeskClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-fuzz-'));
    host = launchHost(dataDir);
    client = new DeskClient(await host.ready);
    await signInAdmin(client);
    await client.invoke('unit.save', SAMPLE_UNIT);
    process.stdout.write(`channel fuzzing: ${CHANNEL_NAMES.length} channels × ${RUNS} cases, seed ${SEED} (replay with MOTCUA_FUZZ_SEED=${SEED})\n`);
  });
  afterAll(async () => {
    if (host) await killHard(host);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(channel: string, input: unknown): Promise<{ status: number; envelope: Envelope }> {
    let answer = await client.call(channel, input, { timeoutMs: 60_000 });
    // A valid users.update/auth.changePin case may end our own session: sign in again and resend once.
    if (answer.envelope.error?.code === 'unauthenticated' && channel !== 'auth.signIn') {
      await signInAdmin(client);
      answer = await client.call(channel, input, { timeoutMs: 60_000 });
    }
    return answer;
  }

  for (const name of CHANNEL_NAMES) {
    it(`${name}: random and mutated inputs get an envelope, never a crash`, async () => {
      const schema = channels[name].input;
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(channelInputs(schema), async (input) => {
          const json = input === undefined ? {} : input;
          // Valid = what the dispatcher would accept: past the input guard (depth, keys, UTF-16), then the schema.
          const guarded = guardInput(JSON.parse(JSON.stringify(json)));
          const valid = guarded.ok && schema.safeParse(guarded.value).success;
          if (valid && DESTRUCTIVE_WHEN_VALID.has(name)) return;
          sent += 1;
          const { status, envelope } = await send(name, json);
          expect(typeof envelope.ok).toBe('boolean');
          if (!envelope.ok) {
            expect(ERROR_CODES).toContain(envelope.error!.code);
            expect(envelope.error!.code, `${name} answered internal to ${JSON.stringify(json).slice(0, 300)}`).not.toBe('internal');
            expect(envelope.error!.message.length).toBeGreaterThan(3);
            expect(envelope.error!.message.normalize('NFC')).toBe(envelope.error!.message);
          }
          // A citizen channel answers an officer 'forbidden' before it looks at the input (only a citizen pass reaches it).
          if ((channels[name] as { access: unknown }).access === 'citizen') {
            expect(envelope, `${name} answered an officer`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
          } else if (!valid) {
            expect(envelope, `${name} accepted ${JSON.stringify(json).slice(0, 300)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
            expect([200, 400]).toContain(status);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // The host is still the same process and still answers.
      expect(host.child.exitCode).toBeNull();
      expect((await client.call('app.info')).envelope.ok).toBe(true);
      expect(sent).toBeGreaterThan(0);
    });
  }

  it('valid inputs round-trip: what is saved is what is read back, in NFC', async () => {
    const nfdName = 'Nguye\u0302\u0303n Thi\u0323 Hu\u031bo\u031b\u0300ng';
    const unit = { ...SAMPLE_UNIT, place: 'Hu\u031bo\u031b\u0301ng Phu\u0300ng' };
    await client.invoke('unit.save', unit);
    expect(await client.invoke('unit.get')).toMatchObject({ ...SAMPLE_UNIT, place: 'Hướng Phùng' });

    const settings = await client.invoke('printers.getSettings');
    settings.forms['01'] = { printer: 'Lưu thành tệp PDF', copies: 2, paper: 'A5' };
    await client.invoke('printers.saveSettings', settings);
    expect((await client.invoke('printers.getSettings')).forms['01']).toEqual({ printer: 'Lưu thành tệp PDF', copies: 2, paper: 'A5' });

    const report = await client.invoke('reports.settings');
    const other = { timelinessRule: report.timelinessRule === 'product' ? 'date' : 'product' };
    await client.invoke('reports.saveSettings', other);
    expect(await client.invoke('reports.settings')).toEqual(other);

    const requestId = crypto.randomUUID();
    const input = {
      requestId,
      procedureCode: '2.000815',
      applicant: { fullName: nfdName, idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp' },
      components: [{ position: 0, received: true }, { position: 1, received: true }],
      fee: { pages: 2, copies: 1 },
    };
    const created = await client.invoke('dossiers.create', input);
    expect(created.applicant.fullName).toBe('Nguyễn Thị Hường');
    const again = await client.invoke('dossiers.create', input);
    expect(again.code).toBe(created.code);
    const read = await client.invoke('dossiers.get', { code: created.code });
    expect(read).toEqual(created);
    // Search folds diacritics: the NFD-typed name is found by its plain spelling.
    const found = await client.invoke('dossiers.search', { query: 'nguyen thi huong' });
    expect(JSON.stringify(found)).toContain(created.code);
  });
});
