import { createHash, type Hash } from 'node:crypto';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PDF writer for image-only documents (one scanned image per page) that writes each page out as it
 * comes: the bytes of page N are in the output (memory, then a temp file once they pass a few MB)
 * before page N+1 is encoded, so a 200-page component costs one page plus bookkeeping, not the whole
 * document (pdf-lib keeps every object until save()). Object order: header, catalog, then per page
 * image + content + page object; the page tree, info dictionary, xref table and trailer close the file.
 * Output is deterministic (no dates; /ID derived from the content) so the same pages give the same SHA-256.
 */

export interface PdfImage {
  /** Already-compressed image data, embedded as is. */
  data: Buffer;
  width: number;
  height: number;
  filter: 'DCTDecode' | 'CCITTFaxDecode' | 'FlateDecode';
  colorSpace: 'DeviceGray' | 'DeviceRGB';
  bitsPerComponent: 1 | 8;
  /** /DecodeParms (CCITT: K, Columns, Rows, BlackIs1). */
  decodeParms?: Record<string, number | boolean>;
}

export interface StreamingPdfOptions {
  title?: string;
  producer?: string;
  creator?: string;
  /** Keep the output in memory up to this many bytes, then move it to a temp file. Default 4 MiB. */
  spillAboveBytes?: number;
  /** Where the temp file goes (default: the OS temp folder). */
  tempDir?: string;
}

export interface WrittenPdf {
  bytes: number;
  sha256: string;
  pageCount: number;
}

const DEFAULT_SPILL = 4 * 1024 * 1024;

// Temp files of writers dropped without finish()/abort() (a page failed and the caller gave up).
const orphans = new FinalizationRegistry<{ dir: string; fd: number }>((held) => {
  try {
    closeSync(held.fd);
  } catch {
    /* already closed */
  }
  rmSync(held.dir, { recursive: true, force: true });
});

export class StreamingPdfWriter {
  private readonly opts: StreamingPdfOptions;
  private readonly hash: Hash = createHash('sha256');
  private chunks: Buffer[] = [];
  private offset = 0;
  private spill: { dir: string; path: string; fd: number; token: object } | null = null;
  /** Byte offset of each object, by object number (index 0 unused). */
  private readonly offsets: number[] = [0];
  private readonly pageRefs: number[] = [];
  /** Content streams by page size: every A4 page of a batch draws its image the same way, so they share one. */
  private readonly contents = new Map<string, number>();
  private done = false;

  // Fixed numbers: the catalog points at the page tree before the tree can be written (it lists every page).
  private static readonly CATALOG = 1;
  private static readonly PAGES = 2;
  private static readonly INFO = 3;

