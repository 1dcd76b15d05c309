import type ExcelJS from 'exceljs';
import { loadExcel } from '../heavy-modules';
import { AppError } from '../../../shared/errors';

/**
 * Reading the admin's history file: CSV (UTF-8, comma, semicolon or tab, RFC 4180 quotes) or XLSX
 * (first worksheet). Each record keeps the line number a person sees: the spreadsheet row, or the
 * CSV line where the record starts.
 */
export interface TableRecord {
  line: number;
  values: Record<string, string>;
}

export interface ParsedTable {
  headers: string[];
  records: TableRecord[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function readTableFile(fileName: string, bytes: Buffer): Promise<ParsedTable> {
  const isXlsx = bytes.subarray(0, 4).equals(XLSX_MAGIC);
  if (/\.xls$/i.test(fileName) && !isXlsx) {
    throw new AppError('invalid_input', 'Tệp .xls (Excel 97-2003) không đọc được: hãy mở tệp trong Excel và lưu lại dạng .xlsx hoặc CSV UTF-8.');
  }
  return isXlsx ? readXlsx(bytes) : readCsv(bytes);
}

function normalizeHeader(h: string): string {
  return h.normalize('NFC').trim().toLowerCase().replace(/\s+/g, '_');
}

export function readCsv(bytes: Buffer): ParsedTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('invalid_input', 'Tệp CSV không phải mã UTF-8: trong Excel hãy chọn "Lưu thành" → "CSV UTF-8 (Comma delimited)".');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];

  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: startLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      line++;
      startLine = line;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  const [header, ...data] = rows;
  if (!header) throw new AppError('invalid_input', 'Tệp không có dữ liệu (cần một dòng tiêu đề và các dòng hồ sơ).');
  const headers = header.cells.map(normalizeHeader);
  return {
    headers,
    records: data.map((r) => ({ line: r.line, values: Object.fromEntries(headers.map((h, j) => [h, (r.cells[j] ?? '').normalize('NFC').trim()])) })),
  };
}

function cellText(value: ExcelJS.CellValue, header: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs gives the wall-clock time written in the sheet as if it were UTC.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16);
  }
  if (typeof value === 'number') {
    // A CCCD typed into a number cell loses its leading zero (045… → 45…): give it back.
    if (header === 'so_giay_to' && Number.isInteger(value)) {
      const s = String(value);
      return s.length === 11 ? `0${s}` : s.length === 8 ? `0${s}` : s;
    }
    return String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null, header);
  }
  return String(value);
}

export async function readXlsx(bytes: Buffer): Promise<ParsedTable> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_input', 'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng.');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('invalid_input', 'Tệp Excel không có trang tính nào.');
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) headers.push(normalizeHeader(cellText(headerRow.getCell(c).value, '')));
  const records: TableRecord[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: Record<string, string> = {};
    let any = false;
    headers.forEach((h, j) => {
      const v = cellText(row.getCell(j + 1).value, h).normalize('NFC').trim();
      if (v !== '') any = true;
      values[h] = v;
    });
    if (any) records.push({ line: r, values });
  }
  return { headers, records };
}
