import type { Kysely, Selectable } from 'kysely';
import type { Database, DossierScansTable } from './schema';

export type DossierScanRow = Selectable<DossierScansTable>;

export async function insertDossierScan(db: Kysely<Database>, row: DossierScansTable): Promise<void> {
  await db.insertInto('dossier_scans').values(row).execute();
}

export async function findActiveScan(db: Kysely<Database>, dossierId: string, component: string): Promise<DossierScanRow | undefined> {
  return db
    .selectFrom('dossier_scans')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('component', '=', component)
    .where('detached_at', 'is', null)
    .executeTakeFirst();
}

export async function findScanById(db: Kysely<Database>, id: string): Promise<DossierScanRow | undefined> {
  return db.selectFrom('dossier_scans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDossierScans(db: Kysely<Database>, dossierId: string): Promise<Array<DossierScanRow & { file_name: string }>> {
  return db
    .selectFrom('dossier_scans')
    .innerJoin('files', 'files.id', 'dossier_scans.file_id')
    .selectAll('dossier_scans')
    .select('files.name as file_name')
    .where('dossier_scans.dossier_id', '=', dossierId)
    .orderBy('dossier_scans.created_at')
    .orderBy('dossier_scans.id')
    .execute();
}

/** Mark a scan detached; false when it was already detached (another desk was first). */
export async function detachScan(db: Kysely<Database>, id: string, at: string, by: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('dossier_scans')
    .set({ detached_at: at, detached_by: by, detach_reason: reason })
    .where('id', '=', id)
    .where('detached_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Recount the dossier's digitization flags from its active scans (QĐ 766 group 4) and store them:
 * components with a digitized scan, components reused (earlier result or the national store), and
 * whether a result file is attached. Counting, not incrementing, keeps them right after detaches.
 */
export async function recountDigitization(
  db: Kysely<Database>,
  dossierId: string,
  at: string,
): Promise<{ digitized_components: number; reused_components: number; has_electronic_result: number }> {
  const rows = await db
    .selectFrom('dossier_scans')
    .select(['component', 'digitized', 'reused', 'from_national_store'])
    .where('dossier_id', '=', dossierId)
    .where('detached_at', 'is', null)
    .execute();
  const parts = rows.filter((r) => r.component !== 'result');
  const counts = {
    digitized_components: parts.filter((r) => Number(r.digitized) === 1).length,
    reused_components: parts.filter((r) => Number(r.reused) === 1 || Number(r.from_national_store) === 1).length,
    has_electronic_result: rows.some((r) => r.component === 'result') ? 1 : 0,
  };
  await db.updateTable('dossiers').set({ ...counts, updated_at: at }).where('id', '=', dossierId).execute();
  return counts;
}
