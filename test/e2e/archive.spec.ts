import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { artifactPath, E2E_ADMIN, expect, hostCall, signedInUrl, test } from './fixtures';
import { axeFindings, shoot } from './support/screen-checks';

// Issue 18: the archive screen finds a dossier by the words on its scanned papers (typed without
// diacritics, đ included), opens the page the words are on, and shows the OCR queue with its progress.
test.use({ autoSignIn: false });

/** A half-A4 page at 200 dpi with these lines, as a scanner would deliver it (grey PNG). */
async function textPage(lines: string[]): Promise<Buffer> {
  const body = lines.map((l, i) => `<text x="120" y="${160 + i * 72}" font-family="Liberation Serif" font-size="40" fill="#111">${l}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="1169"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: '#fff' }).grayscale().withMetadata({ density: 200 }).png().toBuffer();
}

test('finds a dossier by the words on its papers and opens the page; the OCR queue shows what was read', async ({ page, host }) => {
  test.setTimeout(180_000);
  const session = (await hostCall<{ token: string }>(host, 'auth.setupAdmin', E2E_ADMIN)).token;
  const rpc = <T = any>(channel: string, data: unknown = {}) => hostCall<T>(host, channel, data, session);
  await rpc('unit.save', { parentAgency: 'UBND XÃ HƯỚNG PHÙNG', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG', agencyCode: 'H50.12.34', place: 'Hướng Phùng', officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }] });
  const d = await rpc('dossiers.create', {
    requestId: randomUUID(),
    procedureCode: '1.001731',
    applicant: { fullName: 'Đặng Văn Hùng', idNumber: '045201001111', phone: '0912345678' },
    components: [0, 1, 2].map((position) => ({ position, received: true })),
  });
  const pages = [await textPage(['TRÍCH LỤC KHAI SINH', 'Họ và tên: Đặng Văn Hùng', 'Nơi sinh: xã Hướng Phùng']), await textPage(['Họ và tên mẹ: Đinh Thị Mai', 'Dân tộc: Vân Kiều'])];
  let batchId: string | undefined;
  for (const [i, png] of pages.entries()) {
    const b = await rpc('scans.import', { dossierCode: d.code, component: 0, profile: 'plain_text', ...(batchId ? { batchId } : {}), name: `trang${i + 1}.png`, dataBase64: png.toString('base64') });
    batchId = b.id;
  }
  await rpc('scans.attach', { batchId });
  // The desk's queue reads the pages in the background; wait until both are done (the e2e machine is shared).
  await expect.poll(async () => (await rpc('ocr.status', {})).counts.done, { timeout: 120_000 }).toBe(2);

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(signedInUrl(host, session));
  await expect(page.getByRole('link', { name: /Kho lưu trữ số/ })).toBeVisible();
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Kho lưu trữ số' })).toBeVisible();
  await expect(page.getByText('2 trang có chữ · 0 trang trắng · 0 đang chờ · 0 lỗi · tổng 2 trang')).toBeVisible();

  // Typed without marks, đ as d, by keyboard only: the box has the focus, Enter searches.
  await page.locator('.archive__form input[type=search]').focus();
  await page.keyboard.type('dinh thi mai');
  await page.keyboard.press('Enter');
  const row = page.locator('.archive__results tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(d.code);
  await expect(row.locator('mark')).toHaveText(['Đinh', 'Thị', 'Mai']);
  await expect(row.locator('td').nth(2)).toHaveText('2');
  await expect(page.getByText('Trang 1–1 trong 1 trang giấy tờ khớp')).toBeVisible();
  expect(await page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")).toBe(true);
  expect(await axeFindings(page, 'archive')).toEqual([]);
  await shoot(page, 'archive-search');

  // "Xem trang" opens the stored (searchable) PDF on page 2.
  await row.getByRole('button', { name: 'Xem trang' }).click();
  const viewer = page.getByTestId('archive-viewer');
  await expect(viewer).toHaveAttribute('data-pages', '2', { timeout: 20_000 });
  await expect(viewer.locator('canvas[data-focused="true"]')).toHaveAttribute('aria-label', /2/);
  await page.screenshot({ path: artifactPath('archive-viewer.png') });
  await page.keyboard.press('Escape');

  // A filter that excludes the dossier: nothing found, said plainly.
  await page.getByLabel('Trạng thái hồ sơ').selectOption({ label: 'Đã trả kết quả' });
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page.getByText('Không tìm thấy trang nào có các chữ này.')).toBeVisible();
});
