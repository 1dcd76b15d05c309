import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppError } from '../../../shared/errors';

/**
 * Tinos: metric-compatible with Times New Roman (the typeface Decree 30/2020 prescribes) with full Vietnamese
 * coverage. Only the full TTFs of @expo-google-fonts/tinos work: Fontsource ships subsets and pdfkit has no glyph
 * fallback (FEASIBILITY.md 6b–6c, gotcha 5).
 */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

/** pdfkit font names; the embedded PDF font names come from the TTFs (Tinos, Tinos-Bold, …). */
export const FONT_NAME: Record<FontStyle, string> = { regular: 'R', bold: 'B', italic: 'I', boldItalic: 'BI' };

let buffers: Record<FontStyle, Buffer> | undefined;

/** Read once per process: the four files are 2.6 MB and a warm render must not touch the disk for them. */
export function fontBuffers(): Record<FontStyle, Buffer> {
  if (buffers) return buffers;
  const require = createRequire(import.meta.url);
  const out = {} as Record<FontStyle, Buffer>;
  for (const [style, spec] of Object.entries(FILES) as [FontStyle, string][]) {
    try {
      out[style] = readFileSync(require.resolve(spec));
    } catch (cause) {
      throw new AppError('internal', `Thiếu phông chữ Tinos (${spec}) để in biểu mẫu. Hãy cài lại phần mềm.`, { cause });
    }
  }
  buffers = out;
  return out;
}

/** What pdfkit keeps per font inside a document; only the field touched here (pdfkit 0.20, pinned). */
interface PdfkitEmbeddedFont {
  layoutCache?: Record<string, unknown>;
}

const MAX_SHARED_WORDS = 20_000;
let shapeCaches: Record<FontStyle, Record<string, unknown>> | undefined;

/** The parts of a parsed fontkit font touched here (fontkit 2 as bundled with pdfkit 0.20, pinned). */
interface FontkitFont {
  layout(...args: unknown[]): unknown;
  _glyphs?: Record<number, unknown>;
}

let parsedFonts: Record<FontStyle, FontkitFont> | undefined;

/**
 * Shaping each word with fontkit, and before that parsing the TTF tables it needs (cmap, hmtx, GSUB, GPOS: about
 * 100 ms and a lot of garbage per document for the four styles), is what makes a fresh document slow. So both are
 * shared by all documents of the process:
 *
 * - the parsed fontkit font: pdfkit accepts a font object instead of bytes. Its glyph cache is emptied before each
 *   document, because subsetting at the end of a document caches the component glyphs of composite letters (o of ơ,
 *   E of Ế) without their code points, and a later document laying out that letter would get the cached glyph and
 *   write no Unicode mapping for it (pdftotext would lose the letter). The parsed tables stay; they are read-only.
 * - pdfkit's per-word shape cache: it holds glyph ids, advances and code points only (subset, widths and ToUnicode
 *   map stay per document, and pdfkit copies positions before changing them).
 *
 * Documents are built synchronously from layout to `doc.end()`, so two documents never interleave on one font.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const buffers = fontBuffers();
  if (!shapeCaches || Object.values(shapeCaches).some((c) => Object.keys(c).length > MAX_SHARED_WORDS)) {
    // A bound on memory: names and addresses keep adding words over the life of the process.
    shapeCaches = { regular: Object.create(null), bold: Object.create(null), italic: Object.create(null), boldItalic: Object.create(null) };
  }
  if (!parsedFonts) {
    const made = {} as Record<FontStyle, FontkitFont>;
    for (const style of Object.keys(FONT_NAME) as FontStyle[]) {
      // Let pdfkit parse it once (its own bundled fontkit), then keep the parsed object.
      const probe = new (doc.constructor as new (o: object) => PDFKit.PDFDocument)({ autoFirstPage: false });
      probe.registerFont('X', buffers[style]);
      probe.font('X');
      made[style] = (probe as unknown as { _font: { font: FontkitFont } })._font.font;
    }
    parsedFonts = made;
  }
  for (const style of Object.keys(FONT_NAME) as FontStyle[]) {
    const font = parsedFonts[style];
    font._glyphs = {};
    doc.registerFont(FONT_NAME[style], font as unknown as Buffer);
    doc.font(FONT_NAME[style]);
    const embedded = (doc as unknown as { _font?: PdfkitEmbeddedFont })._font;
    // If a future pdfkit drops the per-word cache, rendering still works, only slower.
    if (embedded && embedded.layoutCache) embedded.layoutCache = shapeCaches[style];
  }
}
