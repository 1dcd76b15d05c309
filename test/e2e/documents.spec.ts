import { artifactPath, expect, test } from './fixtures';

// The in-memory printer of the core (MOTCUA_PRINTER=fake): a named printer the panel can list.
test.use({ hostEnv: { MOTCUA_PRINTER: 'fake' } });

const UNIT = { parentAgency: 'UBND XÃ A', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ A', agencyCode: 'H50.01', place: 'A' };

test('an admin sets the receipt printer, copies and A5 paper in the printer settings, and they stay after a reload', async ({ page, host }) => {
  await page.request.post(`${host.url}/rpc/unit.save`, { headers: { Authorization: `Bearer ${host.token}` }, data: UNIT });
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
  await page.keyboard.press('Alt+6');
  await page.getByRole('tab', { name: 'Cài đặt in' }).click();
  const panel = page.getByTestId('printer-settings');
  await expect(panel.getByText('Cách in đang dùng: máy in giả lập (kiểm thử)')).toBeVisible();

  // One look (issue 14 item 20): every drop-down drawn by the app, as tall as the text fields, no native grey box.
  const looks = await panel.locator('select, input').evaluateAll((els) =>
    els.map((el) => {
      const cs = el.ownerDocument.defaultView!.getComputedStyle(el);
      return { tag: el.tagName, appearance: cs.appearance, minHeight: cs.minHeight, radius: cs.borderTopLeftRadius, border: cs.borderTopColor };
    }),
  );
  expect(looks.filter((l) => l.tag === 'SELECT')).toHaveLength(8);
  const input = looks.find((l) => l.tag === 'INPUT')!;
  for (const l of looks.filter((x) => x.tag === 'SELECT')) expect(l).toEqual({ tag: 'SELECT', appearance: 'none', minHeight: input.minHeight, radius: input.radius, border: input.border });

  const printer = panel.getByLabel('Máy in – Mẫu 01');
  await expect(printer.locator('option')).toHaveText(['Máy in mặc định của hệ thống', 'Máy in giả lập (kiểm thử)']);
  await printer.selectOption('Máy in giả lập (kiểm thử)');
  await panel.getByLabel('Số bản – Mẫu 01').fill('2');
  await panel.getByLabel('Khổ giấy – Mẫu 01').selectOption('A5');
  await panel.getByTestId('save-print-settings').click();
  await expect(page.getByText('Đã lưu cài đặt in.')).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: artifactPath('settings-printing.png'), fullPage: true });

  await page.reload();
  await page.keyboard.press('Alt+6');
  await page.getByRole('tab', { name: 'Cài đặt in' }).click();
  await expect(panel.getByLabel('Máy in – Mẫu 01')).toHaveValue('Máy in giả lập (kiểm thử)');
  await expect(panel.getByLabel('Số bản – Mẫu 01')).toHaveValue('2');
  await expect(panel.getByLabel('Khổ giấy – Mẫu 01')).toHaveValue('A5');
  await expect(panel.getByLabel('Máy in – Mẫu 02')).toHaveValue('');
});
