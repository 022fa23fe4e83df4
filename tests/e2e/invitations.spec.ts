import { createHash } from 'node:crypto';
import { expect, request as requestFactory, test, type Page } from '@playwright/test';
import { e2eSmtpPort, startMailbox, type Mailbox } from '../support/mailbox';
import {
  advanceClock,
  count,
  expectAccessible,
  login,
  logOut,
  loginRequest,
  mailLink,
  mailsTo,
  receive,
  resetClock,
  verificationSubject,
} from './support';

// A role or a membership comes only from the emailed link, accepted while signed in to the verified
// account of the invited address (docs/decisions/092). The links are read from the mailbox.

let mailbox: Mailbox;
test.beforeAll(async () => {
  mailbox = await startMailbox(e2eSmtpPort());
});
test.afterAll(async () => mailbox.close());
test.afterEach(async ({ request }) => resetClock(request));

const baseURL = `http://localhost:${process.env.E2E_PORT ?? '3100'}`;
const county = () => count("select id from unions where name = '象山县总工会'");
const rolesOf = (email: string) =>
  count('select count(*) from staff_roles r join users u on u.id = r.user_id where u.email = ?', email);

/** Opens a page and waits until its scripts have loaded, so typing is not lost to hydration. */
async function open(page: Page, path: string) {
  await page.goto(path, { waitUntil: 'networkidle' });
}

