import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * Steps a clerk repeats at the desk, shared by the e2e specs (tracking, citizen rating, the desk-day
 * run): the dossier screen's actions, the return, and the citizen rating on its own tab.
 */

/** Open a dossier by its code, as the clerk does from the board or a search (#/tracking/<code>). */
export async function openDossier(page: Page, code: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/tracking/${code}`);
  await expect(page.getByRole('heading', { name: code, exact: true })).toBeVisible();
}

/** The next step is the one primary button; any other action sits in the "Thao tác khác" menu. */
export async function pick(page: Page, name: string): Promise<void> {
  const next = page.getByTestId('dossier-next-action');
  if ((await next.innerText()).trim() === name) return next.click();
  await page.getByTestId('dossier-more-actions').click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}

/** Run one dossier action through its dialog, filling the fields named by their labels. */
export async function act(page: Page, button: string, fill: Record<string, string> = {}): Promise<void> {
  await pick(page, button);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  for (const [label, value] of Object.entries(fill)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog).toBeHidden();
}

/** Hand the result to the applicant in person (a procedure without a fee). */
export async function returnToApplicant(page: Page): Promise<void> {
  await pick(page, 'Trả kết quả');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('group', { name: 'Ai nhận kết quả?' })).toBeVisible();
  const fee = dialog.getByRole('checkbox', { name: /Đã thu lệ phí/ });
  if (await fee.count()) await fee.check();
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dossier-status')).toHaveText('Đã trả kết quả');
}

/**
 * Right after the return: "let the citizen rate on the second screen". The desk opens a new tab with
 * only a citizen pass; the citizen presses a rating there; the tab says thanks and is closed.
 * Returns the citizen tab's console errors (none expected).
 */
export async function rateOnCitizenTab(page: Page, code: string, rating: 'Rất hài lòng' | 'Hài lòng' | 'Không hài lòng'): Promise<string[]> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Mời người dân tự đánh giá (màn hình thứ hai)' }).click()]);
  const errors: string[] = [];
  tab.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
  });
  await expect(tab.getByRole('heading', { name: `Hồ sơ ${code}` })).toBeVisible();
  await tab.getByRole('button', { name: rating, exact: true }).click();
  await expect(tab.getByText('Cảm ơn Ông/Bà đã đánh giá!')).toBeVisible();
  await tab.close();
  return errors;
}
