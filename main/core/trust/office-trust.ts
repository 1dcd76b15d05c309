/**
 * The office's trust state (issue 15 items 2–3): whether it has a recovery code (a verifier row in
 * `settings`), and whether THIS desk holds the keys derived from it (in the KeyStore, outside the
 * database). Set-up creates the code; an existing office creates it later (admin, channel or CLI);
 * a second desk on PostgreSQL joins by typing it. Creating the code seals the chain from then on:
 * an `audit.keyed` entry, then baseline entries vouching for every business row already there.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { pageTrackedRows } from '../../store/audit-rows.repository';
import type { Database } from '../../store/schema';
import { insertSettingOnce, readSetting } from '../../store/settings.repository';
import { appendAudit, TRUST_SETTING } from '../audit/audit';
import { TRACKED_TABLES, type RowRef } from '../audit/tracked-tables';
import type { Clock } from '../ports/clock';
import type { KeyStore } from '../ports/key-store';
import { deriveKeys, formatRecoveryCode, generateRecoveryCode, KDF, newSalt, normalizeRecoveryCode, sameBytes, type DerivedKeys } from './recovery-code';

/** The verifier row: everything needed to check a typed code, nothing that opens anything. */
export const TrustRecordSchema = z.object({
  officeId: z.string().uuid(),
  salt: z.string().min(1),
  verifier: z.string().min(1),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TrustRecord = z.infer<typeof TrustRecordSchema>;

export interface TrustKeys {
  officeKey: Buffer;
  backupKey: Buffer;
}

export interface OfficeTrust {
  /** HMAC key of the audit chain, when this desk holds it. */
  officeKey(): Buffer | null;
  /** AES-256-GCM key of backups, when this desk holds it. */
  backupKey(): Buffer | null;
  /** The office's record (null before it has a recovery code). */
  record(): TrustRecord | null;
  /** Where this desk keeps its keys (for status screens). */
  keyStoreDescription(): string;
  /** Read the record and this desk's keys again (start-up, after another desk created the code). */
  refresh(db: Kysely<Database>): Promise<void>;
  /** Set-up or an existing office: make the code, keep the keys here, seal the chain. Once per office. */
  createRecoveryCode(db: Kysely<Database>, clock: Clock, actor: string): Promise<{ recoveryCode: string; record: TrustRecord }>;
  /** A desk that lacks the keys types the code: checked against the verifier, then the keys are kept here. */
  join(db: Kysely<Database>, typed: string): Promise<TrustRecord>;
  /** Keys for an arbitrary record (a backup header from another office PC): null when the code is not its code. */
  keysFor(typed: string, record: Pick<TrustRecord, 'salt' | 'verifier'>): Promise<TrustKeys | null>;
  /**
   * This desk once held the key for this store (a marker in the key store, outside the database)
   * but the database no longer says so: someone removed the verifier row and re-hashed the chain.
   */
  keyingRemoved(): boolean;
}

const keyName = (officeId: string) => `office-${officeId}`;

function pack(k: DerivedKeys): Buffer {
  return Buffer.concat([k.officeKey, k.backupKey]);
}

export async function readTrustRecord(db: Kysely<Database>): Promise<TrustRecord | null> {
  const raw = await readSetting(db, TRUST_SETTING);
  if (raw === undefined) return null;
  const parsed = TrustRecordSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('store_unavailable', vi.trust.recordDamaged);
  return parsed.data;
}

/** Check a typed code against a verifier; the keys when it is right, null when not. */
export async function keysForCode(typed: string, record: Pick<TrustRecord, 'salt' | 'verifier'>): Promise<TrustKeys | null> {
  const code = normalizeRecoveryCode(typed);
  if (!code) return null;
  const keys = await deriveKeys(code, Buffer.from(record.salt, 'base64'));
  return sameBytes(keys.verifier, Buffer.from(record.verifier, 'base64')) ? { officeKey: keys.officeKey, backupKey: keys.backupKey } : null;
}

/**
 * `storeIdentity` names the database this desk uses (the SQLite file, or server + schema), so the
 * key store can remember which office it belongs to without anything in the database.
 */
export function createOfficeTrust(keys: KeyStore, storeIdentity: string): OfficeTrust {
  let rec: TrustRecord | null = null;
  let held: TrustKeys | null = null;
  let marker: string | null = null;
  const markerName = `desk-${createHash('sha256').update(storeIdentity, 'utf8').digest('hex').slice(0, 24)}`;
  const remember = (officeId: string) => keys.write(markerName, Buffer.from(officeId, 'utf8'));

  async function load(record: TrustRecord | null): Promise<void> {
    rec = record;
    held = null;
    marker = (await keys.read(markerName))?.toString('utf8') ?? null;
    if (!record) return;
    const secret = await keys.read(keyName(record.officeId));
    if (secret && secret.length === 64) held = { officeKey: secret.subarray(0, 32), backupKey: secret.subarray(32, 64) };
  }

  return {
    officeKey: () => held?.officeKey ?? null,
    backupKey: () => held?.backupKey ?? null,
    record: () => rec,
    keyStoreDescription: () => keys.describe(),
    async refresh(db) {
      await load(await readTrustRecord(db));
    },
    async createRecoveryCode(db, clock, actor) {
      if (await readTrustRecord(db)) throw new AppError('conflict', vi.trust.alreadyKeyed);
      const code = generateRecoveryCode();
      const salt = newSalt();
      const derived = await deriveKeys(code, salt);
      const record: TrustRecord = {
        officeId: randomUUID(),
        salt: salt.toString('base64'),
        verifier: derived.verifier.toString('base64'),
        kdf: { ...KDF },
        createdAt: clock.now().toISOString(),
        createdBy: actor,
      };
      // The key is kept before the record commits: a crash in between leaves an unused key file,
      // never an office whose chain is keyed with a key nobody has.
      await keys.write(keyName(record.officeId), pack(derived));
      const sealing = { clock, trust: { officeKey: () => derived.officeKey } };
      try {
        await db.transaction().execute(async (trx) => {
          if (!(await insertSettingOnce(trx, TRUST_SETTING, record, record.createdAt))) throw new AppError('conflict', vi.trust.alreadyKeyed);
          await appendAudit(trx, sealing, { actor, action: 'audit.keyed', entity: 'setting', entityId: TRUST_SETTING, before: null, after: { officeId: record.officeId, keyStore: 'outside the database' } });
          // Baseline: vouch for every business row already there, 500 per entry.
          for (const shape of TRACKED_TABLES) {
            let after: string | null = null;
            for (;;) {
              const page = await pageTrackedRows(trx, shape, after, 500);
              if (page.length === 0) break;
              after = page[page.length - 1]!.id;
              const rows: RowRef[] = page.map((r) => ({ table: shape.table, id: r.id }));
              await appendAudit(trx, sealing, { actor, action: 'audit.baseline', entity: 'audit_baseline', entityId: `${shape.table}:${page[0]!.id}..${after}`, before: null, after: { rows: rows.length }, rows });
            }
          }
        });
      } catch (e) {
        await keys.remove(keyName(record.officeId)).catch(() => undefined);
        throw e;
      }
      await remember(record.officeId);
      await load(record);
      return { recoveryCode: formatRecoveryCode(code), record };
    },
    async join(db, typed) {
      const record = await readTrustRecord(db);
      if (!record) throw new AppError('conflict', vi.trust.notKeyed);
      const got = await keysForCode(typed, record);
      if (!got) throw new AppError('recovery_code_wrong', vi.trust.codeWrong, { issues: [{ path: 'recoveryCode', message: vi.trust.codeWrong }] });
      await keys.write(keyName(record.officeId), Buffer.concat([got.officeKey, got.backupKey]));
      await remember(record.officeId);
      await load(record);
      return record;
    },
    keysFor: keysForCode,
    keyingRemoved: () => marker !== null && (rec === null || rec.officeId !== marker),
  };
}
