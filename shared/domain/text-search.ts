/**
 * Full-text search over OCR text (issue 18): the folding used before indexing AND before querying
 * (lower case, no diacritics, đ/Đ → d — FTS5's remove_diacritics does not fold đ), the query's
 * words, and a snippet cut from the ORIGINAL text around the hit, so the clerk reads "Nguyễn Văn
 * Đức" with its marks while "duc" found it.
 */

/** Fold one character the way foldVietnamese folds text (1 char in → 0 or more chars out). */
function foldChar(ch: string): string {
  if (ch === 'đ' || ch === 'Đ') return 'd';
  return ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded text and, for each folded character, the index of the original character it came from. */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  const src = text.normalize('NFC');
  for (let i = 0; i < src.length; ) {
    const cp = src.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  return { folded, map };
}

/** Folded text for the index: same folding, whitespace kept as single spaces. */
export function foldForIndex(text: string): string {
  return foldWithMap(text).folded.replace(/\s+/g, ' ').trim();
}

/** The words of a query, folded, letters and digits only (no query syntax gets through), at most 12. */
export function queryWords(query: string): string[] {
  return (foldForIndex(query).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

export const HIT_OPEN = '«';
export const HIT_CLOSE = '»';

/**
 * A snippet of about `width` characters of `text` around the first place where the query's words
 * occur (the last word as a prefix), each hit wrapped in «…». Falls back to the start of the text.
 */
export function snippet(text: string, words: string[], width = 160): string {
  const src = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const { folded, map } = foldWithMap(src);
  const hits: Array<[number, number]> = [];
  words.forEach((w, i) => {
    const prefix = i === words.length - 1;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`, 'gu');
    for (const m of folded.matchAll(re)) {
      const start = map[m.index]!;
      const endFolded = m.index + m[0].length - 1;
      const end = (map[endFolded] ?? src.length - 1) + 1;
      hits.push([start, end]);
    }
  });
  hits.sort((a, b) => a[0] - b[0]);
  const first = hits[0]?.[0] ?? 0;
  let from = Math.max(0, first - Math.floor(width / 3));
  if (from > 0) {
    const space = src.indexOf(' ', from);
    if (space >= 0 && space < first) from = space + 1;
  }
  let to = Math.min(src.length, from + width);
  if (to < src.length) {
    const space = src.lastIndexOf(' ', to);
    if (space > from && space > (hits[0]?.[1] ?? 0)) to = space;
  }
  let out = '';
  let at = from;
  for (const [s, e] of hits) {
    if (s < at || e > to) continue;
    out += src.slice(at, s) + HIT_OPEN + src.slice(s, e) + HIT_CLOSE;
    at = e;
  }
  out += src.slice(at, to);
  return (from > 0 ? '…' : '') + out + (to < src.length ? '…' : '');
}
