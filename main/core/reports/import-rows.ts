/**
 * The checks one import row must pass (columns, dates, catalogue), split from import.service.ts:
 * pure functions over a parsed record, no store access, so they can run anywhere.
 */
import { createHash } from 'node:crypto';
import type { Procedure } from '../../../shared/contract/catalogue.schema';
import { parseLocalDateTime, utcToVietnamLocal } from '../../../shared/domain/calendar';
import { findProcedure } from '../../../shared/domain/catalogue';
import { formatDossierCode, parseDossierCode } from '../../../shared/domain/dossier-code';
import { normalizePhone } from '../../../shared/domain/phone';
import { foldVietnamese, tidySpaces } from '../../../shared/domain/text';
import type { loadCatalogue } from '../intake/catalogue.service';
import type { TableRecord } from './table-file';

export const IMPORT_COLUMNS = ['ma_ho_so', 'ma_thu_tuc', 'ho_ten', 'so_giay_to', 'kenh', 'ngay_nhan', 'ngay_hen', 'ngay_co_ket_qua', 'ngay_tra', 'trang_thai'] as const;
export const IMPORT_EXTRA_COLUMNS = ['so_dien_thoai', 'dia_chi', 'can_bo_tiep_nhan', 'so_lan_bo_sung', 'so_phut_cho_bo_sung'] as const;
export const REQUIRED = ['ma_thu_tuc', 'ho_ten', 'kenh', 'ngay_nhan'] as const;
const CLOSED_STATUS: Record<string, string> = { tu_choi: 'refused', dung: 'stopped', rut: 'withdrawn' };
const KENH = ['truc_tiep', 'truc_tuyen', 'buu_chinh'];

export class RowError extends Error {}

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

export interface GoodRow {
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
  /** Received when no version of the procedure was in force (before the catalogue, or since retired): matched by code. */
  history: 'in_force' | 'before_catalogue' | 'outside_version';
}

type Catalogue = Awaited<ReturnType<typeof loadCatalogue>>;

/**
 * The procedure a past record belongs to. A commune's book goes back years before the shipped
 * catalogue's effective date, and procedures get new versions: the record names the procedure by
 * its code, and that is what it is counted under. So: the version in force on the day when there is
 * one; otherwise the version of the same code nearest in time (the first one for a day before it,
 * the last one that had started for a day after a version was retired). Undefined only for a code
 * the catalogue has never had.
 */
export function historicalProcedure(catalogue: Catalogue, code: string, onDate: string): { procedure: Procedure; history: GoodRow['history'] } | undefined {
  const inForce = findProcedure(catalogue, code, onDate);
  if (inForce) return { procedure: inForce, history: 'in_force' };
  const versions = catalogue.procedures.filter((p) => p.code === code.trim()).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (versions.length === 0) return undefined;
  const started = versions.filter((p) => p.effectiveFrom <= onDate);
  const procedure = started.length > 0 ? started[started.length - 1]! : versions[0]!;
  return { procedure, history: onDate < catalogue.effectiveFrom ? 'before_catalogue' : 'outside_version' };
}

function nonNegativeInt(raw: string, column: string): number {
  if (raw === '') return 0;
  if (!/^\d{1,7}$/.test(raw)) throw new RowError(`${column} "${raw}" phải là số nguyên không âm.`);
  return Number(raw);
}

export function checkRow(rec: TableRecord, catalogueProcedures: Catalogue, nowLocal: string): GoodRow {
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
  const matched = historicalProcedure(catalogueProcedures, v('ma_thu_tuc'), receivedLocal.slice(0, 10));
  if (!matched) throw new RowError(`mã thủ tục "${v('ma_thu_tuc')}" không có trong danh mục thủ tục.`);
  const { procedure, history } = matched;
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
    history,
  };
}