  constructor(opts: StreamingPdfOptions = {}) {
    this.opts = opts;
    this.offsets.push(0, 0, 0);
    // The binary comment tells transfer tools the file is not text.
    this.write(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
    this.object(StreamingPdfWriter.CATALOG, `<< /Type /Catalog /Pages ${StreamingPdfWriter.PAGES} 0 R >>`);
  }

  get pageCount(): number {
    return this.pageRefs.length;
  }

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  /** One page showing `image` over the whole page of `widthPt` × `heightPt` points. */
  addImagePage(image: PdfImage, widthPt: number, heightPt: number): void {
    this.assertOpen();
    const imgNo = this.offsets.length;
    const parms = image.decodeParms
      ? ` /DecodeParms << ${Object.entries(image.decodeParms)
          .map(([k, v]) => `/${k} ${typeof v === 'number' ? num(v) : String(v)}`)
          .join(' ')} >>`
      : '';
    this.streamObject(
      imgNo,
      `/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /${image.colorSpace} /BitsPerComponent ${image.bitsPerComponent} /Filter /${image.filter}${parms}`,
      image.data,
    );
    const w = num(widthPt);
    const h = num(heightPt);
    let contentNo = this.contents.get(`${w} ${h}`);
    if (contentNo === undefined) {
      contentNo = this.offsets.length;
      this.contents.set(`${w} ${h}`, contentNo);
      this.streamObject(contentNo, '', Buffer.from(`q\n${w} 0 0 ${h} 0 0 cm\n/Im0 Do\nQ\n`, 'latin1'));
    }
    const pageNo = this.offsets.length;
    this.object(
      pageNo,
      `<< /Type /Page /Parent ${StreamingPdfWriter.PAGES} 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${imgNo} 0 R >> >> /Contents ${contentNo} 0 R >>`,
    );
    this.pageRefs.push(pageNo);
  }

  /** Completes the document in memory (what callers storing bytes need). */
  finishToBuffer(): WrittenPdf & { pdf: Buffer } {
    const written = this.close();
    let pdf: Buffer;
    if (this.spill) {
      const spill = this.spill;
      this.releaseSpill();
      try {
        pdf = readFileSync(spill.path);
      } finally {
        rmSync(spill.dir, { recursive: true, force: true });
      }
    } else {
      pdf = Buffer.concat(this.chunks, this.offset);
    }
    this.chunks = [];
    return { ...written, pdf };
  }

  /** Completes the document straight into `path`: the whole PDF is never in memory at once. */
  finishToFile(path: string): WrittenPdf {
    const written = this.close();
    if (this.spill) {
      const spill = this.spill;
      this.releaseSpill();
      try {
        renameSync(spill.path, path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
        copyFileSync(spill.path, path);
      } finally {
        rmSync(spill.dir, { recursive: true, force: true });
      }
    } else {
      const fd = openSync(path, 'w');
      try {
        for (const c of this.chunks) writeAll(fd, c);
      } finally {
        closeSync(fd);
      }
    }
    this.chunks = [];
    return written;
  }

  /** Drops everything written so far (and the temp file). Safe to call more than once. */
  abort(): void {
    this.done = true;
    this.chunks = [];
    if (this.spill) {
      const spill = this.spill;
      this.releaseSpill();
      rmSync(spill.dir, { recursive: true, force: true });
    }
  }

  private close(): WrittenPdf {
    this.assertOpen();
    if (this.pageRefs.length === 0) throw new Error('StreamingPdfWriter: no pages');
    this.object(StreamingPdfWriter.PAGES, `<< /Type /Pages /Kids [${this.pageRefs.map((n) => `${n} 0 R`).join(' ')}] /Count ${this.pageRefs.length} >>`);
    const info = [
      this.opts.title ? `/Title ${pdfText(this.opts.title.normalize('NFC'))}` : '',
      `/Producer ${pdfText(this.opts.producer ?? 'MotCua Desk')}`,
      `/Creator ${pdfText(this.opts.creator ?? 'MotCua Desk')}`,
    ].filter(Boolean);
    this.object(StreamingPdfWriter.INFO, `<< ${info.join(' ')} >>`);
    const xrefAt = this.offset;
    const lines = [`xref\n0 ${this.offsets.length}\n`, '0000000000 65535 f \n'];
    for (let i = 1; i < this.offsets.length; i++) lines.push(`${String(this.offsets[i]).padStart(10, '0')} 00000 n \n`);
    this.write(Buffer.from(lines.join(''), 'latin1'));
    // A content-derived /ID keeps the file deterministic (PDF 2.0 asks for an /ID; readers use it to match revisions).
    const id = this.hash.copy().digest('hex').slice(0, 32);
    this.write(
      Buffer.from(
        `trailer\n<< /Size ${this.offsets.length} /Root ${StreamingPdfWriter.CATALOG} 0 R /Info ${StreamingPdfWriter.INFO} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`,
        'latin1',
      ),
    );
    this.done = true;
    return { bytes: this.offset, sha256: this.hash.digest('hex'), pageCount: this.pageRefs.length };
  }

  private object(no: number, body: string): void {
    this.offsets[no] = this.offset;
    this.write(Buffer.from(`${no} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }

  private streamObject(no: number, dict: string, data: Buffer): void {
    this.offsets[no] = this.offset;
    this.write(Buffer.from(`${no} 0 obj\n<< ${dict}${dict ? ' ' : ''}/Length ${data.length} >>\nstream\n`, 'latin1'));
    this.write(data);
    this.write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  private write(chunk: Buffer): void {
    this.hash.update(chunk);
    this.offset += chunk.length;
    if (this.spill) {
      writeAll(this.spill.fd, chunk);
      return;
    }
    this.chunks.push(chunk);
    if (this.offset > (this.opts.spillAboveBytes ?? DEFAULT_SPILL)) {
      const dir = mkdtempSync(join(this.opts.tempDir ?? tmpdir(), 'motcua-pdf-'));
      const path = join(dir, 'out.pdf');
      const fd = openSync(path, 'w');
      const token = {};
      orphans.register(this, { dir, fd }, token);
      this.spill = { dir, path, fd, token };
      for (const c of this.chunks) writeAll(fd, c);
      this.chunks = [];
    }
  }

  private releaseSpill(): void {
    if (!this.spill) return;
    orphans.unregister(this.spill.token);
    closeSync(this.spill.fd);
    this.spill = null;
  }

  private assertOpen(): void {
    if (this.done) throw new Error('StreamingPdfWriter used after finish');
  }
}

function writeAll(fd: number, chunk: Buffer): void {
  for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at);
}

/** A PDF number: integers as is, others with at most 4 decimals (no exponent form, which PDF lacks). */
function num(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** A PDF text string: ASCII as a literal, anything else as UTF-16BE hex with a BOM (PDF 32000 7.9.2.2). */
function pdfText(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}
