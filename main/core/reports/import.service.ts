import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { ImportResult } from '../../../shared/contract/reports.schema';
import { utcToVietnamLocal, vietnamLocalToUtc } from '../../../shared/domain/calendar';
import { dueForLimit, limitText } from '../../../shared/domain/deadline';
import { formatDossierCode, receiptDay } from '../../../shared/domain/dossier-code';
import { foldVietnamese } from '../../../shared/domain/text';
import { formatVnDate } from '../../../shared/domain/vn-date';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { applicantSnapshot, findApplicantByIdNumber, insertApplicant, type ApplicantRow } from '../../store/applicants.repository';
import { insertDossier, nextCounterValue, type NewDossierRow } from '../../store/dossiers.repository';
import type { Database } from '../../store/schema';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { loadWorkingCalendar, loadWorkingHours } from '../intake/calendar.service';
import { loadCatalogue } from '../intake/catalogue.service';
import { requireUnitProfile } from '../unit/unit.service';
import { indexApplicantForSearch } from './search-index';
import { readTableFile } from './table-file';

/**
 * Import of past records (issue 7 "Import of past records"): the commune's Excel history becomes
 * dossiers that search, the book and the reports see like any other.
 *
 * Columns: ma_ho_so (optional; allocated if empty), ma_thu_tuc*, ho_ten*, so_giay_to, kenh*
 * (truc_tiep | truc_tuyen | buu_chinh), ngay_nhan*, ngay_hen (computed if empty), ngay_co_ket_qua,
 * ngay_tra, trang_thai (tu_choi | dung | rut). Optional extras: so_dien_thoai, dia_chi,
 * can_bo_tiep_nhan, so_lan_bo_sung (supplement requests), so_phut_cho_bo_sung (minutes waited).
 *
 * Times: ISO 'YYYY-MM-DDTHH:mm[:ss]' (Vietnam time unless a zone is given), 'YYYY-MM-DD HH:mm' or
 * 'DD/MM/YYYY[ HH:mm]'. A date without a time is read as 08:00, an appointment date as 17:00.
 *
 * Re-importing the same file adds nothing: each dossier's request_id is "import:" plus its code, or
 * when the row has no code, a fingerprint of the procedure, folded name, ID, channel and receipt time.
 */

import { checkRow, IMPORT_COLUMNS, IMPORT_EXTRA_COLUMNS, REQUIRED, RowError, type GoodRow } from './import-rows';
export { IMPORT_COLUMNS, IMPORT_EXTRA_COLUMNS, parseImportTime } from './import-rows';

/** Raise a day's code counter to at least `seq`, so intake never hands out an imported code again. */
async function ensureCounterAtLeast(db: Kysely<Database>, scope: string, period: string, value: number): Promise<void> {
  await db
    .insertInto('dossier_counters')
    .values({ scope, period, last_value: value })
    .onConflict((oc) =>
      oc.columns(['scope', 'period']).doUpdateSet({
        last_value: sql`case when dossier_counters.last_value < ${value} then ${value} else dossier_counters.last_value end`,
      }),
    )
    .execute();
}

async function existingKeys(db: Kysely<Database>, requestIds: string[], codes: string[]): Promise<{ requestIds: Set<string>; codes: Set<string> }> {
  const out = { requestIds: new Set<string>(), codes: new Set<string>() };
  for (let i = 0; i < requestIds.length; i += 500) {
    const rows = await db.selectFrom('dossiers').select('request_id').where('request_id', 'in', requestIds.slice(i, i + 500)).execute();
    rows.forEach((r) => out.requestIds.add(r.request_id));
  }
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.selectFrom('dossiers').select('code').where('code', 'in', codes.slice(i, i + 500)).execute();
    rows.forEach((r) => out.codes.add(r.code));
  }
  return out;
}

function idKindOf(id: string): string {
  return /^\d{12}$/.test(id) ? 'cccd' : /^\d{9}$/.test(id) ? 'cmnd' : id === '' ? 'cccd' : 'other';
}

