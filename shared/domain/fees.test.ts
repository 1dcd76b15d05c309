import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feeRuleSchema, type FeeRule } from '../contract/catalogue.schema';
import { AppError } from '../errors';
import { computeFee, describeFeeRule, formatVnd } from './fees';

const copyRule = feeRuleSchema.parse({
  kind: 'per-page',
  firstPages: 2,
  firstPageAmount: 2000,
  laterPageAmount: 1000,
  maxPerCopy: 200000,
}) as FeeRule;

describe('formatVnd', () => {
  it.each([
    [0, '0 đ'],
    [999, '999 đ'],
    [14000, '14.000 đ'],
    [200000, '200.000 đ'],
    [1234567, '1.234.567 đ'],
    [-8000, '-8.000 đ'],
  ])('%i → %s', (n, s) => {
    expect(formatVnd(n)).toBe(s);
  });
});

describe('computeFee', () => {
  it('worked example 15: 5-page original, 2 copies → (2.000×2 + 1.000×3) × 2 = 14.000 đ', () => {
    const r = computeFee(copyRule, { pages: 5, copies: 2 });
    expect(r.amount).toBe(14000);
    expect(r.breakdown).toBe('(2.000 đ × 2 trang + 1.000 đ × 3 trang) × 2 bản = 14.000 đ');
  });

  it('charges only the first-page rate up to firstPages', () => {
    expect(computeFee(copyRule, { pages: 1 }).amount).toBe(2000);
    expect(computeFee(copyRule, { pages: 2 }).amount).toBe(4000);
    expect(computeFee(copyRule, { pages: 3 }).amount).toBe(5000);
    expect(computeFee(copyRule, { pages: 1 }).breakdown).toBe('2.000 đ × 1 trang × 1 bản = 2.000 đ');
  });

  it('caps each copy at 200.000 đ', () => {
    // 2×2000 + 248×1000 = 252.000 → 200.000 per copy
    const r = computeFee(copyRule, { pages: 250, copies: 3 });
    expect(r.amount).toBe(600000);
    expect(r.breakdown).toContain('vượt mức tối đa 200.000 đ/bản');
    expect(computeFee(copyRule, { pages: 198 }).amount).toBe(200000); // exactly at the cap
    expect(computeFee(copyRule, { pages: 199 }).amount).toBe(200000);
  });

  it('chứng thực chữ ký: 10.000 đ per case', () => {
    const rule = feeRuleSchema.parse({ kind: 'per-case', amount: 10000 }) as FeeRule;
    expect(computeFee(rule)).toEqual({ amount: 10000, breakdown: '10.000 đ/trường hợp × 1 = 10.000 đ' });
    expect(computeFee(rule, { cases: 3 }).amount).toBe(30000);
  });

  it('trích lục: 8.000 đ per copy, exempt groups pay nothing', () => {
    const rule = feeRuleSchema.parse({ kind: 'per-copy', amount: 8000, exemptions: ['Người thuộc hộ nghèo'] }) as FeeRule;
    expect(computeFee(rule, { copies: 2 }).amount).toBe(16000);
    const exempt = computeFee(rule, { copies: 2, exempt: true });
    expect(exempt.amount).toBe(0);
    expect(exempt.breakdown).toContain('Người thuộc hộ nghèo');
  });

  it('free and flat rules', () => {
    expect(computeFee({ kind: 'free' }, { pages: 10 }).amount).toBe(0);
    expect(computeFee({ kind: 'flat', amount: 50000 }, { copies: 4 }).amount).toBe(50000);
  });

  it('provincial rule: uses the amount the admin entered, refuses to guess without one', () => {
    const set = feeRuleSchema.parse({ kind: 'provincial', amount: 15000, per: 'copy' }) as FeeRule;
    expect(computeFee(set, { copies: 2 }).amount).toBe(30000);
    const unset = feeRuleSchema.parse({ kind: 'provincial' }) as FeeRule;
    expect(() => computeFee(unset)).toThrow(AppError);
    expect(() => computeFee(unset)).toThrow(/HĐND tỉnh/);
  });

  it('refuses a per-page fee without pages, and non-positive or fractional counts', () => {
    const missing = (() => {
      try {
        computeFee(copyRule, { copies: 1 });
      } catch (e) {
        return e;
      }
    })();
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).code).toBe('invalid_input');
    expect((missing as AppError).issues?.[0]?.path).toBe('pages');
    expect(() => computeFee(copyRule, { pages: 0 })).toThrow(/từ 1 trở lên/);
    expect(() => computeFee(copyRule, { pages: 2, copies: 1.5 })).toThrow(AppError);
  });

  describe('per-page properties', () => {
    const pages = fc.integer({ min: 1, max: 2000 });
    const copies = fc.integer({ min: 1, max: 50 });

    it('is monotonic in pages', () => {
      fc.assert(
        fc.property(pages, copies, (p, c) => {
          expect(computeFee(copyRule, { pages: p + 1, copies: c }).amount).toBeGreaterThanOrEqual(
            computeFee(copyRule, { pages: p, copies: c }).amount,
          );
        }),
      );
    });

    it('is monotonic (and linear) in copies', () => {
      fc.assert(
        fc.property(pages, copies, (p, c) => {
          const one = computeFee(copyRule, { pages: p, copies: 1 }).amount;
          const more = computeFee(copyRule, { pages: p, copies: c + 1 }).amount;
          expect(more).toBeGreaterThan(computeFee(copyRule, { pages: p, copies: c }).amount);
          expect(more).toBe(one * (c + 1));
        }),
      );
    });

    it('never exceeds the cap × copies, and is an integer', () => {
      fc.assert(
        fc.property(pages, copies, (p, c) => {
          const { amount } = computeFee(copyRule, { pages: p, copies: c });
          expect(amount).toBeLessThanOrEqual(200000 * c);
          expect(Number.isInteger(amount)).toBe(true);
        }),
      );
    });

    it('holds for any valid per-page rule', () => {
      const rule = fc
        .record({
          firstPages: fc.integer({ min: 1, max: 10 }),
          firstPageAmount: fc.integer({ min: 0, max: 10000 }),
          laterPageAmount: fc.integer({ min: 0, max: 10000 }),
          extra: fc.integer({ min: 0, max: 500000 }),
        })
        .map(
          ({ extra, ...r }) =>
            ({ kind: 'per-page', ...r, maxPerCopy: r.firstPageAmount + extra }) as FeeRule & { kind: 'per-page' },
        );
      fc.assert(
        fc.property(rule, pages, copies, (r, p, c) => {
          const a = computeFee(r, { pages: p, copies: c }).amount;
          expect(a).toBeLessThanOrEqual(r.maxPerCopy * c);
          expect(computeFee(r, { pages: p + 1, copies: c }).amount).toBeGreaterThanOrEqual(a);
          expect(computeFee(r, { pages: p, copies: c + 1 }).amount).toBeGreaterThanOrEqual(a);
        }),
      );
    });
  });
});

describe('describeFeeRule', () => {
  it('reads the chứng thực bản sao rule in Vietnamese', () => {
    expect(describeFeeRule(copyRule)).toBe('2.000 đ/trang; từ trang thứ 3: 1.000 đ/trang; tối đa 200.000 đ/bản');
    expect(describeFeeRule({ kind: 'free' })).toBe('Miễn phí');
  });
});
