import { code128Bars, qrRuns } from './codes';
import { MM, type Engine } from './engine';
import type { FontStyle } from './fonts';
import { wrap, type Line } from './rich-text';

/**
 * The top of the first page of each copy: the QR code and the Code 128 symbol, then the Decree 30/2020
 * header (agency block left, national title, motto and place-date right).
 */

/** QR code at the top-left (Circular 01/2023) and the Code 128 of the dossier code at the top-right. */
export function codesRow(e: Engine): void {
  const { qr, barcode } = e.template.codes;
  const c = e.paper.codes;
  let rowH = 0;
  if (qr && e.content.qrText) {
    const { size: n, runs } = qrRuns(e.content.qrText);
    const size = Math.max(c.qrSizeMm, n * c.qrModuleMm) * MM;
    if (e.draw) {
      const m = size / n;
      e.doc.save().fillColor('black');
      for (const r of runs) e.rect(e.left + r.x * m, e.top + r.y * m, r.w * m + 0.01, m + 0.01);
      e.doc.fill().restore();
    }
    rowH = Math.max(rowH, size);
  }
  if (barcode && e.content.barcodeText) {
    const { width, bars } = code128Bars(e.content.barcodeText);
    const mod = c.barcodeModuleMm * MM;
    const h = c.barcodeHeightMm * MM;
    const w = width * mod;
    const x0 = e.right - w;
    if (e.draw) {
      e.doc.save().fillColor('black');
      for (const b of bars) e.rect(x0 + b.x * mod, e.top, b.w * mod, h);
      e.doc.fill().restore();
    }
    const textSize = e.size('codeText');
    const line = e.lines(e.content.barcodeText, {}, 'regular', textSize, w);
    line.forEach((l, i) => e.drawLine(l, x0, w, 'center', textSize, e.top + h + 1 + i * e.lineHeight(textSize)));
    rowH = Math.max(rowH, h + 1 + line.length * e.lineHeight(textSize));
  }
  if (rowH > 0) e.y = e.top + rowH + c.gapAfterMm * MM;
}

/** Decree 30/2020 header: agency block on the left, national title, motto and place-date on the right. */
export function header(e: Engine, ctx: Record<string, unknown>): void {
  const h = e.paper.header;
  // The right column is as wide as the national title needs (it must stay on one line); the agency block gets the
  // rest, but never more than leftShare of the line.
  const natText = e.layoutFile.header.nationalTitle;
  const natW = e.measureWith(e.size('nationalTitle'))(natText, 'bold');
  const mottoW0 = e.measureWith(e.size('motto'))(e.layoutFile.header.motto, 'bold');
  const wL = Math.min(e.width * h.leftShare, e.width - Math.max(natW, mottoW0) - 3 * MM);
  const wR = e.width - wL;
  const xL = e.left;
  const xR = e.left + wL;
  const y0 = e.y;
  const unit = (ctx.unit ?? {}) as Record<string, unknown>;

  // Left: parent agency (capitals, not bold), unit name (capitals, bold), short rule.
  let yL = y0;
  const put = (lines: Line[], x: number, w: number, sizePt: number, yy: number): number => {
    const lh = e.lineHeight(sizePt);
    lines.forEach((l, i) => e.drawLine(l, x, w, 'center', sizePt, yy + i * lh + e.textOffset(sizePt)));
    return yy + lines.length * lh;
  };
  const upper = (v: unknown) => String(v ?? '').toLocaleUpperCase('vi');
  // The agency lines keep clear of the national title: centred in the column with HEADER_GAP_MM of air on each side.
  const textW = wL - 2 * HEADER_GAP_MM * MM;
  const sParent = e.size('parentAgency');
  yL = put(plain(e, upper(unit.parentAgency), 'regular', sParent, textW, true, true), xL, wL, sParent, yL);
  const sUnit = e.size('unitName');
  const unitLines = plain(e, upper(unit.unitName), 'bold', sUnit, textW, true, true);
  yL = put(unitLines, xL, wL, sUnit, yL);
  const widest = Math.max(...unitLines.map((l) => l.width));
  const ruleW = widest * h.unitRuleShare;
  e.rule(xL + (wL - ruleW) / 2, xL + (wL + ruleW) / 2, yL + 2);
  yL += 4;

  // Right: national title on one line (shrunk only if the column is too narrow), motto with a full-width rule.
  let yR = y0;
  let sTitle = e.size('nationalTitle');
  while (sTitle > 9 && e.measureWith(sTitle)(natText, 'bold') > wR) sTitle -= 0.25;
  yR = put(plain(e, natText, 'bold', sTitle, wR), xR, wR, sTitle, yR);
  const sMotto = e.size('motto');
  const mottoLines = plain(e, e.layoutFile.header.motto, 'bold', sMotto, wR);
  yR = put(mottoLines, xR, wR, sMotto, yR);
  const mottoW = Math.max(...mottoLines.map((l) => l.width));
  e.rule(xR + (wR - mottoW) / 2, xR + (wR + mottoW) / 2, yR + 2);
  yR += 4;

  const sDate = e.size('placeDate');
  // The place-date line sits under the motto. A letter's "Số: …" shares its baseline under the agency block; a form
  // without a number lets the date sit beside a long (three-line) unit name instead of below it.
  const dateY = (e.template.header.numberLine ? Math.max(yR, yL) : yR) + e.lineHeight(sDate) * 0.35;
  const dateLines = e.lines(e.template.header.placeDate, ctx, 'italic', sDate, wR);
  yR = put(dateLines, xR, wR, sDate, dateY);
  if (e.template.header.numberLine) {
    const sNum = e.size('numberLine');
    yL = put(e.lines(e.template.header.numberLine, ctx, 'regular', sNum, wL - 4), xL, wL, sNum, dateY);
  }
  e.y = Math.max(yL, yR) + h.gapAfterMm * MM;
}

