/** The applicant as typed at the desk: every problem at once, and an unknown province confirmed (issue 14 items 4, 7). */
import { describe, expect, it } from 'vitest';
import { ApplicantInputSchema, DossierCreateSchema } from '../../shared/contract/intake.schema';
import { checkPersonalId } from '../../shared/domain/cccd';

const paths = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => (r.error?.issues ?? []).map((i) => i.path.map(String).join('.')).sort();

describe('ApplicantInputSchema', () => {
  it('reports an empty name and an empty ID together', () => {
    expect(paths(ApplicantInputSchema.safeParse({ fullName: '', idNumber: '' }))).toEqual(['fullName', 'idNumber']);
    expect(paths(ApplicantInputSchema.safeParse({ fullName: '', idNumber: '123', phone: '12', email: 'x' }))).toEqual(['email', 'fullName', 'idNumber', 'phone']);
  });

  it('reports the procedure, the name and the ID of an empty intake at once', () => {
    const r = DossierCreateSchema.safeParse({ requestId: crypto.randomUUID(), procedureCode: '', applicant: { fullName: '', idNumber: '' }, components: [] });
    expect(paths(r)).toEqual(['applicant.fullName', 'applicant.idNumber', 'procedureCode']);
  });

  it('asks the clerk to confirm a CCCD with an unknown province code (maybe a country code)', () => {
    const r = ApplicantInputSchema.safeParse({ fullName: 'Trần Văn A', idNumber: '999093012345' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ['idConfirmed'], message: expect.stringContaining('Đã kiểm tra số CCCD') })]);
    const ok = ApplicantInputSchema.parse({ fullName: 'Trần Văn A', idNumber: '999 093 012 345', idConfirmed: true });
    expect(ok.idNumber).toBe('999093012345');
    expect('idConfirmed' in ok).toBe(false);
    // A known province needs no confirmation.
    expect(ApplicantInputSchema.safeParse({ fullName: 'Trần Văn A', idNumber: '045093012345' }).success).toBe(true);
  });

  it('keeps the raw QR string as read', () => {
    const raw = '045193001234||Trần Thị Bích Ngọc|15031993|Nữ|Thôn Xa Bai|20042021';
    expect(ApplicantInputSchema.parse({ fullName: 'Trần Thị Bích Ngọc', idNumber: '045193001234', idQrRaw: `${raw}\r\n` }).idQrRaw).toBe(raw);
  });
});

describe('checkPersonalId century and sex digit', () => {
  it('says digit 4 is wrong when the two-digit year matches but the century does not', () => {
    const c = checkPersonalId('045393001234', '1993-03-15'); // digit 4 = 3: a woman born in the 2000s
    expect(c.warnings.join(' ')).toContain('Chữ số thứ 4');
    expect(checkPersonalId('045193001234', '1993-03-15').warnings).toEqual([]);
  });
  it('needs confirmation for an unknown province or an impossible century', () => {
    expect(checkPersonalId('999093012345').needsConfirmation).toBe(true);
    expect(checkPersonalId('045893012345').needsConfirmation).toBe(true);
    expect(checkPersonalId('045093012345').needsConfirmation).toBe(false);
  });
});
