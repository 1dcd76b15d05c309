/**
 * Where the office's secret keys live, OUTSIDE the database and the data folder (issue 15): a key
 * file with owner-only rights today (main/adapters/keys/file-key-store.ts), Electron safeStorage or
 * the OS key store later. The core only asks for named secrets; it never learns where they are kept.
 */
export interface KeyStore {
  /** The secret stored under `name`, or null when this desk has none. */
  read(name: string): Promise<Buffer | null>;
  /** Store (or replace) a secret; durable when it returns. */
  write(name: string, secret: Buffer): Promise<void>;
  /** Forget a secret (tests, an admin moving the desk to another office). */
  remove(name: string): Promise<void>;
  /** Where the secrets are, for messages and SECURITY.md's checks ("tệp khóa /home/…/keys"). */
  describe(): string;
}
