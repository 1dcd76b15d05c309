import type { intakeChannels } from '../../../shared/contract/intake.channels';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Applicant } from '../../../shared/contract/intake.schema';
import { checkPersonalId, describeCccd } from '../../../shared/domain/cccd';
import { foldVietnamese } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { findApplicantById, findApplicantByIdNumber, insertApplicant, searchApplicants, updateApplicant, type ApplicantRow } from '../../store/applicants.repository';
import type { Database } from '../../store/schema';
import type { CoreDeps } from '../context';
import { indexApplicantForSearch } from '../reports/search-index';
import type { ChannelsOf, HandlerMap } from '../handlers';
import type { ParsedInput } from '../../../shared/contract/channels';

type ApplicantIn = ParsedInput<'dossiers.create'>['applicant'];

export function toApplicant(row: ApplicantRow): Applicant {
  const check = row.id_kind === 'cccd' || row.id_kind === 'cmnd' ? checkPersonalId(row.id_number, row.date_of_birth || undefined) : null;
  return {
    id: row.id,
    kind: row.kind as Applicant['kind'],
    fullName: row.full_name,
    idKind: row.id_kind as Applicant['idKind'],
    idNumber: row.id_number,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    email: row.email,
    address: row.address,
    idQrRaw: row.id_qr_raw,
    idSummary: check?.decoded ? describeCccd(check.decoded) : check?.kind === 'cmnd' ? 'CMND 9 số' : '',
    warnings: check?.warnings ?? [],
  };
}

/**
 * Find or create the applicant for a save, inside the caller's transaction. Picked from the search
 * (has an id) or matching an earlier applicant's ID number: reused and brought up to date, never
 * duplicated. Otherwise a new applicant.
 */
export async function upsertApplicant(trx: Kysely<Database>, input: ApplicantIn, at: string): Promise<ApplicantRow> {
  const fields = {
    kind: input.kind,
    full_name: input.fullName,
    name_folded: foldVietnamese(input.fullName),
    id_number: input.idNumber,
    id_kind: input.idKind,
    date_of_birth: input.dateOfBirth,
    phone: input.phone,
    email: input.email,
    address: input.address,
    // A later visit typed by hand keeps the card's QR read earlier; a new scan replaces it.
    ...(input.idQrRaw ? { id_qr_raw: input.idQrRaw } : {}),
    updated_at: at,
  };
  let existing: ApplicantRow | undefined;
  if (input.id) {
    existing = await findApplicantById(trx, input.id);
    if (!existing) throw new AppError('not_found', vi.intake.applicantNotFound, { issues: [{ path: 'applicant.id', message: vi.intake.applicantNotFound }] });
  } else if (input.idNumber !== '') {
    existing = await findApplicantByIdNumber(trx, input.idNumber);
  }
  if (existing) {
    await updateApplicant(trx, existing.id, fields);
    if (existing.full_name !== fields.full_name) await indexApplicantForSearch(trx, { id: existing.id, full_name: fields.full_name });
    return { ...existing, ...fields };
  }
  const row: ApplicantRow = { id: randomUUID(), created_at: at, id_qr_raw: '', ...fields };
  await insertApplicant(trx, row);
  // The name search index is written in the same transaction, so a dossier is findable the moment it exists.
  await indexApplicantForSearch(trx, { id: row.id, full_name: row.full_name });
  return row;
}

/** Split what the clerk typed into digits (ID or phone) and folded name words. */
export function parseApplicantQuery(query: string): { digits: string | null; words: string[] } {
  const compact = query.replace(/[\s.-]/g, '');
  if (/^\+?\d{3,}$/.test(compact)) {
    const digits = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact.replace(/^\+/, '');
    return { digits, words: [] };
  }
  return { digits: null, words: foldVietnamese(query).split(' ').filter((w) => w.length > 0) };
}

export function applicantHandlers(deps: CoreDeps): HandlerMap<ChannelsOf<typeof intakeChannels, 'applicants.'>> {
  return {
    'applicants.search': async ({ query, limit }) => {
      const rows = await searchApplicants(deps.db, parseApplicantQuery(query), limit);
      return rows.map(toApplicant);
    },
  };
}
