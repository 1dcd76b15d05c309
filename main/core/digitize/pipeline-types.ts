/** What goes into the page pipeline and what comes out: inputs, options, per-page reports, the PDF. */
import type { ColourMode } from '../ports/scanner';

export const MM_PER_INCH = 25.4;

/** One encoded page image: PNG, JPEG or (one page of) a TIFF. */
export interface PageImageInput {
  kind: 'image';
  image: Buffer;
  /** Page of a multi-page TIFF (0-based). */
  page?: number;
  /** Resolution the device scanned at, when known (it beats whatever the file claims). */
  dpi?: number;
  /** Shown in messages ("ảnh.jpg", "trang 3"). */
  name?: string;
}

/** A whole PDF (imported, or dropped by a scan-to-folder device). */
export interface PdfInput {
  kind: 'pdf';
  bytes: Buffer;
  name?: string;
}

export type DigitizeInput = PageImageInput | PdfInput;

export interface PipelineOptions {
  /** Target resolution; pages scanned finer are downsampled to it, coarser pages are kept (and warned). */
  dpi: number;
  mode: ColourMode;
  jpegQuality?: number;
  /** 0–255 cut for 'bw'; 'auto' (default) picks Otsu's threshold per page, kept within 100–200. */
  bwThreshold?: number | 'auto';
  /** Ink fraction below which a page is flagged blank (default 0.0001 = 0.01 %: one short pen stroke is more). */
  blankInkRatio?: number;
  /** Refuse decoded images above this many pixels (decompression bombs). Default 40 M = A4 at 600 dpi plus margin. */
  maxInputPixels?: number;
  /** Refuse components above this many pages. Default 500. */
  maxPages?: number;
  /** Warn when the result is not colour (profiles for sealed papers set it). */
  colourRecommended?: boolean;
  /** PDF /Title (the component's name). */
  title?: string;
  /** Image-only output stays in memory up to this many bytes, then goes to a temp file. Default 4 MiB. */
  spillAboveBytes?: number;
  /** Folder for that temp file (default: the OS temp folder). */
  tempDir?: string;
}

export interface PageReport {
  /** 0-based page index in the output PDF. */
  index: number;
  name: string;
  widthPx: number;
  heightPx: number;
  /** Resolution of the page in the output (≤ target dpi). */
  dpi: number;
  widthMm: number;
  heightMm: number;
  /** EXIF orientation applied (1 = none). */
  orientation: number;
  /** Fraction of the page (margins excluded) covered by ink, 0–1. */
  inkRatio: number;
  /** Flagged as blank: the clerk confirms before the page is dropped; nothing is dropped here. */
  blank: boolean;
  /** Bytes of the compressed page image in the PDF. */
  bytes: number;
  /** True when the page came from a PDF and was copied, not re-encoded. */
  fromPdf: boolean;
}

export interface DigitizedPdf {
  pdf: Buffer;
  pageCount: number;
  /** Lowest page resolution; null when the PDF is born-digital (no page images). */
  dpi: number | null;
  mode: ColourMode | null;
  sha256: string;
  bytes: number;
  /** Vietnamese, for the clerk (low dpi, not colour, blank pages…). */
  warnings: string[];
  pages: PageReport[];
  /** 0-based indexes of pages flagged blank (see PageReport.blank). */
  blankPages: number[];
  /** The input was a single PDF stored byte for byte (keeps any digital signature valid). */
  passthrough: boolean;
}

/** `finishToFile()`'s result: the same report, the PDF being in `path` instead of memory. */
export type DigitizedFile = Omit<DigitizedPdf, 'pdf'> & { path: string };

/** PipelineOptions with every default filled in (title and temp dir stay optional). */
export type ResolvedPipelineOptions = Required<Omit<PipelineOptions, 'title' | 'tempDir'>> & { title?: string; tempDir?: string };
