/**
 * Type-ahead over procedures by code and name, insensitive to case and diacritics
 * ("chung thuc ban sao" finds "Chứng thực bản sao từ bản chính…"), ranking the matches a clerk expects first.
 */
import type { Procedure } from '../../contract/catalogue.schema';
import { foldVietnamese } from '../text';

/** Lower rank = better. */
const Rank = {
  CodeExact: 0,
  CodePrefix: 1,
  NamePrefix: 2,
  WordStartPhrase: 3,
  WordStartTokens: 4,
  Phrase: 5,
  Tokens: 6,
} as const;
type Rank = (typeof Rank)[keyof typeof Rank];

function fold(text: string): string {
  // Punctuation separates words ("cha, mẹ, con") but the dot inside a code must survive for code search.
  return foldVietnamese(text).replace(/[,;:()"'“”/]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function isWordStart(haystack: string, index: number): boolean {
  return index === 0 || haystack[index - 1] === ' ';
}

/** Index of `needle` at a word start in `haystack`, or -1. */
function wordStartIndex(haystack: string, needle: string): number {
  let i = haystack.indexOf(needle);
  while (i !== -1) {
    if (isWordStart(haystack, i)) return i;
    i = haystack.indexOf(needle, i + 1);
  }
  return -1;
}

function rankOf(p: Procedure, query: string, tokens: string[]): Rank | null {
  const code = p.code.toLowerCase();
  const name = fold(p.name);
  if (code === query) return Rank.CodeExact;
  // "000815" or "2.0008": people type the code without its first digit or only its start.
  if (code.startsWith(query) || (query.length >= 3 && /^[\d.]+$/.test(query) && code.includes(query))) return Rank.CodePrefix;
  if (name.startsWith(query)) return Rank.NamePrefix;
  if (wordStartIndex(name, query) !== -1) return Rank.WordStartPhrase;
  const haystack = `${code} ${name}`;
  if (tokens.every((t) => wordStartIndex(haystack, t) !== -1)) return Rank.WordStartTokens;
  if (haystack.includes(query)) return Rank.Phrase;
  if (tokens.every((t) => haystack.includes(t))) return Rank.Tokens;
  return null;
}

/**
 * Procedures matching `query`, best first. Every word of the query must occur in the code or name
 * (folded); ties keep catalogue order. An empty query returns nothing.
 */
export function searchProcedures(procedures: readonly Procedure[], query: string, limit = 20): Procedure[] {
  const q = fold(query);
  if (q === '') return [];
  const tokens = q.split(' ');
  const hits: Array<{ p: Procedure; rank: Rank; order: number }> = [];
  procedures.forEach((p, order) => {
    const rank = rankOf(p, q, tokens);
    if (rank !== null) hits.push({ p, rank, order });
  });
  hits.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return hits.slice(0, Math.max(0, limit)).map((h) => h.p);
}
