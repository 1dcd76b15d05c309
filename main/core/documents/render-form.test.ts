import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { FORM_KINDS, type FormKind } from './form-data';
import { qrPayload } from './form-content';
import { formName, formTitle, renderForm } from './render-form';
import { DEFAULT_TEMPLATE_DIR } from './templates';
import { decodeSymbols, missingTools, pdfFonts, pdfImageCount, pdfInfo, pdfText, pdfTextBoxes, saveArtifacts, squash } from '../../../test/support/pdf-tools';
import { DOSSIER, SAMPLES, UNIT, dossierWithComponents } from '../../../test/fixtures/forms';

const MM = 72 / 25.4;
const A4 = { w: 595.28, h: 841.89 };

// The read-back tests need poppler-utils and zbar-tools (installed on the build machines, FEASIBILITY.md 6d).
const readBack = missingTools.length === 0 ? describe : describe.skip;
if (missingTools.length > 0) console.warn(`Form read-back tests skipped: missing ${missingTools.join(', ')} (apt-get install poppler-utils zbar-tools)`);

async function expectAppError(p: Promise<unknown>, code: string): Promise<import('../../../shared/errors').AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e) && e.code === code) return e;
    throw e;
  }
  throw new Error(`expected AppError ${code}`);
}

readBack('Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả', () => {
  it('prints two copies on A4 with every field of DOMAIN.md §1.3 items 1–15, the CCCD and the fee', async () => {
    const pdf = await renderForm('01', { unit: UNIT, dossier: DOSSIER }, { paper: 'A4' });
    saveArtifacts('mau-01', pdf);
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(2);
    expect(info.width).toBeCloseTo(A4.w, 0);
    expect(info.height).toBeCloseTo(A4.h, 0);

    const p1 = squash(pdfText(pdf, 1));
    const p2 = squash(pdfText(pdf, 2));
    expect(p1).toContain('Liên 1: Lưu');
    expect(p1).not.toContain('Liên 2');
    expect(p2).toContain('Liên 2: Giao người nộp hồ sơ');
    for (const expected of [
      'UBND XÃ HƯỚNG PHÙNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hướng Phùng, ngày 13 tháng 02 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: H50.12.34-260213-0001',
      'Bộ phận tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công xã Hướng Phùng',
      'Tiếp nhận hồ sơ của: Nguyễn Thị Hường',
      'Số CCCD/Mã định danh: 045301001234',
      'Địa chỉ: Thôn Cheng, xã Hướng Phùng, tỉnh Quảng Trị',
      'Số điện thoại: 0912345678',
      'Email: huong.nt@example.vn',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con',
      '1. Thành phần hồ sơ nộp gồm:',
      'Tên giấy tờ',
      'Loại bản',
      'Số lượng',
      'Giấy chứng sinh',
      'Bản sao chứng thực',
      '2. Số lượng hồ sơ: 01 (bộ)',
      '3. Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 13 tháng 02 năm 2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 25 tháng 02 năm 2026',
      '6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả',
      '7. Phí, lệ phí: 14.000 đồng (Mười bốn nghìn đồng)',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026',
      'Số thứ tự: 37',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      '(Ký và ghi rõ họ tên)',
      'Hồ Văn Lâm',
      'Ghi chú:',
      'được lập thành 2 liên',
      'dịch vụ bưu chính.',
    ]) {
      expect(p1, expected).toContain(expected);
      expect(p2, expected).toContain(expected);
    }
  });

  it('draws the QR code and the Code 128 as vectors that zbarimg reads back at 200 dpi, on A4 and A5', async () => {
    for (const paper of ['A4', 'A5'] as const) {
      const pdf = await renderForm('01', { unit: UNIT, dossier: DOSSIER }, { paper });
      expect(pdfImageCount(pdf)).toBe(0);
      for (const page of [1, 2]) {
        const symbols = decodeSymbols(pdf, page);
        expect(symbols, `${paper} page ${page}`).toContain(qrPayload(DOSSIER as never, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'));
        expect(symbols, `${paper} page ${page}`).toContain(DOSSIER.code);
      }
    }
    expect(qrPayload(DOSSIER as never, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả')).toBe(`${DOSSIER.code}|1.001193|045301001234|Giấy tiếp nhận hồ sơ và hẹn trả kết quả`);
  });

  it('puts the QR code at the top-left of the page, above the header', async () => {
    const pdf = await renderForm('01', { unit: UNIT, dossier: DOSSIER }, { paper: 'A4' });
    const boxes = pdfTextBoxes(pdf).filter((b) => b.page === 1);
    const agency = boxes.find((b) => b.text.includes('UBND XÃ HƯỚNG PHÙNG'))!;
    // Nothing printed in the top-left 20 mm square of the content area except the QR itself.
    const left = 30 * MM;
    const top = 20 * MM;
    const clash = boxes.filter((b) => b.left < left + 20 * MM && b.top < top + 20 * MM);
    expect(clash).toEqual([]);
    expect(agency.top).toBeGreaterThan(top + 20 * MM);
  });

  it('follows Decree 30/2020: header weights, italics, sizes and margins', async () => {
    const pdf = await renderForm('01', { unit: UNIT, dossier: DOSSIER }, { paper: 'A4' });
    const boxes = pdfTextBoxes(pdf);
    const find = (s: string) => boxes.find((b) => b.page === 1 && b.text.includes(s))!;
    const parent = find('UBND XÃ HƯỚNG PHÙNG');
    const unit = find('TRUNG TÂM PHỤC VỤ');
    const nat = find('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const motto = find('Độc lập - Tự do - Hạnh phúc');
    const date = find('Hướng Phùng, ngày 13 tháng 02 năm 2026');
    expect(parent.bold).toBe(false);
    expect(unit.bold).toBe(true);
    expect(nat.bold).toBe(true);
    expect(motto.bold).toBe(true);
    expect(date.italic).toBe(true);
    for (const b of [parent, unit, nat]) {
      expect(b.size).toBeGreaterThanOrEqual(12);
      expect(b.size).toBeLessThanOrEqual(13);
    }
    expect(motto.size).toBeGreaterThanOrEqual(13);
    expect(motto.size).toBeLessThanOrEqual(14);
    expect(date.size).toBeGreaterThanOrEqual(13);
    // Agency block on the left, national title on the right, on the same top line.
    expect(parent.left + parent.width).toBeLessThan(nat.left);
    expect(Math.abs(parent.top - nat.top)).toBeLessThan(3);
    // Margins: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; every piece of text stays inside the minimums.
    const tol = 1.5;
    for (const b of boxes) {
      expect(b.left, b.text).toBeGreaterThanOrEqual(30 * MM - tol);
      expect(b.left + b.width, b.text).toBeLessThanOrEqual(A4.w - 15 * MM + tol);
      expect(b.top, b.text).toBeGreaterThanOrEqual(20 * MM - tol);
      expect(b.top + b.height, b.text).toBeLessThanOrEqual(A4.h - 20 * MM + tol);
    }
    // …and the text block actually reaches the left margin (not a narrower page by accident).
    expect(Math.min(...boxes.map((b) => b.left))).toBeLessThan(30 * MM + 2);
  });

  it('writes days below 10 and months 1–2 with a leading zero, other months without', async () => {
    const dossier = { ...DOSSIER, receivedAt: '2026-03-05T14:30', dueAt: '2026-03-10T14:30' };
    const text = squash(pdfText(await renderForm('01', { unit: UNIT, dossier }, { paper: 'A4' }), 1));
    expect(text).toContain('Hướng Phùng, ngày 05 tháng 3 năm 2026');
    expect(text).toContain('14 giờ 30 phút, ngày 10 tháng 3 năm 2026');
    expect(text).not.toContain('tháng 03');
  });

  it('embeds Tinos regular, bold and italic and no other font', async () => {
    const fonts = pdfFonts(await renderForm('01', { unit: UNIT, dossier: DOSSIER }, { paper: 'A4' }));
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+Tinos/);
      expect(f.embedded).toBe(true);
    }
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toEqual(expect.arrayContaining(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic']));
  });

  it('prints NFD (decomposed) input exactly as its NFC form', async () => {
    const nfd = 'Nguyễn Thị Hường'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hường'.normalize('NFC'));
    const dossier = { ...DOSSIER, applicant: { ...DOSSIER.applicant, name: nfd, address: 'Thôn Cheng, xã Hướng Phùng'.normalize('NFD') } };
    const text = pdfText(await renderForm('01', { unit: UNIT, dossier }, { paper: 'A4' }), 1);
    expect(text).toContain('Nguyễn Thị Hường'.normalize('NFC'));
    expect(text).toContain('Thôn Cheng, xã Hướng Phùng'.normalize('NFC'));
    expect(text.normalize('NFC')).toBe(text);
  });

  it('keeps each copy on one page with 8 components, on A4 and on A5', async () => {
    for (const paper of ['A4', 'A5'] as const) {
      const pdf = await renderForm('01', { unit: UNIT, dossier: dossierWithComponents(8) }, { paper });
      if (paper === 'A4') saveArtifacts('mau-01-8-components', pdf);
      else saveArtifacts('mau-01-a5', pdf);
      const info = pdfInfo(pdf);
      expect(info.pages, paper).toBe(2);
      if (paper === 'A5') {
        expect(info.width).toBeCloseTo(419.53, 0);
        expect(info.height).toBeCloseTo(595.28, 0);
      }
      // Whitespace (including line breaks) collapsed: at a smaller type scale the same phrases wrap elsewhere.
      const p1 = pdfText(pdf, 1).replace(/\s+/g, ' ');
      expect(p1).toContain('Liên 1: Lưu');
      expect(p1).toContain('Biên bản xác nhận việc sinh có người làm chứng');
      expect(p1).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
      expect(p1).toContain('qua dịch vụ bưu chính.');
    }
  });

  it('continues on a further page instead of losing rows when the list is very long', async () => {
    const pdf = await renderForm('01', { unit: UNIT, dossier: dossierWithComponents(30) }, { paper: 'A4' });
    const text = squash(pdfText(pdf));
    expect(pdfInfo(pdf).pages).toBeGreaterThan(2);
    for (let i = 1; i <= 30; i++) expect(text).toMatch(new RegExp(`\\n\\s*${i}\\s`));
    expect(text.match(/Liên 2: Giao người nộp hồ sơ/g)?.length).toBe(1);
  });

  it('renders a warm receipt well under 100 ms', async () => {
    const input = { unit: UNIT, dossier: DOSSIER };
    const t0 = performance.now();
    const first = await renderForm('01', input, { paper: 'A4' });
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await renderForm('01', { unit: UNIT, dossier: i % 2 ? DOSSIER : dossierWithComponents(8) }, { paper: 'A4' });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[7]!;
    console.info(`Mẫu 01 A4: first ${firstMs.toFixed(0)} ms, warm median ${median.toFixed(0)} ms (min ${times[0]!.toFixed(0)}), ${first.length} bytes`);
    // The minimum is robust against other processes on a shared CI machine; the median is reported.
    expect(times[0]!).toBeLessThan(100);
    expect(first.length).toBeLessThan(150_000);
  });
});

readBack('Mẫu 02–07', () => {
  const expectations: Record<FormKind, string[]> = {
    '01': [],
    '02': [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:',
      'Giấy tờ chứng minh nơi cư trú',
      'Lý do: Văn bản xác nhận quan hệ cha, mẹ, con chưa có dấu',
      'số điện thoại 0912000111',
      'NGƯỜI HƯỚNG DẪN',
    ],
    '03': ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau', 'Xin thông báo cho Ông/Bà được biết và thực hiện./.'],
    '04': [
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN',
      'Số: 12/XL-TTPVHCC',
      'Hướng Phùng, ngày 24 tháng 02 năm 2026',
      'Kính gửi: Ông/Bà Nguyễn Thị Hường',
      '10 giờ 00 phút, ngày 04 tháng 3 năm 2026',
      'Nơi nhận:',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Trần Văn Bình',
    ],
    '05': ['THÔNG BÁO', 'Dừng giải quyết hồ sơ', 'Số: 03/TB-TTPVHCC', 'kể từ ngày 16 tháng 02 năm 2026', 'Lý do: Người nộp hồ sơ có đơn đề nghị rút hồ sơ', '- Như trên'],
    '06': [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'TÊN CƠ QUAN',
      'Trình ký',
      'Trước hạn',
      'Đúng hạn',
      'Giao: 10 giờ 15 phút,',
      'ngày 13 tháng 02 năm 2026',
      'Nhận: 15 giờ 10 phút,',
      'ngày 23 tháng 02 năm 2026',
    ],
    '07': ['SỔ THEO DÕI HỒ SƠ', 'Từ ngày 01/02/2026 đến ngày 28/02/2026', 'Quyển số: 01/2026', 'Tên thủ tục hành', 'Hồ Văn Tâm', '25/02/2026 13/02/2026 24/02/2026 25/02/2026', '25/02/2026'],
  };

  for (const kind of FORM_KINDS.filter((k) => k !== '01')) {
    it(`Mẫu ${kind} prints its wording and data on A4`, async () => {
      const pdf = await renderForm(kind, SAMPLES[kind] as never, { paper: 'A4' });
      saveArtifacts(`mau-${kind}`, pdf);
      const text = squash(pdfText(pdf));
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      for (const s of expectations[kind]) expect(text, s).toContain(s);
      expect(pdfImageCount(pdf)).toBe(0);
      if (kind !== '07') {
        expect(text).toContain('Nguyễn Thị Hường');
        expect(pdfInfo(pdf).pages).toBe(1);
        expect(decodeSymbols(pdf, 1)).toEqual(expect.arrayContaining([qrPayload(DOSSIER as never, formName(kind)), DOSSIER.code]));
      }
    });
  }

  it('Mẫu 07 is A4 landscape and repeats the column headings on every page', async () => {
    const pdf = await renderForm('07', SAMPLES['07'], { paper: 'A5' });
    const info = pdfInfo(pdf);
    expect(info.width).toBeCloseTo(A4.h, 0);
    expect(info.height).toBeCloseTo(A4.w, 0);
    expect(info.pages).toBeGreaterThan(1);
    const all = squash(pdfText(pdf));
    for (let p = 1; p <= info.pages; p++) expect(squash(pdfText(pdf, p))).toContain('Mã hồ sơ');
    for (let i = 1; i <= 23; i++) expect(all).toContain(`-${String(i).padStart(4, '0')}`);
  });
});

describe('templates and validation', () => {
  it('formTitle reads the title from the template', () => {
    expect(formTitle('01')).toBe('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(formTitle('04')).toBe('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(formTitle('07')).toBe('SỔ THEO DÕI HỒ SƠ');
  });

  it('rejects bad data with Vietnamese field issues', async () => {
    const err = await expectAppError(
      renderForm('01', { unit: UNIT, dossier: { ...DOSSIER, receivedAt: '13/02/2026', applicant: { ...DOSSIER.applicant, name: ' ' } } }, { paper: 'A4' }),
      'invalid_input',
    );
    const paths = err.issues?.map((i) => i.path) ?? [];
    expect(paths).toContain('dossier.receivedAt');
    expect(paths).toContain('dossier.applicant.name');
    expect(err.issues?.find((i) => i.path === 'dossier.receivedAt')?.message).toContain('YYYY-MM-DDTHH:mm');
    await expectAppError(renderForm('08' as never, {} as never, { paper: 'A4' }), 'invalid_input');
    await expectAppError(renderForm('01', { unit: UNIT, dossier: DOSSIER }, { paper: 'A3' as never }), 'invalid_input');
  });

  readBack('admin-edited templates', () => {
    it('picks up an edited wording and layout file without a code change', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-forms-'));
      cpSync(DEFAULT_TEMPLATE_DIR, dir, { recursive: true });
      const file = join(dir, 'mau-03.json');
      const t = JSON.parse(readFileSync(file, 'utf8'));
      t.title = 'PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ (MẪU SỬA)';
      t.blocks[0].text = t.title;
      writeFileSync(file, JSON.stringify(t));
      expect(formTitle('03', dir)).toBe('PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ (MẪU SỬA)');
      const text = squash(pdfText(await renderForm('03', SAMPLES['03'], { paper: 'A4', templateDir: dir })));
      expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ (MẪU SỬA)');

      const layoutFile = join(dir, 'layout.json');
      const layout = JSON.parse(readFileSync(layoutFile, 'utf8'));
      layout.papers.A4.margins.left = 35;
      writeFileSync(layoutFile, JSON.stringify(layout));
      const boxes = pdfTextBoxes(await renderForm('03', SAMPLES['03'], { paper: 'A4', templateDir: dir }));
      expect(Math.min(...boxes.map((b) => b.left))).toBeGreaterThanOrEqual(35 * MM - 1.5);
    });

    it('reports a broken template or an unknown field clearly', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-forms-'));
      cpSync(DEFAULT_TEMPLATE_DIR, dir, { recursive: true });
      const file = join(dir, 'mau-02.json');
      const t = JSON.parse(readFileSync(file, 'utf8'));
      t.blocks.push({ type: 'text', text: 'Ngày sinh: {applicant.birthDate}' });
      writeFileSync(file, JSON.stringify(t));
      const unknown = await expectAppError(renderForm('02', SAMPLES['02'], { paper: 'A4', templateDir: dir }), 'internal');
      expect(unknown.message).toContain('{applicant.birthDate}');

      t.blocks.push({ type: 'picture' });
      writeFileSync(file, JSON.stringify(t));
      const invalid = await expectAppError(renderForm('02', SAMPLES['02'], { paper: 'A4', templateDir: dir }), 'internal');
      expect(invalid.message).toContain('mau-02.json');
      expect(invalid.issues?.length).toBeGreaterThan(0);
    });
  });
});
