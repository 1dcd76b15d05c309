import type ExcelJS from 'exceljs';
import { loadExcel } from '../heavy-modules';
import type { UnitProfile } from '../../../shared/contract/unit.schema';
import { statusLabel } from '../../../shared/domain/dossier-status';
import { viDate } from '../../../shared/domain/report-period';
import type { BookRow } from '../../store/reports.repository';
import { safeCellText } from './export-06a';

/**
 * The tracking book (Sổ theo dõi hồ sơ, Mẫu 07 of 2025 / Mẫu 06 of 2018) as XLSX. DOMAIN.md §1.3 gives
 * its column list as unconfirmed; the headers are plain data here so a corrected list is one edit.
 */
export const BOOK_COLUMNS: Array<{ header: string; width: number }> = [
  { header: 'TT', width: 6 },
  { header: 'Mã hồ sơ', width: 24 },
  { header: 'Tên TTHC', width: 36 },
  { header: 'Số lượng hồ sơ (bộ)', width: 9 },
  { header: 'Tên cá nhân, tổ chức', width: 24 },
  { header: 'Địa chỉ, số điện thoại', width: 30 },
  { header: 'Cơ quan chủ trì giải quyết', width: 22 },
  { header: 'Nhận hồ sơ (ngày)', width: 12 },
  { header: 'Hẹn trả kết quả (ngày)', width: 12 },
  { header: 'Chuyển hồ sơ đến cơ quan giải quyết (ngày)', width: 14 },
  { header: 'Nhận kết quả từ cơ quan giải quyết (ngày)', width: 14 },
  { header: 'Trả kết quả (ngày)', width: 12 },
  { header: 'Ký nhận', width: 12 },
  { header: 'Ghi chú', width: 24 },
];

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const day = (local: string | null) => (local ? viDate(local.slice(0, 10)) : '');

export async function trackingBookXlsx(rows: BookRow[], ctx: { unit: Pick<UnitProfile, 'parentAgency' | 'unitName'>; from: string; to: string }): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'MotCua Desk';
  const ws = wb.addWorksheet('Sổ theo dõi', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = BOOK_COLUMNS.map((c) => ({ width: c.width }));
  const n = BOOK_COLUMNS.length;
  const font = { name: 'Times New Roman', size: 12 };
  const line = (r: number, value: string, extra: Partial<ExcelJS.Font> = {}) => {
    ws.mergeCells(r, 1, r, n);
    const c = ws.getCell(r, 1);
    c.value = safeCellText(value);
    c.font = { ...font, ...extra };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  line(1, ctx.unit.parentAgency.toLocaleUpperCase('vi'));
  line(2, ctx.unit.unitName.toLocaleUpperCase('vi'), { bold: true });
  line(3, 'SỔ THEO DÕI HỒ SƠ', { bold: true, size: 14 });
  line(4, `Từ ngày ${viDate(ctx.from)} đến ngày ${viDate(ctx.to)}`, { italic: true });
  const head = 6;
  BOOK_COLUMNS.forEach((col, i) => {
    const c = ws.getCell(head, i + 1);
    c.value = col.header;
    c.font = { ...font, size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    const num = ws.getCell(head + 1, i + 1);
    num.value = `(${i + 1})`;
    num.font = { ...font, size: 11, italic: true };
    num.alignment = { horizontal: 'center' };
    num.border = BORDER;
  });
  ws.getRow(head).height = 62;
  rows.forEach((b, i) => {
    const closed = b.closed_local && !b.result_local;
    const values: Array<string | number> = [
      i + 1,
      b.code,
      b.procedure_name,
      b.set_count,
      b.full_name,
      [b.address, b.phone].filter((s) => s).join(', '),
      ctx.unit.parentAgency,
      day(b.received_local),
      day(b.due_local),
      '',
      day(b.result_local),
      day(b.returned_local ?? (closed ? b.closed_local : null)),
      '',
      [closed ? statusLabel(b.status) : '', b.note].filter((s) => s).join('; '),
    ];
    values.forEach((v, j) => {
      const c = ws.getCell(head + 2 + i, j + 1);
      c.value = typeof v === 'string' ? safeCellText(v) : v;
      c.font = { ...font, size: 11 };
      c.alignment = { vertical: 'top', wrapText: true, horizontal: typeof v === 'number' || j >= 7 ? 'center' : 'left' };
      c.border = BORDER;
    });
  });
  ws.views = [{ state: 'frozen', ySplit: head + 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
