import { artifactPath, expect, test } from './fixtures';

const UNIT = { parentAgency: 'UBND XÃ A', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ A', agencyCode: 'H50.01', place: 'A' };

test('an admin adds a day off to the calendar and edits a procedure fee', async ({ page, host }) => {
  const auth = { Authorization: `Bearer ${host.token}` };
  await page.request.post(`${host.url}/rpc/unit.save`, { headers: auth, data: UNIT });
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
  await page.keyboard.press('Alt+6');

  await page.getByRole('tab', { name: 'Lịch nghỉ lễ, làm bù' }).click();
  await page.getByLabel('Năm').fill('2026');
  await expect(page.getByRole('cell', { name: '27/04/2026', exact: true })).toBeVisible();
  await page.getByLabel('Ngày', { exact: true }).fill('24112026');
  await page.getByLabel('Loại ngày').selectOption('holiday');
  await page.getByLabel('Tên (ví dụ: Nghỉ bù Quốc khánh)').fill('Ngày Văn hóa Việt Nam');
  await page.getByRole('button', { name: '+ Thêm ngày' }).click();
  await page.getByRole('button', { name: 'Lưu lịch năm' }).click();
  await expect(page.getByText('Đã lưu lịch năm 2026.')).toBeVisible();
  await page.screenshot({ path: artifactPath('settings-calendar.png'), fullPage: true });
  const day = await page.request.post(`${host.url}/rpc/calendar.day`, { headers: auth, data: { date: '2026-11-24' } });
  expect((await day.json()).value).toEqual({ date: '2026-11-24', working: false, reason: 'Ngày Văn hóa Việt Nam' });

  await page.getByRole('tab', { name: 'Danh mục thủ tục' }).click();
  await page.getByLabel('Lọc theo tên hoặc mã').fill('tinh trang hon nhan');
  await page.getByRole('button', { name: 'Sửa' }).first().click();
  await page.getByLabel('Mức thu (đồng)').fill('15000');
  await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Đã lưu danh mục.')).toBeVisible();
  await page.screenshot({ path: artifactPath('settings-catalogue.png'), fullPage: true });
  const list = await page.request.post(`${host.url}/rpc/catalog.list`, { headers: auth, data: {} });
  const p = (await list.json()).value.find((x: { code: string }) => x.code === '1.004873');
  expect(p.feeRule).toMatchObject({ kind: 'provincial', amount: 15000 });
});
