// Insider finding 3 (issue 15): someone who can write the database must not pass `verify` — a
// keyed chain, row digests naming direct edits, and anchors outside the database, on every store.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

type Env = Awaited<ReturnType<typeof freshApp>>;

async function keyedOffice(env: Env) {
  const client = env.app.client();
  await client.invoke('unit.save', SAMPLE_UNIT);
  const setup = await env.app.client({ transport: 'http' }).invoke('auth.setupAdmin', { name: 'quantri', displayName: 'Lê Văn Quản', pin: '246810' });
  const clerk = await client.invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '135790' });
  const dossier = await client.invoke('dossiers.create', {
    requestId: randomUUID(),
    procedureCode: '1.001731',
    applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234' },
    components: [0, 1, 2].map((position) => ({ position, received: true })),
  });
  const applicant = await env.app.deps.db.selectFrom('applicants').select('id').where('id_number', '=', '045301001234').executeTakeFirstOrThrow();
  return { setup, clerk, dossier, applicantId: applicant.id };
}

/** Plain SHA-256 of an entry in the original, unkeyed form (what an attacker without the key can compute). */
function plainHash(r: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify([Number(r.seq), r.at, r.actor, r.action, r.entity, r.entity_id, r.before_json, r.after_json, r.prev_hash]), 'utf8')
    .digest('hex');
}

