/**
 * Dossier code (mã số hồ sơ), DOMAIN.md §2 and "must implement" B:
 * `<agency code>-YYMMDD-XXXX` — the receipt date in Vietnam time and the day's sequence from 0001.
 * More than 9999 dossiers in a day keeps counting (10000) rather than wrapping or truncating.
 */
export function formatDossierCode(agencyCode: string, receiptDate: string, seq: number): string {
  return `${agencyCode}-${receiptDay(receiptDate)}-${String(seq).padStart(4, '0')}`;
}

/** 'YYYY-MM-DD' → 'YYMMDD'. */
export function receiptDay(receiptDate: string): string {
  return `${receiptDate.slice(2, 4)}${receiptDate.slice(5, 7)}${receiptDate.slice(8, 10)}`;
}

const CODE_RE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

export interface ParsedDossierCode {
  agencyCode: string;
  /** 'YYYY-MM-DD' (20YY). */
  receiptDate: string;
  seq: number;
}

/** Read a code back (typed, or from a barcode reader); null when it is not of that shape. */
export function parseDossierCode(code: string): ParsedDossierCode | null {
  const m = CODE_RE.exec(code.trim().toUpperCase());
  if (!m) return null;
  const [, agencyCode, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string];
  return { agencyCode, receiptDate: `20${yy}-${mm}-${dd}`, seq: Number(seq) };
}
