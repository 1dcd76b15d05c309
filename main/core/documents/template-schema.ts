import { z } from 'zod';
import '../../../shared/contract/zod-locale';

/**
 * Shapes of the admin-editable files in assets/forms/ (DOMAIN.md: "Wording and layout come from templates/data the
 * admin can correct without a code change"). layout.json holds the numbers (paper, margins, font sizes, code sizes);
 * mau-0N.json holds the wording of one form as a list of blocks.
 *
 * Text in a block may contain:
 *   {path} or {path|fallback}  a value from the form's data (e.g. {applicant.name}, {dueAtWords}); the fallback is
 *                              printed when the value is empty (e.g. dots for the applicant to fill in by hand);
 *   **bold**, *italic*         inline emphasis;
 *   \n                         a line break.
 */

const mm = z.number().min(0).max(300);
const pt = z.number().min(4).max(40);

export const FontSizesSchema = z.strictObject({
  parentAgency: pt,
  unitName: pt,
  nationalTitle: pt,
  motto: pt,
  placeDate: pt,
  numberLine: pt,
  title: pt,
  subtitle: pt,
  body: pt,
  table: pt,
  small: pt,
  codeText: pt,
});
export type FontSizes = z.output<typeof FontSizesSchema>;
export type SizeName = keyof FontSizes;

export const PaperLayoutSchema = z.strictObject({
  widthMm: z.number().min(50).max(600),
  heightMm: z.number().min(50).max(600),
  margins: z.strictObject({ top: mm, bottom: mm, left: mm, right: mm }),
  sizes: FontSizesSchema,
  /** Line height as a multiple of the font size. */
  lineHeight: z.number().min(1).max(2.5),
  /** Space between blocks. */
  paragraphGapMm: mm,
  header: z.strictObject({
    /** Width of the left (agency) column as a share of the content width; the right column holds the national title. */
    leftShare: z.number().min(0.2).max(0.6),
    /** Short rule under the unit name, as a share of the unit name's width (Decree 30: 1/3 to 1/2). */
    unitRuleShare: z.number().min(0.2).max(1),
    ruleWidthPt: z.number().min(0.2).max(3),
    gapAfterMm: mm,
  }),
  codes: z.strictObject({
    /** The smallest the QR is drawn; it grows when its content needs more modules (qrModuleMm). */
    qrSizeMm: z.number().min(10).max(60),
    /**
     * Each QR module is at least this wide, so the code decodes from a 100-dpi scan or photo of a print
     * on a cheap printer (issue 20: 0.4–0.5 mm modules did not decode below 150 dpi; zbar needs ~2.2 px).
     */
    qrModuleMm: z.number().min(0.3).max(2),
    barcodeModuleMm: z.number().min(0.15).max(1),
    barcodeHeightMm: z.number().min(5).max(40),
    gapAfterMm: mm,
  }),
  table: z.strictObject({ paddingMm: z.number().min(0).max(5), borderPt: z.number().min(0.1).max(3) }),
  signatures: z.strictObject({ gapMm: mm }),
  /** Forms marked fitOnePage shrink all type down to this factor before they spill onto a second page. */
  minScale: z.number().min(0.5).max(1),
});
export type PaperLayout = z.output<typeof PaperLayoutSchema>;

export const LayoutFileSchema = z.strictObject({
  $comment: z.string().optional(),
  header: z.strictObject({
    nationalTitle: z.string().min(1),
    motto: z.string().min(1),
  }),
  /** Keys: "A4", "A5", "A4-landscape", "A5-landscape". */
  papers: z.record(z.string().regex(/^A[45](-landscape)?$/), PaperLayoutSchema),
});
export type LayoutFile = z.output<typeof LayoutFileSchema>;

const align = z.enum(['left', 'center', 'right']);
const style = z.enum(['regular', 'bold', 'italic', 'boldItalic']);
const size = z.enum(['parentAgency', 'unitName', 'nationalTitle', 'motto', 'placeDate', 'numberLine', 'title', 'subtitle', 'body', 'table', 'small', 'codeText']);
/** A data path; the block is skipped when the value is empty, 0 or false. Prefix "!" to negate. */
const when = z.string().regex(/^!?[A-Za-z0-9_.]+$/).optional();
const common = { when, spaceBeforeMm: mm.optional() };

