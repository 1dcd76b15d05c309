/**
 * A TrueType font with no visible glyphs, for the invisible text layer of a searchable PDF (issue 18).
 * OCR text is drawn in text render mode 3 (invisible) over the page picture; a viewer never paints it,
 * it only needs a valid font to select and find the words. Embedding a real font would add tens of KB
 * to every page, so, like the PDF renderers of OCR engines, we embed a ~0.6 KB font of two empty glyphs
 * (.notdef and one blank glyph) and map every CID to the blank one (the PDF's CIDToGIDMap); the text
 * comes back through the ToUnicode CMap. Built in code (no font file to ship) and cached.
 *
 * Table layouts: the OpenType specification (head, hhea, maxp, OS/2, hmtx, cmap format 4, loca, glyf,
 * name, post version 3).
 */

const UNITS_PER_EM = 1000;
/** Advance width of the blank glyph; the PDF's /DW says the same, and the text layer scales words with Tz. */
export const GLYPHLESS_ADVANCE = 500;
/** The PostScript name, also the PDF's /BaseFont. */
export const GLYPHLESS_NAME = 'MotCuaOcrText';

class Writer {
  private readonly bytes: number[] = [];
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v >> 8).u8(v);
  }
  i16(v: number): this {
    return this.u16(v < 0 ? v + 0x10000 : v);
  }
  u32(v: number): this {
    return this.u16(Math.floor(v / 0x10000) & 0xffff).u16(v & 0xffff);
  }
  tag(t: string): this {
    for (const c of t) this.u8(c.charCodeAt(0));
    return this;
  }
  zeros(n: number): this {
    for (let i = 0; i < n; i++) this.u8(0);
    return this;
  }
  done(): Buffer {
    return Buffer.from(this.bytes);
  }
}

function head(): Buffer {
  const w = new Writer().u32(0x00010000).u32(0x00010000).u32(0) /* checkSumAdjustment, patched */;
  w.u32(0x5f0f3cf5).u16(0b0000_0000_0000_1011).u16(UNITS_PER_EM);
  w.u32(0).u32(0).u32(0).u32(0); // created, modified (1904 epoch; 0 is allowed)
  w.i16(0).i16(0).i16(GLYPHLESS_ADVANCE).i16(UNITS_PER_EM); // bbox
  return w.u16(0).u16(8).i16(2).i16(0 /* short loca */).i16(0).done();
}

function hhea(): Buffer {
  const w = new Writer().u32(0x00010000).i16(UNITS_PER_EM).i16(0).i16(0).u16(GLYPHLESS_ADVANCE);
  w.i16(0).i16(0).i16(GLYPHLESS_ADVANCE).i16(1).i16(0).i16(0).zeros(8);
  return w.i16(0).u16(2).done();
}

function maxp(): Buffer {
  // Version 1.0 (TrueType outlines): two glyphs, no points, no contours, no instructions.
  const w = new Writer().u32(0x00010000).u16(2);
  // maxPoints, maxContours, maxCompositePoints, maxCompositeContours, maxZones (2: twilight zone used or not),
  // maxTwilightPoints, maxStorage, maxFunctionDefs, maxInstructionDefs, maxStackElements, maxSizeOfInstructions,
  // maxComponentElements, maxComponentDepth.
  for (let i = 0; i < 13; i++) w.u16(i === 4 ? 2 : 0);
  return w.done();
}

function os2(): Buffer {
  const w = new Writer().u16(4).i16(GLYPHLESS_ADVANCE).u16(400).u16(5).u16(0); // version, avg width, weight, width class, fsType installable
  for (let i = 0; i < 10; i++) w.i16(0); // sub/superscript, strikeout metrics
  w.i16(0).zeros(10); // family class, panose
  w.u32(0).u32(0).u32(0).u32(0).tag('MCDK').u16(0x0040); // unicode ranges, vendor, fsSelection REGULAR
  w.u16(0x20).u16(0xffff).i16(UNITS_PER_EM).i16(0).i16(0).u16(UNITS_PER_EM).u16(0);
  w.u32(1).u32(0); // code page ranges: Latin 1
  return w.i16(0).i16(0).u16(0).u16(0x20).u16(1).done(); // xHeight, capHeight, default char, break char, max context
}

