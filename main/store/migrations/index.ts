import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreKind } from '../dialect';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-intake';
import * as m0003 from './0003-files';
import * as m0004 from './0004-lifecycle';
import * as m0005 from './0005-tracking';
import * as m0006 from './0006-documents';
import * as m0007 from './0007-scans';
import * as m0008 from './0008-reports';
import * as m0009 from './0009-users';
import * as m0010 from './0010-search-probe';
import * as m0011 from './0011-applicant-snapshot';
import * as m0012 from './0012-report-judgement';
import * as m0013 from './0013-document-content-key';
import * as m0014 from './0014-applicant-qr';
import * as m0015 from './0015-handover-recipients';
import * as m0016 from './0016-return-collection';
import * as m0017 from './0017-ocr-pages';
import * as m0018 from './0018-signatures';
import * as m0019 from './0019-ocr-search';
import * as m0020 from './0020-scan-text-layer';
import * as m0021 from './0021-audit-keys';

/**
 * The static index of migrations, in order. Add a file `NNNN-what.ts` exporting
 * `up(db, kind)` and list it here; never edit or reorder a migration that has shipped.
 */
const MIGRATIONS: ReadonlyArray<[string, { up(db: Kysely<unknown>, kind: StoreKind): Promise<void> }]> = [
  ['0001-initial', m0001],
  ['0002-intake', m0002],
  ['0003-files', m0003],
  ['0004-lifecycle', m0004],
  ['0005-tracking', m0005],
  ['0006-documents', m0006],
  ['0007-scans', m0007],
  ['0008-reports', m0008],
  ['0009-users', m0009],
  ['0010-search-probe', m0010],
  ['0011-applicant-snapshot', m0011],
  ['0012-report-judgement', m0012],
  ['0013-document-content-key', m0013],
  ['0014-applicant-qr', m0014],
  ['0015-handover-recipients', m0015],
  ['0016-return-collection', m0016],
  ['0017-ocr-pages', m0017],
  ['0018-signatures', m0018],
  ['0019-ocr-search', m0019],
  ['0020-scan-text-layer', m0020],
  ['0021-audit-keys', m0021],
];

class StaticProvider implements MigrationProvider {
  constructor(private readonly kind: StoreKind) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of MIGRATIONS) out[name] = { up: (db) => mod.up(db, this.kind) };
    return out;
  }
}

export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]![0];

/** Bring the store to the latest schema. Safe to run on every start and from several desks at once. */
export async function migrateToLatest(db: Kysely<any>, kind: StoreKind): Promise<string[]> {
  // On PostgreSQL Kysely looks for its bookkeeping tables in every schema of the database unless
  // told which one: name the current schema, or another desk's (or test's) schema on the same
  // server makes it skip creating its own tables.
  const schema = kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db, provider: new StaticProvider(kind), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
