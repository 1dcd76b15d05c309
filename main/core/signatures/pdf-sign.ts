/**
 * PAdES signing of a PDF (ETSI EN 319 142-1, baseline B-B): a signature field + widget on a page (visible
 * with a stamp appearance, or invisible with a zero rectangle), a /Sig dictionary with /SubFilter
 * /ETSI.CAdES.detached whose /Contents placeholder is filled with the CMS over the /ByteRange, all written
 * as an incremental update so every earlier signature stays valid. pdf-lib only parses and serialises
 * objects here; it never re-saves the document (a re-save breaks earlier signatures, FEASIBILITY 12c).
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import type { SigningKey } from '../ports/signer';
import { buildCadesDetached } from './cms';
import { appendIncrement, readPreviousXref, type AppendedObject } from './pdf-incremental';

const E = vi.signatures.errors;
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** Bytes reserved for the CMS: a 3-certificate RSA-2048 chain is ~4 KB, a timestamp token adds ~5 KB. */
export const CONTENTS_BYTES = 16384;
const BYTE_RANGE_WIDTH = 40;

export interface StampPlacement {
  /** 1-based page number. */
  page: number;
  /** Lower-left corner in PDF points from the page's lower-left corner. */
  x: number;
  y: number;
  /** A one-page PDF whose page is the stamp (its size is the widget's size). */
  appearance: Uint8Array;
}

export interface SignOptions {
  signingTime: Date;
  signerName?: string;
  reason?: string;
  location?: string;
  /** Where the claimed time comes from; "pc" is said so in the signature properties (/Prop_Build). */
  timeSource: 'pc' | 'tsa';
  visible?: StampPlacement;
}

function serialise(obj: PDFObject): Uint8Array {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return buf;
}

/** PDF date with the PC's UTC offset, e.g. D:20261207133000+07'00'. */
export function pdfDate(d: Date): string {
  const p = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `D:${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}${sign}${p(Math.trunc(off / 60))}'${p(off % 60)}'`;
}

async function load(pdf: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: true });
  } catch (cause) {
    throw new AppError('invalid_input', E.pdfBroken, { cause, details: { reason: 'unparsable' } });
  }
  if (doc.isEncrypted || doc.context.trailerInfo.Encrypt) throw new AppError('invalid_input', E.pdfEncrypted, { details: { reason: 'encrypted' } });
  return doc;
}

/** A certification signature with /P 1 forbids any change, another signature included (ISO 32000-1 §12.8.2.2). */
function refuseIfLocked(doc: PDFDocument): void {
  const perms = doc.catalog.lookupMaybe(PDFName.of('Perms'), PDFDict);
  const mdp = perms?.lookupMaybe(PDFName.of('DocMDP'), PDFDict);
  const refs = mdp?.lookupMaybe(PDFName.of('Reference'), PDFArray);
  for (let i = 0; refs && i < refs.size(); i++) {
    const params = refs.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of('TransformParams'), PDFDict);
    const p = params?.lookupMaybe(PDFName.of('P'), PDFNumber)?.asNumber() ?? 2;
    if (p === 1) throw new AppError('conflict', E.pdfLocked, { details: { reason: 'docmdp' } });
  }
}

/** An array that may be stored inline in `holder` or as its own object; records what must be rewritten. */
function arrayIn(doc: PDFDocument, holder: PDFDict, key: string, dirty: Set<PDFRef>): PDFArray {
  const raw = holder.get(PDFName.of(key));
  if (raw instanceof PDFRef) {
    const arr = doc.context.lookup(raw, PDFArray);
    dirty.add(raw);
    return arr;
  }
  if (raw instanceof PDFArray) return raw;
  const arr = doc.context.obj([]);
  holder.set(PDFName.of(key), arr);
  return arr;
}

function fieldCount(doc: PDFDocument, fields: PDFArray): number {
  void doc;
  return fields.size();
}

/** The signature dictionary with fixed-width placeholders; returns it and where the placeholders sit. */
function sigDictionary(opts: SignOptions): string {
  const text = (s: string) => PDFHexString.fromText(s).toString();
  const entries = [
    '/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached',
    `/ByteRange [${' '.repeat(BYTE_RANGE_WIDTH)}]`,
    `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`,
    `/M ${text(pdfDate(opts.signingTime))}`,
    opts.signerName ? `/Name ${text(opts.signerName)}` : '',
    opts.reason ? `/Reason ${text(opts.reason)}` : '',
    opts.location ? `/Location ${text(opts.location)}` : '',
    // Where the time came from, in the properties a reader shows (PDF Signature Build Dictionary spec).
    `/Prop_Build << /App << /Name /MotCua.Desk /TimeSource /${opts.timeSource === 'pc' ? 'PC.Clock' : 'RFC3161'} >> >>`,
    opts.timeSource === 'pc' ? `/Prop_AuthTime 0 /Prop_AuthType /PIN` : '',
  ];
  return `<< ${entries.filter(Boolean).join(' ')} >>`;
}

