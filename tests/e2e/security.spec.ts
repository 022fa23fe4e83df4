import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, request as requestFactory, test } from '@playwright/test';
import { e2eSmtpPort, startMailbox, type Mailbox } from '../support/mailbox';
import {
  advanceClock,
  count,
  expectAccessible,
  logOut,
  loginRequest,
  mailLink,
  receive,
  resetClock,
  verificationSubject,
} from './support';

const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;

let mailbox: Mailbox;
test.beforeAll(async () => {
  mailbox = await startMailbox(e2eSmtpPort());
});
test.afterAll(async () => mailbox.close());
test.afterEach(async ({ request }) => resetClock(request));

/** The code an authenticator app shows at the server's `at`. */
function totp(manualKey: string, at: Date) {
  const key = decodeBase32IgnorePadding(manualKey.replace(/\s/g, ''));
  return generateHOTP(key, BigInt(Math.floor(at.getTime() / 30_000)), 6);
}

test('finance staff turn on two-factor, then log in with password and code', async ({ page, request }) => {
  // A new finance officer of the county union: invited by the platform admin, signs up, verifies the
  // email and accepts the emailed invitation.
  const admin = await requestFactory.newContext({ baseURL });
  await loginRequest(admin, 'platform@demo.gonghui.cn');
  const union = count("select union_id from staff_roles where role = 'finance' limit 1");
  const email = `finance-${Date.now()}@example.cn`;
  const password = 'a-long-password-2026';
  const invite = await admin.post(`/admin/unions/${union}`, {
    form: { intent: 'invite', email, role: 'finance' },
    maxRedirects: 0,
  });
  expect(invite.status()).toBe(302);
  await admin.dispose();

  await page.goto('/signup');
  await page.getByLabel('姓名').fill('钱会计');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.goto(mailLink(await receive(mailbox, email, verificationSubject), '/verify-email'));
  await page.goto(mailLink(await receive(mailbox, email, '邀请您担任象山县总工会财务'), '/invitations'));
  await page.getByRole('button', { name: '接受邀请' }).click();
  await expect(page).toHaveURL(/\/me\?invitationAccepted$/);

  // Enrol on /account: QR code, otpauth link and a key to type; a wrong code is refused.
  await page.goto('/account');
  await page.getByRole('button', { name: '开启两步验证' }).click();
  await expect(page.getByRole('img', { name: '两步验证二维码' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^otpauth:\/\/totp\// })).toBeVisible();
  const manualKey = (await page.getByTestId('totp-key').textContent())!;
  await page.getByLabel('6 位验证码').fill('000000');
  await page.getByRole('button', { name: '确认开启' }).click();
  await expect(page.locator('.error-summary')).toContainText('6 位验证码：验证码不正确或已用过');
  await expectAccessible(page);
  await page.getByLabel('6 位验证码').fill(totp(manualKey, new Date()));
  await page.getByRole('button', { name: '确认开启' }).click();
  await expect(page.getByRole('status')).toHaveText('两步验证已开启。');
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(8);
  expect(
    count(
      'select count(*) from totp_credentials t join users u on u.id = t.user_id where u.email = ? and t.confirmed_at is not null',
      email,
    ),
  ).toBe(1);

  // Log out, then the password alone is not enough: a second step asks for the code.
  await logOut(page);
  await page.goto(`/login?redirectTo=${encodeURIComponent('/account')}`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  expect((await page.context().cookies()).some((c) => /session/.test(c.name))).toBe(false);
  await expectAccessible(page);
  await page.getByLabel('验证码或恢复码').fill('123456' === totp(manualKey, new Date()) ? '654321' : '123456');
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page.locator('.error-summary')).toContainText('验证码或恢复码：验证码不正确或已用过');
  // The code used to enrol cannot be replayed: the next 30-second step's code is needed.
  const later = await advanceClock(request, 30_000);
  await page.getByLabel('验证码或恢复码').fill(totp(manualKey, later));
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText('两步验证已开启。', { exact: true })).toBeVisible();
});

test('ten failed logins lock the account for 15 minutes, even for the right password', async ({ page, request }) => {
  const email = `locked-${Date.now()}@example.cn`;
  const password = 'a-long-password-2026';
  const signup = await request.post('/signup', { form: { name: '孙师傅', email, password }, maxRedirects: 0 });
  expect(signup.status()).toBe(302);
  const visitor = await requestFactory.newContext({ baseURL });
  for (let i = 0; i < 10; i++) {
    const wrong = await visitor.post('/login', { form: { email, password: 'not-my-password' }, maxRedirects: 0 });
    expect(wrong.status()).toBe(200);
  }
  const refused = await visitor.post('/login', { form: { email, password }, maxRedirects: 0 });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(14 * 60);
  await visitor.dispose();

  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('登录失败次数过多。为保护账户，请 15 分钟后再试。')).toBeVisible();
  await expect(page.getByLabel('电子邮箱')).toHaveValue(email);
  await expectAccessible(page);

  await advanceClock(request, 15 * 60_000 + 1000);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/me$/);
});
