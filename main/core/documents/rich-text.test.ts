import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { interpolate, parseMarkup, richText, wrap, type Measure } from './rich-text';

// 1 unit per character: line breaking becomes easy to reason about.
const measure: Measure = (text) => Array.from(text).length;

describe('template text', () => {
  it('reads bold and italic marks from the template, never from the data', () => {
    const runs = richText('Tên: **{applicant.name}** *({note})*', { applicant: { name: 'A **B**' }, note: 'x' }, 'regular', 't');
    expect(runs).toEqual([
      { text: 'Tên: ', style: 'regular' },
      { text: 'A **B**', style: 'bold' },
      { text: ' ', style: 'regular' },
      { text: '(x)', style: 'italic' },
    ]);
    expect(parseMarkup('***Ghi chú:***', 'regular')).toEqual([{ text: 'Ghi chú:', style: 'boldItalic' }]);
    expect(parseMarkup('**a**', 'bold')).toEqual([{ text: 'a', style: 'regular' }]);
  });

  it('prints the fallback for empty values and rejects unknown fields', () => {
    expect(interpolate('Email: {a.email|……}', { a: { email: '' } }, 't')).toBe('Email: ……');
    expect(interpolate('{n} bộ', { n: 2 }, 't')).toBe('2 bộ');
    let err: unknown;
    try {
      interpolate('{a.missing}', { a: {} }, 'mau-01.json');
    } catch (e) {
      err = e;
    }
    expect(isAppError(err) && err.code === 'internal' && err.message.includes('{a.missing}')).toBe(true);
  });

  it('normalises data to NFC', () => {
    const nfd = 'Nguyễn Thị Hường'.normalize('NFD');
    expect(richText('{n}', { n: nfd }, 'regular', 't')[0]!.text).toBe('Nguyễn Thị Hường'.normalize('NFC'));
  });
});

describe('line breaking', () => {
  it('breaks at spaces, honours \\n and keeps styled pieces without a space together', () => {
    const lines = wrap([{ text: 'aaa bbb ccc\nd', style: 'regular' }], 7, measure);
    expect(lines.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['aaa bbb', 'ccc', 'd']);
    const glued = wrap([{ text: 'x Số:', style: 'regular' }, { text: '12', style: 'bold' }], 5, measure);
    expect(glued.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['x', 'Số:12']);
  });

  it('breaks a long code after a hyphen before breaking between characters', () => {
    const lines = wrap([{ text: 'H50.12.34-260213-0001', style: 'regular' }], 17, measure);
    expect(lines.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['H50.12.34-260213-', '0001']);
    const hard = wrap([{ text: 'abcdefghij', style: 'regular' }], 4, measure);
    expect(hard.map((l) => l.runs[0]!.text)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('applies first-line indent and hanging indent to the available width', () => {
    const lines = wrap([{ text: 'aa bb cc dd', style: 'regular' }], 6, measure, 3, 1);
    expect(lines.map((l) => [l.offset, l.runs.map((r) => r.text).join('')])).toEqual([
      [3, 'aa'],
      [1, 'bb cc'],
      [1, 'dd'],
    ]);
  });
});