/** Prepare the incremental update with an empty signature; returns the bytes and the byte range. */
export async function preparePdf(pdf: Uint8Array, opts: SignOptions): Promise<{ bytes: Uint8Array; byteRange: [number, number, number, number] }> {
  const prev = readPreviousXref(pdf);
  const doc = await load(pdf);
  refuseIfLocked(doc);
  const ctx = doc.context;
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, prev.size - 1);
  const original = ctx.largestObjectNumber;
  const root = ctx.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw new AppError('invalid_input', E.pdfBroken, { details: { reason: 'no_root' } });
  const dirty = new Set<PDFRef>([root]);

  const pages = doc.getPages();
  const pageNo = opts.visible?.page ?? 1;
  if (pageNo < 1 || pageNo > pages.length) throw new AppError('invalid_input', E.pageMissing(pageNo, pages.length), { details: { reason: 'page' } });
  const page = pages[pageNo - 1]!;
  dirty.add(page.ref);

  let acroForm: PDFDict;
  const rawForm = doc.catalog.get(PDFName.of('AcroForm'));
  if (rawForm instanceof PDFRef) {
    acroForm = ctx.lookup(rawForm, PDFDict);
    dirty.add(rawForm);
  } else if (rawForm instanceof PDFDict) acroForm = rawForm;
  else {
    acroForm = ctx.obj({});
    doc.catalog.set(PDFName.of('AcroForm'), acroForm);
  }
  const fields = arrayIn(doc, acroForm, 'Fields', dirty);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));

  const sigRef = ctx.nextRef();
  let rect = [0, 0, 0, 0];
  const widget: Record<string, unknown> = {
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(`Signature${fieldCount(doc, fields) + 1}`),
    V: sigRef,
    F: 132, // Print + Locked
    P: page.ref,
  };
  if (opts.visible) {
    const [stamp] = await doc.embedPdf(opts.visible.appearance, [0]);
    await stamp!.embed();
    rect = [opts.visible.x, opts.visible.y, opts.visible.x + stamp!.width, opts.visible.y + stamp!.height];
    widget.AP = { N: stamp!.ref };
  }
  widget.Rect = rect;
  const widgetRef = ctx.register(ctx.obj(widget as never));
  fields.push(widgetRef);
  arrayIn(doc, page.node, 'Annots', dirty).push(widgetRef);

  const objects: AppendedObject[] = [];
  for (const ref of dirty) objects.push({ num: ref.objectNumber, body: serialise(ctx.lookup(ref)!) });
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber > original && ref !== sigRef) objects.push({ num: ref.objectNumber, body: serialise(obj) });
  }
  objects.push({ num: sigRef.objectNumber, body: latin1(sigDictionary(opts)) });
  const t = ctx.trailerInfo;
  const bytes = appendIncrement(pdf, prev, objects, {
    root: root.toString(),
    info: t.Info ? t.Info.toString() : undefined,
    id: t.ID ? t.ID.toString() : undefined,
  });
  return { bytes, byteRange: fillByteRange(bytes, pdf.length) };
}

/** Find the placeholders written after `from`, write the /ByteRange in place and return it. */
function fillByteRange(bytes: Uint8Array, from: number): [number, number, number, number] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const br = text.indexOf('/ByteRange [', from, 'latin1') + '/ByteRange ['.length;
  const start = text.indexOf(`/Contents <${'0'.repeat(64)}`, from, 'latin1') + '/Contents '.length;
  const end = start + CONTENTS_BYTES * 2 + 2;
  const range: [number, number, number, number] = [0, start, end, bytes.length - end];
  const value = range.join(' ').padEnd(BYTE_RANGE_WIDTH, ' ');
  bytes.set(latin1(value), br);
  return range;
}

export function digestByteRange(bytes: Uint8Array, [a, b, c, d]: readonly number[]): Buffer {
  return createHash('sha256').update(bytes.subarray(a!, a! + b!)).update(bytes.subarray(c!, c! + d!)).digest();
}

/** Put the CMS (DER) into the /Contents placeholder as hex. */
export function embedCms(bytes: Uint8Array, byteRange: readonly number[], cms: Uint8Array): Uint8Array {
  if (cms.length > CONTENTS_BYTES) throw new AppError('internal', E.cmsTooLarge, { details: { reason: 'cms_size', size: cms.length } });
  const hex = Buffer.from(cms).toString('hex').padEnd(CONTENTS_BYTES * 2, '0');
  bytes.set(latin1(hex), byteRange[1]! + 1);
  return bytes;
}

/** Sign a PDF as a new revision: the original bytes are a prefix of the result. */
export async function signPdf(pdf: Uint8Array, key: SigningKey, opts: SignOptions): Promise<Uint8Array> {
  const { bytes, byteRange } = await preparePdf(pdf, opts);
  const cms = await buildCadesDetached(digestByteRange(bytes, byteRange), key);
  return embedCms(bytes, byteRange, cms);
}
