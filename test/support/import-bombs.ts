/**
 * Hostile import files, made in the test (nothing big is committed): a minimal XLSX zip writer that
 * can lie in its directory, and sheets that inflate to far more than they weigh.
 */
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The deflated bytes as stored. */
  deflated: Buffer;
  /** What the directory claims the part inflates to (the truth, unless a test wants a liar). */
  claimedSize: number;
  crc?: number;
}

export function part(name: string, content: string | Buffer): ZipPart {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, deflated: deflateRawSync(bytes), claimedSize: bytes.length, crc: crc32(bytes) };
}

/** A zip of deflated parts with a central directory; sizes as claimed. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc ?? 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.claimedSize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(p.crc ?? 0, 16);
    cen.writeUInt32LE(p.deflated.length, 20);
    cen.writeUInt32LE(p.claimedSize >>> 0, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(local, name, p.deflated);
    central.push(cen, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const cenBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cenBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cenBytes, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ma_thu_tuc</t></is></c><c r="B1" t="inlineStr"><is><t>ho_ten</t></is></c><c r="C1" t="inlineStr"><is><t>kenh</t></is></c><c r="D1" t="inlineStr"><is><t>ngay_nhan</t></is></c></row>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** An XLSX whose first sheet is `sheet` (already a zip part, so a test can make it lie). */
export function xlsxWith(sheet: ZipPart): Buffer {
  return zip([part('[Content_Types].xml', CONTENT_TYPES), part('_rels/.rels', RELS), part('xl/workbook.xml', WORKBOOK), part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS), sheet]);
}

/** The sheet part for `rows` identical data rows, deflated as a stream (never held inflated). */
export async function repeatedRowsSheet(rows: number, row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res, rej) => {
    deflate.on('end', () => res());
    deflate.on('error', rej);
  });
  const perChunk = 20_000;
  const block = Buffer.from(row.repeat(perChunk));
  deflate.write(SHEET_HEAD);
  let size = Buffer.byteLength(SHEET_HEAD) + Buffer.byteLength(SHEET_TAIL);
  for (let left = rows; left > 0; left -= perChunk) {
    const b = left >= perChunk ? block : Buffer.from(row.repeat(left));
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end(SHEET_TAIL);
  await done;
  return { name: 'xl/worksheets/sheet1.xml', deflated: Buffer.concat(chunks), claimedSize: size };
}

/** A sheet of `rows` distinct numbered rows (compresses like a real sheet, ~10×). */
export function numberedRowsSheet(rows: number): ZipPart {
  const out: string[] = [SHEET_HEAD];
  for (let r = 2; r <= rows + 1; r++) out.push(`<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 100003}</v></c><c r="B${r}"><v>${r}</v></c></row>`);
  out.push(SHEET_TAIL);
  return part('xl/worksheets/sheet1.xml', out.join(''));
}
