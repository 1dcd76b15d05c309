/**
 * Vietnamese text helpers shared by both sides.
 *
 * Text pasted from other systems (Word, web portals, macOS) often arrives decomposed (NFD): "ộ" as
 * "o" + U+0323 + U+0302. It looks the same on screen but prints with misplaced marks and breaks
 * equality and search, so everything entering the contract is normalised to NFC.
 */

/** Normalise every string inside a JSON-like value to NFC; other values are returned as they are. */
export function deepNormalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => deepNormalizeNfc(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k.normalize('NFC')] = deepNormalizeNfc(v);
    return out as T;
  }
  return value;
}

/**
 * Fold Vietnamese text for matching: lower case, no diacritics, đ → d, collapsed spaces.
 * "Nguyễn Thị Hường" → "nguyen thi huong".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapse runs of white space and trim; used for names and addresses typed at the desk. */
export function tidySpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