/** Room between the agency block and the national title's column, each side of the agency lines (issue 20 item 9). */
export const HEADER_GAP_MM = 2.5;

/**
 * Word groups of agency names that a line must not split ("HÀNH / CHÍNH", "TRUNG / TÂM"), and the place name
 * after its level word ("XÃ HƯỚNG PHÙNG"). Joined with no-break spaces for the line breaker.
 */
const GROUPS = ['ỦY BAN NHÂN DÂN', 'TRUNG TÂM', 'PHỤC VỤ', 'HÀNH CHÍNH CÔNG', 'HÀNH CHÍNH', 'BỘ PHẬN', 'TIẾP NHẬN', 'TRẢ KẾT QUẢ', 'MỘT CỬA', 'VĂN PHÒNG', 'HỘ TỊCH', 'TƯ PHÁP'];
const LEVEL = /(^| )((?:XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)(?: [^ ]+)+)$/u;
const NBSP = '\u00a0';
export function keepWordGroups(text: string): string {
  // The place name after its level word stays on one line with it ("XÃ HƯỚNG PHÙNG").
  let s = text.normalize('NFC').replace(/\s+/g, ' ').trim().replace(LEVEL, (_m, lead: string, place: string) => lead + place.replace(/ /g, NBSP));
  for (const g of GROUPS) s = s.split(g).join(g.replace(/ /g, NBSP));
  return s;
}

const unglue = (lines: Line[]): Line[] => lines.map((l) => ({ ...l, runs: l.runs.map((r) => ({ ...r, text: r.text.split(NBSP).join(' ') })) }));

/** Lines of data text that must not be read as markup (agency names may contain '*'). */
export function plain(e: Engine, text: string, style: FontStyle, sizePt: number, width: number, balanced = false, groups = false): Line[] {
  if (groups) {
    // A group wider than the column would be cut between letters: then break between words as usual.
    const glued = unglue(plain(e, keepWordGroups(text), style, sizePt, width, balanced));
    const joined = glued.map((l) => l.runs.map((r) => r.text).join('')).join(' ');
    if (joined === text.normalize('NFC').replace(/\s+/g, ' ').trim()) return glued;
  }
  const runs = [{ text: text.normalize('NFC'), style }];
  const measure = e.measureWith(sizePt);
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
