/** The chip ID card's QR, parsed from recorded reader bursts (test/fixtures/cccd-qr). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCccdQr, looksGarbled, parseCccdQr } from '../../shared/domain/cccd-qr';

const burst = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/cccd-qr', name), 'utf8');

describe('parseCccdQr', () => {
  it('reads a 2021 chip card with no old CMND', () => {
    const r = parseCccdQr(burst('chip-2021-empty-cmnd.txt'))!;
    expect(r).toMatchObject({
      idNumber: '045193001234',
      oldIdNumber: '',
      fullName: 'Trần Thị Bích Ngọc',
      dateOfBirth: '1993-03-15',
      sex: 'nu',
      address: 'Thôn Xa Bai, Hướng Phùng, Hướng Hóa, Quảng Trị',
      issuedOn: '2021-04-20',
      extra: [],
      warnings: [],
    });
    expect(r.raw).toBe(burst('chip-2021-empty-cmnd.txt'));
  });

  it('keeps the old CMND and reads Nam', () => {
    expect(parseCccdQr(burst('chip-2021-with-cmnd.txt'))).toMatchObject({ oldIdNumber: '197123456', sex: 'nam', dateOfBirth: '1984-02-01', warnings: [] });
  });

  it('accepts the extra fields of cards issued since 1/7/2024 and keeps them', () => {
    const r = parseCccdQr(burst('can-cuoc-2024-extra-fields.txt'))!;
    expect(r).toMatchObject({ idNumber: '045301001234', fullName: 'Nguyễn Thị Hường', dateOfBirth: '2001-05-17', issuedOn: '2024-08-01', warnings: [] });
    expect(r.extra).toEqual(['Nguyễn Văn Lực', 'Lê Thị Mai', '', '01082039']);
  });

  it('says when an input method garbled the marks and keeps only what is sure', () => {
    const r = parseCccdQr(burst('garbled-unikey-telex.txt'))!;
    expect(r).toMatchObject({ idNumber: '045084000999', fullName: '', address: '', dateOfBirth: '1984-02-01', sex: 'nam' });
    expect(r.warnings.join(' ')).toContain('Bộ gõ tiếng Việt');
    expect(r.warnings.join(' ')).toContain('họ tên và địa chỉ');

    const d = parseCccdQr(burst('garbled-double-marks.txt'))!;
    expect(d).toMatchObject({ idNumber: '045301001234', fullName: '', address: 'Thôn Cợp, xã Hướng Phùng', sex: 'nu', dateOfBirth: '2001-05-17' });
    expect(d.warnings.some((w) => w.includes('Giới tính'))).toBe(true);
    expect(d.warnings.some((w) => w.includes('họ tên') && !w.includes('địa chỉ'))).toBe(true);
  });

  it('finds the burst inside what a field already held, and ignores text that is not a card', () => {
    const text = `Trần${burst('chip-2021-empty-cmnd.txt')}`;
    expect(findCccdQr(text)).toMatchObject({ start: 4, end: text.length });
    expect(parseCccdQr('045193001234')).toBeNull();
    expect(parseCccdQr('H50.19.41-261207-0001')).toBeNull();
    expect(parseCccdQr('045193001234|a|b')).toBeNull();
  });

  it('flags a birth year that contradicts the number, and an unreadable date', () => {
    const r = parseCccdQr('045193001234||Trần Thị Bích Ngọc|15031994|Nữ|Hướng Phùng|20042021')!;
    expect(r.warnings.join(' ')).toContain('khác năm sinh theo số CCCD (1993)');
    const bad = parseCccdQr('045193001234||Trần Thị Bích Ngọc|31021993|Nữ|Hướng Phùng|20042021')!;
    expect(bad.dateOfBirth).toBe('');
    expect(bad.warnings.join(' ')).toContain('không đọc được');
  });
});

describe('looksGarbled', () => {
  it('passes real Vietnamese names and addresses', () => {
    for (const s of ['Nguyễn Thị Hường', 'Hồ Văn Hùng', 'Thôn Cợp, xã Hướng Phùng', 'Số 12/3 đường Lê Duẩn', 'Đặng Khuê', 'Lưu Hữu Phước', 'Nguyễn Ngọc Quỳnh'])
      expect(looksGarbled(s), s).toBe(false);
  });
  it('catches mojibake, doubled marks and foreign letters', () => {
    for (const s of ['Há»“ VÄƒn', 'Nguyêẽn', 'Hườờng', 'Nguy?n', 'Peña'])
      expect(looksGarbled(s), s).toBe(true);
  });
});
