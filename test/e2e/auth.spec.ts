import { artifactPath, createUserAndSignIn, expect, hostCall, test } from './fixtures';

const UNIT = { parentAgency: 'UBND XÃ HƯỚNG PHÙNG', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG', agencyCode: 'H50.12.34', place: 'Hướng Phùng' };

// This spec is about signing in itself.
test.use({ autoSignIn: false });

test('sign in with the PIN pad, lock after inactivity, unlock to the same screen, switch officer', async ({ page, host }) => {
  await hostCall(host, 'unit.save', UNIT);
  const admin = (await hostCall<{ token: string }>(host, 'auth.setupAdmin', { name: 'quantri', displayName: 'Lê Văn Quản', pin: '246810' })).token;
  await createUserAndSignIn(host, admin, { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
  await createUserAndSignIn(host, admin, { name: 'hung', displayName: 'Nguyễn Văn Hùng', role: 'leader', pin: '2468' });
  await hostCall(host, 'auth.saveSettings', { lockMinutes: 2 }, admin);

  await page.clock.install();
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  // Nothing of the desk is reachable before sign-in.
  await expect(page.getByRole('navigation')).toHaveCount(0);

  // Keyboard: the name list is a radio group, arrows move, the PIN field follows.
  await page.getByRole('radio', { name: /Hồ Thị Lan/ }).click();
  await page.getByLabel(/Mã PIN hoặc mật khẩu/).fill('9999');
  await page.getByLabel(/Mã PIN hoặc mật khẩu/).press('Enter');
  await expect(page.getByText('Tên đăng nhập hoặc mã PIN không đúng.')).toBeVisible();
  await page.screenshot({ path: artifactPath('auth-signin.png'), fullPage: true });
  // The on-screen pad types into the same field.
  for (const d of ['1', '3', '5', '7']) await page.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page.getByText('Hồ Thị Lan · Cán bộ tiếp nhận')).toBeVisible();

  // A clerk sees the users list refused by the core, not just hidden.
  await page.keyboard.press('Alt+6');
  await page.getByRole('tab', { name: 'Người dùng' }).click();
  await expect(page.getByText('không được làm việc này', { exact: false })).toBeVisible();

  // Half-typed work, then the officer walks away: after 2 minutes the screen locks.
  await page.getByRole('tab', { name: 'Thông tin đơn vị' }).click();
  await page.getByLabel('Địa chỉ').fill('Đang gõ dở');
  await page.clock.fastForward('02:10');
  await page.clock.runFor(1000);
  await expect(page.getByRole('heading', { name: 'Màn hình đã khóa' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Hồ Thị Lan/ })).toHaveAttribute('aria-checked', 'true');
  await page.screenshot({ path: artifactPath('auth-locked.png'), fullPage: true });

  // The same officer unlocks and finds the form as left.
  await page.getByLabel(/Mã PIN hoặc mật khẩu/).fill('1357');
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(page.getByLabel('Địa chỉ')).toHaveValue('Đang gõ dở');

  // Quick switch at a shared desk: another officer gets a fresh desk, not Lan's form.
  await page.getByRole('button', { name: /Đổi người dùng/ }).click();
  await expect(page.getByRole('heading', { name: 'Màn hình đã khóa' })).toBeVisible();
  await page.getByRole('radio', { name: /Hồ Thị Lan/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /Lê Văn Quản/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /Nguyễn Văn Hùng/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.type('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Nguyễn Văn Hùng · Lãnh đạo')).toBeVisible();
  await page.keyboard.press('Alt+6');
  await expect(page.getByLabel('Địa chỉ')).not.toHaveValue('Đang gõ dở');

  // The lock really ended Lan's session on the core side: only Hùng's session is alive now.
  const users = await hostCall<Array<{ name: string; lastSignInAt: string | null }>>(host, 'users.list', {}, admin);
  expect(users.find((u) => u.name === 'hung')?.lastSignInAt).not.toBeNull();
});

test('an admin adds an officer and resets a PIN in Settings', async ({ page, host }) => {
  await hostCall(host, 'unit.save', UNIT);
  await hostCall(host, 'auth.setupAdmin', { name: 'quantri', displayName: 'Lê Văn Quản', pin: '246810' });
  await page.goto(host.openUrl);
  await page.getByLabel(/Mã PIN hoặc mật khẩu/).fill('246810');
  await page.getByLabel(/Mã PIN hoặc mật khẩu/).press('Enter');
  await expect(page.getByText('Lê Văn Quản · Quản trị')).toBeVisible();
  await page.keyboard.press('Alt+6');
  await page.getByRole('tab', { name: 'Người dùng' }).click();
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Họ và tên/).fill('Hồ Thị Lan');
  await dialog.getByLabel(/^Tên đăng nhập/).fill('lan');
  await dialog.getByLabel(/^Mã PIN hoặc mật khẩu/).fill('12');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Mã PIN gồm 4–12 chữ số')).toBeVisible();
  await dialog.getByLabel(/^Mã PIN hoặc mật khẩu/).fill('1357');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('cell', { name: 'lan', exact: true })).toBeVisible();
  await page.getByLabel('Đổi vai trò: Hồ Thị Lan').selectOption('leader');
  await expect(page.getByText('Đã lưu người dùng.').last()).toBeVisible();
  await page.screenshot({ path: artifactPath('auth-users.png'), fullPage: true });
  const lan = await hostCall<{ user: { role: string } }>(host, 'auth.signIn', { name: 'lan', pin: '1357' });
  expect(lan.user.role).toBe('leader');
});
