import { artifactPath, expect, test } from './fixtures';

// A clerk's view of the numbers: past records imported, a search without diacritics, the 06a table of a quarter.
test.use({ hostEnv: { MOTCUA_NOW: '2026-04-20T09:00:00+07:00' } });

const UNIT = { parentAgency: 'UBND XÃ HƯỚNG PHÙNG', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG', agencyCode: 'H50.12.34', place: 'Hướng Phùng' };

const CSV = [
  'ma_thu_tuc,ho_ten,so_giay_to,kenh,ngay_nhan,ngay_co_ket_qua,ngay_tra',
  '2.000815,Nguyễn Thị Hường,045301001234,truc_tiep,2026-01-05T09:00,2026-01-05T10:00,2026-01-05T10:30',
  '1.001731,Hồ Văn Giang,045084000999,truc_tuyen,2026-02-02T09:00,2026-02-03T09:00,2026-02-04T09:00',
  '1.004873,Trần Văn Nam,,buu_chinh,2026-03-02T09:00,2026-03-20T09:00,',
  '1.001193,Nguyễn Văn An,,truc_tiep,2026-03-10T09:00,,',
].join('\n');

test('imported records are found without diacritics and counted in the 06a table', async ({ page, host }) => {
  await page.request.post(`${host.url}/rpc/unit.save`, { headers: { Authorization: `Bearer ${host.token}` }, data: UNIT });
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible({ timeout: 30_000 }); // first load of the bundle on a busy machine
  const imported = await page.request.post(`${host.url}/rpc/dossiers.import`, {
    headers: { Authorization: `Bearer ${host.token}` },
    data: { fileName: 'cu.csv', contentBase64: Buffer.from(CSV).toString('base64') },
  });
  const result = (await imported.json()).value;
  expect(result, JSON.stringify(result.errors)).toMatchObject({ imported: 4, rejected: false, errors: [] });

  await page.keyboard.press('Alt+5');
  await page.getByRole('searchbox', { name: 'Tìm hồ sơ' }).fill('nguyen');
  await expect(page.getByText('2 hồ sơ')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Nguyễn Thị Hường' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Nguyễn Văn An' })).toBeVisible();
  await page.screenshot({ path: artifactPath('reports-search.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Báo cáo 06a' }).click();
  // The desk's today is 20/04/2026: the screen opens on the cut-off quarter containing it, in words, every column labelled.
  await expect(page.getByText('Kỳ báo cáo: Quý II năm 2026 (Từ ngày 15/03/2026 đến ngày 14/06/2026)')).toBeVisible();
  const indicators = page.locator('.reports__indicators');
  await expect(indicators.getByRole('columnheader')).toHaveText(['Chỉ số', 'Số hồ sơ đạt / tổng số', 'Tỷ lệ', 'Mức để đạt điểm tối đa', 'Điểm đạt / điểm tối đa']);
  await expect(page.locator('.reports__panel')).not.toContainText('N/A');
  await expect(page.locator('.reports__summary')).not.toContainText(/\b00 hồ sơ/);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: artifactPath('reports-06a-today.png'), fullPage: true });
  await page.getByLabel('Cách tính kỳ').selectOption({ label: 'Tùy chọn ngày' });
  await page.getByLabel('Nhận từ ngày').fill('01012026');
  await page.getByLabel('Đến ngày').fill('31032026');
  const totals = page.getByRole('row', { name: /Tổng cộng/ });
  await expect(totals).toBeVisible();
  // Received 4 (1 online), resolved 3, in progress 1.
  await expect(totals.getByRole('cell').nth(1)).toHaveText('4');
  await expect(totals.getByRole('cell').nth(2)).toHaveText('1');
  await expect(page.getByText(/tiếp nhận tổng số 0?4 hồ sơ/)).toBeVisible();
  await page.screenshot({ path: artifactPath('reports-06a.png'), fullPage: true });
});
