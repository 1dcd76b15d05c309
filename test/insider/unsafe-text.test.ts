// Insider finding 7 (issue 15): bidi overrides, NUL, zero-width, ESC/BEL, lone surrogates and impossible birth dates.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract/channels';
import { ApplicantInputSchema } from '../../shared/contract/intake.schema';
import { vnCivilDate } from '../../shared/domain/vn-date';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

type Env = Awaited<ReturnType<typeof freshApp>>;

const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp, xã Hướng Phùng' };
const intake = (applicant: Record<string, unknown>, extra: Record<string, unknown> = {}): Input<'dossiers.create'> => ({
  requestId: randomUUID(),
  procedureCode: '2.000815',
  applicant,
  components: [0, 1].map((position) => ({ position, received: true })),
  fee: { pages: 1, copies: 1 },
  ...extra,
}) as Input<'dossiers.create'>;

describe.each(storeTargets())('unsafe text is refused or removed ($name)', (target) => {
  let env: Env | undefined;
  afterEach(async () => {
    await env?.cleanup();
    env = undefined;
  });
  async function desk() {
    env = await freshApp(target);
    await env.app.client().invoke('unit.save', SAMPLE_UNIT);
    return env;
  }
  async function applicantRows(e: Env) {
    return e.app.deps.db.selectFrom('applicants').select(['full_name']).execute();
  }

  it.each([
    ['fullName', 'Nguyễn Văn A\u202Egnàoh', 'Họ và tên', 'U+202E'],
    ['fullName', 'Lê\u2066 Văn\u2069 Tám', 'Họ và tên', 'U+2066'],
    ['fullName', 'Trần\u200B Thị Lan', 'Họ và tên', 'U+200B'],
    ['address', 'Thôn Cợp\u0000, xã Hướng Phùng', 'Địa chỉ', 'U+0000'],
    ['address', 'Thôn \u001B[31mCợp', 'Địa chỉ', 'U+001B'],
    ['idNumber', '0453010\u00071234', 'Số giấy tờ', 'U+0007'],
    ['phone', '0912\u200D345678', 'Số điện thoại', 'U+200D'],
  ])('%s with %j is invalid_input naming the field and the character; nothing is stored', async (field, value, label, code) => {
    const e = await desk();
    const r = await e.app.client().call('dossiers.create', intake({ ...HUONG, [field]: value }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    const issue = r.error.issues?.find((i) => i.path === `applicant.${field}`);
    expect(issue?.message).toContain(label);
    expect(issue?.message).toContain(code);
    expect(await applicantRows(e)).toEqual([]);
  });

  it('officer and account names refuse hidden characters too (users.create, unit.save)', async () => {
    const e = await desk();
    const user = await e.app.client().call('users.create', { name: 'lan', displayName: 'Hồ Thị\u202E Lan', role: 'clerk', pin: '1357' });
    expect(!user.ok && user.error.issues?.[0]).toMatchObject({ path: 'displayName', message: expect.stringContaining('Họ tên cán bộ') });
    const unit = await e.app.client().call('unit.save', { ...SAMPLE_UNIT, officers: [{ name: 'Hồ\u0000 Thị Lan', title: '' }] });
    expect(!unit.ok && unit.error.issues?.[0]?.path).toBe('officers.0.name');
  });

  it('a note keeps its words but loses bidi, zero-width and control characters (shown back as stored)', async () => {
    const e = await desk();
    const created = await e.app.client().invoke('dossiers.create', intake(HUONG, { note: 'Nộp\u200B thay cho\u202E mẹ\u0007, hẹn\u001B gọi lại' }));
    expect(created.note).toBe('Nộp thay cho mẹ, hẹn gọi lại');
    const stored = await e.app.deps.db.selectFrom('dossiers').select(['note']).where('code', '=', created.code).executeTakeFirstOrThrow();
    expect(stored.note).toBe('Nộp thay cho mẹ, hẹn gọi lại');
  });

  it('a lone surrogate is refused, never stored as U+FFFD', async () => {
    const e = await desk();
    for (const applicant of [{ ...HUONG, fullName: 'Nguyễn \uD800Thị Hường' }, HUONG]) {
      const r = await e.app.client().call('dossiers.create', intake(applicant, applicant === HUONG ? { note: 'ghi \uDC00chú' } : {}));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.issues?.[0]?.message).toContain('nửa ký tự');
    }
    expect(await applicantRows(e)).toEqual([]);
  });

  it('dates of birth outside 1900-01-01..today are refused; the bounds themselves pass', async () => {
    const e = await desk();
    for (const dateOfBirth of ['1800-01-01', '1899-12-31', '2999-01-01']) {
      const r = await e.app.client().call('dossiers.create', intake({ ...HUONG, idNumber: '', idKind: 'passport', dateOfBirth }));
      expect(!r.ok && r.error.issues?.find((i) => i.path === 'applicant.dateOfBirth')?.message).toContain('01/01/1900');
    }
    expect((await e.app.client().call('dossiers.create', intake({ ...HUONG, idKind: 'passport', idNumber: 'C1234567', dateOfBirth: '1900-01-01' }))).ok).toBe(true);
    expect((await applicantRows(e)).length).toBe(1);
  });
});

describe('the rule lives in the shared schema (the intake form uses the same one)', () => {
  it('ApplicantInputSchema refuses a bidi override and accepts ordinary Vietnamese with NBSP and tabs', () => {
    expect(ApplicantInputSchema.safeParse({ ...HUONG, fullName: 'A\u202Eb' }).success).toBe(false);
    const ok = ApplicantInputSchema.parse({ ...HUONG, fullName: ' Nguyễn\u00A0Thị\tHường ' });
    expect(ok.fullName).toBe('Nguyễn Thị Hường');
    expect(ApplicantInputSchema.safeParse({ ...HUONG, dateOfBirth: vnCivilDate(Date.now()) }).success).toBe(true);
  });
});
