import { artifactPath, expect, test } from './fixtures';

// Friday 24/04/2026 at 15:20: after the 15:00 cut-off, and Monday 27/04 is the Giỗ Tổ compensatory day.
test.use({ hostEnv: { MOTCUA_NOW: '2026-04-24T15:20:00+07:00', MOTCUA_PRINTER: 'fake' } });

const UNIT = {
  parentAgency: 'UBND XÃ HƯỚNG PHÙNG',
  unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
  agencyCode: 'H50.12.34',
  place: 'Hướng Phùng',
  officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }],
};

test('a clerk receives two dossiers with the keyboard: codes, fees and appointments across the holidays', async ({ page, host }) => {
  const setup = await page.request.post(`${host.url}/rpc/unit.save`, { headers: { Authorization: `Bearer ${host.token}` }, data: UNIT });
  expect((await setup.json()).ok).toBe(true);
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Tiếp nhận hồ sơ', level: 1 })).toBeVisible();

  // 1. Same-day chứng thực after 15:00, found without diacritics.
  const picker = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
  await expect(picker).toBeFocused();
  await picker.fill('chung thuc ban sao tu ban chinh');
  // The list shows before Enter takes its first entry (the catalogue may still be loading on a busy machine).
  await expect(page.getByRole('option').first()).toContainText('Chứng thực bản sao từ bản chính');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Chứng thực bản sao từ bản chính giấy tờ', { exact: false }).first()).toBeVisible();

  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hường');
  await page.getByLabel('Số giấy tờ').fill('04530100123');
  await expect(page.getByText('Số CCCD phải gồm đúng 12 chữ số', { exact: false })).toBeVisible();
  await page.getByLabel('Số giấy tờ').fill('045301001234');
  await expect(page.getByText('Quảng Trị, nữ, sinh năm 2001')).toBeVisible();
  await page.getByLabel('Số điện thoại').fill('+84 912 345 678');
  await page.getByLabel('Số trang bản chính').fill('5');
  await page.getByLabel('Số bản sao').fill('2');
  await expect(page.getByTestId('fee-preview')).toContainText('14.000');
  await expect(page.getByTestId('due-preview')).toContainText('28/04/2026');
  await page.screenshot({ path: artifactPath('intake-form.png'), fullPage: true });
  await page.getByLabel('Số bản sao').press('Enter');

  await expect(page.getByTestId('dossier-code')).toHaveText('H50.12.34-260424-0001');
  await expect(page.getByTestId('dossier-due')).toContainText('28/04/2026');
  await page.screenshot({ path: artifactPath('intake-done.png'), fullPage: true });

  // One key prints the receipt; the exact bytes are kept with the dossier.
  await page.keyboard.press('F9');
  await expect(page.getByText('Đã gửi', { exact: false }).first()).toBeVisible();
  const history = await page.request.post(`${host.url}/rpc/documents.history`, { headers: { Authorization: `Bearer ${host.token}` }, data: { subject: 'H50.12.34-260424-0001' } });
  expect((await history.json()).value).toEqual([expect.objectContaining({ formKind: '01', status: 'printed', pages: 2 })]);

  // A big certification job: the clerk agrees a later time with the citizen, with a reason kept in the history.
  await page.getByRole('button', { name: 'Đổi ngày hẹn' }).click();
  await page.getByLabel('Ngày giờ hẹn mới — ngày').fill('27042026');
  await page.getByLabel('Ngày giờ hẹn mới — giờ').fill('09:00');
  await page.getByLabel('Lý do').fill('Nhiều trang, cần thêm thời gian');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('ngày nghỉ', { exact: false })).toBeVisible();
  await page.getByLabel('Ngày giờ hẹn mới — ngày').fill('29042026');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('dossier-due')).toContainText('09 giờ 00 phút, ngày 29/04/2026');

  // 2. A 3-working-day procedure for the same person, found by the earlier applicant search.
  await page.keyboard.press('F2');
  await expect(picker).toBeFocused();
  await picker.fill('mai tang bao tro');
  await expect(page.getByRole('option').first()).toContainText('mai táng');
  await page.keyboard.press('Enter');
  await page.getByLabel('Tìm người đã từng nộp').fill('nguyen thi huong');
  await page.getByRole('button', { name: 'Dùng thông tin của Nguyễn Thị Hường' }).click();
  await expect(page.getByLabel('Số giấy tờ')).toHaveValue('045301001234');
  await expect(page.getByTestId('due-preview')).toContainText('04/05/2026');
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(page.getByTestId('dossier-code')).toHaveText('H50.12.34-260424-0002');
  // 27/4 compensatory, 28 and 29 worked, 30/4 and 1/5 holidays, weekend, Monday 4/5 is the third working day.
  await expect(page.getByTestId('dossier-due')).toContainText('15 giờ 20 phút, ngày 04/05/2026');

  // Both are in today's list, and the applicant was reused, not duplicated.
  await page.keyboard.press('F2');
  await expect(page.getByRole('table').getByText('H50.12.34-260424-0002')).toBeVisible();
  await expect(page.getByRole('table').getByText('H50.12.34-260424-0001')).toBeVisible();
  const search = await page.request.post(`${host.url}/rpc/applicants.search`, { headers: { Authorization: `Bearer ${host.token}` }, data: { query: '045301001234' } });
  expect((await search.json()).value).toHaveLength(1);
});

test('missing required papers: the save is refused at the row, and a supplement request can be recorded instead', async ({ page, host }) => {
  await page.request.post(`${host.url}/rpc/unit.save`, { headers: { Authorization: `Bearer ${host.token}` }, data: UNIT });
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
  await page.keyboard.press('Alt+2');
  await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill('khai sinh');
  await expect(page.getByRole('option').first()).toContainText('Đăng ký khai sinh');
  await page.keyboard.press('Enter');
  await page.getByLabel('Họ và tên').fill('Hồ Văn Giang');
  await page.getByLabel('Số giấy tờ').fill('045084000999');
  const firstRequired = page.locator('.checklist input[type=checkbox]').first();
  await firstRequired.uncheck();
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(page.getByText('Hãy lập Phiếu yêu cầu bổ sung', { exact: false }).first()).toBeVisible();
  const list = await page.request.post(`${host.url}/rpc/dossiers.list`, { headers: { Authorization: `Bearer ${host.token}` }, data: {} });
  expect((await list.json()).value).toHaveLength(0);

  await page.getByRole('button', { name: 'Yêu cầu bổ sung (Mẫu 02)' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByLabel('Lý do').fill('Thiếu giấy chứng sinh');
  await page.getByRole('button', { name: 'Lưu phiếu' }).click();
  await expect(page.getByText('Đã lưu phiếu', { exact: false })).toBeVisible();
  // The notice is shown drawn page by page (PDF.js), the way the desktop window shows it too.
  // The first PDF a fresh browser draws starts the PDF.js worker: allow for a slow, busy machine.
  await expect(page.getByRole('dialog').getByRole('img', { name: /^Trang 1\/\d+$/ })).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: artifactPath('intake-supplement.png'), fullPage: true });
});