describe.each(storeTargets())('keyed audit chain against a database writer ($name)', (target) => {
  let env: Env | undefined;
  afterEach(async () => {
    await env?.cleanup();
    env = undefined;
  });

  it('set-up gives the recovery code once; the keys live outside the database and the data folder, owner-only', async () => {
    env = await freshApp(target);
    const { setup } = await keyedOffice(env);
    expect(setup.recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    const status = await env.app.client().invoke('trust.status');
    expect(status).toMatchObject({ keyed: true, deskHasKey: true, advice: null });
    expect(status.keyStore.startsWith(env.app.dataDir)).toBe(false);
    expect(statSync(status.keyStore).mode & 0o777).toBe(0o700);
    const file = readdirSync(status.keyStore).find((n) => n === `office-${status.officeId}.key`)!;
    expect(statSync(`${status.keyStore}/${file}`).mode & 0o777).toBe(0o600);
    // The database holds only the verifier, never the key or the code.
    const key = env.app.deps.trust.officeKey()!.toString('base64');
    const { rows } = await sql<{ v: string }>`select value_json as v from settings`.execute(env.app.deps.db);
    expect(rows.some((r) => r.v.includes(key) || r.v.includes(setup.recoveryCode!.replace(/-/g, '')))).toBe(false);
    // Shown once: a second set-up or a second code is refused.
    await expect(env.app.client().invoke('trust.createCode')).rejects.toMatchObject({ code: 'conflict' });
  }, 120_000);

  it('a direct edit of an applicant or of a user’s PIN hash is NAMED (table, id)', async () => {
    env = await freshApp(target);
    const { clerk, applicantId } = await keyedOffice(env);
    const before = await env.app.client().invoke('audit.verify', {});
    expect(before).toMatchObject({ ok: true, keyed: true, rowProblemCount: 0 });
    expect(before.rowsChecked).toBeGreaterThan(3);

    await sql`update applicants set full_name = 'Nguyễn Thị Khác' where id = ${applicantId}`.execute(env.app.deps.db);
    await sql`update users set secret_hash = 'scrypt$forged' where id = ${clerk.id}`.execute(env.app.deps.db);
    const after = await env.app.client().invoke('audit.verify', {});
    expect(after.ok).toBe(false);
    expect(after.rowProblems).toEqual(
      expect.arrayContaining([
        { table: 'applicants', id: applicantId, change: 'edited' },
        { table: 'users', id: clerk.id, change: 'edited' },
      ]),
    );
    expect(after.messages.join('\n')).toContain(`Bảng users, dòng ${clerk.id}: bị sửa trực tiếp`);
    // A user slipped in with SQL is named too.
    await sql`insert into users (id, name, display_name, role, secret_hash, active, created_at, updated_at, failed_attempts) values ('intruder', 'ke', 'Kẻ lạ', 'admin', 'x', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0)`.execute(env.app.deps.db);
    expect((await env.app.client().invoke('audit.verify', {})).rowProblems).toContainEqual({ table: 'users', id: 'intruder', change: 'added' });
  }, 120_000);

  it('deleting the last entry and resetting audit_head fails', async () => {
    env = await freshApp(target);
    const { clerk } = await keyedOffice(env);
    await env.app.client().invoke('users.update', { id: clerk.id, role: 'leader' });
    const db = env.app.deps.db;
    const last = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await sql`delete from audit_log where seq = ${last.seq}`.execute(db);
    await sql`update audit_head set last_seq = ${Number(last.seq) - 1}, last_hash = ${last.prev_hash} where id = 1`.execute(db);
    const report = await env.app.client().invoke('audit.verify', {});
    expect(report.ok).toBe(false);
    expect(report.rowProblems).toContainEqual({ table: 'users', id: clerk.id, change: 'edited' });
  }, 120_000);

  it('recomputing the whole chain with plain SHA-256 (even dropping the verifier) fails', async () => {
    env = await freshApp(target);
    await keyedOffice(env);
    const db = env.app.deps.db;
    for (const cunning of [false, true]) {
      if (cunning) await sql`delete from settings where key = 'office.trust'`.execute(db);
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      let prev = '0'.repeat(64);
      for (const r of rows) {
        const hash = plainHash({ ...r, prev_hash: prev });
        await sql`update audit_log set prev_hash = ${prev}, hash = ${hash}, mac = 'sha256', rows_json = null where seq = ${r.seq}`.execute(db);
        prev = hash;
      }
      await sql`update audit_head set last_hash = ${prev} where id = 1`.execute(db);
      const report = await env.app.client().invoke('audit.verify', {});
      expect(report.ok).toBe(false);
      expect(report.reason).toMatch(/unkeyed_after_keyed|keying_removed|hash_mismatch/);
    }
  }, 120_000);

  it('the printed head code proves nothing before it was removed or rewritten', async () => {
    env = await freshApp(target);
    const { clerk } = await keyedOffice(env);
    const printed = (await env.app.client().invoke('audit.verify', {})).head.code;
    expect(printed).toMatch(/^\d+-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    await env.app.client().invoke('users.update', { id: clerk.id, displayName: 'Hồ Thị Lan (Tư pháp)' });
    expect(await env.app.client().invoke('audit.verify', { against: printed })).toMatchObject({ ok: true, against: { ok: true } });
    // Rewrite an entry before the printed point with the key (an insider holding key and DB): the anchor still catches it.
    const seq = Number(printed.split('-')[0]);
    await sql`update audit_log set hash = ${'f'.repeat(64)} where seq = ${seq}`.execute(env.app.deps.db);
    const report = await env.app.client().invoke('audit.verify', { against: printed });
    expect(report.ok).toBe(false);
    expect(report.against).toMatchObject({ seq, ok: false, reason: 'different' });
  }, 120_000);

  it('a second desk without the key cannot write until it joins with the recovery code; a wrong code is refused', async () => {
    env = await freshApp(target);
    const { setup } = await keyedOffice(env);
    const officeId = env.app.deps.trust.record()!.officeId;
    const keyStore = env.app.deps.trust.keyStoreDescription();
    // The second desk's view: same database, no key file for this office.
    const { rmSync, readFileSync, writeFileSync } = await import('node:fs');
    const keyFile = `${keyStore}/office-${officeId}.key`;
    const saved = readFileSync(keyFile, 'utf8');
    rmSync(keyFile);
    await env.app.deps.trust.refresh(env.app.deps.db);
    expect(await env.app.client().invoke('trust.status')).toMatchObject({ keyed: true, deskHasKey: false });
    await expect(env.app.client().invoke('users.create', { name: 'binh', displayName: 'Trần Bình', role: 'clerk', pin: '975310' })).rejects.toMatchObject({ code: 'office_key_missing' });
    await expect(env.app.client().invoke('trust.join', { recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' })).rejects.toMatchObject({ code: 'recovery_code_wrong' });
    const joined = await env.app.client().invoke('trust.join', { recoveryCode: setup.recoveryCode!.toLowerCase().replace(/-/g, ' ') });
    expect(joined).toMatchObject({ keyed: true, deskHasKey: true });
    expect(readFileSync(keyFile, 'utf8')).toBe(saved);
    await env.app.client().invoke('users.create', { name: 'binh', displayName: 'Trần Bình', role: 'clerk', pin: '975310' });
    expect(await env.app.client().invoke('audit.verify', {})).toMatchObject({ ok: true });
    writeFileSync(keyFile, saved);
  }, 120_000);
});

describe('motcua audit verify / motcua verify name a direct edit (CLI through the dispatcher)', () => {
  it('a keyed office: editing an applicant with sqlite3 fails both commands, naming the row', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const Database = (await import('better-sqlite3')).default;
    const { motcua } = await import('../support/cli');
    const dir = mkdtempSync(join(tmpdir(), 'motcua-insider-cli-'));
    try {
      expect(motcua(['--data-dir', dir, 'call', 'unit.save', JSON.stringify(SAMPLE_UNIT)]).code).toBe(0);
      const created = motcua(['--data-dir', dir, 'trust', 'create-code']);
      expect(created.code).toBe(0);
      expect(created.stderr).toContain('MÃ KHÔI PHỤC');
      const dossier = { requestId: randomUUID(), procedureCode: '1.001731', applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234' }, components: [0, 1, 2].map((position) => ({ position, received: true })) };
      expect(motcua(['--data-dir', dir, 'call', 'dossiers.create', JSON.stringify(dossier)]).code).toBe(0);
      expect(motcua(['--data-dir', dir, 'audit', 'verify']).code).toBe(0);
      const db = new Database(join(dir, 'motcua.sqlite'));
      const { id } = db.prepare("select id from applicants where id_number = '045301001234'").get() as { id: string };
      db.prepare("update applicants set address = 'Nơi khác' where id = ?").run(id);
      db.close();
      const audit = motcua(['--data-dir', dir, 'audit', 'verify']);
      expect(audit.code).toBe(1);
      expect(JSON.parse(audit.stdout)).toMatchObject({ ok: false, rowProblems: [{ table: 'applicants', id, change: 'edited' }] });
      expect(audit.stderr).toContain(`Bảng applicants, dòng ${id}`);
      const verify = motcua(['--data-dir', dir, 'verify']);
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain(`Bảng applicants, dòng ${id}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
