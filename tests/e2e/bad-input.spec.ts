import { expect, test, type Browser } from '@playwright/test';
import { count, login, shanghaiInput } from './support';

// Without JavaScript, so that the server's own validation is what answers.
async function noScriptPage(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

test('sign-up with a taken email or a too-short password keeps the form and writes nothing', async ({ browser }) => {
  const page = await noScriptPage(browser);
  const users = count('select count(*) from users');

  await page.goto('/signup');
  await page.getByLabel('姓名').fill('陈雅琴');
  await page.getByLabel('电子邮箱').fill('commissioner@demo.gonghui.cn');
  await page.getByLabel('密码').fill('long-enough-password');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('这个邮箱已经注册过了，请直接登录。', { exact: true })).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveValue('陈雅琴');
  await expect(page.getByLabel('电子邮箱')).toHaveValue('commissioner@demo.gonghui.cn');

  await page.getByLabel('电子邮箱').fill('new-person@example.cn');
  await page.getByLabel('密码').fill('short');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('密码至少需要 10 个字符。', { exact: true })).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveValue('陈雅琴');
  await expect(page.getByLabel('电子邮箱')).toHaveValue('new-person@example.cn');

  expect(count('select count(*) from users')).toBe(users);
});

test('a bid with a negative or non-numeric price is refused and nothing is written', async ({ browser }) => {
  const page = await noScriptPage(browser);
  await login(page, 'volunteer@demo.gonghui.cn');
  const tender = count("select id from tenders where state = 'published'");
  const bids = count('select count(*) from bids');
  await page.goto(`/tenders/${tender}`);

  for (const [price, message] of [
    ['-5000', '金额不能为负数。'],
    ['三千元', '请输入金额（元），例如 3000 或 3000.50。'],
  ] as const) {
    await page.getByLabel('投标报价（元）').fill(price);
    await page.getByLabel('服务方案').fill('暑期每天两名教练带队开展体育活动。');
    await page.getByRole('button', { name: '提交投标' }).click();
    await expect(page.getByText(message, { exact: true })).toBeVisible();
    await expect(page.getByLabel('投标报价（元）')).toHaveValue(price);
    await expect(page.getByLabel('服务方案')).toHaveValue('暑期每天两名教练带队开展体育活动。');
  }
  expect(count('select count(*) from bids')).toBe(bids);
});

test('a tender whose deadline is past is refused and nothing is written', async ({ browser }) => {
  const page = await noScriptPage(browser);
  await login(page, 'commissioner@demo.gonghui.cn');
  const tenders = count('select count(*) from tenders');
  await page.goto('/tenders/new');
  await page.getByLabel('项目名称').fill('户外劳动者防暑降温服务');
  await page.getByLabel('服务类别').selectOption({ label: '健康服务' });
  await page.getByLabel('预算上限（元）').fill('30000');
  await page.getByLabel('服务场次').fill('6');
  await page.getByLabel('投标截止时间').fill(shanghaiInput(new Date(Date.now() - 3600_000)));
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByText('截止时间必须晚于现在。', { exact: true })).toBeVisible();
  await expect(page.getByLabel('项目名称')).toHaveValue('户外劳动者防暑降温服务');
  await expect(page.getByLabel('预算上限（元）')).toHaveValue('30000');
  expect(count('select count(*) from tenders')).toBe(tenders);
});

test('with JavaScript, the server checks a form: its errors show at their fields in the person’s language and what was typed stays', async ({
  page,
}) => {
  const problems: string[] = [];
  // A refused submission answers 400, which the browser also logs; anything else is a defect.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('status of 400')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await login(page, 'volunteer@demo.gonghui.cn');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const tender = count("select id from tenders where state = 'published'");
  const budgetYuan = count('select budget_fen / 100 from tenders where id = ?', tender);
  const bids = count('select count(*) from bids');
  await page.goto(`/tenders/${tender}`);
  const price = page.getByLabel('Bid price (yuan)');
  const plan = page.getByLabel('Service plan');

  await price.fill('-5000');
  await plan.fill('Two coaches lead sports every summer day.');
  await page.getByRole('button', { name: 'Submit bid' }).click();
  await expect(price).toHaveAccessibleDescription('The amount cannot be negative.');
  await expect(price).toHaveAttribute('aria-invalid', 'true');
  // The error summary above the form takes the focus (decision 110); its first link leads to the price.
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(price).toHaveValue('-5000');
  await expect(plan).toHaveValue('Two coaches lead sports every summer day.');

  // A refusal from the procurement rules, not the form's schema, in English too.
  await price.fill(String(budgetYuan + 1));
  await page.getByRole('button', { name: 'Submit bid' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot exceed the budget ceiling' })).toBeVisible();
  await expect(price).toHaveValue(String(budgetYuan + 1));
  await expect(plan).toHaveValue('Two coaches lead sports every summer day.');

  expect(count('select count(*) from bids')).toBe(bids);
  expect(problems).toEqual([]);
});
