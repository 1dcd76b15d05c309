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
  // Papers start unticked (issue 14 item 6): the clerk ticks what is in hand.
  const papers = page.locator('.checklist input[type=checkbox]');
  await expect(papers).toHaveCount(2);
  for (const box of await papers.all()) await expect(box).not.toBeChecked();
  await expect(page.getByTestId('summary-papers')).toHaveText('0/2 giấy tờ, còn thiếu 1 giấy tờ bắt buộc');
  // Enter moves on, it never saves: from the copies box to the next field.
  await page.getByLabel('Số bản sao').press('Enter');
  await expect(page.getByLabel('Số bản sao')).not.toBeFocused();
  await expect(page.getByTestId('dossier-code')).toHaveCount(0);
  // Ctrl+Enter saves, and a required paper not ticked is flagged at its row.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Giấy tờ bắt buộc chưa đánh dấu', { exact: false })).toBeVisible();
  await expect(page.locator('.checklist input[type=checkbox]').first()).toBeFocused();
  await expect(page.getByTestId('intake-problems')).toHaveText('Còn 1 mục cần sửa trước khi lưu.');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('intake-problems')).toHaveText('Đủ thông tin, có thể lưu.');
  await expect(page.getByTestId('summary-applicant')).toHaveText('Nguyễn Thị Hường · 045301001234');
  await expect(page.getByTestId('summary-papers')).toHaveText('1/2 giấy tờ');
  await page.screenshot({ path: artifactPath('intake-form.png'), fullPage: true });
  await page.keyboard.press('Control+Enter');

  await expect(page.getByTestId('dossier-code')).toHaveText('H50.12.34-260424-0001');
  await expect(page.getByTestId('dossier-due')).toContainText('28/04/2026');
  await page.screenshot({ path: artifactPath('intake-done.png'), fullPage: true });

  // One key prints the receipt; the exact bytes are kept with the dossier.
  await page.keyboard.press('F9');
  // The first print starts the PDF renderer: allow for a busy machine.
  await expect(page.getByText('Đã gửi', { exact: false }).first()).toBeVisible({ timeout: 20_000 });
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
  await page.getByLabel(/^Tờ khai đề nghị hỗ trợ chi phí mai táng/).check();
  await page.getByLabel(/^Giấy báo tử/).check();
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
  // Every required paper but the first is in hand.
  const boxes = page.locator('.checklist input[type=checkbox]');
  await boxes.nth(1).check();
  await boxes.nth(2).check();
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(page.getByText('lập Phiếu yêu cầu bổ sung (Mẫu 02)', { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId('intake-problems')).toHaveText('Còn 1 mục cần sửa trước khi lưu.');
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

test('keyboard intake: Enter goes field to field, an empty save flags every problem at once, Ctrl+Enter saves', async ({ page, host }) => {
  await page.request.post(`${host.url}/rpc/unit.save`, { headers: { Authorization: `Bearer ${host.token}` }, data: UNIT });
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
  await page.keyboard.press('Alt+2');
  const picker = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
  await expect(picker).toBeFocused();

  // Nothing typed: Ctrl+Enter saves nothing and flags the procedure, the name AND the ID together.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Chọn thủ tục trước.')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Số giấy tờ')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Cần nhập số giấy tờ tùy thân (CCCD) của người nộp.')).toBeVisible();
  await expect(page.getByTestId('intake-problems')).toHaveText('Còn 3 mục cần sửa trước khi lưu.');
  await expect(page.getByTestId('intake-problems')).toHaveAttribute('role', 'alert');

  // Only the keyboard from here: the picker picks with Enter, then Enter moves from field to field.
  await picker.focus();
  await page.keyboard.type('khai sinh');
  await expect(page.getByRole('option').first()).toContainText('Đăng ký khai sinh');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('summary-procedure')).toHaveText('Đăng ký khai sinh');
  await expect(page.getByTestId('intake-problems')).toHaveText('Còn 5 mục cần sửa trước khi lưu.');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Tìm người đã từng nộp')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên')).toBeFocused();
  await page.keyboard.type('Hồ Văn Giang');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Loại giấy tờ')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.type('045084000999');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Ngày sinh')).toBeFocused();
  await page.keyboard.type('15031984');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Số điện thoại')).toBeFocused();
  await expect(page.getByLabel('Ngày sinh')).toHaveValue('15/03/1984');
  await page.keyboard.type('0912345678');
  for (const _ of ['email', 'address']) await page.keyboard.press('Enter');
  await expect(page.getByLabel('Địa chỉ')).toBeFocused();
  await page.keyboard.press('Enter');
  // The papers: Space ticks, Enter goes on (the count box of each row comes after its tick box).
  for (let i = 0; i < 3; i++) {
    await expect(page.locator(`#component-${i}`)).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('dossier-code')).toHaveCount(0);
  const summary = page.getByRole('complementary', { name: 'Tóm tắt', exact: true });
  await expect(summary.getByTestId('summary-applicant')).toHaveText('Hồ Văn Giang · 045084000999');
  await expect(summary.getByTestId('summary-papers')).toHaveText('3/4 giấy tờ');
  await expect(summary.getByTestId('intake-problems')).toHaveText('Đủ thông tin, có thể lưu.');
  await expect(summary.getByTestId('fee-preview')).not.toHaveText('—');
  await page.screenshot({ path: artifactPath('intake-keyboard.png') });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('dossier-code')).toHaveText('H50.12.34-260424-0001');
  const list = await page.request.post(`${host.url}/rpc/dossiers.list`, { headers: { Authorization: `Bearer ${host.token}` }, data: {} });
  expect((await list.json()).value).toHaveLength(1);
});

test.describe('on a day off', () => {
  // Saturday 25/04/2026: the appointment counts from the next working day (Tuesday 28/04, after Giỗ Tổ).
  test.use({ hostEnv: { MOTCUA_NOW: '2026-04-25T09:10:00+07:00', MOTCUA_PRINTER: 'fake' } });
  test('the summary says that the limit counts from the next working day, and why', async ({ page, host }) => {
    await page.request.post(`${host.url}/rpc/unit.save`, { headers: { Authorization: `Bearer ${host.token}` }, data: UNIT });
    await page.goto(host.openUrl);
    await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible({ timeout: 15_000 });
    await page.keyboard.press('Alt+2');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill('mai tang bao tro');
    await expect(page.getByRole('option').first()).toContainText('mai táng');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('counts-from')).toHaveText(/^Tiếp nhận lúc nghỉ \(Thứ Bảy\): thời hạn tính từ ngày làm việc tiếp theo, \d\d giờ \d\d phút, ngày 28\/04\/2026\.$/);
  });
});
