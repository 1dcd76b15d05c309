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

type SnapshotSource = Pick<ApplicantRow, 'kind' | 'full_name' | 'id_kind' | 'id_number' | 'date_of_birth' | 'phone' | 'email' | 'address' | 'id_qr_raw'>;

/** The applicant columns a dossier keeps as declared when it was received (migration 0011). */
export function applicantSnapshot(a: SnapshotSource) {
  return {
    applicant_kind: a.kind,
    applicant_name: a.full_name,
    applicant_id_kind: a.id_kind,
    applicant_id_number: a.id_number,
    applicant_date_of_birth: a.date_of_birth,
    applicant_phone: a.phone,
    applicant_email: a.email,
    applicant_address: a.address,
    applicant_id_qr_raw: a.id_qr_raw,
  };
}

/** The applicant as declared on a dossier, shaped like an applicants row (its id is the person's). */
export function applicantOfDossier(d: ReturnType<typeof applicantSnapshot> & { applicant_id: string; created_at: string; updated_at: string }): ApplicantRow {
  return {
    id: d.applicant_id,
    kind: d.applicant_kind,
    full_name: d.applicant_name,
    name_folded: '',
    id_kind: d.applicant_id_kind,
    id_number: d.applicant_id_number,
    date_of_birth: d.applicant_date_of_birth,
    phone: d.applicant_phone,
    email: d.applicant_email,
    address: d.applicant_address,
    id_qr_raw: d.applicant_id_qr_raw,
    created_at: d.created_at,
    updated_at: d.updated_at,
  };
}
