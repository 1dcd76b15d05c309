import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { artifactPath, E2E_ADMIN, expect, hostCall, signedInUrl, test } from './fixtures';

const UNIT = {
  parentAgency: 'UBND XÃ HƯỚNG PHÙNG',
  unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
  agencyCode: 'H50.12.34',
  place: 'Hướng Phùng',
  officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }],
};
const BUCKETS = ['receivedToday', 'dueToday', 'dueNextWorkingDay', 'overdue', 'waitingSupplement', 'resultReady'] as const;

// The board shows its cached numbers at once and refetches; callers poll until the fresh ones arrive.
async function counts(page: Page): Promise<Record<(typeof BUCKETS)[number], number>> {
  await page.goto(`${new URL(page.url()).origin}/#/tracking`);
  await expect(page.getByRole('heading', { name: 'Bảng theo dõi hạn xử lý' })).toBeVisible();
  await expect(page.getByTestId('board-count-receivedToday')).not.toHaveText('…');
  const out = {} as Record<(typeof BUCKETS)[number], number>;
  for (const b of BUCKETS) out[b] = Number(await page.getByTestId(`board-count-${b}`).innerText());
  return out;
}

/** The next step is the one primary button; any other action sits in the "Thao tác khác" menu. */
async function pick(page: Page, name: string) {
  const next = page.getByTestId('dossier-next-action');
  if ((await next.innerText()).trim() === name) return next.click();
  await page.getByTestId('dossier-more-actions').click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}

async function act(page: Page, button: string, fill: Record<string, string> = {}) {
  await pick(page, button);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  for (const [label, value] of Object.entries(fill)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog).toBeHidden();
}

