import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { join } from 'node:path';
import { artifactPath, expect, ROOT, test } from './fixtures';

// The host scans with the real SANE `test` backend from the repo's config dir (flatbed, 200 dpi colour).
const SESSION_KEY = 'motcua.session';
test.use({ hostEnv: { SANE_CONFIG_DIR: join(ROOT, 'test', 'sane.d'), MOTCUA_SCANNER: 'sane' } });

test('scans into a dossier component through the UI, sees the thumbnails and the stored PDF', async ({ page, host }) => {
  let session = '';
  const call = async (channel: string, data: unknown) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${host.token}`, ...(session ? { 'x-motcua-session': session } : {}) };
    const r = await page.request.post(`${host.url}/rpc/${channel}`, { headers, data });
    const env = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
    return env.value as Record<string, unknown>;
  };
  await call('unit.save', {
    parentAgency: 'UBND XÃ HƯỚNG PHÙNG',
    unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
    agencyCode: 'H50.12.34',
    place: 'Hướng Phùng',
    address: 'Thôn Cợp, xã Hướng Phùng, tỉnh Quảng Trị',
    phone: '0233 3880 123',
    email: '',
    officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }],
  });
  // Sign-in (auth issue): the first admin is created over RPC and the page reuses that session.
  session = ((await call('auth.setupAdmin', { name: 'lan', displayName: 'Hồ Thị Lan', pin: '482916' })) as { token?: string }).token ?? '';
  const dossier = await call('dossiers.create', {
    requestId: randomUUID(),
    procedureCode: '2.000815',
    applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp' },
    components: [
      { position: 0, received: true },
      { position: 1, received: true },
    ],
    fee: { pages: 1, copies: 1 },
  });
  const code = dossier.code as string;

  await page.goto(host.openUrl);
  await page.evaluate(([key, token]) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(key!, token!), [SESSION_KEY, session]);
  await page.goto(`${host.url}/#/scanning`);
  await page.getByLabel('Mã hồ sơ').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Mở hồ sơ' }).click();

  await page.getByLabel('Thành phần').selectOption('1');
  await page.getByLabel('Loại giấy tờ (cấu hình quét)').selectOption('sealed');
  // Whose dossier is open, in words (issue 14 item 12).
  await expect(page.getByTestId('scan-dossier')).toContainText(`${code} · Người nộp: Nguyễn Thị Hường`);
  // Friendly names, and the default is a device that can scan, not SANE's pnm file reader listed first (item 11).
  const picker = page.getByLabel('Máy quét', { exact: true });
  await expect(picker).toHaveValue('test:0');
  await expect(picker.locator('option[value="test:0"]')).toHaveText('Máy quét thử (phần mềm, không quét giấy thật) – số 1');
  expect((await picker.locator('option').allTextContents()).join('|')).not.toMatch(/Noname|virtual|PNM/);
  // The pnm reader fails (no file): an error, and no "Lượt quét" is used up by it.
  await picker.selectOption('pnm:0');
  await page.getByRole('button', { name: 'Quét', exact: true }).click();
  await expect(page.locator('.scanning-error')).toBeVisible({ timeout: 30_000 });
  await picker.selectOption('test:0');
  await page.getByRole('button', { name: 'Quét thêm' }).click();
  await expect(page.locator('.scanning-thumb__name').first()).toContainText('Lượt quét 1 – trang 1', { timeout: 30_000 });

  // One flatbed page, then a second scan into the same batch.
  const thumbs = page.locator('.scanning-thumb img');
  await expect(thumbs).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByRole('progressbar')).toBeVisible();
  await page.getByRole('button', { name: 'Quét thêm' }).click();
  await expect(thumbs).toHaveCount(2, { timeout: 30_000 });
  // The thumbnails really load (PNG from the host's /files route).
  await expect.poll(() => thumbs.first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(160);

  // Rotate the second page, move it first, then attach.
  await page.getByRole('button', { name: 'Xoay Lượt quét 2 – trang 1' }).click();
  await expect(thumbs.nth(1)).toHaveAttribute('style', /rotate\(90deg\)/);
  await page.getByRole('button', { name: 'Lên Lượt quét 2 – trang 1' }).click();
  await expect(page.locator('.scanning-thumb__name').first()).toContainText('Lượt quét 2 – trang 1');
  await expect(page.getByText('Bản điện tử tải từ Kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Cổng Dịch vụ công quốc gia', { exact: false })).toBeVisible();
  await page.screenshot({ path: artifactPath('scanning-batch.png'), fullPage: true });
  await page.getByRole('button', { name: 'Lưu vào hồ sơ' }).click();

  await expect(page.getByText('Đã lưu bản số hóa (2 trang) vào hồ sơ.')).toBeVisible();
  // The stored PDF, drawn by PDF.js page by page (an <iframe> would stay empty in the desktop app).
  const viewer = page.getByRole('document', { name: 'Xem bản số hóa' });
  await expect(viewer.getByRole('img', { name: 'Trang 2/2' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.scanning-stored li')).toContainText(`${code}-TP2.pdf · 2 trang · 200 dpi · ảnh màu`);
  // No driver or database words anywhere a clerk looks; the origin flags say what they mean.
  await expect(page.locator('body')).not.toContainText(/SQLite|color\b|scan\.attached/);
  // Something was really drawn: the SANE test pattern is far from a blank white page.
  type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
  const drawn = await viewer.getByRole('img', { name: 'Trang 1/2' }).evaluate((c) => {
    const canvas = c as unknown as Canvas;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! + px[i + 1]! + px[i + 2]! < 600) dark++;
    return dark / (px.length / 4);
  });
  expect(drawn).toBeGreaterThan(0.05);
  await page.screenshot({ path: artifactPath('scanning-stored.png'), fullPage: true });

  // The viewer reads the stored PDF itself from the files route.
  const fileId = (await viewer.getAttribute('data-testid'))!.replace('pdf-viewer-', '');
  const res = await page.request.get(`${host.url}/files/${fileId}?token=${encodeURIComponent(host.token)}`, { headers: { 'x-motcua-session': session } });
  expect(res.headers()['content-type']).toBe('application/pdf');
  const pdf = await PDFDocument.load(await res.body());
  expect(pdf.getPageCount()).toBe(2);
  expect(pdf.getPage(0).getWidth()).toBeCloseTo((200 / 25.4) * 72, 0);
});
