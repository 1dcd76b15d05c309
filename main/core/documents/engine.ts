import type PDFDocument from 'pdfkit';
import { codesRow, header } from './engine-header';
import { FONT_NAME, type FontStyle } from './fonts';
import { lookup, richText, wrap, type Line, type Run } from './rich-text';
import type { Block, FormTemplate, LayoutFile, PaperLayout, SizeName, TableBlock } from './template-schema';

/**
 * Lays a template's blocks out on pages. It runs twice for forms that must fit one page per copy: a dry run that
 * only measures (same fonts, same line breaking) to pick the type scale, then the real run that draws.
 */

export const MM = 72 / 25.4;

export type TableRows = Record<string, Record<string, unknown>[]>;

export interface FormContent {
  /** Values for {path} placeholders. */
  values: Record<string, unknown>;
  tables: TableRows;
  /** Text of the QR code, when the template asks for one (made from qrFields and the template's paper name). */
  qrText?: string;
  /** What the QR code identifies (form-content.ts qrPayload). */
  qrFields?: { code: string; procedure: { code: string }; applicant: { idNumber: string } };
  /** Text of the Code 128 symbol (the dossier code). */
  barcodeText?: string;
}

// Advance widths at 1 pt, shared by all documents (the fonts never change within a process). Measuring is the
// inner loop of line breaking and of the fit-to-page search, and pdfkit's widthOfString has per-call overhead.
const widthCache = new Map<string, number>();
function unitWidth(doc: PDFKit.PDFDocument, style: FontStyle, text: string): number {
  const key = style + '\u0000' + text;
  let w = widthCache.get(key);
  if (w === undefined) {
    w = doc.font(FONT_NAME[style]).fontSize(1000).widthOfString(text) / 1000;
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(key, w);
  }
  return w;
}

// Type that may shrink to fit one page; the Decree 30 header keeps its prescribed sizes.
const SCALED: ReadonlySet<SizeName> = new Set<SizeName>(['title', 'subtitle', 'body', 'table', 'small']);

export type Align = 'left' | 'center' | 'right';

