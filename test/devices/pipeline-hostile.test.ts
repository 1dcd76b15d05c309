import { describe, expect, it } from 'vitest';
import { importFile } from '../../main/core/digitize/file-import';
import { digitize, PdfAssembler } from '../../main/core/digitize/pipeline';
import { AppError } from '../../shared/errors';
import {
  cleanPdf,
  corruptPng,
  docxBytes,
  exeBytes,
  pdfEscapedJs,
  pdfNamesJavascript,
  pdfOpenActionJs,
  pngBomb,
  truncatedJpeg,
  truncatedPng,
} from '../fixtures/hostile';

/** Import + digitize the way the app does; any refusal must be an invalid_input AppError and no PDF. */
async function importAndDigitize(bytes: Buffer, name: string) {
  const file = await importFile(bytes, name);
  return digitize(file.inputs, { dpi: 200, mode: 'gray' });
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(AppError);
  const err = e as AppError;
  expect(err.code).toBe('invalid_input');
  // A sentence in Vietnamese, NFC, not a library's English error.
  expect(err.message).toBe(err.message.normalize('NFC'));
  expect(err.message).toMatch(/[ăâđêôơưàảãáạèẻẽéẹìỉĩíịòỏõóọùủũúụỳỷỹýỵ]/i);
  return err;
}

describe('hostile and broken input is refused with a clear Vietnamese message', () => {
  it('truncated PNG', async () => {
    const err = await refusal(importAndDigitize(await truncatedPng(), 'scan.png'));
    expect(err.message).toContain('"scan.png" bị hỏng hoặc không đầy đủ');
  });

  it('truncated JPEG', async () => {
    const err = await refusal(importAndDigitize(await truncatedJpeg(), 'cccd.jpg'));
    expect(err.message).toContain('"cccd.jpg" bị hỏng');
  });

  it('PNG with corrupt compressed data', async () => {
    await refusal(importAndDigitize(await corruptPng(), 'hong.png'));
  });

  it('0-byte file', async () => {
    const err = await refusal(importAndDigitize(Buffer.alloc(0), 'trong.pdf'));
    expect(err.message).toBe('Tệp "trong.pdf" rỗng (0 byte). Hãy chọn lại tệp hoặc quét lại giấy tờ.');
  });

  it('PDF with /OpenAction JavaScript hidden in a compressed object stream', async () => {
    const bytes = await pdfOpenActionJs();
    // The key is not visible in the raw bytes: only a structural walk finds it.
    expect(bytes.includes(Buffer.from('/JavaScript'))).toBe(false);
    const err = await refusal(importAndDigitize(bytes, 'ket-qua.pdf'));
    expect(err.message).toContain('có chứa mã lệnh (JavaScript');
  });

  it('PDF with document-level /Names /JavaScript', async () => {
    expect((await refusal(importAndDigitize(await pdfNamesJavascript(), 'a.pdf'))).message).toContain('có chứa mã lệnh');
  });

  it('PDF whose /JS key is written with #xx escapes in a link annotation', async () => {
    const bytes = pdfEscapedJs();
    expect(bytes.toString('latin1')).not.toContain('/JS ');
    expect((await refusal(importAndDigitize(bytes, 'b.pdf'))).message).toContain('có chứa mã lệnh');
  });

  it('the same PDF fed straight to the pipeline (not through import) is refused too', async () => {
    await refusal(digitize([{ kind: 'pdf', bytes: await pdfOpenActionJs(), name: 'x.pdf' }], { dpi: 200, mode: 'gray' }));
  });

  it('PNG header claiming 60000×60000 px: refused quickly without decoding', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(100_000);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const err = await refusal(importAndDigitize(bomb, 'bom.png'));
    const ms = performance.now() - t0;
    const grewMb = (process.memoryUsage().rss - rss0) / 1e6;
    expect(err.message).toContain('quá lớn (3.600 triệu điểm ảnh, tối đa 40 triệu)');
    expect(ms).toBeLessThan(1000);
    expect(grewMb).toBeLessThan(100);
    // The pipeline has its own guard (inputs that did not pass through importFile).
    const err2 = await refusal(digitize([{ kind: 'image', image: bomb, name: 'bom.png' }], { dpi: 200, mode: 'color' }));
    expect(err2.details).toMatchObject({ width: 60000, height: 60000 });
  });

  it('file names with ../ or path separators', async () => {
    const png = await cleanPdf(1);
    for (const name of ['../../etc/passwd.pdf', '..\\..\\boot.ini', 'a/b.pdf', 'C:evil.pdf', 'x\u0000.pdf', '..']) {
      const err = await refusal(importFile(png, name));
      expect(err.issues?.[0]?.path).toBe('fileName');
    }
  });

  it('unsupported types by magic bytes, whatever the extension', async () => {
    const exe = await refusal(importAndDigitize(exeBytes(), 'giay-khai-sinh.pdf'));
    expect(exe.message).toContain('không phải PDF, JPEG, PNG hoặc TIFF');
    await refusal(importAndDigitize(docxBytes(), 'to-khai.png'));
    await refusal(importAndDigitize(Buffer.from('<html><script>alert(1)</script></html>'), 'x.jpg'));
  });

  it('a good file with the wrong extension is accepted by content', async () => {
    const pdf = await cleanPdf(2);
    const res = await importAndDigitize(pdf, 'nhầm-đuôi.jpg');
    expect(res.pageCount).toBe(2);
  });

  it('nothing half-done: a bad page in the middle fails the whole component', async () => {
    const good = await cleanPdf(1);
    const asm = new PdfAssembler({ dpi: 200, mode: 'gray' });
    await asm.add({ kind: 'pdf', bytes: good, name: 'a.pdf' });
    await expect(asm.add({ kind: 'image', image: await truncatedPng(), name: 'b.png' })).rejects.toMatchObject({ code: 'invalid_input' });
    // digitize() over the same inputs rejects as a whole; no PDF comes back.
    const res = await digitize([{ kind: 'pdf', bytes: good, name: 'a.pdf' }, { kind: 'image', image: await truncatedPng(), name: 'b.png' }], { dpi: 200, mode: 'gray' }).then(
      () => 'resolved',
      () => 'rejected',
    );
    expect(res).toBe('rejected');
  });
});
