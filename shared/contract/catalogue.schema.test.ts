import { describe, expect, it } from 'vitest';
import catalogueJson from '../../assets/catalogue/catalogue-2026.json';
import { computeFee } from '../domain/fees';
import { KNOWN_FIELDS, catalogueSchema, procedureSchema, type ProcedureInput } from './catalogue.schema';

const base: ProcedureInput = {
  code: '2.000815',
  name: 'Chứng thực bản sao từ bản chính',
  field: 'Chứng thực',
  level: 'xa',
  components: [{ name: 'Bản chính giấy tờ', kind: 'ban-chinh', count: 1, required: true }],
  limit: { kind: 'same-day' },
  feeRule: { kind: 'per-page', firstPages: 2, firstPageAmount: 2000, laterPageAmount: 1000, maxPerCopy: 200000 },
  resultType: 'paper',
  receiptRequired: false,
  effectiveFrom: '2026-01-01',
};

function messages(data: unknown, schema: { safeParse(d: unknown): { success: boolean; error?: { issues: { message: string }[] } } } = procedureSchema) {
  const r = schema.safeParse(data);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.message);
}

describe('procedureSchema', () => {
  it('fills the 15:00 cut-off by default', () => {
    const p = procedureSchema.parse(base);
    expect(p.limit).toEqual({ kind: 'same-day', cutoff: '15:00' });
  });

  it('refuses malformed codes, dates and components with Vietnamese messages', () => {
    expect(messages({ ...base, code: '2000815' })[0]).toMatch(/Mã thủ tục hành chính/);
    expect(messages({ ...base, effectiveFrom: '2026-02-30' })[0]).toMatch(/Ngày không hợp lệ/);
    expect(messages({ ...base, components: [] })[0]).toMatch(/ít nhất một thành phần/);
    expect(messages({ ...base, components: [{ name: 'x', kind: 'photo', count: 1, required: true }] })[0]).toMatch(/Loại bản/);
    expect(messages({ ...base, components: [{ name: 'x', kind: 'ban-chinh', count: 0, required: true }] })[0]).toMatch(/từ 1 trở lên/);
    expect(messages({ ...base, level: 'huyen' })[0]).toMatch(/cấp xã/);
    expect(messages({ ...base, retiredAt: '2025-12-31' })[0]).toMatch(/hết hiệu lực phải sau/);
    expect(messages({ ...base, feeRule: { kind: 'flat', amount: 1.5 } })[0]).toMatch(/số nguyên/);
    expect(messages({ ...base, feeRule: { kind: 'percent' } })[0]).toMatch(/Cách tính lệ phí/);
    expect(messages({ ...base, limit: { kind: 'same-day', cutoff: '25:00' } })[0]).toMatch(/HH:MM/);
    expect(messages({ ...base, extra: 1 }).length).toBeGreaterThan(0);
  });

  it('refuses a per-page cap below one page', () => {
    const bad = { ...base, feeRule: { kind: 'per-page', firstPages: 2, firstPageAmount: 2000, laterPageAmount: 1000, maxPerCopy: 1000 } };
    expect(messages(bad)[0]).toMatch(/tối đa/);
  });
});

describe('catalogueSchema', () => {
  it('refuses two versions of one code in force at the same time, accepts consecutive versions', () => {
    const overlapping = { version: 't', effectiveFrom: '2026-01-01', procedures: [base, { ...base, effectiveFrom: '2026-06-01' }] };
    expect(messages(overlapping, catalogueSchema)[0]).toMatch(/hai phiên bản cùng hiệu lực/);
    const consecutive = {
      version: 't',
      effectiveFrom: '2026-01-01',
      procedures: [{ ...base, retiredAt: '2026-06-01' }, { ...base, effectiveFrom: '2026-06-01' }],
    };
    expect(catalogueSchema.safeParse(consecutive).success).toBe(true);
  });
});

describe('assets/catalogue/catalogue-2026.json', () => {
  const result = catalogueSchema.safeParse(catalogueJson);

  it('validates against the schema', () => {
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  const cat = catalogueSchema.parse(catalogueJson);

  it('has at least 18 commune-level procedures with unique codes, NFC text', () => {
    expect(cat.procedures.length).toBeGreaterThanOrEqual(18);
    expect(new Set(cat.procedures.map((p) => p.code)).size).toBe(cat.procedures.length);
    const text = JSON.stringify(catalogueJson);
    expect(text.normalize('NFC')).toBe(text);
  });

  it('covers the five lĩnh vực', () => {
    const fields = new Set(cat.procedures.map((p) => p.field));
    for (const f of KNOWN_FIELDS) expect(fields).toContain(f);
  });

  const byCode = (code: string) => {
    const p = cat.procedures.find((x) => x.code === code);
    if (!p) throw new Error(`missing ${code}`);
    return p;
  };

  it('carries the DOMAIN §3 fees', () => {
    expect(computeFee(byCode('2.000815').feeRule, { pages: 5, copies: 2 }).amount).toBe(14000);
    expect(computeFee(byCode('2.000884').feeRule).amount).toBe(10000);
    expect(computeFee(byCode('2.000635').feeRule, { copies: 1 }).amount).toBe(8000);
    expect(byCode('1.001193').feeRule.kind).toBe('free');
    expect(byCode('1.000894').feeRule.kind).toBe('free');
    expect(byCode('1.004873').feeRule.kind).toBe('provincial');
  });

  it('carries the DOMAIN §3 limits', () => {
    expect(byCode('2.000815').limit).toEqual({ kind: 'same-day', cutoff: '15:00', extensionWorkingDays: 2 });
    expect(byCode('1.001193').limit).toMatchObject({ kind: 'same-day', cutoff: '15:00' });
    expect(byCode('1.000894').limit).toEqual({ kind: 'same-day', cutoff: '15:00', verificationDays: 5 });
    expect(byCode('1.004873').limit).toEqual({ kind: 'working-days', days: 3, verificationDays: 23 });
  });
});
