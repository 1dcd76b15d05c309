import { describe, expect, it } from 'vitest';
import { CCCD_PROVINCES, birthYearOf, checkPersonalId, decodeCccd, describeCccd } from './cccd';

describe('decodeCccd', () => {
  it('decodes worked example 12: 045301001234 → Quảng Trị, nữ, 2001', () => {
    expect(decodeCccd('045301001234')).toEqual({
      provinceCode: '045',
      provinceName: 'Quảng Trị',
      sex: 'nu',
      century: 21,
      birthYear: 2001,
    });
  });

  it('decodes the DOMAIN §8 example 087084000999 → Đồng Tháp, nam, 1984', () => {
    const d = decodeCccd('087084000999');
    expect(d).toMatchObject({ provinceName: 'Đồng Tháp', sex: 'nam', century: 20, birthYear: 1984 });
  });

  it.each([
    ['0', 'nam', 1900],
    ['1', 'nu', 1900],
    ['2', 'nam', 2000],
    ['3', 'nu', 2000],
    ['4', 'nam', 2100],
    ['5', 'nu', 2100],
    ['8', 'nam', 2300],
    ['9', 'nu', 2300],
  ] as const)('digit 4 = %s → %s, %i + yy', (digit, sex, base) => {
    const d = decodeCccd(`001${digit}57123456`);
    expect(d?.sex).toBe(sex);
    expect(d?.birthYear).toBe(base + 57);
  });

  it('accepts the spaces and dots a clerk types, refuses other lengths', () => {
    expect(decodeCccd('045 301.001-234')?.birthYear).toBe(2001);
    expect(decodeCccd('04530100123')).toBeNull();
    expect(decodeCccd('04530100123x')).toBeNull();
  });

  it('keeps an unknown (country) code with a null province name', () => {
    expect(decodeCccd('840202123456')).toMatchObject({ provinceCode: '840', provinceName: null, birthYear: 2002 });
  });
});

describe('province list', () => {
  it('has the 63 old provinces, 001 Hà Nội … 096 Cà Mau, NFC names', () => {
    const codes = Object.keys(CCCD_PROVINCES);
    expect(codes).toHaveLength(63);
    expect(new Set(Object.values(CCCD_PROVINCES)).size).toBe(63);
    expect(CCCD_PROVINCES['001']).toBe('Hà Nội');
    expect(CCCD_PROVINCES['096']).toBe('Cà Mau');
    expect(CCCD_PROVINCES['044']).toBe('Quảng Bình');
    expect(CCCD_PROVINCES['046']).toBe('Thừa Thiên Huế');
    expect(CCCD_PROVINCES['048']).toBe('Đà Nẵng');
    expect(CCCD_PROVINCES['079']).toBe('Hồ Chí Minh');
    expect(CCCD_PROVINCES['031']).toBe('Hải Phòng');
    for (const [code, name] of Object.entries(CCCD_PROVINCES)) {
      expect(code).toMatch(/^0\d\d$/);
      expect(name.normalize('NFC')).toBe(name);
    }
  });
});

describe('checkPersonalId', () => {
  it('accepts a CCCD and decodes it without warnings when the birth year matches', () => {
    const r = checkPersonalId('045301001234', '2001-05-17');
    expect(r.kind).toBe('cccd');
    expect(r.normalized).toBe('045301001234');
    expect(r.warnings).toEqual([]);
    expect(r.error).toBeUndefined();
    expect(describeCccd(r.decoded!)).toBe('Quảng Trị, nữ, sinh năm 2001');
  });

  it('warns (does not refuse) when the birth year differs from the date of birth', () => {
    const r = checkPersonalId('045301001234', '17/05/2000');
    expect(r.kind).toBe('cccd');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('2001');
    expect(r.warnings[0]).toContain('2000');
  });

  it('cross-checks a bare year of birth', () => {
    expect(checkPersonalId('045301001234', '2001').warnings).toEqual([]);
    expect(checkPersonalId('045301001234', '1999').warnings).toHaveLength(1);
  });

  it('warns on an unknown province code (may be a country code)', () => {
    const r = checkPersonalId('999301001234');
    expect(r.kind).toBe('cccd');
    expect(r.decoded?.provinceName).toBeNull();
    expect(r.warnings.join(' ')).toMatch(/mã quốc gia/);
  });

  it('flags a 9-digit CMND as old and expired, without refusing it', () => {
    const r = checkPersonalId('197 123 456');
    expect(r.kind).toBe('cmnd');
    expect(r.normalized).toBe('197123456');
    expect(r.error).toBeUndefined();
    expect(r.warnings[0]).toMatch(/01\/01\/2025/);
  });

  it('refuses wrong lengths with the count typed', () => {
    const r = checkPersonalId('04530100123');
    expect(r.kind).toBe('invalid');
    expect(r.error).toBe('Số CCCD phải gồm đúng 12 chữ số (đang có 11).');
    expect(checkPersonalId('0453010012345').error).toBe('Số CCCD phải gồm đúng 12 chữ số (đang có 13).');
  });

  it('refuses letters and empty input with a clear message', () => {
    expect(checkPersonalId('04530100123A').error).toMatch(/chỉ được gồm chữ số/);
    expect(checkPersonalId('   ').error).toMatch(/Chưa nhập/);
  });

  it('warns when digit 4 puts the birth in the 22nd century', () => {
    expect(checkPersonalId('045401001234').warnings.join(' ')).toMatch(/2101/);
  });

  it('warns when the date of birth cannot be read', () => {
    expect(checkPersonalId('045301001234', 'không rõ').warnings).toHaveLength(1);
  });
});

describe('birthYearOf', () => {
  it.each([
    ['2001-05-17', 2001],
    ['17/05/2001', 2001],
    ['7/5/2001', 2001],
    ['05/2001', 2001],
    ['2001', 2001],
    ['2001-05-17T00:00:00+07:00', 2001],
    ['abc', null],
  ])('%s → %s', (input, year) => {
    expect(birthYearOf(input)).toBe(year);
  });
});