export async function importDossiers(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'dossiers.import'>): Promise<ImportResult> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('invalid_input', 'Tệp rỗng.');
  // On the desk host the file is parsed on a worker thread (main/app/table-reader-thread.ts).
  const table = deps.tableReader ? await deps.tableReader.read(input.fileName, bytes) : await readTableFile(input.fileName, bytes);
  const missing = REQUIRED.filter((c) => !table.headers.includes(c));
  if (missing.length > 0) {
    throw new AppError('invalid_input', `Dòng tiêu đề thiếu cột: ${missing.join(', ')}. Các cột: ${IMPORT_COLUMNS.join(', ')}.`, {
      issues: missing.map((c) => ({ path: c, message: `Thiếu cột ${c}.` })),
    });
  }
  const known = new Set<string>([...IMPORT_COLUMNS, ...IMPORT_EXTRA_COLUMNS]);
  const warnings = table.headers.filter((h) => h !== '' && !known.has(h)).map((h) => `Cột "${h}" không dùng đến, đã bỏ qua.`);

  const unit = await requireUnitProfile(deps);
  const [catalogue, calendar, hours] = await Promise.all([loadCatalogue(deps.db), loadWorkingCalendar(deps), loadWorkingHours(deps)]);
  const nowLocal = utcToVietnamLocal(deps.clock.now().toISOString());
  const errors: ImportResult['errors'] = [];
  const good: GoodRow[] = [];
  for (const rec of table.records) {
    try {
      good.push(checkRow(rec, catalogue, nowLocal));
    } catch (e) {
      if (e instanceof RowError) errors.push({ line: rec.line, message: `Dòng ${rec.line}: ${e.message}` });
      else throw e;
    }
  }

  // Same code twice in one file is an error; the same unnumbered row twice is the same dossier.
  const seen = new Map<string, number>();
  const fresh: GoodRow[] = [];
  let duplicates = 0;
  const existing = await existingKeys(
    deps.db,
    good.map((g) => g.requestId),
    good.flatMap((g) => (g.code ? [g.code.text] : [])),
  );
  for (const g of good) {
    const first = seen.get(g.requestId);
    if (first !== undefined) {
      if (g.code) errors.push({ line: g.line, message: `Dòng ${g.line}: ma_ho_so ${g.code.text} trùng với dòng ${first}.` });
      else duplicates++;
      continue;
    }
    seen.set(g.requestId, g.line);
    if (existing.requestIds.has(g.requestId) || (g.code && existing.codes.has(g.code.text))) {
      duplicates++;
      continue;
    }
    fresh.push(g);
  }
  errors.sort((a, b) => a.line - b.line);
  const beforeCatalogue = fresh.filter((g) => g.history === 'before_catalogue').length;
  const outsideVersion = fresh.filter((g) => g.history === 'outside_version').length;
  if (beforeCatalogue > 0) warnings.push(vi.imports.beforeCatalogue(beforeCatalogue, formatVnDate(catalogue.effectiveFrom)));
  if (outsideVersion > 0) warnings.push(vi.imports.outsideVersion(outsideVersion));
  const result = (imported: GoodRow[], rejected: boolean): ImportResult => ({
    rows: table.records.length,
    imported: imported.length,
    duplicates,
    rejected,
    errors,
    warnings,
    codes: [],
  });
  if ((input.allOrNothing && errors.length > 0) || (fresh.length === 0 && errors.length > 0)) return result([], true);
  if (fresh.length === 0) return result([], false);

  const at = deps.clock.now().toISOString();
  const codes = await deps.db.transaction().execute(async (trx) => {
    const out: string[] = [];
    const newApplicants: string[] = [];
    const applicants = new Map<string, ApplicantRow>();
    for (const g of fresh) {
      const receiptDate = g.receivedLocal.slice(0, 10);
      let agencyCode = unit.agencyCode;
      let seq: number;
      if (g.code) {
        agencyCode = g.code.agencyCode;
        seq = g.code.seq;
        await ensureCounterAtLeast(trx, `code:${agencyCode}`, receiptDay(receiptDate), seq);
      } else seq = await nextCounterValue(trx, `code:${agencyCode}`, receiptDay(receiptDate));
      const bookYear = receiptDate.slice(0, 4);
      const bookLine = await nextCounterValue(trx, `book:${unit.agencyCode}`, bookYear);

      let applicant = g.idNumber ? (applicants.get(g.idNumber) ?? (await findApplicantByIdNumber(trx, g.idNumber))) : undefined;
      if (!applicant) {
        applicant = {
          id: randomUUID(),
          kind: 'person',
          full_name: g.fullName,
          name_folded: foldVietnamese(g.fullName),
          id_number: g.idNumber,
          id_kind: idKindOf(g.idNumber),
          date_of_birth: '',
          phone: g.phone,
          email: '',
          address: g.address,
          id_qr_raw: '',
          created_at: at,
          updated_at: at,
        };
        await insertApplicant(trx, applicant);
        await indexApplicantForSearch(trx, applicant);
        newApplicants.push(applicant.id);
      }
      if (g.idNumber) applicants.set(g.idNumber, applicant);

      const dueLocal = g.dueLocal ?? dueForLimit(g.receivedLocal, g.procedure.limit, calendar, hours);
      const id = randomUUID();
      const code = formatDossierCode(agencyCode, receiptDate, seq);
      const toUtc = (local: string | null) => (local === null ? null : vietnamLocalToUtc(local));
      const row: NewDossierRow = {
        id,
        code,
        request_id: g.requestId,
        agency_code: agencyCode,
        receipt_day: receiptDay(receiptDate),
        seq,
        book_number: `01/${bookYear}`,
        book_line: bookLine,
        procedure_code: g.procedure.code,
        procedure_name: g.procedure.name,
        field: g.procedure.field,
        procedure_json: JSON.stringify(g.procedure),
        applicant_id: applicant.id,
        // The record as the old book has it, even when the person is known under newer details.
        ...applicantSnapshot({ ...applicant, full_name: g.fullName, id_number: g.idNumber || applicant.id_number, phone: g.phone || applicant.phone, address: g.address || applicant.address }),
        channel: g.channel,
        status: g.status,
        received_at: vietnamLocalToUtc(g.receivedLocal),
        received_local: g.receivedLocal,
        due_local: dueLocal,
        computed_due_local: dueLocal,
        limit_json: JSON.stringify(g.procedure.limit),
        set_count: 1,
        fee_amount: 0,
        fee_breakdown: 'Nhập từ dữ liệu cũ',
        fee_input_json: '{}',
        return_method: g.channel === 'buu_chinh' ? 'buu_chinh' : 'tai_bo_phan',
        received_by: g.officer || unit.officers[0]?.name || ctx.actor,
        note: vi.imports.historyNote(input.fileName, g.line),
        created_at: at,
        updated_at: at,
        result_at: toUtc(g.resultLocal),
        result_local: g.resultLocal,
        returned_at: toUtc(g.returnedLocal),
        returned_local: g.returnedLocal,
        closed_at: toUtc(g.closedLocal),
        closed_local: g.closedLocal,
        supplement_count: g.supplementCount,
        paused_minutes: g.pausedMinutes,
      };
      await insertDossier(
        trx,
        row,
        g.procedure.components.map((c, position) => ({
          id: randomUUID(),
          dossier_id: id,
          position,
          name: c.name,
          kind: c.kind,
          required: c.required ? 1 : 0,
          count_expected: c.count,
          received: 1,
          count_received: c.count,
        })),
        {
          id: randomUUID(),
          dossier_id: id,
          kind: 'computed',
          due_local: dueLocal,
          previous_due_local: null,
          reason: g.dueLocal ? 'Ngày hẹn theo dữ liệu cũ' : limitText(g.procedure.limit),
          actor: ctx.actor,
          at: row.received_at,
        },
      );
      await trx
        .insertInto('dossier_events')
        .values({ id: randomUUID(), dossier_id: id, kind: 'imported', from_status: null, to_status: g.status, actor: ctx.actor, at, at_local: nowLocal, note: row.note, data_json: '{}' })
        .execute();
      out.push(code);
    }
    await appendAudit(trx, deps, {
      actor: ctx.actor,
      action: 'dossiers.import',
      entity: 'dossier_import',
      entityId: createHash('sha256').update(bytes).digest('hex'),
      before: null,
      after: { file: input.fileName, imported: out.length, duplicates, errors: errors.length, first: out[0], last: out[out.length - 1] },
      rows: [...out.map((code) => ({ table: 'dossiers' as const, id: code })), ...newApplicants.map((id) => ({ table: 'applicants' as const, id }))],
    });
    return out;
  });
  deps.events.emit('data.changed', { entity: 'dossier', id: 'import' });
  deps.logger.info('dossiers imported', { file: input.fileName, imported: codes.length, duplicates, errors: errors.length });
  return { ...result(fresh, false), codes: codes.slice(0, 1000) };
}
