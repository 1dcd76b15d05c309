import type { Kysely } from 'kysely';
import { foldVietnamese } from '../../../shared/domain/text';
import { writeApplicantTokens } from '../../store/search.repository';
import type { Database } from '../../store/schema';

/**
 * Keeping the name-search index current without database triggers (a trigger could not fold
 * Vietnamese the way the app does, identically on SQLite and PostgreSQL): every writer of an
 * applicant's name (intake's upsertApplicant, the import) calls this in the same transaction, so a
 * search never misses a name and never pays for catching up.
 */
export async function indexApplicantForSearch(trx: Kysely<Database>, applicant: { id: string; full_name: string }): Promise<void> {
  await writeApplicantTokens(trx, applicant.id, applicant.full_name, foldVietnamese(applicant.full_name));
}
