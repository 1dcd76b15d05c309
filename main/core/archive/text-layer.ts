/**
 * The searchable PDF (issue 18): an invisible text layer over each scanned page, with every OCR word
 * placed on its box, so any PDF viewer can select and find the words. Written as an incremental update
 * (core/signatures/pdf-incremental.ts): the original bytes, the page pictures included, stay exactly as
 * they were, and the layer costs a few KB (a 0.6 KB glyphless font shared by all pages, one compressed
 * content stream per page).
 *
 * How a word is placed: text render mode 3 (neither filled nor stroked), the font size is the box's
 * height, each glyph is GLYPHLESS_ADVANCE/1000 em wide and the horizontal scaling (Tz) stretches the
 * word to the box's width. CIDs are UTF-16 code units (Identity-H); the ToUnicode CMap maps them back.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { appendIncrement, readPreviousXref, type AppendedObject } from '../signatures/pdf-incremental';
import { GLYPHLESS_ADVANCE, GLYPHLESS_NAME, glyphlessFont } from './glyphless-font';

/** One OCR word: its box in image pixels (origin top-left). */
export interface LayerWord {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The engine's line number: words of one line share one size and baseline. */
  line?: number;
}

export interface PageWords {
  /** 1-based page number. */
  page: number;
  /** Size of the picture the boxes were measured on (the page's image fills the page). */
  imageWidth: number;
  imageHeight: number;
  words: readonly LayerWord[];
}

/** Resource name of the font on each page; unlikely to clash with a scanner's or another tool's. */
const FONT_KEY = 'FMcOcr';

function serialise(obj: PDFObject): Uint8Array {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return buf;
}

/** True when the PDF already carries our text layer (the font's name is in it): adding it twice is a no-op. */
export function hasTextLayer(pdf: Uint8Array): boolean {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).includes(`/BaseFont /${GLYPHLESS_NAME}`, 0, 'latin1');
}

const TO_UNICODE = [
  '/CIDInit /ProcSet findresource begin',
  '12 dict begin',
  'begincmap',
  '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
  '/CMapName /Adobe-Identity-UCS def',
  '/CMapType 2 def',
  '1 begincodespacerange',
  '<0000> <FFFF>',
  'endcodespacerange',
  '1 beginbfrange',
  '<0000> <FFFF> <0000>',
  'endbfrange',
  'endcmap',
  'CMapName currentdict /CMap defineresource pop',
  'end',
  'end',
].join('\n');

/** The Type0 font and its parts, registered in the document; returns the font's reference. */
function registerFont(doc: PDFDocument): PDFRef {
  const ctx = doc.context;
  const program = glyphlessFont();
  const fontFile = ctx.register(ctx.flateStream(program, { Length1: program.length }));
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: GLYPHLESS_NAME,
      Flags: 5,
      FontBBox: [0, 0, GLYPHLESS_ADVANCE, 1000],
      ItalicAngle: 0,
      Ascent: 1000,
      Descent: 0,
      CapHeight: 1000,
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  // Every CID (UTF-16 code unit) draws glyph 1, the blank one.
  const map = Buffer.alloc(65536 * 2);
  for (let i = 1; i < map.length; i += 2) map[i] = 1;
  const cidToGid = ctx.register(ctx.flateStream(map));
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: GLYPHLESS_NAME,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: GLYPHLESS_ADVANCE,
      CIDToGIDMap: cidToGid,
    }),
  );
  const toUnicode = ctx.register(ctx.flateStream(TO_UNICODE));
  return ctx.register(
    ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: GLYPHLESS_NAME, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }),
  );
}

/** UTF-16 code units as hex CIDs; lone surrogates and control characters are dropped. */
function hexCids(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff)) continue;
    for (let i = 0; i < ch.length; i++) out += ch.charCodeAt(i).toString(16).padStart(4, '0');
  }
  return out;
}

/**
 * The content stream of one page's layer, in the page's own coordinates. Kept small because a bilevel page
 * is only ~35 KB: one font size per line, each line placed once (Tm) and its words by offsets (Td), whole
 * points (0.35 mm is finer than selection needs), the horizontal scaling (Tz) per word in whole percent so
 * each word covers exactly its box. A space follows every word but a line's last, so text tools see words
 * even where the gap on paper is narrow.
 */
