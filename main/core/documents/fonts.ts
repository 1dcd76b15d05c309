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

/**
 * Shaping each word with fontkit is what makes a fresh document slow (hundreds of milliseconds for a receipt).
 * pdfkit caches word shapes per document; the cache holds glyph ids, advances and code points only (subset, widths
 * and ToUnicode map stay per document, and pdfkit copies positions before changing them), so one cache per style is
 * shared by all documents.
 *
 * The parsed fontkit font itself is NOT shared: subsetting at the end of a document caches the component glyphs of
 * composite letters (o of ơ, E of Ế) without their code points, and a later document laying out that letter would get
 * the cached glyph and write no Unicode mapping for it, so pdftotext would lose the letter. Parsing per document
 * is cheap (tables are read lazily); only the shaping is expensive.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const buffers = fontBuffers();
  if (!shapeCaches || Object.values(shapeCaches).some((c) => Object.keys(c).length > MAX_SHARED_WORDS)) {
    // A bound on memory: names and addresses keep adding words over the life of the process.
    shapeCaches = { regular: Object.create(null), bold: Object.create(null), italic: Object.create(null), boldItalic: Object.create(null) };
  }
  for (const style of Object.keys(FONT_NAME) as FontStyle[]) {
    doc.registerFont(FONT_NAME[style], buffers[style]);
    doc.font(FONT_NAME[style]);
    const embedded = (doc as unknown as { _font?: PdfkitEmbeddedFont })._font;
    // If a future pdfkit drops the per-word cache, rendering still works, only slower.
    if (embedded && embedded.layoutCache) embedded.layoutCache = shapeCaches[style];
  }
}
