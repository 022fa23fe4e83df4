import { expect, request as requestFactory, test } from '@playwright/test';
import { count, expectAccessible, login, loginRequest, resetClock } from './support';

test.afterEach(async ({ request }) => resetClock(request));

const baseURL = `http://localhost:${process.env.E2E_PORT}`;

test("a union's admin reads its audit log from the workspace; another union's admin cannot", async ({ page }) => {
  // The platform admin gives a county reviewer role to a new account (not a demo one: other specs
  // rely on theirs), and makes a new township admin, who signs up: one staff.grant row in each union.
  const reviewerEmail = `county-reviewer-${Date.now()}@example.cn`;
  const reviewer = await requestFactory.newContext({ baseURL });
  const reviewerSignup = await reviewer.post('/signup', {
    form: { name: '县评审', email: reviewerEmail, password: 'a-long-password' },
    maxRedirects: 0,
  });
  expect(reviewerSignup.status()).toBe(302);
  await reviewer.dispose();
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
  const townshipAdmin = await requestFactory.newContext({ baseURL });
  const signup = await townshipAdmin.post('/signup', {
    form: { name: '街道管理员', email, password: 'a-long-password' },
    maxRedirects: 0,
  });
  expect(signup.status()).toBe(302);

  await login(page, 'admin@demo.gonghui.cn');
  await page.getByRole('link', { name: '审计日志' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/unions/${county}/audit$`));
  await page.getByLabel('操作', { exact: true }).fill('staff.');
  await page.getByRole('button', { name: '筛选' }).click();
  const log = page.getByTestId('audit-log');
  await expect(log.getByText('staff.grant').first()).toBeVisible();
  await expect(log.getByText('role: — → reviewer').first()).toBeVisible();
  await expect(log).not.toContainText(email);
  await expectAccessible(page);

  expect((await townshipAdmin.get(`/unions/${county}/audit`)).status()).toBe(403);
  expect((await townshipAdmin.get('/admin/audit')).status()).toBe(403);
  const own = await townshipAdmin.get(`/unions/${township}/audit`);
  expect(own.status()).toBe(200);
  const html = await own.text();
  expect(html).toContain('staff.grant');
  expect(html).not.toContain(reviewerEmail);
  await platform.dispose();
  await townshipAdmin.dispose();
});
