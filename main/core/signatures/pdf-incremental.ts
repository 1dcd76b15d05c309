/**
 * Incremental update writer (ISO 32000-1 §7.5.6): the original bytes stay exactly as they were and new or
 * changed objects are appended with their own cross-reference section pointing back (/Prev) to the last one.
 * That is what keeps an earlier signature valid when a second one is added: its byte range is never touched.
 * The section is a classic xref table, or an xref stream when the file's last section is a stream.
 */
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

export interface PreviousXref {
  /** Offset of the last cross-reference section (the file's final startxref). */
  offset: number;
  /** True when that section is an xref stream (PDF 1.5+), so ours must be one too. */
  isStream: boolean;
  /** The trailer's /Size: first free object number. */
  size: number;
}

function tail(pdf: Uint8Array, n: number): string {
  return Buffer.from(pdf.subarray(Math.max(0, pdf.length - n))).toString('latin1');
}

/** Read where the last xref section is and what /Size it declares. */
export function readPreviousXref(pdf: Uint8Array): PreviousXref {
  const end = tail(pdf, 2048);
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(end);
  if (!m) throw new AppError('invalid_input', vi.signatures.errors.pdfBroken, { details: { reason: 'no_startxref' } });
  const offset = Number(m[1]);
  if (offset <= 0 || offset >= pdf.length) throw new AppError('invalid_input', vi.signatures.errors.pdfBroken, { details: { reason: 'bad_startxref' } });
  const head = Buffer.from(pdf.subarray(offset, Math.min(pdf.length, offset + 4096))).toString('latin1');
  const isStream = !head.startsWith('xref');
  let dict: string;
  if (isStream) dict = head;
  else {
    const whole = Buffer.from(pdf.subarray(offset)).toString('latin1');
    const at = whole.indexOf('trailer');
    if (at < 0) throw new AppError('invalid_input', vi.signatures.errors.pdfBroken, { details: { reason: 'no_trailer' } });
    dict = whole.slice(at, at + 4096);
  }
  const size = /\/Size\s+(\d+)/.exec(dict);
  if (!size) throw new AppError('invalid_input', vi.signatures.errors.pdfBroken, { details: { reason: 'no_size' } });
  return { offset, isStream, size: Number(size[1]) };
}

export interface AppendedObject {
  num: number;
  /** The object's body (what goes between "N 0 obj" and "endobj"). */
  body: Uint8Array;
}

/** Trailer entries carried over (already serialised, e.g. "/Root 1 0 R"). */
export interface TrailerEntries {
  root: string;
  info?: string;
  id?: string;
}

function subsections(nums: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of nums) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else out.push([n, 1]);
  }
  return out;
}

/** Append objects and a cross-reference section to `pdf`; returns the new file. */
export function appendIncrement(pdf: Uint8Array, prev: PreviousXref, objects: AppendedObject[], trailer: TrailerEntries): Uint8Array {
  const parts: Uint8Array[] = [pdf];
  let pos = pdf.length;
  const push = (b: Uint8Array) => {
    parts.push(b);
    pos += b.length;
  };
  const last = pdf[pdf.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(latin1('\n'));
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, pos);
    push(latin1(`${o.num} 0 obj\n`));
    push(o.body);
    push(latin1('\nendobj\n'));
  }
  const maxNum = Math.max(prev.size - 1, ...objects.map((o) => o.num));
  const common = `/Root ${trailer.root}${trailer.info ? ` /Info ${trailer.info}` : ''}${trailer.id ? ` /ID ${trailer.id}` : ''} /Prev ${prev.offset}`;
  const xrefAt = pos;
  if (!prev.isStream) {
    let table = 'xref\n';
    for (const [start, count] of subsections([...offsets.keys()].sort((a, b) => a - b))) {
      table += `${start} ${count}\n`;
      for (let n = start; n < start + count; n++) table += `${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n`;
    }
    table += `trailer\n<< /Size ${maxNum + 1} ${common} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    push(latin1(table));
  } else {
    // The xref stream lists itself too; rows are type 1 (in use), 4-byte offset, 2-byte generation.
    const selfNum = maxNum + 1;
    offsets.set(selfNum, xrefAt);
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const rows = Buffer.alloc(nums.length * 7);
    nums.forEach((n, i) => {
      rows[i * 7] = 1;
      rows.writeUInt32BE(offsets.get(n)!, i * 7 + 1);
      rows.writeUInt16BE(0, i * 7 + 5);
    });
    const index = subsections(nums).map(([s, c]) => `${s} ${c}`).join(' ');
    push(latin1(`${selfNum} 0 obj\n<< /Type /XRef /Size ${selfNum + 1} /W [1 4 2] /Index [${index}] ${common} /Length ${rows.length} >>\nstream\n`));
    push(rows);
    push(latin1(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
  }
  const out = new Uint8Array(pos);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