/** The platform admin invites `email` to a county role over HTTP. */
async function inviteToCounty(email: string, role: string) {
  const platform = await requestFactory.newContext({ baseURL });
  await loginRequest(platform, 'platform@demo.gonghui.cn');
  const response = await platform.post(`/admin/unions/${county()}`, {
    form: { intent: 'invite', email, role },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  await platform.dispose();
}

test('an invited reviewer signs up, is told to verify, verifies and accepts the emailed link once', async ({
  page,
}) => {
  const email = `invited-reviewer-${Date.now()}@example.cn`;
  await login(page, 'platform@demo.gonghui.cn');
  await open(page, `/admin/unions/${county()}`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('岗位').selectOption({ label: '评审专家' });
  await page.getByLabel('所属部门').selectOption({ label: '组织人事和基层工作部' });
  await page.getByRole('button', { name: '邀请', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/邀请已发送/);
  await logOut(page);

  const invitation = await receive(mailbox, email, '邀请您担任象山县总工会评审专家');
  expect(invitation.text).toContain('平台管理员邀请您在工会服务采购平台担任象山县总工会的评审专家。');
  const link = mailLink(invitation, '/invitations');
  const token = link.split('/').pop()!;
  // Only the token's SHA-256 is stored.
  expect(count('select count(*) from invitations where token_hash = ?', token)).toBe(0);
  const hash = createHash('sha256').update(token).digest('hex');
  expect(count('select count(*) from invitations where token_hash = ? and email = ?', hash, email)).toBe(1);

  // Signed out, the link asks to sign in or up, and brings the person back.
  await open(page, link);
  await expectAccessible(page);
  await page.getByRole('link', { name: '注册账号' }).click();
  await page.getByLabel('姓名').fill('周评审');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill('a-long-password-2026');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(link);
  // Signing up with the invited email granted nothing; an unverified account is told to verify.
  await expect(page.getByRole('alert')).toHaveText(/请先验证您的电子邮箱，再接受邀请/);
  await expect(page.getByRole('button', { name: '接受邀请' })).toHaveCount(0);
  expect(rolesOf(email)).toBe(0);

  await page.goto(mailLink(await receive(mailbox, email, verificationSubject), '/verify-email'));
  await expect(page.getByText('您的电子邮箱已验证。', { exact: true })).toBeVisible();
  expect(rolesOf(email)).toBe(0);

  await open(page, link);
  await expect(
    page.getByText('平台管理员邀请您担任象山县总工会的评审专家。 所属部门：组织人事和基层工作部。'),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: '接受邀请' }).click();
  await expect(page).toHaveURL(/\/me\?invitationAccepted$/);
  await expect(page.getByRole('status')).toHaveText('您已接受邀请，新的岗位或组织已列在下方。');
  await expect(page.getByText('象山县总工会：评审专家')).toBeVisible();
  expect(rolesOf(email)).toBe(1);

  // Single use.
  await open(page, link);
  await expect(page.getByRole('alert')).toHaveText('这份邀请已经被接受，链接不能再次使用。');
  expect(rolesOf(email)).toBe(1);
});

test('a union admin resends (the old link dies) and withdraws; another account and a late link are refused', async ({
  page,
  browser,
  request,
}) => {
  // A demo organization owner, verified, invited to a union role: only their account may accept.
  const email = 'psych@demo.gonghui.cn';
  await inviteToCounty(email, 'leadership');
  const subject = '邀请您担任象山县总工会领导（只读）';
  const first = mailLink(await receive(mailbox, email, subject), '/invitations');

  await login(page, 'admin@demo.gonghui.cn');
  await page.getByRole('link', { name: '工作人员邀请' }).click();
  await expect(page).toHaveURL(new RegExp(`/unions/${county()}/invitations$`));
  const row = page.getByTestId('invitations').getByRole('row').filter({ hasText: email });
  await expect(row.getByText('待接受')).toBeVisible();
  await expect(row.getByText('平台管理员')).toBeVisible();
  await expectAccessible(page);
  await row.getByRole('button', { name: '重新发送' }).click();
  await expect(page.getByRole('status')).toHaveText('已重新发送邀请：旧链接作废，新链接 7 天内有效。');
  await expect.poll(() => mailsTo(mailbox, email, subject).length, { timeout: 30_000 }).toBe(2);
  const second = mailLink(mailsTo(mailbox, email, subject).at(-1)!, '/invitations');
  expect(second).not.toBe(first);

  const invitee = await (await browser.newContext()).newPage();
  await login(invitee, email);
  await open(invitee, first);
  await expect(invitee.getByRole('alert')).toHaveText(/这个邀请链接无效/);

  // Another verified account opening the right link is refused.
  const other = await (await browser.newContext()).newPage();
  await login(other, 'commissioner@demo.gonghui.cn');
  const refused = await other.goto(second);
  expect(refused?.status()).toBe(403);
  await expect(other.getByRole('alert')).toHaveText(/这份邀请是发给另一个邮箱的/);
  await expect(other.getByText('领导（只读）')).toHaveCount(0);

  // Withdrawn between opening and accepting: the acceptance is refused.
  await open(invitee, second);
  await expect(invitee.getByRole('button', { name: '接受邀请' })).toBeVisible();
  await row.getByRole('button', { name: '撤回' }).click();
  await expect(page.getByRole('status')).toHaveText('邀请已撤回，链接作废。');
  await expect(page.getByTestId('invitations').getByText(email)).toHaveCount(0);
  await invitee.getByRole('button', { name: '接受邀请' }).click();
  await expect(invitee.getByRole('alert')).toHaveText('这份邀请已被撤回。');
  expect(rolesOf(email)).toBe(0);

  // Invited again, then too late: the link has expired after seven days.
  await inviteToCounty(email, 'leadership');
  await expect.poll(() => mailsTo(mailbox, email, subject).length, { timeout: 30_000 }).toBe(3);
  const third = mailLink(mailsTo(mailbox, email, subject).at(-1)!, '/invitations');
  await advanceClock(request, 7 * 24 * 3600_000 + 60_000);
  await open(invitee, third);
  await expect(invitee.getByRole('alert')).toHaveText('这份邀请已过期。请联系邀请人重新发送。');
  await open(page, `/unions/${county()}/invitations`);
  await expect(row.getByText('已过期')).toBeVisible();
  await row.getByRole('button', { name: '撤回' }).click();
  expect(rolesOf(email)).toBe(0);
});

test('an organization owner invites a member, who accepts without JavaScript', async ({ page, browser }) => {
  const email = `invited-member-${Date.now()}@example.cn`;
  await login(page, 'legal@demo.gonghui.cn');
  const organization = count(
    "select o.id from organizations o join organization_members m on m.organization_id = o.id join users u on u.id = m.user_id where u.email = 'legal@demo.gonghui.cn'",
  );
  await open(page, `/orgs/${organization}/edit`);
  await page.getByLabel('成员的电子邮箱').fill(email);
  await page.getByRole('button', { name: '邀请成员' }).click();
  await expect(page.getByRole('status')).toHaveText(/邀请已发送/);
  await expect(page.getByTestId('invitations').getByText(email)).toBeVisible();

  const mail = await receive(mailbox, email, '邀请您加入象山县律师协会');
  const link = mailLink(mail, '/invitations');

  const context = await browser.newContext({ javaScriptEnabled: false });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await invitee.getByRole('link', { name: '注册账号' }).click();
  await invitee.getByLabel('姓名').fill('新成员');
  await invitee.getByLabel('电子邮箱').fill(email);
  await invitee.getByLabel('密码').fill('a-long-password-2026');
  await invitee.getByRole('button', { name: '注册' }).click();
  await expect(invitee).toHaveURL(link);
  await invitee.goto(mailLink(await receive(mailbox, email, verificationSubject), '/verify-email'));
  await invitee.goto(link);
  await expect(invitee.getByText('邀请您以成员身份加入象山县律师协会')).toBeVisible();
  await invitee.getByRole('button', { name: '接受邀请' }).click();
  await expect(invitee).toHaveURL(/\/me\?invitationAccepted$/);
  await expect(invitee.getByRole('link', { name: '象山县律师协会' })).toBeVisible();
  expect(
    count(
      'select count(*) from organization_members m join users u on u.id = m.user_id where u.email = ? and m.organization_id = ?',
      email,
      organization,
    ),
  ).toBe(1);
  await context.close();

  await open(page, `/orgs/${organization}/edit`);
  await expect(page.getByTestId('invitations').getByText(email)).toHaveCount(0);
  await expect(page.getByText(`新成员 · ${email} · 成员`)).toBeVisible();
});
