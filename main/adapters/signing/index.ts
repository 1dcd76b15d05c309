/** The SigningKeys port over the real adapters: PKCS#11 tokens (pkcs11js) and .p12 files (pkijs). */
import type { SigningKeys } from '../../core/ports/signer';
import { openP12 } from './p12';
import { listTokenCertificates, openTokenSession } from './pkcs11';

export const signingKeys: SigningKeys = {
  openToken: openTokenSession,
  openP12,
  listCertificates: listTokenCertificates,
};
