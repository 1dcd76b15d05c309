import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Procedure } from '../../../shared/contract/catalogue.schema';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { ImportResult } from '../../../shared/contract/reports.schema';
import { parseLocalDateTime, utcToVietnamLocal, vietnamLocalToUtc } from '../../../shared/domain/calendar';
import { findProcedure } from '../../../shared/domain/catalogue';
import { dueForLimit, limitText } from '../../../shared/domain/deadline';
import { formatDossierCode, parseDossierCode, receiptDay } from '../../../shared/domain/dossier-code';
import { normalizePhone } from '../../../shared/domain/phone';
import { foldVietnamese, tidySpaces } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import { applicantSnapshot, findApplicantByIdNumber, insertApplicant, type ApplicantRow } from '../../store/applicants.repository';
import { insertDossier, nextCounterValue, type NewDossierRow } from '../../store/dossiers.repository';
import type { Database } from '../../store/schema';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { loadWorkingCalendar, loadWorkingHours } from '../intake/calendar.service';
import { loadCatalogue } from '../intake/catalogue.service';
import { requireUnitProfile } from '../unit/unit.service';
import { indexApplicantForSearch } from './search-index';
import { readTableFile, type TableRecord } from './table-file';

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

export const IMPORT_COLUMNS = ['ma_ho_so', 'ma_thu_tuc', 'ho_ten', 'so_giay_to', 'kenh', 'ngay_nhan', 'ngay_hen', 'ngay_co_ket_qua', 'ngay_tra', 'trang_thai'] as const;
export const IMPORT_EXTRA_COLUMNS = ['so_dien_thoai', 'dia_chi', 'can_bo_tiep_nhan', 'so_lan_bo_sung', 'so_phut_cho_bo_sung'] as const;
const REQUIRED = ['ma_thu_tuc', 'ho_ten', 'kenh', 'ngay_nhan'] as const;
const CLOSED_STATUS: Record<string, string> = { tu_choi: 'refused', dung: 'stopped', rut: 'withdrawn' };
const KENH = ['truc_tiep', 'truc_tuyen', 'buu_chinh'];

class RowError extends Error {}

