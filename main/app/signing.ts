/**
 * The SigningKeys port for the app, loading the native PKCS#11 binding (pkcs11js) only when an officer
 * first signs: a desk that never signs never loads it, and a broken binding cannot stop the desk starting.
 */
import type { SigningKeys } from '../core/ports/signer';

type Adapters = typeof import('../adapters/signing');
let loaded: Promise<Adapters> | null = null;
const adapters = () => (loaded ??= import('../adapters/signing'));

export const lazySigningKeys: SigningKeys = {
  openToken: async (choice, pin) => (await adapters()).signingKeys.openToken(choice, pin),
  openP12: async (file, password) => (await adapters()).signingKeys.openP12(file, password),
  listCertificates: () => {
    throw new Error('listCertificates needs the adapters loaded: call loadSigningKeys() first');
  },
};

/** The adapters themselves, for callers that need the synchronous certificate listing. */
export async function loadSigningKeys(): Promise<SigningKeys> {
  return (await adapters()).signingKeys;
}
