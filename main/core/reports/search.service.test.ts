import { describe, expect, it } from 'vitest';
import { nameTokens, prefixUpperBound } from '../../store/search-tokens';
import { parseSearchQuery } from './search.service';

describe('the one search box', () => {
  it('reads codes, code tails, ID/phone digits and name words', () => {
    expect(parseSearchQuery('h50.12.34-260317-0001')).toMatchObject({ codePrefix: 'H50.12.34-260317-0001', nameWords: [] });
    expect(parseSearchQuery('260317-0001')).toMatchObject({ codeTail: '260317-0001' });
    expect(parseSearchQuery('045 301 001')).toMatchObject({ digits: '045301001' });
    expect(parseSearchQuery('+84 912 345')).toMatchObject({ digits: '0912345' });
    expect(parseSearchQuery('  Nguyễn thị HƯỜNG ')).toMatchObject({ nameWords: ['nguyen', 'thi', 'huong'] });
    expect(parseSearchQuery('Đặng')).toMatchObject({ nameWords: ['dang'] });
  });
  it('indexes each folded word once, and bounds prefixes in binary order', () => {
    expect(nameTokens('Hồ Văn Hồ-Giang')).toEqual(['ho', 'van', 'giang']);
    expect(prefixUpperBound('huo')).toBe('hup');
    const inRange = (token: string, prefix: string) => token >= prefix && token < prefixUpperBound(prefix);
    expect(['huong', 'huo', 'hup', 'hun'].map((w) => inRange(w, 'huo'))).toEqual([true, true, false, false]);
  });
});
