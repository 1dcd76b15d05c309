import type ExcelJS from 'exceljs';
import { loadExcel } from '../heavy-modules';
import PDFDocument from 'pdfkit';
import { countsCells, type Report } from '../../../shared/contract/reports.schema';
import type { UnitProfile } from '../../../shared/contract/unit.schema';
import { periodLine } from '../../../shared/domain/report-period';
import { unitSentenceName } from '../../../shared/domain/unit-name';
import { vi } from '../../../shared/i18n/vi';
import { formatPercent } from './report.service';
import { FONT_NAME, registerFonts } from '../documents/fonts';
import { placeDateLine } from '../documents/vn-format';

/**
 * Biểu số II.06a/VPCP/KSTT (DOMAIN.md §6) as XLSX and PDF: title, period line, the two-level header
 * with merged cells, numbered columns (1)–(13), one row per field, the totals row, the summary and
 * the indicators.
 */

export interface ExportContext {
  unit: Pick<UnitProfile, 'parentAgency' | 'unitName' | 'place'>;
  periodLabel?: string;
  /** Vietnam calendar date of the export, 'YYYY-MM-DD', for "…, ngày … tháng … năm …". */
  today: string;
}

export const FORM_CODE = 'Biểu số II.06a/VPCP/KSTT';
export const UNIT_LINE = 'Đơn vị tính: Số hồ sơ TTHC';

/** A text a spreadsheet program would read as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe. */
export function safeCellText(value: string): string {
  const s = value.normalize('NFC');
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}


/** Under the table: the moment that counts as "giải quyết" (result ready at the desk, not collected). */
export function resolvedNote(unitName: string): string {
  return vi.report06aNote(unitSentenceName(unitName) || 'Bộ phận tiếp nhận và trả kết quả');
}

const threshold = (t: number | null) => (t === null ? '' : `≥ ${formatPercent(t)}`);

export function titleText(unitName: string): string {
  return `TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI ${unitName.toLocaleUpperCase('vi')}`;
}

/** "<place>, ngày 15 tháng 12 năm 2026", leading zeros as Decree 30/2020 writes them (months 1–2 only). */
function dateLine(place: string, today: string): string {
  return placeDateLine(place, today);
}

/** Header cells: [text, firstRow, firstCol, lastRow, lastCol], rows 0–2 of the header, columns 1–13. */
const HEADER: Array<[string, number, number, number, number]> = [
  ['TT', 0, 1, 2, 1],
  ['Lĩnh vực, công việc giải quyết theo cấp', 0, 2, 2, 2],
  ['Số hồ sơ nhận giải quyết', 0, 3, 0, 6],
  ['Số hồ sơ đã giải quyết', 0, 7, 0, 10],
  ['Số hồ sơ đang giải quyết', 0, 11, 0, 13],
  ['Tổng số', 1, 3, 2, 3],
  ['Trong đó', 1, 4, 1, 6],
  ['Trực tuyến', 2, 4, 2, 4],
  ['Trực tiếp, dịch vụ bưu chính', 2, 5, 2, 5],
  ['Từ kỳ trước', 2, 6, 2, 6],
  ['Tổng số', 1, 7, 2, 7],
  ['Trước hạn', 1, 8, 2, 8],
  ['Đúng hạn', 1, 9, 2, 9],
  ['Quá hạn', 1, 10, 2, 10],
  ['Tổng số', 1, 11, 2, 11],
  ['Trong hạn', 1, 12, 2, 12],
  ['Quá hạn', 1, 13, 2, 13],
];

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Times New Roman';

