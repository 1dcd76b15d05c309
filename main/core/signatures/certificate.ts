/**
 * What the desk reads from an X.509 certificate (pkijs): the names a stamp and a verifier show (CN, O,
 * with Vietnamese diacritics), validity, key usage, fingerprint; and the checks made before signing so an
 * expired certificate or one without the signing key usage is refused before the token is asked to sign.
 */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { parseCertificate } from './cms';

const E = vi.signatures.errors;
const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';
const OID_KEY_USAGE = '2.5.29.15';

export interface CertificateInfo {
  commonName: string;
  organisation: string;
  subject: string;
  issuer: string;
  serial: string;
  sha256: string;
  notBefore: Date;
  notAfter: Date;
  /** Key usage bits present (null when the extension is absent: any usage allowed). */
  digitalSignature: boolean | null;
  nonRepudiation: boolean | null;
}

function attr(name: pkijs.RelativeDistinguishedNames, oid: string): string {
  const found = name.typesAndValues.find((t) => t.type === oid);
  return found ? String(found.value.valueBlock.value ?? '').normalize('NFC') : '';
}

function dn(name: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = { [OID_CN]: 'CN', [OID_O]: 'O', '2.5.4.6': 'C', '2.5.4.11': 'OU', '2.5.4.7': 'L', '2.5.4.8': 'ST' };
  return name.typesAndValues.map((t) => `${short[t.type] ?? t.type}=${String(t.value.valueBlock.value ?? '')}`).join(', ').normalize('NFC');
}

export function certificateInfo(der: Uint8Array): CertificateInfo {
  const cert = parseCertificate(der);
  const ku = cert.extensions?.find((e) => e.extnID === OID_KEY_USAGE);
  let digitalSignature: boolean | null = null;
  let nonRepudiation: boolean | null = null;
  if (ku) {
    // BIT STRING: first content byte after the unused-bits count; bit 0 (0x80) digitalSignature, bit 1 (0x40) nonRepudiation.
    const bits = new Uint8Array((ku.parsedValue as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView);
    const first = bits[0] ?? 0;
    digitalSignature = (first & 0x80) !== 0;
    nonRepudiation = (first & 0x40) !== 0;
  }
  return {
    commonName: attr(cert.subject, OID_CN),
    organisation: attr(cert.subject, OID_O),
    subject: dn(cert.subject),
    issuer: dn(cert.issuer),
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
    sha256: createHash('sha256').update(der).digest('hex'),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    digitalSignature,
    nonRepudiation,
  };
}

const vnDate = (d: Date) => d.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** Refuse a certificate that may not sign at `now`: expired, not yet valid, or without the signing key usage. */
export function assertCanSign(info: CertificateInfo, now: Date): void {
  if (now > info.notAfter) throw new AppError('invalid_input', E.certExpired(vnDate(info.notAfter)), { details: { reason: 'cert_expired', notAfter: info.notAfter.toISOString() } });
  if (now < info.notBefore) throw new AppError('invalid_input', E.certNotYetValid(vnDate(info.notBefore)), { details: { reason: 'cert_not_yet_valid' } });
  if (info.digitalSignature === false && info.nonRepudiation === false) throw new AppError('invalid_input', E.certNoSigningUsage, { details: { reason: 'cert_key_usage' } });
}
