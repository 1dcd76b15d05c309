import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addTextLayer, hasTextLayer } from '../../main/core/archive/text-layer';
import { attachPages, blankPage, newDossier, ocrDesk, textPage } from '../support/ocr-pages';
import { pdfFonts, pdfText, squash } from '../support/pdf-tools';
import { storeTargets } from '../support/stores';

/**
 * Searchable PDFs (issue 18): after OCR, a scan's stored PDF carries an invisible text layer. Oracles are
 * not our code: pdftotext finds the words (with diacritics, đ included), pdftohtml places them where the
 * picture shows them, qpdf --check passes, and pdftoppm draws exactly the same pixels as before.
 */

const PAGE_A = ['GIẤY KHAI SINH', 'Họ và tên: Nguyễn Văn Đức', 'Nơi sinh: xã Hướng Phùng, tỉnh Quảng Trị'];
// A page as full as a real certificate (a near-empty test page would be ~2 KB, less than the layer's fixed cost).
const PAGE_B = [
  'Giấy chứng nhận kết hôn',
  'Bên chồng: Hồ Văn Lực, dân tộc Vân Kiều',
  'Ngày, tháng, năm sinh: 12/08/1990',
  'Nơi cư trú: thôn Cợp, xã Hướng Phùng',
  'Bên vợ: Đinh Thị Mai, dân tộc Pa Cô',
  'Ngày, tháng, năm sinh: 03/02/1993',
  'Nơi cư trú: thôn Tân Hải, xã Hướng Phùng',
  'Giấy tờ tùy thân: Căn cước công dân',
  'Số đăng ký: 45, quyển số 01/2026',
  'Ngày đăng ký: 17 tháng 3 năm 2026',
];

function withDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-searchable-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** qpdf --check: exit 0 (valid) or 3 (warnings only) are what a viewer accepts; we require 0. */
function qpdfCheck(pdf: Buffer): number {
  return withDir((dir) => {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return spawnSync('qpdf', ['--check', join(dir, 'f.pdf')], { encoding: 'utf8' }).status ?? -1;
  });
}

/** Page 1 drawn by poppler at 50 dpi, as raw grey bytes. */
function render(pdf: Buffer): Buffer {
  return withDir((dir) => {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '50', '-gray', '-f', '1', '-l', '1', join(dir, 'f.pdf'), join(dir, 'p')], { stdio: 'pipe' });
    return execFileSync('sh', ['-c', `cat ${join(dir, 'p')}*.pgm`], { maxBuffer: 64 << 20 });
  });
}

/** Word boxes as poppler sees them (`pdftotext -bbox`, points from the top-left). */
function wordBoxes(pdf: Buffer): Array<{ text: string; xMin: number; yMin: number; xMax: number; yMax: number }> {
  const html = withDir((dir) => {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-bbox', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
  });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!,
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
}

async function scanFile(app: { store: { db: any } }, scanId: string) {
  const scan = await app.store.db.selectFrom('dossier_scans').select(['file_id', 'image_file_id', 'sha256', 'bytes']).where('id', '=', scanId).executeTakeFirstOrThrow();
  const file = await app.store.db.selectFrom('files').select(['bytes', 'sha256', 'size']).where('id', '=', scan.file_id).executeTakeFirstOrThrow();
  return { scan, bytes: Buffer.from(file.bytes as Uint8Array), file };
}

describe('text layer (no store)', () => {
  it('places each word on its box, invisibly, and is added once', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    // Image of 1190 × 1684 px over a 595 × 842 pt page: 2 px per point.
    const words = [
      { text: 'Đặng', x: 200, y: 400, w: 160, h: 40 },
      { text: 'Quốc', x: 380, y: 400, w: 150, h: 40 },
    ];
    const out = Buffer.from(await addTextLayer(pdf, [{ page: 1, imageWidth: 1190, imageHeight: 1684, words }]));
    expect(out.subarray(0, pdf.length).equals(pdf)).toBe(true);
    expect(hasTextLayer(out)).toBe(true);
    expect(qpdfCheck(out)).toBe(0);
    expect(pdfText(out)).toContain('Đặng Quốc');
    const boxes = wordBoxes(out);
    expect(boxes.map((b) => b.text)).toEqual(['Đặng', 'Quốc']);
    // Each word on its box: 2 px per point, measured from the top-left like the OCR boxes.
    for (const [i, w] of words.entries()) {
      const b = boxes[i]!;
      expect([b.xMin, b.xMax].map((v) => Math.round(v))).toEqual([w.x / 2, (w.x + w.w) / 2]);
      expect(Math.abs(b.yMin - w.y / 2)).toBeLessThan(1);
      expect(b.yMax - b.yMin).toBeGreaterThanOrEqual(w.h / 2);
    }
    expect(pdfFonts(out).map((f) => f.embedded)).toEqual([true]);
    // Nothing is painted: the page draws exactly as before.
    expect(render(out).equals(render(pdf))).toBe(true);
    // Twice is once; a page without words is left alone.
    expect(Buffer.from(await addTextLayer(out, [{ page: 1, imageWidth: 1190, imageHeight: 1684, words }])).equals(out)).toBe(true);
    expect(Buffer.from(await addTextLayer(pdf, [{ page: 1, imageWidth: 1190, imageHeight: 1684, words: [] }])).equals(pdf)).toBe(true);
  });
});

