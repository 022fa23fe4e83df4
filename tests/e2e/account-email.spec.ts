import { expect, test, type Page } from '@playwright/test';
import { e2eSmtpPort, startMailbox, type Mailbox } from '../support/mailbox';
import {
  advanceClock,
  count,
  expectAccessible,
  login,
  logOut,
  mailLink,
  mailsTo,
  receive,
  resetClock,
} from './support';

// The e2e server sends mail to SMTP_URL (playwright.config.ts); this file listens there.
let mailbox: Mailbox;
test.beforeAll(async () => {
  mailbox = await startMailbox(e2eSmtpPort());
});
test.afterAll(async () => mailbox.close());
test.afterEach(async ({ request }) => resetClock(request));

/** Opens a page and waits until its scripts have loaded, so typing is not lost to hydration. */
async function open(page: Page, path: string) {
  await page.goto(path, { waitUntil: 'networkidle' });
}

async function requestReset(page: Page, email: string) {
  await open(page, '/login');
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByRole('button', { name: '发送重置链接' }).click();
  await expect(
    page.getByText('如果这个邮箱注册过账号，重置密码的邮件已经发出，请查收。', { exact: true }),
  ).toBeVisible();
}

async function loginWith(page: Page, email: string, password: string) {
  await open(page, '/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('sign up and verify the email, then reset a forgotten password from the emailed link', async ({ page }) => {
  const email = `zhou.${Date.now()}@example.cn`;
  const oldPassword = 'first-password-2026';
  const newPassword = 'second-password-2026';

  await open(page, '/signup');
  await page.getByLabel('姓名').fill('周明');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(oldPassword);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/\/me$/);

  // Sign-up sent a verification email; its link verifies the address.
  const verification = await receive(mailbox, email, '请验证您的电子邮箱');
  expect(verification.text).toContain('周明，您好：');
  await page.goto(mailLink(verification, '/verify-email'));
  await expect(page.getByText('您的电子邮箱已验证。', { exact: true })).toBeVisible();
  expect(count('select count(*) as n from users where email = ? and email_verified_at is not null', email)).toBe(1);

  await logOut(page);
  await requestReset(page, email);
  await expectAccessible(page);

  const reset = await receive(mailbox, email, '重置您的密码');
  expect(reset.text).toContain('1 小时');
  const resetLink = mailLink(reset, '/reset-password');
  await open(page, resetLink);
  await expectAccessible(page);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('再次输入新密码').fill(newPassword);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await expect(page).toHaveURL(/\/me$/);

  // The link works once.
  await page.goto(resetLink);
  await expect(page.getByText('这个链接无效、已过期或已经使用过。', { exact: true })).toBeVisible();

  // The old password no longer opens the account; the new one does.
  await logOut(page);
  await loginWith(page, email, oldPassword);
  await expect(page.getByText('邮箱或密码不正确。', { exact: true })).toBeVisible();
  await loginWith(page, email, newPassword);
  await expect(page).toHaveURL(/\/me$/);

  // Exactly one of each email reached the person.
  expect(mailsTo(mailbox, email, '请验证您的电子邮箱')).toHaveLength(1);
  expect(mailsTo(mailbox, email, '重置您的密码')).toHaveLength(1);
});

test('a reset link expires after an hour, and an unknown address gets the same answer', async ({ page, request }) => {
  const email = 'childcare@demo.gonghui.cn';
  const before = mailsTo(mailbox, email, '重置您的密码').length;
  await requestReset(page, email);
  await expect.poll(() => mailsTo(mailbox, email, '重置您的密码').length, { timeout: 30_000 }).toBe(before + 1);
  const resetLink = mailLink(mailsTo(mailbox, email, '重置您的密码').at(-1)!, '/reset-password');

  await advanceClock(request, 61 * 60_000);
  await page.goto(resetLink);
  await expect(page.getByText('这个链接无效、已过期或已经使用过。', { exact: true })).toBeVisible();
  await expect(page.getByLabel('新密码', { exact: true })).toHaveCount(0);

  const unknown = `nobody.${Date.now()}@example.cn`;
  await requestReset(page, unknown);
  expect(count('select count(*) as n from notifications where to_email = ?', unknown)).toBe(0);

  // The demo password still works: nothing was changed.
  await login(page, email);
});

test('a platform admin previews an email in the outbox', async ({ page }) => {
  const email = 'sports@demo.gonghui.cn';
  await requestReset(page, email);
  await receive(mailbox, email, '重置您的密码');

  await login(page, 'platform@demo.gonghui.cn');
  await page.getByRole('link', { name: '邮件发件箱' }).click();
  await expect(page.getByText('已配置 SMTP')).toBeVisible();
  await expectAccessible(page);
  const row = page.getByRole('row').filter({ hasText: email }).filter({ hasText: '重置密码' }).first();
  await expect(row.getByText('已发送')).toBeVisible();
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { name: '重置您的密码', level: 1 })).toBeVisible();
  await expect(page.locator('pre.email-text')).toContainText('/reset-password?token=');
  await expect(page.frameLocator('iframe.email-preview').getByText('设置新密码').first()).toBeVisible();
  await expectAccessible(page);
});

test('the outbox is for platform admins only', async ({ page }) => {
  await login(page, 'commissioner@demo.gonghui.cn');
  const response = await page.goto('/admin/outbox');
  expect(response?.status()).toBe(403);
});
