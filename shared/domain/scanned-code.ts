/**
 * A dossier code as it arrives from a barcode/QR reader or a hurried clerk: lower case, stray
 * spaces around the dots and dashes, a trailing newline, or a QR payload that carries the code among
 * other fields (Circular 01/2023: code, TTHC code, applicant ID…). Returns the code in its printed
 * form (`H50.12.34-260317-0001`) or null.
 */
const CODE_IN_TEXT = /[0-9A-Z]+(?:\.[0-9A-Z]+)*-\d{6}-\d{4,}/;

export function extractDossierCode(text: string): string | null {
  const cleaned = text
    .normalize('NFC')
    .toUpperCase()
    .replace(/\s*([.-])\s*/g, '$1')
    .trim();
  const m = CODE_IN_TEXT.exec(cleaned);
  return m ? m[0] : null;
}

/** True when the whole text (after the same clean-up) is one dossier code: what a reader's burst looks like. */
export function isDossierCode(text: string): boolean {
  const code = extractDossierCode(text);
  return code !== null && code === text.toUpperCase().replace(/\s*([.-])\s*/g, '$1').trim();
}
