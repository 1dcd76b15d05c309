import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084912345678', '0912345678'],
    ['+84 0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['(0233) 3852 123', '02333852123'],
    ['+84 233 3852 123', '02333852123'],
    ['0912345678', '0912345678'],
    ['', ''],
  ])('%s → %s', (input, out) => {
    expect(normalizePhone(input)).toBe(out);
  });

  it('is idempotent on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizePhone(s);
        expect(normalizePhone(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on phone-like input (+84/84/0084 prefixes, separators, zeros)', () => {
    const phoneLike = fc
      .tuple(
        fc.constantFrom('', '+84', '84', '0084', '0', '+840', '+8400', ' +84 ', '(+84)'),
        fc.array(fc.constantFrom('0', '1', '2', '3', '8', '4', '9', ' ', '.', '-'), { maxLength: 14 }),
      )
      .map(([p, rest]) => p + rest.join(''));
    fc.assert(
      fc.property(phoneLike, (s) => {
        const once = normalizePhone(s);
        expect(normalizePhone(once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('maps every valid +84 mobile to the same 0… number', () => {
    const mobile = fc
      .tuple(fc.constantFrom('32', '39', '52', '70', '79', '81', '86', '88', '90', '99'), fc.stringMatching(/^\d{7}$/))
      .map(([p, rest]) => p + rest);
    fc.assert(
      fc.property(mobile, (n) => {
        expect(normalizePhone('+84' + n)).toBe('0' + n);
        expect(normalizePhone('84' + n)).toBe('0' + n);
        expect(checkPhone('+84' + n).ok).toBe(true);
      }),
    );
  });
});

describe('checkPhone', () => {
  it('worked example 14: +84912345678 → 0912345678, valid VinaPhone mobile', () => {
    expect(checkPhone('+84912345678')).toEqual({ ok: true, normalized: '0912345678', kind: 'mobile', carrier: 'VinaPhone' });
  });

  it('worked example 14: 01212345678 is an old 11-digit mobile, refused with the probable new number', () => {
    const r = checkPhone('01212345678');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/11 số/);
    expect(r.error).toMatch(/2018/);
    expect(r.suggestion).toBe('0792345678');
  });

  it.each([
    ['0981234567', 'Viettel'],
    ['0321234567', 'Viettel'],
    ['0861234567', 'Viettel'],
    ['0901234567', 'MobiFone'],
    ['0701234567', 'MobiFone'],
    ['0891234567', 'MobiFone'],
    ['0881234567', 'VinaPhone'],
    ['0841234567', 'VinaPhone'],
    ['0921234567', 'Vietnamobile'],
    ['0561234567', 'Vietnamobile'],
    ['0591234567', 'Gmobile'],
    ['0991234567', 'Gmobile'],
    ['0871234567', 'Itel'],
  ])('%s is a %s mobile', (n, carrier) => {
    expect(checkPhone(n)).toEqual({ ok: true, normalized: n, kind: 'mobile', carrier });
  });

  it('accepts a mobile prefix allowed by the rule but with no carrier listed (095)', () => {
    expect(checkPhone('0951234567')).toEqual({ ok: true, normalized: '0951234567', kind: 'mobile' });
  });

  it('accepts landlines of 10 and 11 digits (0 + 2xx area code)', () => {
    expect(checkPhone('0233 3852 123')).toEqual({ ok: true, normalized: '02333852123', kind: 'landline' });
    expect(checkPhone('024 3825 1234')).toEqual({ ok: true, normalized: '02438251234', kind: 'landline' });
    expect(checkPhone('0233385212')).toEqual({ ok: true, normalized: '0233385212', kind: 'landline' });
  });

  it('refuses wrong lengths and unknown prefixes with Vietnamese messages', () => {
    const short = checkPhone('091234567');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toBe('Số di động phải có đúng 10 chữ số (đang có 9).');
    const landline = checkPhone('023338521');
    if (!landline.ok) expect(landline.error).toMatch(/10 hoặc 11 chữ số/);
    else expect.fail('9-digit landline accepted');
    const prefix = checkPhone('0412345678');
    if (!prefix.ok) expect(prefix.error).toMatch(/Đầu số 041/);
    else expect.fail('041 accepted');
    const letters = checkPhone('09123abc78');
    if (!letters.ok) expect(letters.error).toMatch(/chỉ được gồm chữ số/);
    else expect.fail('letters accepted');
    const empty = checkPhone('  ');
    if (!empty.ok) expect(empty.error).toBe('Chưa nhập số điện thoại.');
    else expect.fail('empty accepted');
  });

  it('refuses an old 11-digit mobile whose prefix has no published mapping, without a suggestion', () => {
    const r = checkPhone('01301234567');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestion).toBeUndefined();
  });

  it('agrees with the DOMAIN H mobile regex on all 10-digit 0… numbers', () => {
    const domainRule = /^(0|\+84)(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;
    fc.assert(
      fc.property(fc.stringMatching(/^0[1-9]\d{8}$/), (n) => {
        const r = checkPhone(n);
        const isMobile = r.ok && r.kind === 'mobile';
        expect(isMobile).toBe(domainRule.test(n));
      }),
      { numRuns: 3000 },
    );
  });
});
