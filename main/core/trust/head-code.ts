/**
 * "Mã kiểm tra sổ": the audit head written where the database cannot reach it — the footer of the
 * daily book (Mẫu 07) and the 06a report, and every backup's manifest. Printed as the entry number
 * and the first 64 bits of its seal in groups of four ("1234-9F3A-1B2C-7D8E-0A1B"): short enough to
 * copy by hand, and rewriting the chain before that entry changes it with certainty short of 2^-64.
 */
import type { AuditAnchor } from '../audit/audit-verify';

export function formatHeadCode(seq: number, hash: string): string {
  const h = hash.slice(0, 16).toUpperCase();
  return `${seq}-${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}`;
}

export function parseHeadCode(text: string): AuditAnchor | null {
  const m = /^\s*(\d{1,12})\s*-\s*([0-9a-f]{4})\s*-?\s*([0-9a-f]{4})\s*-?\s*([0-9a-f]{4})\s*-?\s*([0-9a-f]{4})\s*$/i.exec(text);
  if (!m) return null;
  return { seq: Number(m[1]), hash: `${m[2]}${m[3]}${m[4]}${m[5]}`.toLowerCase() };
}
