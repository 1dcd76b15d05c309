/**
 * The office's recovery code and what is derived from it (issue 15 items 2 and 3).
 * Set-up shows the code once and prints it on the recovery sheet; the database keeps only a
 * verifier. From the code: scrypt → a master secret; HKDF(master) → the verifier, the office key
 * (HMAC key of the audit chain) and the backup key (AES-256-GCM). 120 random bits, so the verifier
 * cannot be brute-forced even though it sits in the database and in every backup header.
 */
import { hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Crockford base32 without I, L, O, U: no letter a person can misread as another. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 6;
const GROUP_LEN = 4;

/** scrypt cost: ~100 ms and 32 MB once per set-up, join or restore; never per call. */
export const KDF = { name: 'scrypt', N: 32768, r: 8, p: 1 } as const;
const MAXMEM = 64 * 1024 * 1024;

export interface DerivedKeys {
  /** HMAC-SHA256 key of the audit chain. */
  officeKey: Buffer;
  /** AES-256-GCM key of backups. */
  backupKey: Buffer;
  /** Public check value: proves a typed code right without revealing anything usable. */
  verifier: Buffer;
}

/** A fresh code, normalized (24 symbols, 120 bits); `formatRecoveryCode` groups it for people. */
export function generateRecoveryCode(): string {
  return [...randomBytes(GROUPS * GROUP_LEN)].map((b) => ALPHABET[b & 31]!).join('');
}

/**
 * What a person typed, reduced to the 24 symbols: spaces and dashes dropped, lower case allowed,
 * and the letters people confuse read as Crockford says (O→0, I/L→1). Null when it cannot be a code.
 */
export function normalizeRecoveryCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s\-_.]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== GROUPS * GROUP_LEN) return null;
  for (const c of s) if (!ALPHABET.includes(c)) return null;
  return s;
}

/** The code in its printed form (groups of four), e.g. for the recovery sheet. */
export function formatRecoveryCode(normalized: string): string {
  return normalized.match(new RegExp(`.{1,${GROUP_LEN}}`, 'g'))!.join('-');
}

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, { N: KDF.N, r: KDF.r, p: KDF.p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function hkdf(master: Buffer, salt: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, salt, `motcua-desk/${info}`, 32));
}

/** All three values for a normalized code and the office's salt. */
export async function deriveKeys(normalized: string, salt: Buffer): Promise<DerivedKeys> {
  const master = await scryptAsync(normalized, salt);
  return { verifier: hkdf(master, salt, 'verifier'), officeKey: hkdf(master, salt, 'office-key'), backupKey: hkdf(master, salt, 'backup-key') };
}

export function newSalt(): Buffer {
  return randomBytes(16);
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
