import type ExcelJS from 'exceljs';
import { loadExcel } from '../heavy-modules';
import { catalogueSchema, type Catalogue, type FeeRule, type Limit } from '../../../shared/contract/catalogue.schema';
import { AppError, type FieldIssue } from '../../../shared/errors';

/**
 * The catalogue as a workbook an admin can edit in Excel/LibreOffice: one row per procedure version
 * ("Thủ tục") and one row per paper ("Thành phần"), with plain columns instead of nested JSON.
 * Export then import gives back the same catalogue (tested), so the file is a faithful round trip.
 */
const PROC_COLUMNS = [
  ['ma_thu_tuc', 'Mã thủ tục', 12],
  ['ten_thu_tuc', 'Tên thủ tục', 60],
  ['linh_vuc', 'Lĩnh vực', 16],
  ['hieu_luc_tu', 'Hiệu lực từ (YYYY-MM-DD)', 14],
  ['het_hieu_luc', 'Hết hiệu lực từ', 14],
  ['thoi_han', 'Thời hạn (số ngày làm việc | same-day | calendar-days:N)', 18],
  ['gio_chot', 'Giờ chốt trong ngày', 10],
  ['xac_minh_ngay', 'Số ngày khi cần xác minh', 10],
  ['gia_han_ngay', 'Gia hạn tối đa (ngày)', 10],
  ['loai_phi', 'Cách tính phí (free|flat|per-case|per-copy|per-page|provincial)', 14],
  ['muc_thu', 'Mức thu (đồng)', 12],
  ['don_vi_tinh', 'Đơn vị tính', 12],
  ['tinh_theo', 'Tính theo (case|copy)', 10],
  ['so_trang_dau', 'Số trang mức đầu', 8],
  ['muc_trang_dau', 'Mức trang đầu', 10],
  ['muc_trang_sau', 'Mức trang sau', 10],
  ['toi_da_moi_ban', 'Tối đa mỗi bản', 10],
  ['doi_tuong_mien', 'Đối tượng miễn (mỗi dòng một đối tượng)', 30],
  ['ghi_chu_phi', 'Ghi chú phí', 20],
  ['ket_qua', 'Kết quả (paper|none)', 10],
  ['in_giay_hen', 'In giấy hẹn (có|không)', 10],
  ['can_cu', 'Căn cứ pháp lý', 30],
  ['chua_xac_minh', 'Chưa xác minh (mỗi dòng một ý)', 30],
] as const;

const COMP_COLUMNS = [
  ['ma_thu_tuc', 'Mã thủ tục', 12],
  ['hieu_luc_tu', 'Hiệu lực từ', 14],
  ['stt', 'STT', 6],
  ['ten_giay_to', 'Tên giấy tờ', 70],
  ['loai_ban', 'Loại bản (ban-chinh|ban-sao|ban-sao-chung-thuc|ban-chinh-hoac-ban-sao)', 18],
  ['so_luong', 'Số lượng', 8],
  ['bat_buoc', 'Bắt buộc (có|không)', 10],
  ['ghi_chu', 'Ghi chú', 30],
] as const;

const PROC_SHEET = 'Thủ tục';
const COMP_SHEET = 'Thành phần';
// Lists go one item per line in the cell (Alt+Enter in Excel): items may themselves contain ';'.
const list = (a?: string[]) => (a && a.length ? a.join('\n') : '');
const yes = (b: boolean) => (b ? 'có' : 'không');

function limitCell(l: Limit): string {
  if (l.kind === 'working-days') return String(l.days);
  if (l.kind === 'calendar-days') return `calendar-days:${l.days}`;
  return 'same-day';
}