export const TitleBlockSchema = z.strictObject({ type: z.literal('title'), text: z.string(), ...common });
export const TextBlockSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  align: align.default('left'),
  size: size.default('body'),
  style: style.default('regular'),
  /** First-line indent. */
  indentMm: mm.default(0),
  /** Indent of the following lines (hanging lists). */
  hangMm: mm.default(0),
  ...common,
});
export const RowBlockSchema = z.strictObject({
  type: z.literal('row'),
  size: size.default('body'),
  cells: z.array(z.strictObject({ text: z.string(), width: z.number().positive(), align: align.default('left'), style: style.default('regular') })).min(1),
  ...common,
});
export const TableBlockSchema = z.strictObject({
  type: z.literal('table'),
  /** Which list of the form's data fills the rows: components, supplementItems, controlRows, bookRows. */
  source: z.enum(['components', 'supplementItems', 'controlRows', 'bookRows']),
  size: size.default('table'),
  columns: z
    .array(
      z.strictObject({
        header: z.string(),
        /** Cell text; {row.x} reads the row, {index} is the 1-based row number. */
        text: z.string(),
        width: z.number().positive(),
        align: align.default('left'),
      }),
    )
    .min(1),
  /** Print a second header line with the column numbers (1), (2)… as in the official book. */
  numberColumns: z.boolean().default(false),
  /** Blank rows added so the table has at least this many (for handwriting). */
  minRows: z.number().int().min(0).max(50).default(0),
  /** Text of blank rows' cells (by column index); defaults to empty. */
  blankRow: z.array(z.string()).optional(),
  ...common,
});
export const SignaturesBlockSchema = z.strictObject({
  type: z.literal('signatures'),
  size: size.default('body'),
  /** Room for the handwritten signature (and seal), overrides the paper's signatures.gapMm. */
  gapMm: mm.optional(),
  columns: z
    .array(
      z.strictObject({
        width: z.number().positive().default(1),
        align: align.default('center'),
        size: size.optional(),
        heading: z.string(),
        /** Printed under the signing space. */
        name: z.string().default(''),
      }),
    )
    .min(1),
  ...common,
});
export const SpacerBlockSchema = z.strictObject({ type: z.literal('spacer'), mm, when });

export const BlockSchema = z.discriminatedUnion('type', [TitleBlockSchema, TextBlockSchema, RowBlockSchema, TableBlockSchema, SignaturesBlockSchema, SpacerBlockSchema]);
export type Block = z.output<typeof BlockSchema>;
export type TableBlock = z.output<typeof TableBlockSchema>;

export const FormTemplateSchema = z.strictObject({
  $comment: z.string().optional(),
  kind: z.enum(['01', '02', '03', '04', '05', '06', '07']),
  /** Printed title; also what formTitle() returns. */
  title: z.string().min(1),
  /** Short name for menus and file names ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"). */
  name: z.string().min(1),
  orientation: z.enum(['portrait', 'landscape']).default('portrait'),
  /** Force a paper regardless of the caller's choice (the book is always A4 landscape). */
  paper: z.enum(['A4', 'A5']).optional(),
  /** QR code (Circular 01/2023, top-left) and Code 128 of the dossier code. */
  codes: z.strictObject({ qr: z.boolean(), barcode: z.boolean() }),
  header: z.strictObject({
    /** Italic place-and-date line under the motto. */
    placeDate: z.string().min(1),
    /** "Số: …" under the unit name (letters such as Mẫu 04). */
    numberLine: z.string().optional(),
  }),
  /** One entry per printed copy (liên); each copy starts on a new page; {copyLabel} prints the label. */
  copies: z.array(z.string()).min(1).default(['']),
  /** Shrink type (down to the paper's minScale) so each copy fits on one page. */
  fitOnePage: z.boolean().default(false),
  /** Texts the form code may use, e.g. fee wording; available as {t.key}. */
  texts: z.record(z.string(), z.string()).default({}),
  blocks: z.array(BlockSchema).min(1),
});
export type FormTemplate = z.output<typeof FormTemplateSchema>;
