import type { Kysely } from 'kysely';
import { foldVietnamese } from '../../../shared/domain/text';
import { advanceWatermark, applicantsOfDossiersSince, readWatermark, writeApplicantTokens } from '../../store/search.repository';
import type { Database } from '../../store/schema';

/**
 * Keeping the name-search index current without database triggers (a trigger could not fold
 * Vietnamese the way the app does, identically on SQLite and PostgreSQL).
 *
 * 1. Writers call `indexApplicantForSearch(trx, …)` in the same transaction as the applicant
 *    insert/update (intake's upsertApplicant, the import). Then a search never misses a name.
 * 2. As a safety net for any writer that does not, every search first runs
 *    `catchUpSearchIndex`: applicants of dossiers created since the last catch-up (less a margin for
 *    clocks of other desks that run a little behind) are compared with the folded name they were
 *    indexed with and re-indexed when new or renamed. That is one indexed range read on
 *    dossiers.created_at, and writes only when something changed.
 */
export async function indexApplicantForSearch(trx: Kysely<Database>, applicant: { id: string; full_name: string }): Promise<void> {
  await writeApplicantTokens(trx, applicant.id, applicant.full_name, foldVietnamese(applicant.full_name));
}

/** Desks sharing a server may disagree about the time by this much. */
const CLOCK_MARGIN_MS = 10 * 60_000;

export async function catchUpSearchIndex(db: Kysely<Database>): Promise<number> {
  const watermark = (await readWatermark(db)) ?? '';
  const since = watermark === '' ? '' : new Date(Date.parse(watermark) - CLOCK_MARGIN_MS).toISOString();
  const rows = await applicantsOfDossiersSince(db, since);
  if (rows.length === 0) return 0;
  const stale = new Map<string, { id: string; full_name: string }>();
  let newest = watermark;
  for (const r of rows) {
    if (r.created_at > newest) newest = r.created_at;
    if (r.indexed !== r.name_folded) stale.set(r.id, r);
  }
  if (stale.size === 0 && newest === watermark) return 0;
  await db.transaction().execute(async (trx) => {
    for (const a of stale.values()) await indexApplicantForSearch(trx, a);
    if (newest !== watermark) await advanceWatermark(trx, newest);
  });
  return stale.size;
}
