// The intake form's validation (issue 14 items 6–7): papers start unticked, every problem of an
// empty or half-filled intake is reported at once at its field, and a full one gives the payload.
import { describe, expect, it } from 'vitest';
import catalogueJson from '../../../../assets/catalogue/catalogue-2026.json';
import { catalogueSchema } from '../../../../shared/contract/catalogue.schema';
import { componentRows, intakeProblems, intakeResolver, newIntakeValues, type IntakeValues } from './intake-form';

const shipped = catalogueSchema.parse(catalogueJson).procedures;
const birth = shipped.find((p) => p.code === '1.001193')!; // Đăng ký khai sinh: 3 required papers, 1 optional
const copy = shipped.find((p) => p.code === '2.000815')!; // Chứng thực bản sao: fee per page

function filled(): IntakeValues {
  const v = newIntakeValues('Hồ Thị Lan');
  return {
    ...v,
    procedureCode: birth.code,
    applicant: { ...v.applicant, fullName: 'Hồ Văn Giang', idNumber: '045084000999' },
    components: componentRows(birth).map((c) => ({ ...c, received: true })),
  };
}

describe('intake form validation', () => {
  it('an empty intake flags the procedure, the name AND the ID number at once', async () => {
    const problems = await intakeProblems(newIntakeValues(''), { procedure: null, dobProblem: '' });
    expect(problems.map((p) => p.path).sort()).toEqual(['applicant.fullName', 'applicant.idNumber', 'procedureCode']);
    expect(problems.find((p) => p.path === 'procedureCode')?.message).toBe('Chọn thủ tục trước.');
  });

  it('papers start unticked; each required paper not ticked is a problem at its row', async () => {
    const rows = componentRows(birth);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => !r.received)).toBe(true);
    const v = { ...filled(), components: rows };
    const problems = await intakeProblems(v, { procedure: birth, dobProblem: '' });
    expect(problems.map((p) => p.path)).toEqual(['components.0.received', 'components.1.received', 'components.2.received']);
    // The optional fourth paper may stay unticked.
    v.components = rows.map((r, i) => ({ ...r, received: i < 3 }));
    expect(await intakeProblems(v, { procedure: birth, dobProblem: '' })).toEqual([]);
  });

  it('a full intake resolves to the dossiers.create payload, papers as ticked', async () => {
    const r = await intakeResolver(() => ({ procedure: birth, dobProblem: '' }))(filled(), undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(r.errors).toEqual({});
    expect(r.values).toMatchObject({
      procedureCode: '1.001193',
      applicant: { fullName: 'Hồ Văn Giang', idNumber: '045084000999' },
      components: [0, 1, 2, 3].map((position) => ({ position, received: true, countReceived: 1 })),
      setCount: 1,
    });
  });

  it('a typed date of birth that is not a real date, a bad phone and a bad e-mail are listed with the rest', async () => {
    const v = filled();
    v.applicant = { ...v.applicant, fullName: '', phone: '0123', email: 'a@b' };
    const problems = await intakeProblems(v, { procedure: birth, dobProblem: 'Ngày 31/02/1993 không có.' });
    expect(problems.map((p) => p.path).sort()).toEqual(['applicant.dateOfBirth', 'applicant.email', 'applicant.fullName', 'applicant.phone']);
    expect(problems.find((p) => p.path === 'applicant.dateOfBirth')?.message).toBe('Ngày 31/02/1993 không có.');
  });

  it('a CCCD with an unknown province code needs the clerk to confirm it', async () => {
    const v = filled();
    v.applicant = { ...v.applicant, idNumber: '999093012345' };
    expect((await intakeProblems(v, { procedure: birth, dobProblem: '' })).map((p) => p.path)).toEqual(['applicant.idConfirmed']);
    v.applicant.idConfirmed = true;
    expect(await intakeProblems(v, { procedure: birth, dobProblem: '' })).toEqual([]);
  });

  it('only the fee inputs of the rule are sent; a per-page procedure needs whole page counts', async () => {
    const v = { ...filled(), procedureCode: copy.code, components: componentRows(copy).map((c) => ({ ...c, received: true })) };
    v.fee = { pages: '0', copies: '2', cases: '1', exempt: false };
    const r = await intakeResolver(() => ({ procedure: copy, dobProblem: '' }))(v, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(Object.keys(r.errors)).toEqual(['fee']);
    expect((r.errors as { fee?: { pages?: { message?: string } } }).fee?.pages?.message).toBe('Số trang phải từ 1 trở lên.');
    v.fee.pages = '5';
    const ok = await intakeResolver(() => ({ procedure: copy, dobProblem: '' }))(v, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect((ok.values as { fee: unknown }).fee).toEqual({ pages: 5, copies: 2 });
  });
});
