import { describe, expect, it } from 'vitest';
import catalogueJson from '../../../assets/catalogue/catalogue-2026.json';
import { catalogueSchema, type CatalogueInput, type ProcedureInput } from '../../contract/catalogue.schema';
import { AppError } from '../../errors';
import {
  currentProcedures,
  describeLimit,
  findProcedure,
  listingLimit,
  parseCatalogue,
  requireProcedure,
  toListing,
} from './catalogue';

const proc = (over: Partial<ProcedureInput>): ProcedureInput => ({
  code: '1.004873',
  name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
  field: 'Hộ tịch',
  level: 'xa',
  components: [{ name: 'Tờ khai', kind: 'ban-chinh', count: 1, required: true }],
  limit: { kind: 'working-days', days: 3 },
  feeRule: { kind: 'free' },
  resultType: 'paper',
  receiptRequired: true,
  effectiveFrom: '2026-01-01',
  ...over,
});

// Two versions of one procedure (the limit changes on 2027-03-01) and one procedure retired mid-year.
const versioned: CatalogueInput = {
  version: 'test',
  effectiveFrom: '2026-01-01',
  procedures: [
    proc({ retiredAt: '2027-03-01' }),
    proc({ effectiveFrom: '2027-03-01', limit: { kind: 'working-days', days: 5 } }),
    proc({ code: '2.000908', name: 'Cấp bản sao từ sổ gốc', field: 'Chứng thực', retiredAt: '2026-07-01', limit: { kind: 'same-day' } }),
  ],
};
const cat = catalogueSchema.parse(versioned);

describe('currentProcedures / findProcedure', () => {
  it('returns the version in force on the day, switching on effectiveFrom', () => {
    expect(findProcedure(cat, '1.004873', '2027-02-28')?.limit).toEqual({ kind: 'working-days', days: 3 });
    expect(findProcedure(cat, '1.004873', '2027-03-01')?.limit).toEqual({ kind: 'working-days', days: 5 });
  });

  it('treats retiredAt as the first day out of force', () => {
    expect(findProcedure(cat, '2.000908', '2026-06-30')).toBeDefined();
    expect(findProcedure(cat, '2.000908', '2026-07-01')).toBeUndefined();
    expect(currentProcedures(cat, '2026-06-30').map((p) => p.code)).toEqual(['1.004873', '2.000908']);
    expect(currentProcedures(cat, '2026-07-01').map((p) => p.code)).toEqual(['1.004873']);
  });

  it('has nothing in force before the catalogue starts', () => {
    expect(currentProcedures(cat, '2025-12-31')).toEqual([]);
  });

  it('refuses a malformed date', () => {
    expect(() => currentProcedures(cat, '01/03/2027')).toThrow(AppError);
  });

  it('requireProcedure explains a missing code in Vietnamese', () => {
    expect(() => requireProcedure(cat, '9.999999', '2026-05-04')).toThrow('Không có thủ tục mã 9.999999 đang có hiệu lực ngày 04/05/2026 trong danh mục.');
    try {
      requireProcedure(cat, '9.999999', '2026-05-04');
    } catch (e) {
      expect((e as AppError).code).toBe('not_found');
    }
  });
});

describe('parseCatalogue', () => {
  it('returns the parsed shipped catalogue', () => {
    const shipped = parseCatalogue(catalogueJson);
    expect(currentProcedures(shipped, '2026-03-17').length).toBeGreaterThanOrEqual(18);
    // The dân công hỏa tuyến procedure only exists from 03/10/2025.
    expect(findProcedure(shipped, '1.014359', '2025-10-02')).toBeUndefined();
    expect(findProcedure(shipped, '1.014359', '2025-10-03')).toBeDefined();
  });

  it('turns zod issues into an invalid_input AppError with field paths', () => {
    const bad = { ...versioned, procedures: [proc({ code: 'x' })] };
    try {
      parseCatalogue(bad);
      expect.fail('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('invalid_input');
      expect((e as AppError).issues?.[0]?.path).toBe('procedures.0.code');
    }
  });
});

describe('listing', () => {
  it('prints working days as a number and the 15:00 rule as "same-day"', () => {
    const shipped = parseCatalogue(catalogueJson);
    const rows = toListing(currentProcedures(shipped, '2026-03-17'));
    expect(rows.find((r) => r.code === '2.000815')).toEqual({
      code: '2.000815',
      name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
      field: 'Chứng thực',
      limit: 'same-day',
    });
    expect(rows.find((r) => r.code === '1.004873')?.limit).toBe(3);
    expect(rows.find((r) => r.code === '1.012812')?.limit).toBe('calendar-days:30');
    expect(Object.keys(rows[0]!)).toEqual(['code', 'name', 'field', 'limit']);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it('listingLimit and describeLimit', () => {
    expect(listingLimit({ kind: 'working-days', days: 25 })).toBe(25);
    expect(describeLimit({ kind: 'working-days', days: 3, verificationDays: 23 })).toBe(
      '03 ngày làm việc; cần xác minh: không quá 23 ngày làm việc',
    );
    expect(describeLimit({ kind: 'same-day', cutoff: '15:00', extensionWorkingDays: 2 })).toBe(
      'Trong ngày; tiếp nhận sau 15:00 thì trả trong ngày làm việc tiếp theo; có thể kéo dài không quá 02 ngày làm việc',
    );
    expect(describeLimit({ kind: 'calendar-days', days: 30 })).toBe('Không quá 30 ngày');
  });
});
