/**
 * Agency identifier code (mã định danh cơ quan), the first part of every dossier code.
 * DOMAIN.md §2 and "What the software must implement" A: an opaque string, validated loosely
 * (QCVN 102:2016 shape "000.00.00.H50" or the level-1-first shape "H50.12.34"), at most 35 characters.
 */
export const AGENCY_CODE_PATTERN = /^([0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}|[A-Z][0-9]{2}(\.[0-9A-Z]{2,3}){0,4})$/;
export const AGENCY_CODE_MAX_LENGTH = 35;

export function isValidAgencyCode(code: string): boolean {
  return code.length <= AGENCY_CODE_MAX_LENGTH && AGENCY_CODE_PATTERN.test(code);
}
