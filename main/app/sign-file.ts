/**
 * Signing and verifying PDF files on disk, for `motcua sign` and `motcua signatures verify` (an admin
 * testing a token or a .p12, a script checking what the district sent). The same engine as the desk's
 * `signatures.sign`; the PIN or password comes from the caller, never from a file or a setting.
 */
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { vi } from '../../shared/i18n/vi';
import { assertCanSign, certificateInfo } from '../core/signatures/certificate';
import { signPdf } from '../core/signatures/pdf-sign';
import { parseAnchors, verifyPdfSignatures, type SignatureCheck } from '../core/signatures/verify';
import type { SigningKey } from '../core/ports/signer';
import { loadSigningKeys } from './signing';

export type KeySource = { kind: 'p12'; file: string; password: string } | { kind: 'pkcs11'; library: string; slot: number; keyId?: string; pin: string };

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new AppError('not_found', vi.signatures.errors.fileMissing(file), { cause, details: { reason: 'file_missing' } });
  }
}

/** Sign `input` into `out` (written whole, then renamed: a failed signing leaves no half file). */
export async function signFile(input: string, out: string, source: KeySource, reason: string): Promise<{ signer: string; organisation: string; signedAt: string; bytes: number }> {
  const pdf = readInput(input);
  const keys = await loadSigningKeys();
  let key: SigningKey;
  let close = async () => {};
  if (source.kind === 'p12') key = await keys.openP12(readInput(source.file), source.password);
  else {
    const session = await keys.openToken({ library: source.library, slot: source.slot, keyId: source.keyId }, source.pin);
    key = session;
    close = () => session.close();
  }
  try {
    const cert = certificateInfo(key.certificate);
    const now = new Date();
    assertCanSign(cert, now);
    const signed = await signPdf(pdf, key, { signingTime: now, signerName: cert.commonName, reason: reason || vi.signatures.defaultReason, timeSource: 'pc' });
    const tmp = `${out}.tmp-${process.pid}`;
    writeFileSync(tmp, signed);
    renameSync(tmp, out);
    return { signer: cert.commonName, organisation: cert.organisation, signedAt: now.toISOString(), bytes: signed.length };
  } finally {
    await close();
  }
}

/** Certificates in a trust directory (*.pem, *.crt, *.cer, *.der); none when the directory is not given. */
export function readTrustDir(dir: string | undefined): Uint8Array[] {
  if (!dir) return [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (cause) {
    throw new AppError('not_found', vi.signatures.errors.fileMissing(dir), { cause, details: { reason: 'trust_dir_missing' } });
  }
  return names.filter((n) => /\.(pem|crt|cer|der)$/i.test(n) && statSync(join(dir, n)).isFile()).map((n) => readFileSync(join(dir, n)));
}

export async function verifyFile(file: string, trustDir?: string): Promise<SignatureCheck[]> {
  return verifyPdfSignatures(readInput(file), parseAnchors(readTrustDir(trustDir)));
}