export class Engine {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly pageW: number;
  readonly pageH: number;
  y = 0;
  pages = 0;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly paper: PaperLayout,
    readonly layoutFile: LayoutFile,
    readonly template: FormTemplate,
    readonly content: FormContent,
    private readonly scale: number,
    readonly draw: boolean,
    private readonly where: string,
  ) {
    this.pageW = paper.widthMm * MM;
    this.pageH = paper.heightMm * MM;
    this.left = paper.margins.left * MM;
    this.right = this.pageW - paper.margins.right * MM;
    this.top = paper.margins.top * MM;
    this.bottom = this.pageH - paper.margins.bottom * MM;
  }

  get width(): number {
    return this.right - this.left;
  }

  size(name: SizeName): number {
    const base = this.paper.sizes[name];
    return SCALED.has(name) ? base * this.scale : base;
  }

  lineHeight(sizePt: number): number {
    return sizePt * this.paper.lineHeight;
  }

  /** Where pdfkit's text top goes inside a line box so the glyphs (ascent + descent ≈ 1.1 em in Tinos) sit centred. */
  textOffset(sizePt: number): number {
    return (this.lineHeight(sizePt) - sizePt * 1.1) / 2;
  }

  private gap(mm: number): number {
    return mm * MM * this.scale;
  }

  measureWith(sizePt: number) {
    return (text: string, style: FontStyle) => unitWidth(this.doc, style, text) * sizePt;
  }

  lines(source: string, ctx: Record<string, unknown>, style: FontStyle, sizePt: number, width: number, indent = 0, hang = 0): Line[] {
    const runs: Run[] = richText(source, ctx, style, this.where);
    return wrap(runs, width, this.measureWith(sizePt), indent, hang);
  }

  newPage(): void {
    this.pages++;
    if (this.draw) {
      const m = this.paper.margins;
      this.doc.addPage({
        size: [this.pageW, this.pageH],
        margins: { top: m.top * MM, bottom: m.bottom * MM, left: m.left * MM, right: m.right * MM },
      });
    }
    this.y = this.top;
  }

  drawLine(line: Line, x: number, width: number, align: Align, sizePt: number, y: number): void {
    if (!this.draw) return;
    let cx = x + line.offset;
    const room = width - line.offset;
    if (align === 'center') cx += (room - line.width) / 2;
    else if (align === 'right') cx += room - line.width;
    for (const run of line.runs) {
      this.doc.font(FONT_NAME[run.style]).fontSize(sizePt).text(run.text, cx, y, { lineBreak: false });
      cx += this.measureWith(sizePt)(run.text, run.style);
    }
  }

  /** Draw wrapped lines from the cursor, moving to a new page line by line when the page is full. */
  private flow(lines: Line[], x: number, width: number, align: Align, sizePt: number): void {
    const lh = this.lineHeight(sizePt);
    for (const line of lines) {
      if (this.y + lh > this.bottom && this.y > this.top) this.newPage();
      this.drawLine(line, x, width, align, sizePt, this.y + this.textOffset(sizePt));
      this.y += lh;
    }
  }

  rule(x1: number, x2: number, y: number): void {
    if (!this.draw) return;
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(this.paper.header.ruleWidthPt).strokeColor('black').stroke().restore();
  }

  rect(x: number, y: number, w: number, h: number): void {
    if (this.draw) this.doc.rect(x, y, w, h);
  }

  // ---------------------------------------------------------------- blocks

  private isOn(when: string | undefined, ctx: Record<string, unknown>): boolean {
    if (!when) return true;
    const neg = when.startsWith('!');
    const v = lookup(ctx, neg ? when.slice(1) : when);
    const truthy = Array.isArray(v) ? v.length > 0 : !!v;
    return neg ? !truthy : truthy;
  }

  private spaceBefore(mm: number | undefined): void {
    if (this.y <= this.top + 0.01) return;
    this.y += this.gap(mm ?? this.paper.paragraphGapMm);
  }

  block(b: Block, ctx: Record<string, unknown>): void {
    if (!this.isOn(b.when, ctx)) return;
    switch (b.type) {
      case 'spacer':
        this.y += this.gap(b.mm);
        return;
      case 'title': {
        this.spaceBefore(b.spaceBeforeMm ?? this.paper.paragraphGapMm * 2);
        const s = this.size('title');
        this.flow(this.lines(b.text, ctx, 'bold', s, this.width), this.left, this.width, 'center', s);
        return;
      }
      case 'text': {
        this.spaceBefore(b.spaceBeforeMm);
        const s = this.size(b.size);
        const lines = this.lines(b.text, ctx, b.style, s, this.width, b.indentMm * MM, b.hangMm * MM);
        this.flow(lines, this.left, this.width, b.align, s);
        return;
      }
      case 'row':
        return this.row(b, ctx);
      case 'table':
        return this.table(b, ctx);
      case 'signatures':
        return this.signatures(b, ctx);
    }
  }

  private row(b: Extract<Block, { type: 'row' }>, ctx: Record<string, unknown>): void {
    this.spaceBefore(b.spaceBeforeMm);
    const s = this.size(b.size);
    const lh = this.lineHeight(s);
    const total = b.cells.reduce((t, c) => t + c.width, 0);
    let x = this.left;
    const cells = b.cells.map((c) => {
      const w = (this.width * c.width) / total;
      const cell = { x, w, align: c.align, lines: this.lines(c.text, ctx, c.style, s, w - 2) };
      x += w;
      return cell;
    });
    const h = Math.max(...cells.map((c) => c.lines.length)) * lh;
    if (this.y + h > this.bottom && this.y > this.top) this.newPage();
    for (const c of cells) c.lines.forEach((l, i) => this.drawLine(l, c.x, c.w - 2, c.align, s, this.y + i * lh + this.textOffset(s)));
    this.y += h;
  }

  private table(b: TableBlock, ctx: Record<string, unknown>): void {
    this.spaceBefore(b.spaceBeforeMm);
    const s = this.size(b.size);
    const lh = this.lineHeight(s);
    const pad = this.paper.table.paddingMm * MM * Math.max(this.scale, 0.8);
    const total = b.columns.reduce((t, c) => t + c.width, 0);
    const widths = b.columns.map((c) => (this.width * c.width) / total);
    const xs: number[] = [];
    widths.reduce((x, w) => (xs.push(x), x + w), this.left);

    type Cell = { lines: Line[]; align: Align };
    const measureRow = (cells: Cell[]) => Math.max(1, ...cells.map((c) => c.lines.length)) * lh + 2 * pad;
    const drawRow = (cells: Cell[], h: number, vCenter: boolean) => {
      if (this.draw) {
        this.doc.save().lineWidth(this.paper.table.borderPt).strokeColor('black');
        cells.forEach((_c, i) => this.doc.rect(xs[i]!, this.y, widths[i]!, h));
        this.doc.stroke().restore();
      }
      cells.forEach((c, i) => {
        const textH = c.lines.length * lh;
        const y0 = this.y + (vCenter ? (h - textH) / 2 : pad);
        c.lines.forEach((l, j) => this.drawLine(l, xs[i]! + pad, widths[i]! - 2 * pad, c.align, s, y0 + j * lh + this.textOffset(s)));
      });
      this.y += h;
    };

    const headerCells: Cell[] = b.columns.map((c, i) => ({ lines: this.lines(c.header, ctx, 'bold', s, widths[i]! - 2 * pad), align: 'center' }));
    const headerH = measureRow(headerCells);
    const numberCells: Cell[] | null = b.numberColumns
      ? b.columns.map((_c, i) => ({ lines: this.lines(`(${i + 1})`, ctx, 'italic', s, widths[i]! - 2 * pad), align: 'center' }))
      : null;
    const numberH = numberCells ? lh + pad : 0;
    const drawHeader = () => {
      drawRow(headerCells, headerH, true);
      if (numberCells) drawRow(numberCells, numberH, true);
    };

    const data = this.content.tables[b.source] ?? [];
    const rows: Cell[][] = data.map((row, r) => {
      const rowCtx = { ...ctx, row, index: r + 1 };
      return b.columns.map((c, i) => ({ lines: this.lines(c.text, rowCtx, 'regular', s, widths[i]! - 2 * pad), align: c.align }));
    });
    for (let r = rows.length; r < b.minRows; r++) {
      rows.push(b.columns.map((c, i) => ({ lines: this.lines(b.blankRow?.[i] ?? '', ctx, 'regular', s, widths[i]! - 2 * pad), align: c.align })));
    }

    // Keep the header with at least the first row.
    const firstH = rows[0] ? measureRow(rows[0]) : 0;
    if (this.y + headerH + numberH + firstH > this.bottom && this.y > this.top) this.newPage();
    drawHeader();
    for (const cells of rows) {
      const h = measureRow(cells);
      if (this.y + h > this.bottom) {
        this.newPage();
        drawHeader();
      }
      drawRow(cells, h, false);
    }
  }

  private signatures(b: Extract<Block, { type: 'signatures' }>, ctx: Record<string, unknown>): void {
    this.spaceBefore(b.spaceBeforeMm);
    const total = b.columns.reduce((t, c) => t + c.width, 0);
    const gap = (b.gapMm ?? this.paper.signatures.gapMm) * MM * Math.max(this.scale, 0.85);
    let x = this.left;
    const cols = b.columns.map((c) => {
      const w = (this.width * c.width) / total;
      const s = this.size(c.size ?? b.size);
      const heading = this.lines(c.heading, ctx, 'regular', s, w - 4);
      const name = c.name ? this.lines(c.name, ctx, 'bold', s, w - 4) : [];
      const col = { x, w, s, align: c.align, heading, name };
      x += w;
      return col;
    });
    const heightOf = (c: (typeof cols)[number]) => (c.heading.length + c.name.length) * this.lineHeight(c.s) + (c.name.length ? gap : 0);
    const h = Math.max(...cols.map(heightOf));
    if (this.y + h > this.bottom && this.y > this.top) this.newPage();
    for (const c of cols) {
      const lh = this.lineHeight(c.s);
      let yy = this.y;
      for (const l of c.heading) {
        this.drawLine(l, c.x + 2, c.w - 4, c.align, c.s, yy + this.textOffset(c.s));
        yy += lh;
      }
      yy += gap;
      for (const l of c.name) {
        this.drawLine(l, c.x + 2, c.w - 4, c.align, c.s, yy + this.textOffset(c.s));
        yy += lh;
      }
    }
    this.y += h;
  }

  /** Lay out every copy (liên); returns the page count of the longest copy. */
  run(firstCopyOnly = false): number {
    let maxPages = 0;
    // Copies differ only in their label, so measuring the first one is enough for the fit-to-page search.
    const copies = firstCopyOnly ? this.template.copies.slice(0, 1) : this.template.copies;
    for (const label of copies) {
      const ctx = { ...this.content.values, copyLabel: label };
      const start = this.pages;
      this.newPage();
      codesRow(this);
      header(this, ctx);
      for (const b of this.template.blocks) this.block(b, ctx);
      maxPages = Math.max(maxPages, this.pages - start);
    }
    return maxPages;
  }
}

export type PdfDoc = InstanceType<typeof PDFDocument>;