/** A time cell → Vietnam wall clock 'YYYY-MM-DDTHH:mm'. */
export function parseImportTime(raw: string, column: string, dateOnlyTime = '08:00'): string {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  let local: string | null = null;
  if (m) {
    const [, y, mo, d, hh, mi, , zone] = m;
    if (zone) {
      const instant = new Date(`${y}-${mo}-${d}T${hh ?? '00'}:${mi ?? '00'}:00${zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
      if (Number.isNaN(instant.getTime())) throw new RowError(`${column} "${raw}" không phải thời điểm hợp lệ.`);
      local = utcToVietnamLocal(instant.toISOString());
    } else local = `${y}-${mo}-${d}T${hh !== undefined ? `${hh}:${mi}` : dateOnlyTime}`;
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(s))) {
    const [, d, mo, y, hh, mi] = m;
    local = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${hh !== undefined ? `${hh.padStart(2, '0')}:${mi}` : dateOnlyTime}`;
  }
  if (local === null) throw new RowError(`${column} "${raw}" không đúng dạng ngày giờ (ví dụ 2026-03-17T09:30 hoặc 17/03/2026 09:30).`);
  try {
    parseLocalDateTime(local, column);
  } catch {
    throw new RowError(`${column} "${raw}" không phải ngày giờ có thật.`);
  }
  return local;
}

interface GoodRow {
  line: number;
  requestId: string;
  code: { agencyCode: string; receiptDate: string; seq: number; text: string } | null;
  procedure: Procedure;
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
  officer: string;
  channel: string;
  receivedLocal: string;
  dueLocal: string | null;
  resultLocal: string | null;
  returnedLocal: string | null;
  closedLocal: string | null;
  status: string;
  supplementCount: number;
  pausedMinutes: number;
}

function nonNegativeInt(raw: string, column: string): number {
  if (raw === '') return 0;
  if (!/^\d{1,7}$/.test(raw)) throw new RowError(`${column} "${raw}" phải là số nguyên không âm.`);
  return Number(raw);
}

function checkRow(rec: TableRecord, catalogueProcedures: Awaited<ReturnType<typeof loadCatalogue>>, nowLocal: string): GoodRow {
  const v = (k: string) => rec.values[k] ?? '';
  for (const k of REQUIRED) if (v(k) === '') throw new RowError(`thiếu ${k} (bắt buộc).`);
  const fullName = tidySpaces(v('ho_ten'));
  if (fullName.length > 200) throw new RowError('ho_ten dài quá 200 ký tự.');
  const channel = v('kenh').toLowerCase();
  if (!KENH.includes(channel)) throw new RowError(`kenh "${v('kenh')}" phải là truc_tiep, truc_tuyen hoặc buu_chinh.`);
  const idNumber = v('so_giay_to').replace(/[\s.]/g, '');
  if (idNumber !== '' && !/^[A-Z0-9]{6,20}$/i.test(idNumber)) throw new RowError(`so_giay_to "${v('so_giay_to')}" không hợp lệ (CCCD 12 số, CMND 9 số, hoặc số hộ chiếu).`);
  const receivedLocal = parseImportTime(v('ngay_nhan'), 'ngay_nhan');
  if (receivedLocal > nowLocal) throw new RowError(`ngay_nhan ${receivedLocal.replace('T', ' ')} ở tương lai.`);
  const procedure = findProcedure(catalogueProcedures, v('ma_thu_tuc'), receivedLocal.slice(0, 10));
  if (!procedure) {
    const known = catalogueProcedures.procedures.some((p) => p.code === v('ma_thu_tuc'));
    throw new RowError(
      known
        ? `thủ tục ${v('ma_thu_tuc')} không có hiệu lực vào ngày ${receivedLocal.slice(0, 10)} trong danh mục.`
        : `mã thủ tục "${v('ma_thu_tuc')}" không có trong danh mục thủ tục.`,
    );
  }
  const dueLocal = v('ngay_hen') ? parseImportTime(v('ngay_hen'), 'ngay_hen', '17:00') : null;
  if (dueLocal !== null && dueLocal < receivedLocal) throw new RowError('ngay_hen trước ngay_nhan.');
  let resultLocal = v('ngay_co_ket_qua') ? parseImportTime(v('ngay_co_ket_qua'), 'ngay_co_ket_qua') : null;
  const returnedLocal = v('ngay_tra') ? parseImportTime(v('ngay_tra'), 'ngay_tra') : null;
  if (resultLocal !== null && resultLocal < receivedLocal) throw new RowError('ngay_co_ket_qua trước ngay_nhan.');
  if (returnedLocal !== null && returnedLocal < receivedLocal) throw new RowError('ngay_tra trước ngay_nhan.');
  if (resultLocal !== null && returnedLocal !== null && returnedLocal < resultLocal) throw new RowError('ngay_tra trước ngay_co_ket_qua.');
  const trangThai = v('trang_thai').toLowerCase();
  if (trangThai !== '' && !(trangThai in CLOSED_STATUS)) throw new RowError(`trang_thai "${v('trang_thai')}" phải để trống hoặc là tu_choi, dung, rut.`);
  let closedLocal: string | null = null;
  let status: string;
  if (trangThai !== '') {
    closedLocal = returnedLocal ?? resultLocal;
    if (closedLocal === null) throw new RowError(`hồ sơ ${trangThai} cần ngày kết thúc: điền ngay_tra (hoặc ngay_co_ket_qua).`);
    resultLocal = null;
    status = CLOSED_STATUS[trangThai]!;
  } else {
    // A return date alone means the result was ready by then.
    if (resultLocal === null && returnedLocal !== null) resultLocal = returnedLocal;
    status = returnedLocal !== null ? 'returned' : resultLocal !== null ? 'result_ready' : 'received';
  }
  let code: GoodRow['code'] = null;
  if (v('ma_ho_so') !== '') {
    const parsed = parseDossierCode(v('ma_ho_so'));
    if (!parsed) throw new RowError(`ma_ho_so "${v('ma_ho_so')}" không đúng dạng <mã cơ quan>-YYMMDD-XXXX.`);
    if (parsed.receiptDate !== receivedLocal.slice(0, 10)) {
      throw new RowError(`ma_ho_so "${v('ma_ho_so')}" mang ngày ${parsed.receiptDate} khác ngay_nhan ${receivedLocal.slice(0, 10)}.`);
    }
    code = { ...parsed, text: formatDossierCode(parsed.agencyCode, parsed.receiptDate, parsed.seq) };
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([procedure.code, foldVietnamese(fullName), idNumber.toUpperCase(), channel, receivedLocal]))
    .digest('hex')
    .slice(0, 32);
  return {
    line: rec.line,
    requestId: code ? `import:code:${code.text}` : `import:${fingerprint}`,
    code,
    procedure,
    fullName,
    idNumber: idNumber.toUpperCase(),
    phone: v('so_dien_thoai') ? normalizePhone(v('so_dien_thoai')) : '',
    address: tidySpaces(v('dia_chi')),
    officer: tidySpaces(v('can_bo_tiep_nhan')),
    channel,
    receivedLocal,
    dueLocal,
    resultLocal,
    returnedLocal,
    closedLocal,
    status,
    supplementCount: nonNegativeInt(v('so_lan_bo_sung'), 'so_lan_bo_sung'),
    pausedMinutes: nonNegativeInt(v('so_phut_cho_bo_sung'), 'so_phut_cho_bo_sung'),
  };
}

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
  const table = await readTableFile(input.fileName, bytes);
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
        note: `Nhập từ tệp ${input.fileName}, dòng ${g.line}`,
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
    await appendAudit(trx, deps.clock, {
      actor: ctx.actor,
      action: 'dossiers.import',
      entity: 'dossier_import',
      entityId: createHash('sha256').update(bytes).digest('hex'),
      before: null,
      after: { file: input.fileName, imported: out.length, duplicates, errors: errors.length, first: out[0], last: out[out.length - 1] },
    });
    return out;
  });
  deps.events.emit('data.changed', { entity: 'dossier', id: 'import' });
  deps.logger.info('dossiers imported', { file: input.fileName, imported: codes.length, duplicates, errors: errors.length });
  return { ...result(fresh, false), codes: codes.slice(0, 1000) };
}