function hmtx(): Buffer {
  return new Writer().u16(GLYPHLESS_ADVANCE).i16(0).u16(GLYPHLESS_ADVANCE).i16(0).done();
}

/**
 * cmap format 4 with the space → glyph 1. The PDF never goes through it (CIDToGIDMap sends every CID to
 * glyph 1, ToUnicode gives the text); it is there because some font loaders refuse a font without one.
 */
function cmap(): Buffer {
  const segments: [number, number, number][] = [
    [0x20, 0x20, 1 - 0x20],
    [0xffff, 0xffff, 1],
  ];
  const segX2 = segments.length * 2;
  const w = new Writer().u16(0).u16(1).u16(3).u16(1).u32(12); // version, one subtable: Windows Unicode BMP
  const length = 16 + segments.length * 8;
  w.u16(4).u16(length).u16(0).u16(segX2).u16(4).u16(1).u16(0);
  for (const [, end] of segments) w.u16(end);
  w.u16(0);
  for (const [start] of segments) w.u16(start);
  for (const [, , delta] of segments) w.u16((delta + 0x10000) & 0xffff);
  for (let i = 0; i < segments.length; i++) w.u16(0);
  return w.done();
}

function loca(): Buffer {
  return new Writer().u16(0).u16(0).u16(0).done(); // both glyphs empty (short offsets, /2)
}

function nameTable(): Buffer {
  const names: [number, string][] = [
    [1, GLYPHLESS_NAME],
    [2, 'Regular'],
    [4, GLYPHLESS_NAME],
    [6, GLYPHLESS_NAME],
  ];
  const strings = names.map(([, s]) => Buffer.from(s, 'utf16le').swap16());
  const w = new Writer().u16(0).u16(names.length).u16(6 + names.length * 12);
  let offset = 0;
  names.forEach(([id], i) => {
    w.u16(3).u16(1).u16(0x409).u16(id).u16(strings[i]!.length).u16(offset);
    offset += strings[i]!.length;
  });
  const headPart = w.done();
  return Buffer.concat([headPart, ...strings]);
}

function post(): Buffer {
  return new Writer().u32(0x00030000).u32(0).i16(0).i16(0).u32(0).u32(0).u32(0).u32(0).u32(0).done();
}

function checksum(b: Buffer): number {
  const padded = Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

let cached: Buffer | null = null;

/** The font file (sfnt), built once. */
export function glyphlessFont(): Buffer {
  if (cached) return cached;
  const tables: [string, Buffer][] = [
    ['OS/2', os2()],
    ['cmap', cmap()],
    ['glyf', Buffer.alloc(0)],
    ['head', head()],
    ['hhea', hhea()],
    ['hmtx', hmtx()],
    ['loca', loca()],
    ['maxp', maxp()],
    ['name', nameTable()],
    ['post', post()],
  ];
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const dir = new Writer().u32(0x00010000).u16(n).u16(searchRange).u16(entrySelector).u16(n * 16 - searchRange);
  let offset = 12 + n * 16;
  const bodies: Buffer[] = [];
  for (const [tag, body] of tables) {
    dir.tag(tag).u32(checksum(body)).u32(offset).u32(body.length);
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  }
  const font = Buffer.concat([dir.done(), ...bodies]);
  // head.checkSumAdjustment = 0xB1B0AFBA − checksum of the whole font (computed with the field at 0).
  const headOffset = font.indexOf(Buffer.from('head')) + 8;
  const headAt = font.readUInt32BE(headOffset);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  cached = font;
  return font;
}