test('a dossier from intake to return: hand-over, supplement, result, barcode scan, collector, satisfaction', async ({ page, host }) => {
  // Signed in as the desk's first officer; the test's own calls go over the same HTTP API as the page's.
  const session = (await hostCall<{ token: string }>(host, 'auth.setupAdmin', E2E_ADMIN)).token;
  await page.context().setExtraHTTPHeaders({ 'X-Motcua-Session': session });
  const rpc = (channel: string, data: unknown = {}) => hostCall(host, channel, data, session);
  await rpc('unit.save', UNIT);
  const dossier = await rpc('dossiers.create', {
    requestId: randomUUID(),
    procedureCode: '1.001731',
    applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678' },
    components: [0, 1, 2].map((position) => ({ position, received: true })),
  });
  const code = dossier.code as string;

  await page.goto(signedInUrl(host, session));
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
  const start = await counts(page);
  // Received now with a 3-working-day limit: not due today or on the next working day.
  expect(start).toEqual({ receivedToday: 1, dueToday: 0, dueNextWorkingDay: 0, overdue: 0, waitingSupplement: 0, resultReady: 0 });
  await page.getByTestId('board-receivedToday').click();
  // Nothing to do from the board for this row: no empty "Thao tác" column; today's date said once.
  await expect(page.getByRole('columnheader', { name: 'Thao tác' })).toHaveCount(0);
  await expect(page.getByText(/Hôm nay/)).toHaveCount(1);
  await page.screenshot({ path: artifactPath('tracking-board.png'), fullPage: true });
  await page.goto(`${new URL(page.url()).origin}/#/home`);
  await expect(page.getByTestId('board-count-receivedToday')).toHaveText('1');
  await expect(page.getByText(/Hôm nay/)).toHaveCount(1);
  await page.goto(`${new URL(page.url()).origin}/#/tracking`);
  await page.getByTestId('board-receivedToday').click();

  // The admin keeps the list of where dossiers go (Settings → Nơi nhận hồ sơ chuyển xử lý).
  await page.goto(`${new URL(page.url()).origin}/#/settings`);
  await page.getByRole('tab', { name: 'Nơi nhận hồ sơ chuyển xử lý' }).click();
  await page.getByLabel('Bộ phận / cơ quan').fill('Công chức Lao động - Thương binh và Xã hội');
  await page.getByLabel('Họ và tên người nhận').fill('Lê Văn Nam');
  await page.getByLabel('Chức vụ').fill('Công chức');
  await page.getByRole('button', { name: 'Thêm người nhận' }).click();
  await expect(page.getByRole('cell', { name: 'Lê Văn Nam', exact: true })).toBeVisible();
  await page.getByLabel('Bộ phận / cơ quan').fill('Lãnh đạo UBND xã');
  await page.getByLabel('Họ và tên người nhận').fill('Trần Văn Bình');
  await page.getByRole('button', { name: 'Thêm người nhận' }).click();
  await expect(page.getByRole('cell', { name: 'Trần Văn Bình', exact: true })).toBeVisible();
  await page.screenshot({ path: artifactPath('settings-recipients.png'), fullPage: true });
  await page.goto(`${new URL(page.url()).origin}/#/tracking`);
  await page.getByTestId('board-receivedToday').click();

  // Open it from the board, hand it to the officer.
  await page.getByRole('link', { name: code }).click();
  await expect(page.getByRole('heading', { name: code })).toBeVisible();
  await expect(page.getByTestId('dossier-status')).toHaveText('Mới tiếp nhận');
  await expect(page.getByRole('button', { name: 'Trả kết quả', exact: true })).toHaveCount(0);
  // Just received: the one primary action is the hand-over; the result and the destructive ones wait in the menu.
  await expect(page.getByTestId('dossier-next-action')).toHaveText('Chuyển xử lý');
  await page.getByTestId('dossier-more-actions').click();
  await expect(page.getByRole('menuitem')).toHaveText(['Có kết quả', 'Yêu cầu bổ sung', 'Xin lỗi, hẹn lại (Mẫu 04)', 'Từ chối giải quyết', 'Dừng giải quyết (Mẫu 05)', 'Rút hồ sơ']);
  await page.screenshot({ path: artifactPath('tracking-dossier-actions.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await page.getByTestId('dossier-next-action').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nội dung bước').fill('Thẩm định hồ sơ');
  // The giver is the signed-in officer, not typed; department and receiver are picked from the list.
  await expect(dialog.getByLabel('Người giao (cán bộ đang đăng nhập)')).toHaveValue(E2E_ADMIN.displayName);
  await expect(dialog.getByLabel('Người giao (cán bộ đang đăng nhập)')).not.toBeEditable();
  await dialog.getByLabel('Cơ quan / bộ phận nhận').selectOption('Công chức Lao động - Thương binh và Xã hội');
  await expect(dialog.getByRole('combobox', { name: 'Người nhận', exact: true })).toHaveValue(/.+/);
  await expect(dialog.getByRole('combobox', { name: 'Người nhận', exact: true }).locator('option:checked')).toHaveText('Lê Văn Nam – Công chức');
  await dialog.getByLabel('Thời hạn của bước (ngày làm việc, 0 = trong ngày)').fill('2');
  await page.screenshot({ path: artifactPath('tracking-handover-dialog.png') });
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dossier-status')).toHaveText('Đang giải quyết');
  await expect(page.getByRole('cell', { name: `${E2E_ADMIN.displayName} → Lê Văn Nam` })).toBeVisible();
  // The timeline names officers by full name, never by sign-in name.
  await expect(page.locator('.tracking-timeline__actor').first()).toHaveText(E2E_ADMIN.displayName);
  await expect(page.locator('.tracking-timeline')).not.toContainText(E2E_ADMIN.name);

  await act(page, 'Yêu cầu bổ sung', { 'Lý do': 'Thiếu bản sao giấy chứng tử' });
  await expect(page.getByTestId('dossier-status')).toHaveText('Chờ bổ sung');
  await expect.poll(() => counts(page)).toMatchObject({ receivedToday: 1, waitingSupplement: 1, resultReady: 0 });

  await page.getByTestId('board-waitingSupplement').click();
  await page.getByRole('link', { name: code }).click();
  await act(page, 'Đã nhận bổ sung');
  await expect(page.getByTestId('dossier-status')).toHaveText('Đang giải quyết');
  await act(page, 'Có kết quả');
  await expect(page.getByTestId('dossier-status')).toHaveText('Có kết quả, chờ trả');
  await page.screenshot({ path: artifactPath('tracking-dossier-result.png'), fullPage: true });
  await expect.poll(() => counts(page)).toEqual({ receivedToday: 1, dueToday: 0, dueNextWorkingDay: 0, overdue: 0, waitingSupplement: 0, resultReady: 1 });

  // The citizen hands over the receipt: the USB reader types the code in a burst, then Enter.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.type(code.toLowerCase(), { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: code })).toBeVisible();
  expect(page.url()).toContain(`#/tracking/${encodeURIComponent(code)}`);

  await pick(page, 'Trả kết quả');
  const ret = page.getByRole('dialog');
  await expect(ret.getByRole('group', { name: 'Ai nhận kết quả?' })).toBeVisible();
  await expect(ret.getByText('045301001234')).toBeVisible();
  await expect(ret.getByText('Thủ tục không thu lệ phí.')).toBeVisible();
  // Someone else collects: name, ID, relation and the authorisation paper, each asked at its field.
  await ret.getByRole('radio', { name: 'Người được ủy quyền nhận thay' }).check();
  await ret.getByLabel('Họ và tên người nhận').fill('Nguyễn Văn Hùng');
  await ret.getByLabel('Số CCCD người nhận').fill('045201001111');
  await ret.getByLabel('Quan hệ với người nộp').fill('Chồng');
  await ret.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(ret.getByText('Người nhận thay phải có giấy ủy quyền', { exact: false })).toBeVisible();
  await ret.getByLabel('Giấy ủy quyền (số, ngày, nơi chứng thực)').fill('Giấy ủy quyền số 15/UQ ngày 02/12/2026');
  await page.screenshot({ path: artifactPath('tracking-return-dialog.png') });
  await ret.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByTestId('dossier-status')).toHaveText('Đã trả kết quả');
  await expect(page.locator('.tracking-dl')).toContainText('Nguyễn Văn Hùng (CCCD 045201001111, Chồng) nhận thay theo Giấy ủy quyền số 15/UQ ngày 02/12/2026');
  await expect(page.locator('.tracking-timeline')).toContainText('nhận thay theo Giấy ủy quyền số 15/UQ ngày 02/12/2026; Lệ phí không thu');
  await expect(page.getByRole('button', { name: 'Rất hài lòng' })).toBeVisible();
  await page.screenshot({ path: artifactPath('tracking-satisfaction.png'), fullPage: true });
  await page.getByRole('button', { name: 'Rất hài lòng' }).click();
  await expect(page.getByText('Cảm ơn Ông/Bà đã đánh giá!')).toBeVisible();
  await expect(page.locator('.tracking-dl')).toContainText('Rất hài lòng');
  await expect(page.getByText('Hồ sơ đã kết thúc; không còn thao tác nào.')).toBeVisible();
  await page.screenshot({ path: artifactPath('tracking-returned.png'), fullPage: true });

  const stored = await rpc('tracking.get', { code });
  expect(stored).toMatchObject({ status: 'returned', rating: { rating: 'rat_hai_long', source: 'desk' }, collector: { isApplicant: false, fullName: 'Nguyễn Văn Hùng', authorisation: 'Giấy ủy quyền số 15/UQ ngày 02/12/2026', feeCollected: false } });
  expect(stored.handovers).toHaveLength(1);
  expect(stored.handovers[0].finishedLocal).not.toBeNull();
  const history = await rpc('dossiers.history', { code });
  expect(history.filter((h: { source: string }) => h.source === 'event').map((h: { kind: string }) => h.kind)).toEqual([
    'handOver',
    'requestSupplement',
    'supplySupplement',
    'resultReady',
    'return',
    'rate',
  ]);
  await expect.poll(() => counts(page)).toEqual({ receivedToday: 1, dueToday: 0, dueNextWorkingDay: 0, overdue: 0, waitingSupplement: 0, resultReady: 0 });

  // A second dossier returned at the desk, rated by the citizen on the second monitor's screen.
  const second = await rpc('dossiers.create', {
    requestId: randomUUID(),
    procedureCode: '1.001731',
    applicant: { fullName: 'Trần Văn Bình', idNumber: '045201001111' },
    components: [0, 1, 2].map((position) => ({ position, received: true })),
  });
  await rpc('tracking.resultReady', { code: second.code });
  await rpc('tracking.return', { code: second.code, collector: { isApplicant: true } });
  await page.goto(`${host.url}/#/tracking/citizen`);
  await expect(page.getByText(`Hồ sơ ${second.code}`)).toBeVisible();
  await page.screenshot({ path: artifactPath('tracking-citizen.png') });
  await page.getByRole('button', { name: 'Hài lòng', exact: true }).click();
  await expect(page.getByText('Cảm ơn Ông/Bà đã đánh giá!')).toBeVisible();
  expect((await rpc('tracking.get', { code: second.code })).rating).toMatchObject({ rating: 'hai_long', source: 'citizen' });
});
