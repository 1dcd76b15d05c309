/**
 * Issue 14 item 9 in a real Chromium: the search box in the header of every screen. Ctrl+K and F3
 * put the cursor in it from any screen (even while typing in an intake field); a code, a name
 * without diacritics, an ID number or a phone finds the dossier and Enter opens it; several matches
 * give a short list walked with ↑/↓.
 */
import { randomUUID } from 'node:crypto';
import { artifactPath, E2E_ADMIN, expect, hostCall, signedInUrl, test } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

const UNIT = {
  parentAgency: 'UBND XÃ HƯỚNG PHÙNG',
  unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
  agencyCode: 'H50.12.34',
  place: 'Hướng Phùng',
  officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }],
};

test('Ctrl+K / F3 on every screen; code, name without diacritics, CCCD and phone open the dossier with Enter', async ({ page, host }) => {
  const session = (await hostCall<{ token: string }>(host, 'auth.setupAdmin', E2E_ADMIN)).token;
  await page.context().setExtraHTTPHeaders({ 'X-Motcua-Session': session });
  const rpc = <T = any>(channel: string, data: unknown = {}) => hostCall<T>(host, channel, data, session);
  await rpc('unit.save', UNIT);
  const make = (fullName: string, idNumber: string, phone: string) =>
    rpc<{ code: string }>('dossiers.create', {
      requestId: randomUUID(),
      procedureCode: '1.001731',
      applicant: { fullName, idNumber, phone },
      components: [0, 1, 2].map((position) => ({ position, received: true })),
    });
  const huong = await make('Nguyễn Thị Hường', '045301001234', '0912345678');
  const hung = await make('Nguyễn Văn Hùng', '045084000999', '0987654321');
  const mai = await make('Trần Thị Mai', '045195000321', '0905111222');

  await page.goto(signedInUrl(host, session));
  await expect(page.getByRole('heading', { name: UNIT.unitName })).toBeVisible();
  const box = page.getByRole('combobox', { name: 'Tìm hồ sơ' });
  const options = page.getByRole('listbox', { name: 'Hồ sơ tìm thấy' }).getByRole('option');
  const dossierHeading = (code: string) => page.getByRole('heading', { name: code, exact: true });

  // From the intake screen, with the cursor in the procedure picker: Ctrl+K, a name without marks.
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('combobox', { name: 'Thủ tục hành chính' })).toBeFocused();
  await page.keyboard.press('Control+K');
  await expect(box).toBeFocused();
  await page.keyboard.type('tran thi mai');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(dossierHeading(mai.code)).toBeVisible();
  await expect(box).toHaveValue('');

  // Several match: a short list, ↓ ↓ Enter opens the second.
  await page.keyboard.press('F3');
  await expect(box).toBeFocused();
  await page.keyboard.type('nguyen');
  await expect(options).toHaveCount(2);
  await page.screenshot({ path: artifactPath('header-search.png') });
  // Enter with no choice made opens nothing yet.
  await page.keyboard.press('Enter');
  await expect(dossierHeading(mai.code)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  const second = (await options.nth(1).locator('.header-search__code').textContent())!;
  expect([huong.code, hung.code]).toContain(second);
  await page.keyboard.press('Enter');
  await expect(dossierHeading(second)).toBeVisible();

  // From the reports screen: the CCCD, typed and Enter at once (no waiting for the list).
  await page.keyboard.press('Alt+5');
  await page.keyboard.press('Control+K');
  await box.fill('045084000999');
  await box.press('Enter');
  await expect(dossierHeading(hung.code)).toBeVisible();

  // The phone, from settings; then the exact code, from home.
  await page.keyboard.press('Alt+6');
  await page.keyboard.press('F3');
  await box.fill('0912 345 678');
  await box.press('Enter');
  await expect(dossierHeading(huong.code)).toBeVisible();
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('F3');
  await box.fill(mai.code.toLowerCase());
  await box.press('Enter');
  await expect(dossierHeading(mai.code)).toBeVisible();

  // Nothing matches: said in the list, nothing opens; Esc clears.
  await page.keyboard.press('Control+K');
  await box.fill('khong co ai');
  await box.press('Enter');
  await expect(page.getByText('Không có hồ sơ nào khớp.')).toBeVisible();
  await box.press('Escape');
  await expect(box).toHaveValue('');
  await expect(dossierHeading(mai.code)).toBeVisible();
});
