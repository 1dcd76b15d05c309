/**
 * Vietnamese text helpers shared by both sides.
 *
 * Text pasted from other systems (Word, web portals, macOS) often arrives decomposed (NFD): "ộ" as
 * "o" + U+0323 + U+0302. It looks the same on screen but prints with misplaced marks and breaks
 * equality and search, so everything entering the contract is normalised to NFC.
 */
import { AppError } from '../errors';
import { vi } from '../i18n/vi';
import { guardInput } from './input-guard';

/**
 * Normalise every string inside a JSON-like value to NFC; other values are returned as they are.
 * The walk is the input guard's (depth-bounded, no `__proto__`-style keys, no lone surrogates);
 * a value it refuses throws `invalid_input` (the dispatcher uses `guardInput` and never throws).
 */
export function deepNormalizeNfc<T>(value: T): T {
  const guarded = guardInput(value);
  if (!guarded.ok) throw new AppError('invalid_input', vi.errors.invalid_input, { issues: [{ path: guarded.refusal.path, message: guarded.refusal.message }] });
  return guarded.value;
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
