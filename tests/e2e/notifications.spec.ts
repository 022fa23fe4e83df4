import { expect, test, type Page } from '@playwright/test';
import { e2eSmtpPort, startMailbox, type Mailbox } from '../support/mailbox';
import { expectAccessible, login, resetClock, shanghaiInput } from './support';

let mailbox: Mailbox;
test.beforeAll(async () => {
  mailbox = await startMailbox(e2eSmtpPort());
});
test.afterAll(async () => mailbox.close());
test.afterEach(async ({ request }) => resetClock(request));

async function unreadCount(page: Page) {
  const badge = page.getByTestId('unread-count');
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

test('a bid receipt shows in the list with an unread count, by email, and can be unsubscribed in one click', async ({
  browser,
}) => {
  const title = `职工婚恋交友活动 ${Date.now()}`;
  const bidder = 'matchmaking@demo.gonghui.cn';

  const union = await (await browser.newContext()).newPage();
  await login(union, 'commissioner@demo.gonghui.cn');
  await union.goto('/tenders/new', { waitUntil: 'networkidle' });
  await union.getByLabel('项目名称').fill(title);
  await union.getByLabel('服务类别').selectOption({ label: '婚恋交友' });
  await union.getByLabel('预算上限（元）').fill('20000');
  await union.getByLabel('服务场次').fill('4');
  await union.getByLabel('投标截止时间').fill(shanghaiInput(new Date(Date.now() + 6 * 24 * 3600_000)));
  await union.getByRole('button', { name: '发布' }).click();
  await expect(union.getByRole('heading', { name: title })).toBeVisible();
  const tenderPath = new URL(union.url()).pathname;

  const org = await (await browser.newContext()).newPage();
  await login(org, bidder);
  const before = await unreadCount(org);
  await org.goto(tenderPath, { waitUntil: 'networkidle' });
  await org.getByLabel('投标报价（元）').fill('18000');
  await org.getByLabel('服务方案').fill('四场联谊活动。');
  await org.getByRole('button', { name: '提交投标' }).click();
  const hash = await org.getByTestId('bid-hash').textContent();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);

  // In the app: one more unread notice, which leads to the tender and is then read.
  await expect.poll(() => unreadCount(org)).toBe(before + 1);
  await org.getByRole('link', { name: /^通知/ }).click();
  await expectAccessible(org);
  const notice = org.getByRole('link', { name: `投标回执：${title}` });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(org).toHaveURL(new RegExp(`${tenderPath}$`));
  expect(await unreadCount(org)).toBe(before);

  // By email: one receipt with the hash.
  const subject = `投标回执：${title}`;
  await expect.poll(() => mailbox.messages.filter((m) => m.subject === subject).length, { timeout: 30_000 }).toBe(1);
  const mail = mailbox.messages.find((m) => m.subject === subject)!;
  expect(mail.to).toEqual([bidder]);
  expect(mail.text).toContain(hash!);

  // One click from the email, without logging in.
  const unsubscribe = /<(.+)>/.exec(mail.headers.get('list-unsubscribe') ?? '')![1]!;
  expect(mail.text).toContain(unsubscribe);
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(unsubscribe, { waitUntil: 'networkidle' });
  await expect(anonymous.getByText('不再接收“投标回执”邮件？')).toBeVisible();
  await expectAccessible(anonymous);
  await anonymous.getByRole('button', { name: '退订' }).click();
  await expect(anonymous.getByText('已退订“投标回执”邮件。')).toBeVisible();

  await org.goto('/notifications/preferences');
  await expect(org.getByLabel('投标回执')).not.toBeChecked();
  await expect(org.getByLabel('合同待确认')).toBeChecked();
  await expectAccessible(org);
  await org.getByLabel('投标回执').check();
  await org.getByRole('button', { name: '保存设置' }).click();
  await expect(org.getByText('通知设置已保存。', { exact: true })).toBeVisible();
  await expect(org.getByLabel('投标回执')).toBeChecked();
});

test('a tampered unsubscribe link changes nothing', async ({ request }) => {
  const response = await request.post('/unsubscribe/1.bid_receipt.forged', {
    form: { 'List-Unsubscribe': 'One-Click' },
  });
  expect(response.status()).toBe(404);
});
