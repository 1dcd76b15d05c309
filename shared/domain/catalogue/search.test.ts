import { describe, expect, it } from 'vitest';
import catalogueJson from '../../../assets/catalogue/catalogue-2026.json';
import { catalogueSchema, procedureSchema, type Procedure } from '../../contract/catalogue.schema';
import { searchProcedures } from './search';

const shipped = catalogueSchema.parse(catalogueJson).procedures;
const codes = (ps: Procedure[]) => ps.map((p) => p.code);

const mk = (code: string, name: string): Procedure =>
  procedureSchema.parse({
    code,
    name,
    field: 'Hộ tịch',
    level: 'xa',
    components: [{ name: 'Tờ khai', kind: 'ban-chinh', count: 1, required: true }],
    limit: { kind: 'working-days', days: 1 },
    feeRule: { kind: 'free' },
    resultType: 'paper',
    receiptRequired: true,
    effectiveFrom: '2026-01-01',
  });

describe('searchProcedures', () => {
  it('"chung thuc ban sao" finds "Chứng thực bản sao từ bản chính…" first', () => {
    const r = searchProcedures(shipped, 'chung thuc ban sao');
    expect(r[0]?.code).toBe('2.000815');
    expect(r[0]?.name.startsWith('Chứng thực bản sao từ bản chính')).toBe(true);
  });

  it('is insensitive to case, diacritics, đ and NFD input', () => {
    const nfd = 'ĐĂNG KÝ KHAI SINH'.normalize('NFD');
    expect(searchProcedures(shipped, nfd)[0]?.code).toBe('1.001193');
    expect(searchProcedures(shipped, 'dang ky khai sinh')[0]?.code).toBe('1.001193');
    expect(searchProcedures(shipped, 'Đăng ký kết hôn')[0]?.code).toBe('1.000894');
  });

  it('finds by code, exact or partial', () => {
    expect(codes(searchProcedures(shipped, '2.000884'))).toEqual(['2.000884']);
    expect(searchProcedures(shipped, '000815')[0]?.code).toBe('2.000815');
    expect(codes(searchProcedures(shipped, '2.0009'))).toEqual(['2.000927', '2.000908']);
  });

  it('requires every word, in any order', () => {
    expect(codes(searchProcedures(shipped, 'cha me con'))).toEqual(['1.001022']);
    expect(codes(searchProcedures(shipped, 'mai tang bao tro'))).toEqual(['1.001731']);
    expect(searchProcedures(shipped, 'khai sinh xyz')).toEqual([]);
  });

  it('ranks name-prefix before word-start before mid-word matches', () => {
    const list = [
      mk('1.000003', 'Cấp bản sao trích lục hộ tịch'), // phrase "trich luc" at a word start
      mk('1.000002', 'Xtrich luc thử'), // only mid-word
      mk('1.000001', 'Trích lục hộ tịch'), // name prefix
    ];
    expect(codes(searchProcedures(list, 'trich luc'))).toEqual(['1.000001', '1.000003', '1.000002']);
  });

  it('ranks a name that starts with the query before one that only contains it', () => {
    const list = [
      mk('1.000010', 'Liên thông đăng ký khai sinh, đăng ký thường trú'),
      mk('1.000011', 'Đăng ký lại khai sinh'),
      mk('1.000012', 'Ký xác nhận, đăng ký mới'),
    ];
    expect(codes(searchProcedures(list, 'dang ky'))).toEqual(['1.000011', '1.000010', '1.000012']);
    const shippedHits = searchProcedures(shipped, 'dang ky');
    expect(shippedHits.length).toBeGreaterThanOrEqual(5);
    expect(shippedHits.every((p) => p.name.startsWith('Đăng ký'))).toBe(true);
  });

  it('returns nothing for a blank query and honours the limit', () => {
    expect(searchProcedures(shipped, '   ')).toEqual([]);
    expect(searchProcedures(shipped, 'c', 3)).toHaveLength(3);
  });
});