function feeCells(f: FeeRule): Record<string, string | number> {
  const base = { loai_phi: f.kind, doi_tuong_mien: list(f.exemptions), ghi_chu_phi: f.note ?? '' };
  switch (f.kind) {
    case 'free':
      return base;
    case 'flat':
      return { ...base, muc_thu: f.amount };
    case 'per-case':
    case 'per-copy':
      return { ...base, muc_thu: f.amount, don_vi_tinh: f.unitLabel };
    case 'per-page':
      return { ...base, so_trang_dau: f.firstPages, muc_trang_dau: f.firstPageAmount, muc_trang_sau: f.laterPageAmount, toi_da_moi_ban: f.maxPerCopy };
    case 'provincial':
      return { ...base, muc_thu: f.amount ?? '', tinh_theo: f.per };
  }
}

export async function catalogueToXlsx(catalogue: Catalogue): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'MotCua Desk';
  const ps = wb.addWorksheet(PROC_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  const cs = wb.addWorksheet(COMP_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  for (const [sheet, cols] of [
    [ps, PROC_COLUMNS],
    [cs, COMP_COLUMNS],
  ] as const) {
    sheet.columns = cols.map(([key, , width]) => ({ key, width }));
    // Row 1: machine keys (what import reads); row 2: Vietnamese headings for the person editing.
    sheet.getRow(1).values = cols.map(([key]) => key);
    sheet.getRow(2).values = cols.map(([, title]) => title);
    sheet.getRow(1).font = { color: { argb: 'FF888888' }, size: 9 };
    sheet.getRow(2).font = { bold: true };
  }
  for (const p of catalogue.procedures) {
    ps.addRow({
      ma_thu_tuc: p.code,
      ten_thu_tuc: p.name,
      linh_vuc: p.field,
      hieu_luc_tu: p.effectiveFrom,
      het_hieu_luc: p.retiredAt ?? '',
      thoi_han: limitCell(p.limit),
      gio_chot: p.limit.kind === 'same-day' ? p.limit.cutoff : '',
      xac_minh_ngay: p.limit.kind !== 'calendar-days' ? (p.limit.verificationDays ?? '') : '',
      gia_han_ngay: p.limit.kind === 'same-day' ? (p.limit.extensionWorkingDays ?? '') : '',
      ...feeCells(p.feeRule),
      ket_qua: p.resultType,
      in_giay_hen: yes(p.receiptRequired),
      can_cu: p.legalBasis ?? '',
      chua_xac_minh: list(p.unconfirmed),
    });
    p.components.forEach((c, i) =>
      cs.addRow({ ma_thu_tuc: p.code, hieu_luc_tu: p.effectiveFrom, stt: i + 1, ten_giay_to: c.name, loai_ban: c.kind, so_luong: c.count, bat_buoc: yes(c.required), ghi_chu: c.note ?? '' }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Row = Record<string, string>;

function readSheet(ws: ExcelJS.Worksheet | undefined, name: string): Array<{ line: number; row: Row }> {
  if (!ws) throw new AppError('invalid_input', `Tệp không có trang tính "${name}".`);
  const keys = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim());
  const out: Array<{ line: number; row: Row }> = [];
  ws.eachRow((r, line) => {
    if (line <= 2) return;
    const row: Row = {};
    (r.values as unknown[]).forEach((v, i) => {
      const key = keys[i];
      if (!key) return;
      const text = v === null || v === undefined ? '' : typeof v === 'object' && 'text' in (v as object) ? String((v as { text: unknown }).text) : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      row[key] = text.normalize('NFC').trim();
    });
    if (Object.values(row).some((v) => v !== '')) out.push({ line, row });
  });
  return out;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));
const items = (s: string | undefined) => (s ? s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean) : undefined);
const bool = (s: string | undefined) => /^(có|co|x|true|1|yes)$/i.test(s ?? '');

function parseLimit(r: Row): unknown {
  const t = r.thoi_han ?? '';
  const verificationDays = num(r.xac_minh_ngay);
  if (t === 'same-day') return { kind: 'same-day', cutoff: r.gio_chot || '15:00', ...(verificationDays ? { verificationDays } : {}), ...(num(r.gia_han_ngay) ? { extensionWorkingDays: num(r.gia_han_ngay) } : {}) };
  const cal = /^calendar-days:(\d+)$/.exec(t);
  if (cal) return { kind: 'calendar-days', days: Number(cal[1]) };
  return { kind: 'working-days', days: num(t), ...(verificationDays ? { verificationDays } : {}) };
}

function parseFee(r: Row): unknown {
  const extras = { ...(items(r.doi_tuong_mien) ? { exemptions: items(r.doi_tuong_mien) } : {}), ...(r.ghi_chu_phi ? { note: r.ghi_chu_phi } : {}) };
  switch (r.loai_phi) {
    case 'flat':
      return { kind: 'flat', amount: num(r.muc_thu), ...extras };
    case 'per-case':
    case 'per-copy':
      return { kind: r.loai_phi, amount: num(r.muc_thu), ...(r.don_vi_tinh ? { unitLabel: r.don_vi_tinh } : {}), ...extras };
    case 'per-page':
      return { kind: 'per-page', firstPages: num(r.so_trang_dau), firstPageAmount: num(r.muc_trang_dau), laterPageAmount: num(r.muc_trang_sau), maxPerCopy: num(r.toi_da_moi_ban), ...extras };
    case 'provincial':
      return { kind: 'provincial', ...(num(r.muc_thu) !== undefined ? { amount: num(r.muc_thu) } : {}), per: r.tinh_theo || 'case', ...extras };
    default:
      return { kind: r.loai_phi || 'free', ...extras };
  }
}

/** Read a workbook made by catalogueToXlsx (or edited from one); every problem names its sheet and line. */
export async function xlsxToCatalogue(bytes: Buffer, version: string): Promise<Catalogue> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_input', 'Tệp không phải bảng tính Excel (.xlsx) hợp lệ.');
  }
  const procRows = readSheet(wb.getWorksheet(PROC_SHEET), PROC_SHEET);
  const compRows = readSheet(wb.getWorksheet(COMP_SHEET), COMP_SHEET);
  const lineOf = new Map<number, string>();
  const procedures: unknown[] = procRows.map(({ line, row }, i) => {
    lineOf.set(i, `${PROC_SHEET}, dòng ${line}`);
    const components = compRows
      .filter((c) => c.row.ma_thu_tuc === row.ma_thu_tuc && c.row.hieu_luc_tu === row.hieu_luc_tu)
      .sort((a, b) => Number(a.row.stt) - Number(b.row.stt))
      .map(({ row: c }) => ({ name: c.ten_giay_to, kind: c.loai_ban, count: num(c.so_luong) ?? 1, required: bool(c.bat_buoc), ...(c.ghi_chu ? { note: c.ghi_chu } : {}) }));
    return {
      code: row.ma_thu_tuc,
      name: row.ten_thu_tuc,
      field: row.linh_vuc,
      level: 'xa',
      components,
      limit: parseLimit(row),
      feeRule: parseFee(row),
      resultType: row.ket_qua || 'paper',
      receiptRequired: bool(row.in_giay_hen),
      effectiveFrom: row.hieu_luc_tu,
      ...(row.het_hieu_luc ? { retiredAt: row.het_hieu_luc } : {}),
      ...(row.can_cu ? { legalBasis: row.can_cu } : {}),
      ...(items(row.chua_xac_minh) ? { unconfirmed: items(row.chua_xac_minh) } : {}),
    };
  });
  const first = procRows.map((r) => r.row.hieu_luc_tu).sort()[0] ?? '2025-07-01';
  const parsed = catalogueSchema.safeParse({ version, effectiveFrom: first, procedures });
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.slice(0, 20).map((i) => {
      const idx = i.path[0] === 'procedures' ? Number(i.path[1]) : -1;
      const where = lineOf.get(idx) ?? 'tệp';
      return { path: i.path.map(String).join('.'), message: `${where}: ${i.message}` };
    });
    throw new AppError('invalid_input', `Danh mục trong tệp có ${parsed.error.issues.length} lỗi; chưa nhập gì.`, { issues });
  }
  return parsed.data;
}
