/**
 * Issue 14 items 1–3 in a real Chromium: a preview left open is quiet (no render/store loop), F9
 * in the preview prints exactly once, and a printer that is down offers the stored copy and
 * "In lại" from a toast shown over the dialog and from the print history.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { artifactPath, E2E_ADMIN, expect, hostCall, signedInUrl, test, type HostHandle } from './fixtures';

test.use({ hostEnv: { MOTCUA_PRINTER: 'fake' }, viewport: { width: 1366, height: 768 } });

const UNIT = {
  parentAgency: 'UBND XÃ HƯỚNG PHÙNG',
  unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
  agencyCode: 'H50.12.34',
  place: 'Hướng Phùng',
  officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }],
};

async function deskWithDossier(page: Page, host: HostHandle) {
  const session = (await hostCall<{ token: string }>(host, 'auth.setupAdmin', E2E_ADMIN)).token;
  await page.context().setExtraHTTPHeaders({ 'X-Motcua-Session': session });
  const rpc = <T = any>(channel: string, data: unknown = {}) => hostCall<T>(host, channel, data, session);
  await rpc('unit.save', UNIT);
  const dossier = await rpc<{ code: string }>('dossiers.create', {
    requestId: randomUUID(),
    procedureCode: '1.001731',
    applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678' },
    components: [0, 1, 2].map((position) => ({ position, received: true })),
  });
  // Every call the page makes to the host (RPC and files), by channel.
  const calls: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/rpc/') || path.startsWith('/files/')) calls.push(path.startsWith('/rpc/') ? path.slice(5) : 'file');
  });
  await page.goto(signedInUrl(host, session));
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
  await page.evaluate(`window.location.hash = '#/tracking/${encodeURIComponent(dossier.code)}'`);
  await expect(page.getByRole('heading', { name: dossier.code })).toBeVisible();
  return { rpc, code: dossier.code, calls };
}

async function openReceiptPreview(page: Page) {
  await page.getByRole('button', { name: 'Xem trước Mẫu 01' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('document-preview-frame')).toBeVisible({ timeout: 30_000 });
  return dialog;
}

test('a preview left open for 6 s makes no calls and stores nothing; F9 prints once: one call, one job, one toast', async ({ page, host }) => {
  const { rpc, code, calls } = await deskWithDossier(page, host);
  const dialog = await openReceiptPreview(page);
  await page.waitForTimeout(1000);
  const before = calls.length;
  await page.waitForTimeout(6000);
  // Idle with the preview open: no document call at all (the old loop made tens of renders a
  // second), and at most the scan inbox's 5-second poll.
  const idle = calls.slice(before);
  expect(idle.filter((c) => c.startsWith('documents.') || c === 'file')).toEqual([]);
  expect(idle.length).toBeLessThanOrEqual(2);
  expect(calls.filter((c) => c === 'documents.render')).toHaveLength(1);
  expect(await rpc('documents.history', { subject: code })).toEqual([]);
  await page.screenshot({ path: artifactPath('documents-preview-open.png') });
  // The paper drop-down is drawn like every other field (no native grey box).
  expect(await dialog.getByLabel('Khổ giấy').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).appearance)).toBe('none');

  const printsBefore = calls.filter((c) => c === 'documents.print' || c === 'documents.reprint').length;
  await page.keyboard.press('F9');
  await expect(page.getByText('Đã gửi Mẫu 01 tới máy in', { exact: false })).toHaveCount(1);
  await expect(dialog).toBeHidden();
  await page.waitForTimeout(1500);
  expect(calls.filter((c) => c === 'documents.print' || c === 'documents.reprint').length - printsBefore).toBe(1);
  await expect(page.getByText('Đã gửi Mẫu 01 tới máy in', { exact: false })).toHaveCount(1);
  const history = await rpc<Array<{ status: string; reprintOf: string | null }>>('documents.history', { subject: code });
  expect(history).toEqual([expect.objectContaining({ status: 'printed', reprintOf: null })]);
  // The information toast closes by itself.
  await expect(page.getByTestId('toast-success')).toHaveCount(0, { timeout: 8000 });

  // Closed: still quiet.
  const after = calls.length;
  await page.waitForTimeout(6000);
  expect(calls.slice(after).filter((c) => c.startsWith('documents.') || c === 'file')).toEqual([]);
  expect(calls.slice(after).length).toBeLessThanOrEqual(2);
});

test('printer down: the error stays over the preview with Lưu tệp PDF…, Mở bằng trình xem PDF and In lại; history offers them too', async ({ page, host }) => {
  const { rpc, code } = await deskWithDossier(page, host);
  const settings = await rpc<{ forms: Record<string, unknown> }>('printers.getSettings');
  await rpc('printers.saveSettings', { forms: { ...settings.forms, '01': { printer: 'May-in-da-tat', copies: 1, paper: 'A4' } } });
  const dialog = await openReceiptPreview(page);
  await page.keyboard.press('F9');
  const toast = page.getByTestId('toast-error');
  await expect(toast).toHaveCount(1);
  await expect(toast).toContainText('Chưa in được');
  // Inside the dialog (the top layer), so neither hidden nor inert.
  await expect(dialog.getByTestId('toast-error')).toBeVisible();
  await expect(toast.getByRole('link', { name: 'Lưu tệp PDF…' })).toHaveAttribute('download', `Mau01-${code}.pdf`);
  await expect(toast.getByRole('link', { name: 'Mở bằng trình xem PDF' })).toHaveAttribute('href', /\/files\/[0-9a-f-]{36}/);
  await page.screenshot({ path: artifactPath('documents-printer-down.png') });
  // An error that needs an action stays.
  await page.waitForTimeout(5000);
  await expect(toast).toBeVisible();

  // The stored copy downloads as the same PDF the history holds.
  const [download] = await Promise.all([page.waitForEvent('download'), toast.getByRole('link', { name: 'Lưu tệp PDF…' }).click()]);
  expect(download.suggestedFilename()).toBe(`Mau01-${code}.pdf`);

  await rpc('printers.saveSettings', { forms: { ...settings.forms, '01': { printer: null, copies: 1, paper: 'A4' } } });
  await toast.getByRole('button', { name: 'In lại' }).click();
  await expect(page.getByText('Đã gửi Mẫu 01 tới máy in', { exact: false })).toBeVisible();
  const history = await rpc<Array<{ status: string; reprintOf: string | null; fileId: string }>>('documents.history', { subject: code });
  expect(history.map((h) => [h.status, h.reprintOf === null ? 'original' : 'reprint'])).toEqual([
    ['printed', 'reprint'],
    ['failed', 'original'],
  ]);
  expect(new Set(history.map((h) => h.fileId)).size).toBe(1);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const rows = page.getByRole('table', { name: 'Lịch sử in' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('In lại');
  await expect(rows.nth(1)).toContainText('Quản trị thử nghiệm');
  await expect(rows.nth(2).getByRole('link', { name: 'Lưu tệp PDF…' })).toBeVisible();
  // The failed original also opens in a PDF viewer, as the very file the history keeps.
  const open = rows.nth(2).getByRole('link', { name: 'Mở bằng trình xem PDF' });
  await expect(open).toHaveAttribute('href', new RegExp(`/files/${history[1]!.fileId}`));
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(rows.nth(2).getByRole('button', { name: 'In lại' })).toBeVisible();
  await page.getByRole('table', { name: 'Lịch sử in' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifactPath('documents-history.png') });

  // A printer error raised from the receipt button stays while the clerk goes on to the next
  // intake, and never covers the intake summary.
  await rpc('printers.saveSettings', { forms: { ...settings.forms, '01': { printer: 'May-in-da-tat', copies: 1, paper: 'A4' } } });
  await page.getByTestId('print-receipt').click();
  await expect(page.getByTestId('toast-error')).toHaveCount(1);
  await page.keyboard.press('Alt+2');
  const summary = page.getByRole('complementary', { name: 'Tóm tắt', exact: true });
  await expect(summary).toBeVisible();
  const a = (await summary.boundingBox())!;
  const b = (await page.getByTestId('toast-error').boundingBox())!;
  const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap).toBe(false);
  await page.screenshot({ path: artifactPath('documents-error-toast-intake.png') });
});
