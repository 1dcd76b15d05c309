import type { Kysely } from 'kysely';
import type { ApplicantsTable, Database } from './schema';

export type ApplicantRow = ApplicantsTable;

export async function findApplicantById(db: Kysely<Database>, id: string): Promise<ApplicantRow | undefined> {
  return db.selectFrom('applicants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findApplicantByIdNumber(db: Kysely<Database>, idNumber: string): Promise<ApplicantRow | undefined> {
  return db.selectFrom('applicants').selectAll().where('id_number', '=', idNumber).orderBy('updated_at', 'desc').executeTakeFirst();
}

export async function insertApplicant(db: Kysely<Database>, row: ApplicantRow): Promise<void> {
  await db.insertInto('applicants').values(row).execute();
}

export async function updateApplicant(db: Kysely<Database>, id: string, patch: Partial<Omit<ApplicantRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('applicants').set(patch).where('id', '=', id).execute();
}

/**
 * Type-ahead over earlier applicants: an ID number or phone prefix, or every word of the folded
 * name ("nguyen huong" finds "Nguyễn Thị Hường"). Escapes LIKE wildcards typed by the clerk.
 */
export async function searchApplicants(
  db: Kysely<Database>,
  q: { digits: string | null; words: string[] },
  limit: number,
): Promise<ApplicantRow[]> {
  let query = db.selectFrom('applicants').selectAll();
  query = query.where((eb) => {
    const ors = [];
    if (q.digits) {
      ors.push(eb('id_number', 'like', `${escapeLike(q.digits)}%`));
      ors.push(eb('phone', 'like', `${escapeLike(q.digits)}%`));
    }
    if (q.words.length > 0) {
      ors.push(eb.and(q.words.map((w) => eb('name_folded', 'like', `%${escapeLike(w)}%`))));
    }
    return ors.length > 0 ? eb.or(ors) : eb.val(false);
  });
  return query.orderBy('updated_at', 'desc').limit(limit).execute();
}

function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}
