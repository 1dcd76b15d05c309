/**
 * Signing key on a PKCS#11 token (the USB token a CA issues; SoftHSM2 in tests) through pkcs11js.
 * The admin chooses the driver library, the slot and the certificate (by CKA_ID); the PIN is passed in for
 * one session and never stored. One login serves a batch; a wrong PIN is reported once and never retried
 * by the app, so the token's own retry counter only moves when the officer types.
 */
import * as pkcs11ns from 'pkcs11js';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import type { SigningSession, TokenCertificate, TokenChoice } from '../../core/ports/signer';

const E = vi.signatures.errors;
// pkcs11js is CommonJS that sets its constants at run time, so Node's ESM loader (the CLI under tsx, the
// bundled desk) exposes only `default` on the namespace: CKU_USER was undefined there, C_Login ran as the
// security officer (0) and a correct user PIN came back CKR_PIN_INCORRECT. Take module.exports when present.
const pkcs11js: typeof pkcs11ns = (pkcs11ns as unknown as { default?: typeof pkcs11ns }).default ?? pkcs11ns;

function mapError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: number }).code;
  if (code === pkcs11js.CKR_PIN_INCORRECT) return new AppError('forbidden', E.pinIncorrect, { details: { reason: 'pin_incorrect' } });
  if (code === pkcs11js.CKR_PIN_LOCKED) return new AppError('forbidden', E.tokenLocked, { details: { reason: 'token_locked' } });
  if (code === pkcs11js.CKR_TOKEN_NOT_PRESENT || code === pkcs11js.CKR_DEVICE_REMOVED || code === pkcs11js.CKR_SLOT_ID_INVALID)
    return new AppError('device_unavailable', E.tokenMissing(-1), { details: { reason: 'token_missing' } });
  return new AppError('device_unavailable', E.tokenFailed(String((err as Error).message ?? err)), { cause: err, details: { reason: 'token_error' } });
}

function loadModule(library: string): pkcs11ns.PKCS11 {
  const mod = new pkcs11js.PKCS11();
  try {
    mod.load(library);
    mod.C_Initialize();
  } catch (cause) {
    const already = (cause as { code?: number }).code === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED;
    if (!already) throw new AppError('device_unavailable', E.tokenLibrary(library), { cause, details: { reason: 'library' } });
  }
  return mod;
}

function slotHandle(mod: pkcs11ns.PKCS11, slot: number): Buffer {
  const slots = mod.C_GetSlotList(true);
  const handle = slots[slot];
  if (!handle) throw new AppError('device_unavailable', E.tokenMissing(slot), { details: { reason: 'token_missing', slot } });
  const flags = mod.C_GetTokenInfo(handle).flags;
  if (flags & pkcs11js.CKF_USER_PIN_LOCKED) throw new AppError('forbidden', E.tokenLocked, { details: { reason: 'token_locked' } });
  return handle;
}

function find(mod: pkcs11ns.PKCS11, session: Buffer, template: pkcs11ns.Template): Buffer[] {
  mod.C_FindObjectsInit(session, template);
  const out: Buffer[] = [];
  for (let h = mod.C_FindObjects(session); h; h = mod.C_FindObjects(session)) out.push(h);
  mod.C_FindObjectsFinal(session);
  return out;
}

function certificatesIn(mod: pkcs11ns.PKCS11, session: Buffer): TokenCertificate[] {
  return find(mod, session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]).map((h) => {
    const [id, label, value] = mod.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_LABEL }, { type: pkcs11js.CKA_VALUE }]);
    return { keyId: (id!.value as Buffer).toString('hex'), label: (label!.value as Buffer).toString('utf8'), der: new Uint8Array(value!.value as Buffer) };
  });
}

/** Certificates on the token (no PIN needed): what the admin picks from in Settings. */
export function listTokenCertificates(library: string, slot: number): TokenCertificate[] {
  const mod = loadModule(library);
  try {
    const session = mod.C_OpenSession(slotHandle(mod, slot), pkcs11js.CKF_SERIAL_SESSION);
    try {
      return certificatesIn(mod, session);
    } finally {
      mod.C_CloseSession(session);
    }
  } catch (err) {
    throw mapError(err);
  } finally {
    mod.C_Finalize();
  }
}

/** Log in once with the officer's PIN; every sign() reuses the session until close(). */
export async function openTokenSession(choice: TokenChoice, pin: string): Promise<SigningSession> {
  if (!pin) throw new AppError('invalid_input', E.pinRequired, { details: { reason: 'pin_required' } });
  const mod = loadModule(choice.library);
  let session: Buffer | undefined;
  try {
    const slot = slotHandle(mod, choice.slot);
    session = mod.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    mod.C_Login(session, pkcs11js.CKU_USER, pin);
    const s = session;
    const certs = certificatesIn(mod, s).filter((c) => !choice.keyId || c.keyId === choice.keyId.toLowerCase());
    let chosen: { cert: TokenCertificate; key: Buffer } | undefined;
    for (const cert of certs) {
      const [key] = find(mod, s, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_ID, value: Buffer.from(cert.keyId, 'hex') },
      ]);
      if (key) {
        chosen = { cert, key };
        break;
      }
    }
    if (!chosen) throw new AppError('not_found', E.certNotFound, { details: { reason: 'cert_not_found' } });
    const others = certificatesIn(mod, s).filter((c) => c.keyId !== chosen.cert.keyId).map((c) => c.der);
    const key = chosen.key;
    return {
      certificate: chosen.cert.der,
      chain: others,
      sign: async (data) => {
        try {
          mod.C_SignInit(s, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
          return new Uint8Array(mod.C_Sign(s, Buffer.from(data), Buffer.alloc(1024)));
        } catch (err) {
          throw mapError(err);
        }
      },
      close: async () => {
        try {
          mod.C_Logout(s);
          mod.C_CloseSession(s);
        } finally {
          mod.C_Finalize();
        }
      },
    };
  } catch (err) {
    if (session) {
      try {
        mod.C_CloseSession(session);
      } catch {
        /* the session may already be gone with the token */
      }
    }
    mod.C_Finalize();
    throw mapError(err);
  }
}
