/**
 * Turn a document title into a file name that is safe on Windows, macOS and Linux: no path
 * separators or traversal, no characters Windows rejects, no reserved device names, and short
 * enough (in UTF-8 bytes: Vietnamese letters take 2–3) to stay under the usual 255-byte limit
 * with a " (12)" suffix added.
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_STEM_BYTES = 180;

export function safePdfStem(title: string | undefined, fallback = 'tai-lieu'): string {
  let s = (title ?? '').normalize('NFC');
  if (s.toLowerCase().endsWith('.pdf')) s = s.slice(0, -4);
  s = s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[<>:"/\\|?*]/g, '-')
    .replace(/\s+/g, ' ')
    // Leading dots would make hidden files or "..": trailing dots/spaces Windows silently drops.
    .replace(/^[\s.-]+/, '')
    .replace(/[\s.]+$/, '');
  if (WINDOWS_RESERVED.test(s.split('.')[0] ?? '')) s = `_${s}`;
  if (Buffer.byteLength(s) > MAX_STEM_BYTES) {
    const chars = [...s];
    while (chars.length > 0 && Buffer.byteLength(chars.join('')) > MAX_STEM_BYTES) chars.pop();
    s = chars.join('').replace(/[\s.]+$/, '');
  }
  return s || fallback;
}

/** "stem.pdf", then "stem (2).pdf", "stem (3).pdf", … */
export function numberedPdfName(stem: string, n: number): string {
  return n <= 1 ? `${stem}.pdf` : `${stem} (${n}).pdf`;
}