export function layerContent(p: PageWords, box: { x: number; y: number; width: number; height: number }): string {
  const sx = box.width / p.imageWidth;
  const sy = box.height / p.imageHeight;
  const lines = new Map<number, LayerWord[]>();
  for (const [i, w] of p.words.entries()) {
    if (w.w <= 0 || w.h <= 0 || !hexCids(w.text)) continue;
    const key = w.line ?? -1 - i;
    lines.set(key, [...(lines.get(key) ?? []), w]);
  }
  const ops: string[] = ['BT 3 Tr'];
  let size = -1;
  let scale = 100;
  for (const words of lines.values()) {
    words.sort((a, b) => a.x - b.x);
    const heights = words.map((w) => w.h).sort((a, b) => a - b);
    const lineSize = Math.max(1, Math.round(heights[Math.floor(heights.length / 2)]! * sy));
    if (lineSize !== size) ops.push(`/${FONT_KEY} ${lineSize} Tf`);
    size = lineSize;
    // Baseline at the line's top + its size: the glyph box (ascent 1000, descent 0) then covers the words.
    const top = Math.min(...words.map((w) => w.y));
    const y = Math.round(box.y + box.height - top * sy - size);
    let prevX = 0;
    words.forEach((w, i) => {
      const hex = hexCids(w.text);
      const x = Math.round(box.x + w.x * sx);
      const natural = ((hex.length / 4) * GLYPHLESS_ADVANCE * size) / 1000;
      const wordScale = Math.max(1, Math.round((100 * w.w * sx) / natural));
      const move = i === 0 ? `1 0 0 1 ${x} ${y} Tm` : `${x - prevX} 0 Td`;
      const tz = wordScale === scale ? '' : ` ${wordScale} Tz`;
      ops.push(`${move}${tz} <${hex}${i < words.length - 1 ? '0020' : ''}> Tj`);
      scale = wordScale;
      prevX = x;
    });
  }
  ops.push('ET');
  return ops.join('\n');
}

/** The page's content streams as references (a single stream, an array, or an array kept as its own object). */
function contentRefs(doc: PDFDocument, page: PDFDict): PDFObject[] {
  const raw = page.get(PDFName.of('Contents'));
  if (raw instanceof PDFRef) {
    const target = doc.context.lookup(raw);
    if (target instanceof PDFArray) return target.asArray();
    return [raw];
  }
  if (raw instanceof PDFArray) return raw.asArray();
  return [];
}

/**
 * Add the text layer to `pdf` for the given pages. Pages not listed, or without words, are left alone.
 * Returns the new file (the original bytes + one incremental update), or the input when nothing was added.
 */
export async function addTextLayer(pdf: Uint8Array, pages: readonly PageWords[]): Promise<Uint8Array> {
  const withWords = pages.filter((p) => p.words.length > 0 && p.imageWidth > 0 && p.imageHeight > 0);
  if (withWords.length === 0 || hasTextLayer(pdf)) return pdf;
  const prev = readPreviousXref(pdf);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: true });
  const ctx = doc.context;
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, prev.size - 1);
  const original = ctx.largestObjectNumber;
  const fontRef = registerFont(doc);
  const dirty = new Set<PDFRef>();
  const all = doc.getPages();
  // Balance the original's graphics state: its content runs between q … Q, so ours starts from the page's own space.
  const open = ctx.register(ctx.stream('q\n'));
  for (const p of withWords) {
    const page = all[p.page - 1];
    if (!page) continue;
    const mb = page.getMediaBox();
    const layer = ctx.register(ctx.flateStream(`Q\n${layerContent(p, mb)}\n`));
    page.node.set(PDFName.of('Contents'), ctx.obj([open, ...contentRefs(doc, page.node), layer]));
    // A fresh resources dictionary on the page itself: the inherited or shared one is never modified.
    const res = page.node.Resources();
    const fresh = PDFDict.withContext(ctx);
    for (const [k, v] of res?.entries() ?? []) fresh.set(k, v);
    const fonts = PDFDict.withContext(ctx);
    const oldFonts = res?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [k, v] of oldFonts?.entries() ?? []) fonts.set(k, v);
    fonts.set(PDFName.of(FONT_KEY), fontRef);
    fresh.set(PDFName.of('Font'), fonts);
    page.node.set(PDFName.of('Resources'), fresh);
    dirty.add(page.ref);
  }
  const objects: AppendedObject[] = [];
  for (const ref of dirty) objects.push({ num: ref.objectNumber, body: serialise(ctx.lookup(ref)!) });
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber > original) objects.push({ num: ref.objectNumber, body: serialise(obj) });
  }
  const root = ctx.trailerInfo.Root;
  const t = ctx.trailerInfo;
  return appendIncrement(pdf, prev, objects, {
    root: root instanceof PDFRef ? root.toString() : String(root),
    info: t.Info ? t.Info.toString() : undefined,
    id: t.ID ? t.ID.toString() : undefined,
  });
}
