import { expect, request as requestFactory, test } from '@playwright/test';
import { e2eSmtpPort, startMailbox, type Mailbox } from '../support/mailbox';
import { count, expectAccessible, joinByInvitation, login, loginRequest, resetClock } from './support';

let mailbox: Mailbox;
test.beforeAll(async () => {
  mailbox = await startMailbox(e2eSmtpPort());
});
test.afterAll(async () => mailbox.close());
test.afterEach(async ({ request }) => resetClock(request));

const baseURL = `http://localhost:${process.env.E2E_PORT}`;

test("a union's admin reads its audit log from the workspace; another union's admin cannot", async ({ page }) => {
  // The platform admin invites a new account (not a demo one: other specs rely on theirs) to be a
  // county reviewer, and another to be a township admin; each accepts: one invitation.accept row in
  // each union.
  const reviewerEmail = `county-reviewer-${Date.now()}@example.cn`;
  const platform = await requestFactory.newContext({ baseURL });
  await loginRequest(platform, 'platform@demo.gonghui.cn');
  const county = count("select id from unions where name = '象山县总工会'");
  const township = count("select id from unions where name = '丹东街道总工会'");
  const email = `township-admin-${Date.now()}@example.cn`;
  for (const [unionId, form] of [
    [county, { intent: 'invite', email: reviewerEmail, role: 'reviewer' }],
    [township, { intent: 'invite', email, role: 'admin' }],
  ] as const) {
    const response = await platform.post(`/admin/unions/${unionId}`, { form, maxRedirects: 0 });
    expect(response.status()).toBe(302);
  }
  const reviewer = await requestFactory.newContext({ baseURL });
  await joinByInvitation(mailbox, reviewer, { name: '县评审', email: reviewerEmail }, '邀请您担任象山县总工会评审专家');
  await reviewer.dispose();
  const townshipAdmin = await requestFactory.newContext({ baseURL });
  await joinByInvitation(mailbox, townshipAdmin, { name: '街道管理员', email }, '邀请您担任丹东街道总工会工会管理员');

  await login(page, 'admin@demo.gonghui.cn');
  await page.getByRole('link', { name: '审计日志' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/unions/${county}/audit$`));
  await page.getByLabel('操作', { exact: true }).fill('invitation.');
  await page.getByRole('button', { name: '筛选' }).click();
  const log = page.getByTestId('audit-log');
  await expect(log.getByText('invitation.accept').first()).toBeVisible();
  await expect(log.getByText('role: — → reviewer').first()).toBeVisible();
  await expect(log).not.toContainText(email);
  await expectAccessible(page);

  expect((await townshipAdmin.get(`/unions/${county}/audit`)).status()).toBe(403);
  expect((await townshipAdmin.get('/admin/audit')).status()).toBe(403);
  const own = await townshipAdmin.get(`/unions/${township}/audit`);
  expect(own.status()).toBe(200);
  const html = await own.text();
  expect(html).toContain('invitation.accept');
  expect(html).not.toContain(reviewerEmail);
  await platform.dispose();
  await townshipAdmin.dispose();
});
