import type PDFDocument from 'pdfkit';
import { code128Bars, qrRuns } from './codes';
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
  /** Text of the QR code, when the template asks for one. */
  qrText?: string;
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

type Align = 'left' | 'center' | 'right';

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
    private readonly doc: PDFKit.PDFDocument,
    private readonly paper: PaperLayout,
    private readonly layoutFile: LayoutFile,
    private readonly template: FormTemplate,
    private readonly content: FormContent,
    private readonly scale: number,
    private readonly draw: boolean,
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

  private drawLine(line: Line, x: number, width: number, align: Align, sizePt: number, y: number): void {
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

  private rule(x1: number, x2: number, y: number): void {
    if (!this.draw) return;
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(this.paper.header.ruleWidthPt).strokeColor('black').stroke().restore();
  }

  private rect(x: number, y: number, w: number, h: number): void {
    if (this.draw) this.doc.rect(x, y, w, h);
  }

  // ---------------------------------------------------------------- top of the first page of each copy

  /** QR code at the top-left (Circular 01/2023) and the Code 128 of the dossier code at the top-right. */
  codesRow(): void {
    const { qr, barcode } = this.template.codes;
    const c = this.paper.codes;
    let rowH = 0;
    if (qr && this.content.qrText) {
      const size = c.qrSizeMm * MM;
      if (this.draw) {
        const { size: n, runs } = qrRuns(this.content.qrText);
        const m = size / n;
        this.doc.save().fillColor('black');
        for (const r of runs) this.rect(this.left + r.x * m, this.top + r.y * m, r.w * m + 0.01, m + 0.01);
        this.doc.fill().restore();
      }
      rowH = Math.max(rowH, size);
    }
    if (barcode && this.content.barcodeText) {
      const { width, bars } = code128Bars(this.content.barcodeText);
      const mod = c.barcodeModuleMm * MM;
      const h = c.barcodeHeightMm * MM;
      const w = width * mod;
      const x0 = this.right - w;
      if (this.draw) {
        this.doc.save().fillColor('black');
        for (const b of bars) this.rect(x0 + b.x * mod, this.top, b.w * mod, h);
        this.doc.fill().restore();
      }
      const textSize = this.size('codeText');
      const line = this.lines(this.content.barcodeText, {}, 'regular', textSize, w);
      line.forEach((l, i) => this.drawLine(l, x0, w, 'center', textSize, this.top + h + 1 + i * this.lineHeight(textSize)));
      rowH = Math.max(rowH, h + 1 + line.length * this.lineHeight(textSize));
    }
    if (rowH > 0) this.y = this.top + rowH + c.gapAfterMm * MM;
  }

  /** Decree 30/2020 header: agency block on the left, national title, motto and place-date on the right. */
  header(ctx: Record<string, unknown>): void {
    const h = this.paper.header;
    // The right column is as wide as the national title needs (it must stay on one line); the agency block gets the
    // rest, but never more than leftShare of the line.
    const natText = this.layoutFile.header.nationalTitle;
    const natW = this.measureWith(this.size('nationalTitle'))(natText, 'bold');
    const mottoW0 = this.measureWith(this.size('motto'))(this.layoutFile.header.motto, 'bold');
    const wL = Math.min(this.width * h.leftShare, this.width - Math.max(natW, mottoW0) - 3 * MM);
    const wR = this.width - wL;
    const xL = this.left;
    const xR = this.left + wL;
    const y0 = this.y;
    const unit = (ctx.unit ?? {}) as Record<string, unknown>;

    // Left: parent agency (capitals, not bold), unit name (capitals, bold), short rule.
    let yL = y0;
    const put = (lines: Line[], x: number, w: number, sizePt: number, yy: number): number => {
      const lh = this.lineHeight(sizePt);
      lines.forEach((l, i) => this.drawLine(l, x, w, 'center', sizePt, yy + i * lh + this.textOffset(sizePt)));
      return yy + lines.length * lh;
    };
    const upper = (v: unknown) => String(v ?? '').toLocaleUpperCase('vi');
    const sParent = this.size('parentAgency');
    yL = put(this.plain(upper(unit.parentAgency), 'regular', sParent, wL - 2, true), xL, wL, sParent, yL);
    const sUnit = this.size('unitName');
    const unitLines = this.plain(upper(unit.unitName), 'bold', sUnit, wL - 2, true);
    yL = put(unitLines, xL, wL, sUnit, yL);
    const widest = Math.max(...unitLines.map((l) => l.width));
    const ruleW = widest * h.unitRuleShare;
    this.rule(xL + (wL - ruleW) / 2, xL + (wL + ruleW) / 2, yL + 2);
    yL += 4;

    // Right: national title on one line (shrunk only if the column is too narrow), motto with a full-width rule.
    let yR = y0;
    let sTitle = this.size('nationalTitle');
    while (sTitle > 9 && this.measureWith(sTitle)(natText, 'bold') > wR) sTitle -= 0.25;
    yR = put(this.plain(natText, 'bold', sTitle, wR), xR, wR, sTitle, yR);
    const sMotto = this.size('motto');
    const mottoLines = this.plain(this.layoutFile.header.motto, 'bold', sMotto, wR);
    yR = put(mottoLines, xR, wR, sMotto, yR);
    const mottoW = Math.max(...mottoLines.map((l) => l.width));
    this.rule(xR + (wR - mottoW) / 2, xR + (wR + mottoW) / 2, yR + 2);
    yR += 4;

    const sDate = this.size('placeDate');
    const dateY = Math.max(yR, yL) + this.lineHeight(sDate) * 0.35;
    const dateLines = this.lines(this.template.header.placeDate, ctx, 'italic', sDate, wR);
    yR = put(dateLines, xR, wR, sDate, dateY);
    if (this.template.header.numberLine) {
      const sNum = this.size('numberLine');
      yL = put(this.lines(this.template.header.numberLine, ctx, 'regular', sNum, wL - 4), xL, wL, sNum, dateY);
    }
    this.y = Math.max(yL, yR) + h.gapAfterMm * MM;
  }

  /** Lines of data text that must not be read as markup (agency names may contain '*'). */
  private plain(text: string, style: FontStyle, sizePt: number, width: number, balanced = false): Line[] {
    const runs = [{ text: text.normalize('NFC'), style }];
    const measure = this.measureWith(sizePt);
    const lines = wrap(runs, width, measure);
    if (!balanced || lines.length < 2) return lines;
    // Balanced lines ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH / CÔNG XÃ HƯỚNG PHÙNG") read better than a long line and a
    // dangling word: find the narrowest width that still gives the same number of lines.
    let lo = Math.max(...lines.map((l) => l.width)) / lines.length;
    let hi = width;
    for (let i = 0; i < 12; i++) {
      const mid = (lo + hi) / 2;
      if (wrap(runs, mid, measure).length <= lines.length) hi = mid;
      else lo = mid;
    }
    return wrap(runs, hi, measure);
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
      this.codesRow();
      this.header(ctx);
      for (const b of this.template.blocks) this.block(b, ctx);
      maxPages = Math.max(maxPages, this.pages - start);
    }
    return maxPages;
  }
}

export type PdfDoc = InstanceType<typeof PDFDocument>;