export async function report06aXlsx(report: Report, ctx: ExportContext): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'MotCua Desk';
  wb.created = new Date(`${ctx.today}T00:00:00Z`);
  const ws = wb.addWorksheet('Biểu 06a', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.3, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 } },
  });
  ws.columns = [{ width: 5 }, { width: 34 }, ...Array.from({ length: 11 }, () => ({ width: 11 }))];
  const put = (row: number, col: number, value: string | number, style: Partial<ExcelJS.Style> = {}) => {
    const cell = ws.getCell(row, col);
    cell.value = typeof value === 'string' ? safeCellText(value) : value;
    cell.font = { name: FONT, size: 12, ...(style.font ?? {}) };
    cell.alignment = { vertical: 'middle', wrapText: true, ...(style.alignment ?? {}) };
    if (style.border) cell.border = style.border;
    return cell;
  };
  const merged = (r1: number, c1: number, r2: number, c2: number, value: string, style: Partial<ExcelJS.Style> = {}) => {
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
    return put(r1, c1, value, style);
  };

  merged(1, 1, 1, 4, FORM_CODE, { font: { name: FONT, bold: true } });
  merged(1, 10, 1, 13, `Đơn vị báo cáo: ${ctx.unit.unitName}`, { alignment: { horizontal: 'left' } });
  merged(2, 10, 2, 13, `Đơn vị nhận báo cáo: ${ctx.unit.parentAgency}`, { alignment: { horizontal: 'left' } });
  merged(3, 1, 3, 13, titleText(ctx.unit.unitName), { font: { name: FONT, bold: true, size: 14 }, alignment: { horizontal: 'center' } });
  ws.getRow(3).height = 36;
  merged(4, 1, 4, 13, periodLine(report.from, report.to, ctx.periodLabel || undefined), { font: { name: FONT, italic: true }, alignment: { horizontal: 'center' } });
  merged(5, 10, 5, 13, UNIT_LINE, { font: { name: FONT, italic: true }, alignment: { horizontal: 'right' } });

  const head = 6;
  for (const [text, r1, c1, r2, c2] of HEADER) {
    merged(head + r1, c1, head + r2, c2, text, { font: { name: FONT, bold: true, size: 11 }, alignment: { horizontal: 'center' } });
  }
  // Borders on every cell of the header block, merged or not, so the grid prints whole.
  for (let r = head; r <= head + 2; r++) for (let c = 1; c <= 13; c++) ws.getCell(r, c).border = BORDER;
  ws.getRow(head + 2).height = 48;
  const numbered = head + 3;
  for (let c = 1; c <= 13; c++) put(numbered, c, `(${c})`, { font: { name: FONT, italic: true, size: 11 }, alignment: { horizontal: 'center' }, border: BORDER });

  let r = numbered + 1;
  report.rows.forEach((row, i) => {
    put(r, 1, i + 1, { alignment: { horizontal: 'center' }, border: BORDER });
    put(r, 2, row.field, { border: BORDER });
    countsCells(row).forEach((v, j) => put(r, 3 + j, v, { alignment: { horizontal: 'center' }, border: BORDER }));
    r++;
  });
  ws.mergeCells(r, 1, r, 2);
  put(r, 1, 'Tổng cộng', { font: { name: FONT, bold: true }, alignment: { horizontal: 'center' }, border: BORDER });
  ws.getCell(r, 2).border = BORDER;
  countsCells(report.totals).forEach((v, j) => put(r, 3 + j, v, { font: { name: FONT, bold: true }, alignment: { horizontal: 'center' }, border: BORDER }));
  r += 1;
  merged(r, 1, r, 13, resolvedNote(ctx.unit.unitName), { font: { name: FONT, italic: true, size: 11 }, alignment: { horizontal: 'left', vertical: 'top' } });
  ws.getRow(r).height = 30;
  r += 2;

  merged(r, 1, r, 13, report.summary, { alignment: { horizontal: 'left', vertical: 'top' } });
  ws.getRow(r).height = 15 * Math.max(2, Math.ceil(report.summary.length / 150));
  r += 2;
  put(r, 2, 'Chỉ số (QĐ 766/QĐ-TTg)', { font: { name: FONT, bold: true }, border: BORDER });
  merged(r, 3, r, 4, 'Tử số / Mẫu số', { font: { name: FONT, bold: true }, alignment: { horizontal: 'center' }, border: BORDER });
  put(r, 5, 'Tỷ lệ', { font: { name: FONT, bold: true }, alignment: { horizontal: 'center' }, border: BORDER });
  put(r, 6, 'Ngưỡng', { font: { name: FONT, bold: true }, alignment: { horizontal: 'center' }, border: BORDER });
  put(r, 7, 'Điểm', { font: { name: FONT, bold: true }, alignment: { horizontal: 'center' }, border: BORDER });
  r++;
  for (const ind of Object.values(report.indicators)) {
    put(r, 2, `${ind.code}. ${ind.name}`, { border: BORDER });
    merged(r, 3, r, 4, `${ind.numerator} / ${ind.denominator}`, { alignment: { horizontal: 'center' }, border: BORDER });
    ws.getCell(r, 4).border = BORDER;
    put(r, 5, ind.display, { alignment: { horizontal: 'center' }, border: BORDER });
    put(r, 6, threshold(ind.threshold), { alignment: { horizontal: 'center' }, border: BORDER });
    put(r, 7, ind.points === null ? '' : `${String(ind.points).replace('.', ',')}/${ind.maxPoints}`, { alignment: { horizontal: 'center' }, border: BORDER });
    r++;
  }
  r++;
  merged(r, 9, r, 13, dateLine(ctx.unit.place, ctx.today), { font: { name: FONT, italic: true }, alignment: { horizontal: 'center' } });
  r++;
  merged(r, 1, r, 4, 'NGƯỜI LẬP BIỂU', { font: { name: FONT, bold: true }, alignment: { horizontal: 'center' } });
  merged(r, 9, r, 13, 'THỦ TRƯỞNG ĐƠN VỊ', { font: { name: FONT, bold: true }, alignment: { horizontal: 'center' } });
  r++;
  merged(r, 1, r, 4, '(Ký, ghi rõ họ tên)', { font: { name: FONT, italic: true }, alignment: { horizontal: 'center' } });
  merged(r, 9, r, 13, '(Ký, ghi rõ họ tên, đóng dấu)', { font: { name: FONT, italic: true }, alignment: { horizontal: 'center' } });
  ws.views = [{ state: 'frozen', ySplit: numbered, xSplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same table as an A4 landscape PDF in Tinos (Times New Roman metrics), all text NFC. */
export async function report06aPdf(report: Report, ctx: ExportContext): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    font: null as unknown as string,
    compress: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: titleText(ctx.unit.unitName).normalize('NFC'), Author: ctx.unit.unitName.normalize('NFC'), Creator: 'MotCua Desk', Producer: 'MotCua Desk (pdfkit)' },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Decree 30/2020 (DOMAIN.md §1.3): top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
  const mm = 72 / 25.4;
  const margin = { left: 30 * mm, right: 15 * mm, top: 20 * mm, bottom: 20 * mm };
  doc.addPage({ size: 'A4', layout: 'landscape', margins: margin });
  const pageW = doc.page.width;
  const width = pageW - margin.left - margin.right;
  const t = (s: string) => s.normalize('NFC');
  const text = (s: string, x: number, y: number, w: number, o: { font?: keyof typeof FONT_NAME; size?: number; align?: 'left' | 'center' | 'right' } = {}) => {
    doc.font(FONT_NAME[o.font ?? 'regular']).fontSize(o.size ?? 11);
    doc.text(t(s), x, y, { width: w, align: o.align ?? 'left', lineBreak: true });
    return doc.y;
  };

  const colW = [24, 150, ...Array.from({ length: 11 }, () => (width - 174) / 11)];
  const colX: number[] = [];
  colW.reduce((x, w) => (colX.push(x), x + w), margin.left);

  let y = margin.top;
  text(FORM_CODE, margin.left, y, 250, { font: 'bold', size: 11 });
  text(`Đơn vị báo cáo: ${ctx.unit.unitName}`, pageW - margin.right - 300, y, 300, { size: 10.5 });
  y = text(`Đơn vị nhận báo cáo: ${ctx.unit.parentAgency}`, pageW - margin.right - 300, doc.y + 1, 300, { size: 10.5 }) + 6;
  for (const line of balancedLines(doc, titleText(ctx.unit.unitName).normalize('NFC'), FONT_NAME.bold, 13, width)) {
    y = text(line, margin.left, y, width, { font: 'bold', size: 13, align: 'center' });
  }
  y += 2;
  y = text(periodLine(report.from, report.to, ctx.periodLabel || undefined), margin.left, y, width, { font: 'italic', size: 11.5, align: 'center' }) + 2;
  y = text(UNIT_LINE, margin.left, y, width, { font: 'italic', size: 10.5, align: 'right' }) + 4;

  // Header: three bands; merged cells are single rectangles spanning their bands.
  const bandH = [18, 16, 34];
  const bandY = [y, y + bandH[0]!, y + bandH[0]! + bandH[1]!];
  doc.lineWidth(0.6);
  for (const [label, r1, c1, r2, c2] of HEADER) {
    const x = colX[c1 - 1]!;
    const w = colX[c2 - 1]! + colW[c2 - 1]! - x;
    const top = bandY[r1]!;
    const h = bandY[r2]! + bandH[r2]! - top;
    doc.rect(x, top, w, h).stroke();
    doc.font(FONT_NAME.bold).fontSize(9.5);
    const th = doc.heightOfString(t(label), { width: w - 4, align: 'center' });
    doc.text(t(label), x + 2, top + Math.max(1, (h - th) / 2), { width: w - 4, align: 'center' });
  }
  y = bandY[2]! + bandH[2]!;
  const drawRow = (cells: string[], h: number, font: keyof typeof FONT_NAME, aligns: Array<'left' | 'center'>, mergeFirstTwo = false) => {
    doc.font(FONT_NAME[font]).fontSize(10);
    for (let i = 0; i < 13; i++) {
      if (mergeFirstTwo && i === 1) continue;
      const w = mergeFirstTwo && i === 0 ? colW[0]! + colW[1]! : colW[i]!;
      doc.rect(colX[i]!, y, w, h).stroke();
      const s = t(cells[i] ?? '');
      const th = doc.heightOfString(s, { width: w - 6, align: aligns[i] ?? 'center' });
      doc.text(s, colX[i]! + 3, y + Math.max(2, (h - th) / 2), { width: w - 6, align: aligns[i] ?? 'center' });
    }
    y += h;
  };
  const centers = Array.from({ length: 13 }, (_, i) => (i === 1 ? 'left' : 'center') as 'left' | 'center');
  drawRow(Array.from({ length: 13 }, (_, i) => `(${i + 1})`), 15, 'italic', Array(13).fill('center'));
  report.rows.forEach((row, i) => {
    doc.font(FONT_NAME.regular).fontSize(10);
    const h = Math.max(17, doc.heightOfString(t(row.field), { width: colW[1]! - 6 }) + 6);
    if (y + h > doc.page.height - margin.bottom - 20) {
      doc.addPage({ size: 'A4', layout: 'landscape', margins: margin });
      y = margin.top;
    }
    drawRow([String(i + 1), row.field, ...countsCells(row).map(String)], h, 'regular', centers);
  });
  drawRow(['Tổng cộng', '', ...countsCells(report.totals).map(String)], 18, 'bold', Array(13).fill('center'), true);

  y += 4;
  const note = resolvedNote(ctx.unit.unitName);
  doc.font(FONT_NAME.italic).fontSize(10);
  if (y + doc.heightOfString(t(note), { width }) > doc.page.height - margin.bottom) {
    doc.addPage({ size: 'A4', layout: 'landscape', margins: margin });
    y = margin.top;
  }
  y = text(note, margin.left, y, width, { font: 'italic', size: 10 }) + 6;
  const ensure = (h: number) => {
    if (y + h > doc.page.height - margin.bottom) {
      doc.addPage({ size: 'A4', layout: 'landscape', margins: margin });
      y = margin.top;
    }
  };
  doc.font(FONT_NAME.regular).fontSize(11);
  ensure(doc.heightOfString(t(report.summary), { width }) + 4);
  y = text(report.summary, margin.left, y, width, { size: 11 }) + 6;

  const indW = [300, 120, 80, 70, 70];
  const indX: number[] = [];
  indW.reduce((x, w) => (indX.push(x), x + w), margin.left);
  const indRow = (cells: string[], font: keyof typeof FONT_NAME) => {
    ensure(15);
    doc.font(FONT_NAME[font]).fontSize(10);
    cells.forEach((c, i) => {
      doc.rect(indX[i]!, y, indW[i]!, 15).stroke();
      doc.text(t(c), indX[i]! + 3, y + 3, { width: indW[i]! - 6, align: i === 0 ? 'left' : 'center', lineBreak: false });
    });
    y += 15;
  };
  // The indicators stay together on one page.
  ensure(15 * (Object.keys(report.indicators).length + 1));
  indRow(['Chỉ số (QĐ 766/QĐ-TTg)', 'Tử số / Mẫu số', 'Tỷ lệ', 'Ngưỡng', 'Điểm'], 'bold');
  for (const ind of Object.values(report.indicators)) {
    indRow(
      [
        `${ind.code}. ${ind.name}`,
        `${ind.numerator} / ${ind.denominator}`,
        ind.display,
        threshold(ind.threshold),
        ind.points === null ? '' : `${String(ind.points).replace('.', ',')}/${ind.maxPoints}`,
      ],
      'regular',
    );
  }
  y += 6;
  ensure(46);
  const signW = 280;
  const rightX = pageW - margin.right - signW;
  text(dateLine(ctx.unit.place, ctx.today), rightX, y, signW, { font: 'italic', align: 'center' });
  y = doc.y + 2;
  text('NGƯỜI LẬP BIỂU', margin.left, y, signW, { font: 'bold', align: 'center' });
  text('THỦ TRƯỞNG ĐƠN VỊ', rightX, y, signW, { font: 'bold', align: 'center' });
  y = doc.y + 1;
  text('(Ký, ghi rõ họ tên)', margin.left, y, signW, { font: 'italic', size: 10, align: 'center' });
  text('(Ký, ghi rõ họ tên, đóng dấu)', rightX, y, signW, { font: 'italic', size: 10, align: 'center' });
  doc.end();
  return done;
}

/**
 * A title too long for one line, split at the word that makes the lines most even, so no word is left alone
 * on the last line (issue 20 item 9: "… XÃ HƯỚNG / PHÙNG").
 */
export function balancedLines(doc: PDFKit.PDFDocument, text: string, font: string, size: number, width: number): string[] {
  doc.font(font).fontSize(size);
  if (doc.widthOfString(text) <= width) return [text];
  const words = text.split(' ');
  let best: string[] = [text];
  let bestW = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ');
    const b = words.slice(i).join(' ');
    const w = Math.max(doc.widthOfString(a), doc.widthOfString(b));
    if (w <= width && w < bestW) {
      best = [a, b];
      bestW = w;
    }
  }
  return best;
}
