import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, request as requestFactory, test, type Page } from '@playwright/test';
import { e2eSmtpPort, startMailbox, type Mailbox } from '../support/mailbox';
import { count, expectAccessible, joinByInvitation, login, loginRequest, value } from './support';

const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;

let mailbox: Mailbox;
test.beforeAll(async () => {
  mailbox = await startMailbox(e2eSmtpPort());
});
test.afterAll(async () => mailbox.close());

function totp(manualKey: string) {
  const key = decodeBase32IgnorePadding(manualKey.replace(/\s/g, ''));
  return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000)), 6);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** A new finance officer of the county union who turned two-factor on; signed in on `page`. */
async function financeOfficerWithTwoFactor(page: Page, email: string, password: string) {
  const admin = await requestFactory.newContext({ baseURL });
  await loginRequest(admin, 'platform@demo.gonghui.cn');
  const union = count("select union_id from staff_roles where role = 'finance' limit 1");
  const invite = await admin.post(`/admin/unions/${union}`, {
    form: { intent: 'invite', email, role: 'finance' },
    maxRedirects: 0,
  });
  expect(invite.status()).toBe(302);
  await admin.dispose();

  const unionName = value('select name from unions where id = ?', union);
  await joinByInvitation(mailbox, page.request, { name: '孙出纳', email, password }, `邀请您担任${unionName}财务`);
  await page.goto('/account');
  await page.getByRole('button', { name: '开启两步验证' }).click();
  const manualKey = (await page.getByTestId('totp-key').textContent())!;
  await page.getByLabel('6 位验证码').fill(totp(manualKey));
  await page.getByRole('button', { name: '确认开启' }).click();
  await expect(page.getByRole('status')).toHaveText('两步验证已开启。');
}

test('a platform admin resets a two-factor with a reason, without JavaScript', async ({ page, browser }) => {
  const email = `cashier-${Date.now()}@example.cn`;
  const password = 'a-long-password-2026';
  await financeOfficerWithTwoFactor(page, email, password);

  const adminContext = await browser.newContext({ javaScriptEnabled: false });
  const admin = await adminContext.newPage();
  await login(admin, 'platform@demo.gonghui.cn');
  await admin.getByRole('link', { name: '两步验证重置' }).click();
  await expect(admin.getByRole('heading', { name: '重置两步验证' })).toBeVisible();

  await admin.getByLabel('账号邮箱').fill('nobody@example.cn');
  await admin.getByRole('button', { name: '查找' }).click();
  await expect(admin.getByRole('alert')).toHaveText('没有使用这个邮箱的账号。');

  await admin.getByLabel('账号邮箱').fill(email.toUpperCase());
  await admin.getByRole('button', { name: '查找' }).click();
  await expect(admin.getByRole('heading', { name: `孙出纳（${email}）` })).toBeVisible();
  await expect(admin.getByText('两步验证已开启。', { exact: true })).toBeVisible();
  // Axe needs JavaScript: the same page in a browser that runs it.
  const checkerContext = await browser.newContext();
  const checker = await checkerContext.newPage();
  await login(checker, 'platform@demo.gonghui.cn');
  await checker.goto(admin.url());
  await expect(checker.getByText('两步验证已开启。', { exact: true })).toBeVisible();
  await expectAccessible(checker);
  await checkerContext.close();

  // The reason is required: checked on the server, nothing reset.
  await admin.getByRole('button', { name: '重置两步验证' }).click();
  await expect(admin.getByText('此项必填。', { exact: true })).toBeVisible();
  const enrolled = 'select count(*) from totp_credentials t join users u on u.id = t.user_id where u.email = ?';
  expect(count(enrolled, email)).toBe(1);

  const reason = '本人到服务中心出示身份证，手机丢失，恢复码未保存';
  await admin.getByLabel('原因').fill(reason);
  await admin.getByRole('button', { name: '重置两步验证' }).click();
  await expect(admin.getByRole('status')).toHaveText(
    `已重置 ${email} 的两步验证：对方已退出所有登录，通知邮件已发出。`,
  );
  await expect(admin.getByText('两步验证未开启，无需重置。', { exact: true })).toBeVisible();
  expect(count(enrolled, email)).toBe(0);
  expect(
    count(
      "select count(*) from audit_log a join users u on u.id = a.subject_id where a.action = 'two_factor.reset' and u.email = ? and json_extract(a.data, '$.reason') = ?",
      email,
      reason,
    ),
  ).toBe(1);
  await adminContext.close();

  // The person's session has ended; they are told by email, with the reason.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  const subject = '您账号的两步验证已被平台管理员重置';
  await expect
    .poll(() => mailbox.messages.filter((m) => m.to.includes(email) && m.subject === subject).length, {
      timeout: 30_000,
    })
    .toBe(1);
  const mail = mailbox.messages.find((m) => m.to.includes(email) && m.subject === subject)!;
  expect(mail.text).toContain(reason);
  expect(mail.text).toContain(`http://localhost:${port}/account#two-factor`);

  // The password alone signs them in again, and they can turn two-factor back on.
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/me$/);
  await page.goto('/account');
  await expect(page.getByRole('button', { name: '开启两步验证' })).toBeVisible();
});
