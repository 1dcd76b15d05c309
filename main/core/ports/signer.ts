/**
 * Signing key port: what the signing engine needs from a token (PKCS#11) or a certificate file (.p12).
 * The engine builds the CMS itself; the key only signs the DER of the signed attributes, so the private key
 * never leaves the token and the same engine serves both adapters.
 */
export interface SigningKey {
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** DER of the rest of the chain (issuing CA first, root last) as far as the source knows it. */
  readonly chain: readonly Uint8Array[];
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data` (the adapter hashes or lets the token hash). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A source of keys that holds a session (a logged-in token): one PIN for a batch, closed at the end. */
export interface SigningSession extends SigningKey {
  close(): Promise<void>;
}
