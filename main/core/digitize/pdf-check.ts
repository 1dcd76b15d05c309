import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { AppError } from '../../../shared/errors';
import type { ColourMode } from '../ports/scanner';
import { digitizeVi } from '../../../shared/i18n/vi/digitize';
import { pdfHeaderOffset } from '../../../shared/domain/file-kind';

export interface PdfCheckOptions {
  maxPages?: number;
}

export interface CheckedPdf {
  doc: PDFDocument;
  pageCount: number;
  /** Page sizes in millimetres (as displayed, /Rotate applied). */
  pagesMm: { width: number; height: number }[];
  /** Resolution of the largest image on the pages when the PDF is a scan; null for born-digital PDFs. */
  dpi: number | null;
  mode: ColourMode | null;
}

/** Keys that make a PDF run code or launch programs when opened or clicked. */
const ACTIVE_KEYS = new Set(['JS', 'JavaScript', 'Launch']);
const ACTIVE_ACTION_TYPES = new Set(['JavaScript', 'Launch', 'Rendition']);

const PT_PER_MM = 72 / 25.4;

/**
 * Parses a PDF from the outside and refuses what must not be stored: broken files, encrypted files
 * (the stored copy must open without a password for years) and files carrying JavaScript or launch
 * actions. The walk goes over every object, including the ones packed in compressed object streams,
 * and pdf-lib decodes #xx escapes in names, so `/J#53` is still seen as `/JS`.
 */
export async function checkPdf(bytes: Uint8Array, name: string, opts: PdfCheckOptions = {}): Promise<CheckedPdf> {
  if (pdfHeaderOffset(bytes) < 0) throw new AppError('invalid_input', digitizeVi.pdfCorrupt(name));
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (e) {
    if (e instanceof Error && e.name === 'EncryptedPDFError') throw new AppError('invalid_input', digitizeVi.pdfEncrypted(name), { cause: e });
    throw new AppError('invalid_input', digitizeVi.pdfCorrupt(name), { cause: e });
  }
  if (doc.isEncrypted) throw new AppError('invalid_input', digitizeVi.pdfEncrypted(name));

  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (hasActiveContent(obj, 0)) throw new AppError('invalid_input', digitizeVi.pdfJavascript(name), { details: { reason: 'active_content' } });
  }

  let pages;
  try {
    pages = doc.getPages();
  } catch (e) {
    throw new AppError('invalid_input', digitizeVi.pdfCorrupt(name), { cause: e });
  }
  const pageCount = pages.length;
  if (pageCount === 0) throw new AppError('invalid_input', digitizeVi.pdfNoPages(name));
  const maxPages = opts.maxPages ?? 500;
  if (pageCount > maxPages) throw new AppError('invalid_input', digitizeVi.tooManyPages(name, pageCount, maxPages));

  const pagesMm = pages.map((p) => {
    const { width, height } = p.getSize();
    const rot = ((p.getRotation().angle % 360) + 360) % 360;
    const [w, h] = rot === 90 || rot === 270 ? [height, width] : [width, height];
    return { width: w / PT_PER_MM, height: h / PT_PER_MM };
  });

  let dpi: number | null = null;
  const modes = new Set<ColourMode>();
  for (const page of pages) {
    const img = largestImage(page.node, doc);
    if (!img) continue;
    const { width, height } = page.getSize();
    const pageDpi = Math.round(Math.max(img.width, img.height) / (Math.max(width, height) / 72));
    dpi = dpi === null ? pageDpi : Math.min(dpi, pageDpi);
    modes.add(img.mode);
  }
  const mode: ColourMode | null = modes.has('color') ? 'color' : modes.has('gray') ? 'gray' : modes.has('bw') ? 'bw' : null;
  return { doc, pageCount, pagesMm, dpi, mode };
}

function hasActiveContent(obj: PDFObject | undefined, depth: number): boolean {
  // Indirect references are visited on their own by the enumeration; depth guards crafted nesting.
  if (!obj || depth > 64 || obj instanceof PDFRef) return false;
  if (obj instanceof PDFStream) return hasActiveContent(obj.dict, depth + 1);
  if (obj instanceof PDFArray) {
    for (let i = 0; i < obj.size(); i++) if (hasActiveContent(obj.get(i), depth + 1)) return true;
    return false;
  }
  if (obj instanceof PDFDict) {
    for (const [key, value] of obj.entries()) {
      const k = key.decodeText();
      if (ACTIVE_KEYS.has(k)) return true;
      if (k === 'S' && value instanceof PDFName && ACTIVE_ACTION_TYPES.has(value.decodeText())) return true;
      if (hasActiveContent(value, depth + 1)) return true;
    }
  }
  return false;
}

function largestImage(pageNode: PDFDict, doc: PDFDocument): { width: number; height: number; mode: ColourMode } | null {
  const resources = pageNode.lookupMaybe(PDFName.of('Resources'), PDFDict);
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return null;
  let best: { width: number; height: number; mode: ColourMode } | null = null;
  for (const [, ref] of xobjects.entries()) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFStream)) continue;
    const d = stream.dict;
    if (d.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() !== 'Image') continue;
    const w = d.lookupMaybe(PDFName.of('Width'), PDFNumber)?.asNumber() ?? 0;
    const h = d.lookupMaybe(PDFName.of('Height'), PDFNumber)?.asNumber() ?? 0;
    if (best && w * h <= best.width * best.height) continue;
    best = { width: w, height: h, mode: imageMode(d, doc) };
  }
  return best;
}

function imageMode(d: PDFDict, doc: PDFDocument): ColourMode {
  const bpc = d.lookupMaybe(PDFName.of('BitsPerComponent'), PDFNumber)?.asNumber();
  const filter = d.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFName ? [filter.decodeText()] : filter instanceof PDFArray ? filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : '')) : [];
  if (bpc === 1 || filters.includes('CCITTFaxDecode') || filters.includes('JBIG2Decode') || d.lookup(PDFName.of('ImageMask'))) return 'bw';
  const cs = d.lookup(PDFName.of('ColorSpace'));
  let csName = cs instanceof PDFName ? cs.decodeText() : '';
  if (cs instanceof PDFArray) {
    const first = cs.lookup(0);
    csName = first instanceof PDFName ? first.decodeText() : '';
    if (csName === 'ICCBased') {
      const icc = cs.lookup(1);
      const n = icc instanceof PDFStream ? icc.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber() : undefined;
      return n === 1 ? 'gray' : 'color';
    }
  } else if (cs instanceof PDFRef) {
    const resolved = doc.context.lookup(cs);
    if (resolved instanceof PDFName) csName = resolved.decodeText();
  }
  return csName === 'DeviceGray' || csName === 'CalGray' ? 'gray' : 'color';
}
