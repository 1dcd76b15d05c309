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

/** Which token key the admin chose in Settings → Chữ ký số (the PIN is never part of it). */
export interface TokenChoice {
  /** Path of the PKCS#11 driver library the CA installed (e.g. C:\Windows\System32\vnpt-ca_csp11.dll). */
  library: string;
  /** Index among the slots that hold a token. */
  slot: number;
  /** Hex CKA_ID of the certificate/key pair; the first certificate with a private key when absent. */
  keyId?: string;
}

/** A certificate found on a token, for the admin to choose from. */
export interface TokenCertificate {
  keyId: string;
  label: string;
  der: Uint8Array;
}

/** What the core needs to reach signing keys; implemented by main/adapters/signing (PKCS#11, .p12). */
export interface SigningKeys {
  /** Log in with the officer's PIN; one session serves a batch. A wrong PIN is reported, never retried. */
  openToken(choice: TokenChoice, pin: string): Promise<SigningSession>;
  /** Open a certificate file with its password. */
  openP12(file: Uint8Array, password: string): Promise<SigningKey>;
  /** Certificates on a token (no PIN needed). */
  listCertificates(library: string, slot: number): TokenCertificate[];
}
