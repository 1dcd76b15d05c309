import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import { digitizeVi } from '../../../shared/i18n/vi/digitize';
import { checkPdf } from './pdf-check';
import type { DigitizeInput } from './pipeline';
import { checkFileName, requireKind, type FileKind } from '../../../shared/domain/file-kind';

export interface ImportOptions {
  /** Same limit as the pipeline's maxInputPixels (default 40 M pixels per page). */
  maxInputPixels?: number;
  /** Pages per file (default 500). */
  maxPages?: number;
}

export interface ImportedFile {
  /** The display name, NFC, checked (no path parts). */
  name: string;
  kind: FileKind;
  pageCount: number;
  /** What to feed the page pipeline: one PDF input, or one image input per page (TIFF pages share the bytes). */
  inputs: DigitizeInput[];
}

/**
 * An imported file (drag-and-drop, file picker, scan-to-folder) → inputs for the page pipeline.
 * The type comes from the bytes, never from the extension. Headers are checked here (size, page
 * count, JavaScript in PDFs), so an obviously hostile file is refused before any pixel is decoded;
 * the pipeline then refuses corrupt pixel data, and it fails as a whole, never half-done.
 */
export async function importFile(bytes: Buffer, fileName: string, opts: ImportOptions = {}): Promise<ImportedFile> {
  const name = checkFileName(fileName);
  const kind = requireKind(bytes, name);
  const maxPages = opts.maxPages ?? 500;
  const maxPixels = opts.maxInputPixels ?? 40_000_000;

  if (kind === 'pdf') {
    const checked = await checkPdf(bytes, name, { maxPages });
    return { name, kind, pageCount: checked.pageCount, inputs: [{ kind: 'pdf', bytes, name }] };
  }

  let pages = 1;
  const headerOf = async (page: number) => {
    try {
      return await sharp(bytes, { page, limitInputPixels: false }).metadata();
    } catch (e) {
      throw new AppError('invalid_input', digitizeVi.corruptImage(name), { cause: e });
    }
  };
  const first = await headerOf(0);
  if (kind === 'tiff') pages = first.pages ?? 1;
  if (pages > maxPages) throw new AppError('invalid_input', digitizeVi.tooManyPages(name, pages, maxPages));

  const inputs: DigitizeInput[] = [];
  for (let page = 0; page < pages; page++) {
    const meta = page === 0 ? first : await headerOf(page);
    const px = (meta.width ?? 0) * (meta.height ?? 0);
    if (px <= 0) throw new AppError('invalid_input', digitizeVi.corruptImage(name));
    if (px > maxPixels) {
      throw new AppError('invalid_input', digitizeVi.tooManyPixels(name, Math.round(px / 1e6), Math.round(maxPixels / 1e6)), {
        details: { width: meta.width, height: meta.height },
      });
    }
    inputs.push({ kind: 'image', image: bytes, page, name: pages > 1 ? `${name} (trang ${page + 1})` : name });
  }
  return { name, kind, pageCount: pages, inputs };
}
