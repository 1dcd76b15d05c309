import { describe, expect, it } from 'vitest';
import { formatVnDate, formatVnInstant, maskVnDate, parseVnDate, parseVnTime, vnCivilDate } from './vn-date';

describe('maskVnDate', () => {
  it('lets digits run straight through into dd/mm/yyyy', () => {
    const steps = [...'15031993'].reduce<string[]>((acc, ch) => [...acc, maskVnDate(`${acc.at(-1) ?? ''}${ch}`)], []);
    expect(steps).toEqual(['1', '15', '15/0', '15/03', '15/03/1', '15/03/19', '15/03/199', '15/03/1993']);
    expect(maskVnDate('150319931')).toBe('15/03/1993');
  });
  it('keeps typed separators and pads a one-digit day or month', () => {
    expect(maskVnDate('1/3/1993')).toBe('01/03/1993');
    expect(maskVnDate('1/')).toBe('01/');
    expect(maskVnDate('15.03.1993')).toBe('15/03/1993');
  });
});

describe('parseVnDate', () => {
  it('reads day first, never month first', () => {
    expect(parseVnDate('15/03/1993')).toEqual({ ok: true, iso: '1993-03-15' });
    expect(parseVnDate('15031993')).toEqual({ ok: true, iso: '1993-03-15' });
    expect(parseVnDate('03/12/1993')).toEqual({ ok: true, iso: '1993-12-03' });
    expect(parseVnDate('')).toEqual({ ok: true, iso: '' });
  });
  it('refuses an impossible date with a clear message, never shifting it', () => {
    const feb = parseVnDate('29/02/2025');
    expect(feb.ok).toBe(false);
    expect(!feb.ok && feb.error).toContain('tháng 2 năm 2025 có 28 ngày');
    expect(parseVnDate('29/02/2024')).toEqual({ ok: true, iso: '2024-02-29' });
    const month = parseVnDate('12/13/1993');
    expect(!month.ok && month.error).toContain('Tháng 13 không có');
    expect(parseVnDate('15/03').ok).toBe(false);
    expect(parseVnDate('15/03/1850').ok).toBe(false);
  });
});

describe('Vietnam time whatever the PC zone', () => {
  it('formats instants in UTC+7', () => {
    expect(formatVnInstant('2026-12-06T18:30:00.000Z')).toBe('07/12/2026 01:30');
    expect(vnCivilDate('2026-12-06T18:30:00.000Z')).toBe('2026-12-07');
    expect(formatVnDate('2026-12-07')).toBe('07/12/2026');
    expect(formatVnDate('2026-12-07T09:00')).toBe('07/12/2026');
  });
  it('reads HH:mm', () => {
    expect(parseVnTime('930')).toEqual({ ok: true, value: '09:30' });
    expect(parseVnTime('09:30')).toEqual({ ok: true, value: '09:30' });
    expect(parseVnTime('25:00').ok).toBe(false);
  });
});
