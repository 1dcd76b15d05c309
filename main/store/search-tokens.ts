import { foldVietnamese } from '../../shared/domain/text';

/**
 * The words of a name as the search index keeps them: folded (no case, no diacritics, đ → d),
 * split on anything that is not a letter or digit, each word once. Shared by the migration that
 * back-fills the index, the code that keeps it current, and the query side (which reads each typed
 * word as a prefix of one of these).
 */
export function nameTokens(name: string): string[] {
  const words = foldVietnamese(name)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, 40));
  return [...new Set(words)];
}

/** The smallest string greater than every string starting with `prefix` (binary order). */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
