import { randomUUID } from 'node:crypto';
import { artifactPath, E2E_ADMIN, expect, hostCall, signedInUrl, test } from './fixtures';
import { openDossier, rateOnCitizenTab, returnToApplicant } from './support/desk';

// Issue 14 item 8: in browser mode the citizen rating screen is a second tab opened from the desk
// with a narrow citizen pass; it shows the returned dossier, takes the rating, and nothing else.
test.use({ autoSignIn: false });

test('the clerk returns a dossier, the citizen rates it on a second tab, the rating is recorded', async ({ page, host }) => {
  const session = (await hostCall<{ token: string }>(host, 'auth.setupAdmin', E2E_ADMIN)).token;
  const rpc = (channel: string, data: unknown = {}) => hostCall(host, channel, data, session);
  await rpc('unit.save', { parentAgency: 'UBND XÃ HƯỚNG PHÙNG', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG', agencyCode: 'H50.12.34', place: 'Hướng Phùng', officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }] });
  const d = await rpc('dossiers.create', {
    requestId: randomUUID(),
    procedureCode: '1.001731',
    applicant: { fullName: 'Trần Văn Bình', idNumber: '045201001111', phone: '0912345678' },
    components: [0, 1, 2].map((position) => ({ position, received: true })),
  });
  await rpc('tracking.resultReady', { code: d.code });

  await page.goto(signedInUrl(host, session));
  await openDossier(page, d.code);
  await returnToApplicant(page);

  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Mời người dân tự đánh giá (màn hình thứ hai)' }).click()]);
  await expect(page.getByText(`Đã mở màn hình đánh giá hồ sơ ${d.code} trên thẻ mới`)).toBeVisible();
  await expect(tab.getByRole('heading', { name: `Hồ sơ ${d.code}` })).toBeVisible();
  await expect(tab.getByText('Trần Văn Bình · ')).toBeVisible();
  // The tab holds the pass only: no launch token, no officer session; its address bar is clean.
  const stored = await tab.evaluate(() => Object.keys((globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage));
  expect(stored).toEqual(['motcua.citizenPass']);
  expect(new URL(tab.url()).hash).toBe('#/citizen');
  await expect(tab.getByText('045201001111')).toHaveCount(0);
  await tab.screenshot({ path: artifactPath('citizen-tab.png') });
  await tab.getByRole('button', { name: 'Hài lòng', exact: true }).click();
  await expect(tab.getByText('Cảm ơn Ông/Bà đã đánh giá!')).toBeVisible();
  expect((await rpc('tracking.get', { code: d.code })).rating).toMatchObject({ rating: 'hai_long', source: 'citizen' });
  // Reloading the tab after the rating shows that its pass has ended.
  await tab.reload();
  await expect(tab.getByText('Phiên đánh giá đã kết thúc hoặc đã hết hạn', { exact: false })).toBeVisible();
  await tab.close();

  // The desk sees the rating, with no rating left to ask for.
  await openDossier(page, d.code);
  await expect(page.locator('.tracking-dl')).toContainText('Hài lòng');
  await expect(page.getByText('Hồ sơ đã kết thúc; không còn thao tác nào.')).toBeVisible();

  // A second dossier through the shared step the desk-day run uses.
  const e = await rpc('dossiers.create', { requestId: randomUUID(), procedureCode: '1.001731', applicant: { fullName: 'Lê Thị Hoa', idNumber: '045301002222' }, components: [0, 1, 2].map((position) => ({ position, received: true })) });
  await rpc('tracking.resultReady', { code: e.code });
  await openDossier(page, e.code);
  await returnToApplicant(page);
  expect(await rateOnCitizenTab(page, e.code, 'Rất hài lòng')).toEqual([]);
  expect((await rpc('tracking.get', { code: e.code })).rating).toMatchObject({ rating: 'rat_hai_long', source: 'citizen' });
});
