import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath, expect, hostCall, startHostProcess, stopHostProcess, test } from './fixtures';

const UNIT = { parentAgency: 'UBND XÃ HƯỚNG PHÙNG', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG', agencyCode: 'H50.12.34', place: 'Hướng Phùng' };

/** Overwrite part of the SQLite header, like a failing disk. */
function corruptHeader(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(84, 0x5a), 0, 84, 16);
  } finally {
    closeSync(fd);
  }
}

test('backup from Settings, restore with preview, then a corrupted database opens the recovery screen and is restored', async ({ page, host }) => {
  test.setTimeout(120_000);
  const usb = mkdtempSync(join(tmpdir(), 'motcua-usb-'));
  let second: Awaited<ReturnType<typeof startHostProcess>> | null = null;
  try {
    await page.request.post(`${host.url}/rpc/unit.save`, { headers: { Authorization: `Bearer ${host.token}` }, data: UNIT });
    await page.goto(host.openUrl);
    await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
    await page.keyboard.press('Alt+6');
    await page.getByRole('tab', { name: 'Sao lưu dữ liệu' }).click();

    // Settings: a folder that does not exist is refused at its field.
    await page.getByLabel('Thư mục sao lưu').fill(join(usb, 'chua-cam'));
    await page.getByRole('button', { name: 'Lưu cài đặt sao lưu' }).click();
    await expect(page.getByText(/Không tìm thấy thư mục/)).toBeVisible();
    await page.getByLabel('Thư mục sao lưu').fill(usb);
    await page.getByLabel('Giữ lại số bản mới nhất').fill('5');
    await page.getByRole('button', { name: 'Lưu cài đặt sao lưu' }).click();
    await expect(page.getByText('Đã lưu cài đặt sao lưu.')).toBeVisible();
    await expect(page.getByText(/Sao lưu tự động: mỗi 24 giờ; lần tới lúc/)).toBeVisible();

    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await expect(page.getByText(/Đã sao lưu và kiểm tra xong bản lúc/)).toBeVisible();
    await expect(page.getByRole('cell', { name: '✓ Đã kiểm tra' })).toHaveCount(1);
    expect(readdirSync(usb).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1);

    await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();
    await expect(page.getByText(/Dữ liệu toàn vẹn: cấu trúc tệp tốt, \d+ mục nhật ký kiểm tra hợp lệ/)).toBeVisible();
    await page.screenshot({ path: artifactPath('backup-panel.png'), fullPage: true });

    // Data changes after the backup…
    await page.request.post(`${host.url}/rpc/unit.save`, { headers: { Authorization: `Bearer ${host.token}` }, data: { ...UNIT, place: 'Khe Sanh' } });
    // …and the admin restores the backup from the list, after its preview.
    await page.getByRole('button', { name: /^Khôi phục… / }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('Dữ liệu hiện tại (sẽ bị thay)')).toBeVisible();
    await expect(dialog.getByText(/Toàn bộ dữ liệu hiện tại sẽ được thay bằng dữ liệu lúc/)).toBeVisible();
    const confirm = dialog.getByRole('button', { name: 'Tôi hiểu, khôi phục dữ liệu' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Tôi đã hiểu dữ liệu hiện tại sẽ bị thay.').check();
    await page.screenshot({ path: artifactPath('backup-restore-dialog.png'), fullPage: true });
    await confirm.click();
    await expect(page.getByRole('status').filter({ hasText: /Đã khôi phục dữ liệu lúc .* Dữ liệu trước khi khôi phục được giữ tại/ }).first()).toBeVisible();
    const restoredUnit = await page.request.post(`${host.url}/rpc/unit.get`, { headers: { Authorization: `Bearer ${host.token}` }, data: {} });
    expect((await restoredUnit.json()).value.place).toBe('Hướng Phùng');
    // The data that was replaced ("Khe Sanh") was backed up first, in <data>/backups.
    expect(readdirSync(join(host.dataDir, 'backups')).filter((n) => /^motcua-.*\.sqlite$/.test(n))).toHaveLength(1);

    // The database is damaged between two starts of the desk.
    await stopHostProcess(host.process);
    corruptHeader(join(host.dataDir, 'motcua.sqlite'));
    second = await startHostProcess(host.dataDir);
    const status = await hostCall(second, 'recovery.status');
    expect(status.needed).toBe(true);

    await page.goto(second.openUrl);
    await expect(page.getByRole('heading', { name: 'Dữ liệu bị hỏng — cần khôi phục' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Bản sao lưu mới nhất dùng được' })).toBeVisible();
    await expect(page.getByTestId('recovery-latest-when')).toHaveText(status.backups[0].createdAtText);
    await expect(page.getByText(/0 hồ sơ · 0 công dân/).first()).toBeVisible();
    await page.screenshot({ path: artifactPath('recovery-screen.png'), fullPage: true });

    await page.getByRole('button', { name: 'Khôi phục từ bản này' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Khôi phục' }).click();
    await expect(page.getByRole('heading', { name: /Đã khôi phục dữ liệu lúc .* Phần mềm đã sẵn sàng\./ })).toBeVisible();
    await page.screenshot({ path: artifactPath('recovery-done.png'), fullPage: true });
    await page.getByRole('button', { name: 'Tiếp tục làm việc' }).click();
    await expect(page.getByRole('heading', { name: 'Dữ liệu bị hỏng — cần khôi phục' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: UNIT.unitName }).or(page.getByRole('heading', { name: 'Đăng nhập' }))).toBeVisible();
    // The newest good backup was the safety copy taken before the first restore: its data is back.
    expect((await hostCall(second, 'unit.get')).place).toBe('Khe Sanh');
    expect(readdirSync(join(host.dataDir, 'backups')).some((n) => n.startsWith('motcua-damaged-'))).toBe(true);
  } finally {
    if (second) await stopHostProcess(second.process);
    rmSync(usb, { recursive: true, force: true });
  }
});
