/**
 * Characters that must not reach a printed receipt, a book or a search index (issue 15 item 7).
 *
 * A right-to-left override (U+202E) makes "Nguyễn Văn A\u202Eabc" print as something else than it
 * is; a zero-width space makes two names that look alike differ; NUL, ESC and BEL are terminal and
 * printer controls. None of them belongs in a Vietnamese name, ID number or address, so those
 * fields refuse them (the clerk retypes the field). Free text (notes, reasons) has them removed
 * instead: text pasted from Word, Zalo or a web portal often carries invisible marks the clerk
 * cannot see and so could not find to delete; removing them changes nothing a reader sees except
 * that overridden text shows in its true order, which is the point.
 *
 * The set: every control (Cc) and format (Cf) character, private-use code points and the
 * noncharacters U+FFFE/U+FFFF. Ordinary white space (tab, new line, NBSP, U+2028…) is not in it:
 * the text schemas collapse white space to one space first. One regex test per string: cheap
 * enough for the intake path.
 */

const UNSAFE = /[\p{Cc}\p{Cf}\p{Co}\uFFFE\uFFFF]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\p{Co}\uFFFE\uFFFF]/gu;

export type UnsafeKind = 'bidi' | 'invisible' | 'control' | 'other';

export interface UnsafeChar {
  /** "U+202E" */
  code: string;
  kind: UnsafeKind;
  /** Index in the string. */
  index: number;
}

function kindOf(cp: number): UnsafeKind {
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'bidi';
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if ((cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff || cp === 0x00ad || cp === 0x180e) return 'invisible';
  return 'other';
}

/** The first unsafe character of `text`, or null. */
export function findUnsafeChar(text: string): UnsafeChar | null {
  const m = UNSAFE.exec(text);
  if (!m) return null;
  const cp = m[0].codePointAt(0)!;
  return { code: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, kind: kindOf(cp), index: m.index };
}

/** `text` without its unsafe characters (the same string when it has none). */
export function stripUnsafeChars(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, '') : text;
}
