import { describe, expect, it } from 'vitest';
import { dateInWords, dateTimeInWords, groupThousands, numberInWords, placeDateLine, shortDate } from './vn-format';

describe('Decree 30/2020 date wording', () => {
  it('puts a leading zero on days below 10 and on months 1 and 2 only', () => {
    expect(dateInWords('2026-02-13')).toBe('ngày 13 tháng 02 năm 2026');
    expect(dateInWords('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026');
    expect(dateInWords('2026-03-05')).toBe('ngày 05 tháng 3 năm 2026');
    expect(dateInWords('2026-09-30')).toBe('ngày 30 tháng 9 năm 2026');
    expect(dateInWords('2026-12-10')).toBe('ngày 10 tháng 12 năm 2026');
  });

  it('writes the place-and-date line and times in words', () => {
    expect(placeDateLine('Hướng Phùng', '2026-02-13T10:00')).toBe('Hướng Phùng, ngày 13 tháng 02 năm 2026');
    expect(dateTimeInWords('2026-02-13T10:00')).toBe('10 giờ 00 phút, ngày 13 tháng 02 năm 2026');
    expect(dateTimeInWords('2026-04-24T08:05')).toBe('08 giờ 05 phút, ngày 24 tháng 4 năm 2026');
    expect(dateTimeInWords('2026-04-24')).toBe('ngày 24 tháng 4 năm 2026');
    expect(shortDate('2026-02-05T10:00')).toBe('05/02/2026');
  });
});

describe('money wording', () => {
  it('groups thousands with dots and reads amounts in Vietnamese', () => {
    expect(groupThousands(14000)).toBe('14.000');
    expect(groupThousands(1250000)).toBe('1.250.000');
    expect(numberInWords(14000)).toBe('Mười bốn nghìn');
    expect(numberInWords(200000)).toBe('Hai trăm nghìn');
    expect(numberInWords(1005000)).toBe('Một triệu không trăm linh năm nghìn');
    expect(numberInWords(21)).toBe('Hai mươi mốt');
    expect(numberInWords(15)).toBe('Mười lăm');
    expect(numberInWords(124)).toBe('Một trăm hai mươi tư');
  });
});