for (const target of storeTargets()) {
  describe(`searchable PDFs on ${target.name}`, { timeout: 180_000 }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('after OCR, every scan of the dossier is its original bytes plus a text layer that pdftotext reads; signed files are never rewritten', async () => {
      const desk = await ocrDesk(target);
      cleanups.push(() => desk.cleanup());
      const { app, code } = desk;
      const jpeg = await attachPages(app, code, 0, [await textPage(PAGE_A), await blankPage()], 'plain_text');
      const g4 = await attachPages(app, code, 1, [await textPage(PAGE_B)], 'text_bw');
      const before = { jpeg: await scanFile(app, jpeg.id), g4: await scanFile(app, g4.id) };
      expect(before.jpeg.scan.image_file_id).toBeNull();

      const run = await app.client().invoke('ocr.run', { dossierCode: code });
      expect(run).toMatchObject({ processed: 3, done: 2, empty: 1, failed: 0 });

      for (const [name, scanId, truth] of [
        ['jpeg', jpeg.id, 'Nguyễn Văn Đức'],
        ['g4', g4.id, 'Hồ Văn Lực'],
      ] as const) {
        const was = before[name];
        const now = await scanFile(app, scanId);
        // The scan now shows a new file; the picture-only original is kept and named.
        expect(now.scan.file_id).not.toBe(was.scan.file_id);
        expect(now.scan.image_file_id).toBe(was.scan.file_id);
        expect(now.scan.sha256).toBe(now.file.sha256);
        expect(Number(now.scan.bytes)).toBe(now.bytes.length);
        // Incremental: every original byte (the page pictures included) is unchanged, and the layer is small.
        expect(now.bytes.subarray(0, was.bytes.length).equals(was.bytes)).toBe(true);
        const growth = now.bytes.length / was.bytes.length - 1;
        console.log(`text layer ${target.name} ${name}: ${was.bytes.length} → ${now.bytes.length} bytes (+${(growth * 100).toFixed(1)} %)`);
        // Within +10 % on a grey/colour page; a bilevel (G4) page is 5–10× smaller, so there the bound is the
        // layer's own cost: ~2 KB per file (the font and its maps, shared by all pages) + ~10 bytes per word.
        const words = (await app.store.db.selectFrom('ocr_pages').select('words_json').where('scan_id', '=', scanId).execute())
          .map((r: { words_json: string | null }) => (r.words_json ? (JSON.parse(r.words_json) as unknown[]).length : 0))
          .reduce((a: number, b: number) => a + b, 0);
        if (name === 'jpeg') expect(growth).toBeLessThan(0.1);
        else expect(now.bytes.length - was.bytes.length).toBeLessThan(2200 + 12 * words);
        expect(qpdfCheck(now.bytes)).toBe(0);
        expect(pdfText(now.bytes).normalize('NFC')).toContain(truth);
        expect(render(now.bytes).equals(render(was.bytes))).toBe(true);
      }
      // The blank page got no text; the page with text did.
      const jpegNow = await scanFile(app, jpeg.id);
      expect(pdfText(jpegNow.bytes, 2).trim()).toBe('');
      if (process.env.DUMP_TL) writeFileSync('/tmp/tl-jpeg.pdf', jpegNow.bytes);
      expect(squash(pdfText(jpegNow.bytes, 1))).toContain('GIẤY KHAI SINH');
      // Words stay words: no two run together, none split (pdftotext without layout, one line per text line).
      const raw = execFileSync('sh', ['-c', 'pdftotext -f 1 -l 1 - -'], { input: jpegNow.bytes, encoding: 'utf8' });
      expect(raw.normalize('NFC')).toContain('Họ và tên: Nguyễn Văn Đức');

      // One audit entry per scan; running OCR again changes nothing.
      const audits = await app.store.db.selectFrom('audit_log').select(['entity_id']).where('action', '=', 'archive.textLayer').execute();
      expect(audits.map((a: { entity_id: string }) => a.entity_id).sort()).toEqual([jpeg.id, g4.id].sort());
      const again = await app.client().invoke('ocr.run', { dossierCode: code });
      expect(again.processed).toBe(0);
      expect((await scanFile(app, jpeg.id)).scan.file_id).toBe(jpegNow.scan.file_id);

      // A signed file is a record: a scan whose current file carries a signature is never rewritten.
      const other = await newDossier(app, 'Hồ Văn Lực', '045090001122');
      const signed = await attachPages(app, other, 0, [await textPage(PAGE_B)], 'plain_text');
      const signedFile = (await scanFile(app, signed.id)).scan.file_id;
      await app.store.db
        .insertInto('document_signatures')
        .values({
          id: 'sig-test', dossier_id: (await app.store.db.selectFrom('dossiers').select('id').where('code', '=', other).executeTakeFirstOrThrow()).id,
          scan_id: signed.id, source_file_id: signedFile, file_id: signedFile, signer: 'Nguyễn Văn A', organisation: 'UBND xã', certificate_serial: '01',
          certificate_sha256: 'x', signed_at: '2026-03-17T02:00:00.000Z', time_source: 'pc', reason: 'test', visible: 0, signed_by: 'admin',
        })
        .execute();
      expect((await app.client().invoke('ocr.run', { dossierCode: other })).done).toBe(1);
      expect((await scanFile(app, signed.id)).scan).toMatchObject({ file_id: signedFile, image_file_id: null });
    });
  });
}
