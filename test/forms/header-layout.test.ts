/**
 * Issue 20 item 9, the Decree 30/2020 header read back from the PDF's own word positions (pdftotext -bbox):
 * the unit name never breaks inside a word group ("HÀNH / CHÍNH", "XÃ / HƯỚNG PHÙNG"), and the agency block
 * keeps clear of the national title's column, on every form and on the A5 receipt. The agency block is the run
 * of lines left of the national title, from its top line down to the first gap wider than a line's leading.
 */
import { describe, expect, it } from 'vitest';
import { FORM_KINDS } from '../../main/core/documents/form-data';
import { renderForm } from '../../main/core/documents/render-form';
import { SAMPLES, UNIT } from '../fixtures/forms';
import { missingTools, pdfWords, wordLines } from '../support/pdf-tools';

const MM = 72 / 25.4;
const readBack = missingTools.length === 0 ? describe : describe.skip;

/** The agency block's lines: words left of the national title, between its top and the place-date line. */
async function agencyLines(kind: (typeof FORM_KINDS)[number], paper: 'A4' | 'A5', unitName: string) {
  const pdf = await renderForm(kind, { ...SAMPLES[kind], unit: { ...UNIT, unitName } } as never, { paper });
  const words = pdfWords(pdf).filter((w) => w.page === 1);
  const nat = words.find((w) => w.text === 'CỘNG')!;
  // The agency block: lines left of the national title from its top, until the first gap wider than a line's leading.
  const left = wordLines(words.filter((w) => w.xMax <= nat.xMin && w.yMin >= nat.yMin - 2));
  const block = [left[0]!];
  for (const l of left.slice(1)) {
    if (l[0]!.yMin - block[block.length - 1]![0]!.yMax > 6) break;
    block.push(l);
  }
  const flat = block.flat();
  return { lines: block.map((l) => l.map((w) => w.text).join(' ')), right: Math.max(...flat.map((w) => w.xMax)), natLeft: nat.xMin };
}

const NAMES = ['Trung tâm Phục vụ hành chính công xã Hướng Phùng', 'Bộ phận tiếp nhận và trả kết quả xã Hướng Phùng'];
const GROUPS = ['TRUNG TÂM', 'PHỤC VỤ', 'HÀNH CHÍNH', 'TIẾP NHẬN', 'KẾT QUẢ', 'XÃ HƯỚNG PHÙNG'];

readBack('form header: word groups and the gap between the two blocks', () => {
  for (const kind of FORM_KINDS) {
    for (const paper of kind === '01' ? (['A4', 'A5'] as const) : (['A4'] as const)) {
      it(`Mẫu ${kind} ${paper}`, async () => {
        for (const name of NAMES) {
          const { lines, right, natLeft } = await agencyLines(kind, paper, name);
          expect(lines[0], 'parent agency first').toBe('UBND XÃ HƯỚNG PHÙNG');
          const full = lines.slice(1).join(' ');
          expect(full).toBe(name.toLocaleUpperCase('vi'));
          for (const g of GROUPS) if (full.includes(g)) expect(lines.some((l) => l.includes(g)), `"${g}" on one line: ${lines.join(' / ')}`).toBe(true);
          expect(natLeft - right, 'room between the agency block and the national title').toBeGreaterThanOrEqual(3 * MM);
        }
      });
    }
  }
});
