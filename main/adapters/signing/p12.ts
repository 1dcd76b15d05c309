/**
 * Signing key from a certificate file (.p12 / .pfx, PKCS#12). Parsed with pkijs (PBES2 as OpenSSL 3 and
 * current CA tools write it); the private key lives only in this process's memory for the signing call.
 */
import { createPrivateKey, createPublicKey, sign as rsaSign, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import type { SigningKey } from '../../core/ports/signer';

const E = vi.signatures.errors;
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';

function ab(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

interface Bag {
  bagId: string;
  bagValue: unknown;
}

async function bagsOf(file: Uint8Array, password: ArrayBuffer): Promise<Bag[]> {
  const pfx = pkijs.PFX.fromBER(ab(file));
  await pfx.parseInternalValues({ password, checkIntegrity: true });
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Error('no authenticated safe');
  await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password })) });
  return (safe.parsedValue?.safeContents ?? []).flatMap((s: { value: { safeBags: unknown } }) => s.value.safeBags as Bag[]);
}

/** Open a .p12 with its password; the leaf is the certificate whose public key matches the private key. */
export async function openP12(file: Uint8Array, password: string): Promise<SigningKey> {
  const pw = ab(new TextEncoder().encode(password));
  let bags: Bag[];
  try {
    bags = await bagsOf(file, pw);
  } catch (cause) {
    throw new AppError('invalid_input', E.p12Password, { cause, details: { reason: 'p12_password' } });
  }
  const certs: Uint8Array[] = [];
  let key: KeyObject | undefined;
  for (const bag of bags) {
    if (bag.bagId === CERT_BAG) {
      const cert = (bag.bagValue as pkijs.CertBag).parsedValue as pkijs.Certificate;
      certs.push(new Uint8Array(cert.toSchema().toBER()));
    } else if (bag.bagId === SHROUDED_KEY_BAG) {
      const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
      // pkijs marks this protected in its types but it is the documented way to decrypt the bag.
      await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({ password: pw });
      key = createPrivateKey({ key: Buffer.from(shrouded.parsedValue!.toSchema().toBER()), format: 'der', type: 'pkcs8' });
    } else if (bag.bagId === KEY_BAG) {
      key = createPrivateKey({ key: Buffer.from((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER()), format: 'der', type: 'pkcs8' });
    }
  }
  if (!key) throw new AppError('invalid_input', E.p12NoKey, { details: { reason: 'p12_no_key' } });
  if (key.asymmetricKeyType !== 'rsa') throw new AppError('invalid_input', E.keyUnsupported, { details: { reason: 'key_type' } });
  const pub = createPublicDer(key);
  const leafAt = certs.findIndex((der) => Buffer.from(spkiOf(der)).equals(pub));
  if (leafAt < 0) throw new AppError('invalid_input', E.p12NoKey, { details: { reason: 'p12_no_matching_cert' } });
  const privateKey = key;
  return {
    certificate: certs[leafAt]!,
    chain: certs.filter((_, i) => i !== leafAt),
    sign: async (data) => new Uint8Array(rsaSign('sha256', data, privateKey)),
  };
}

/** The public half of a private key, as SubjectPublicKeyInfo DER (to find the matching certificate). */
function createPublicDer(key: KeyObject): Buffer {
  return Buffer.from(createPublicKey(key).export({ type: 'spki', format: 'der' }));
}

function spkiOf(certDer: Uint8Array): Uint8Array {
  const cert = pkijs.Certificate.fromBER(ab(certDer));
  return new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER());
}
