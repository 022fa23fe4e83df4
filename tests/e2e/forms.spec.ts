import { expect, test, type Page } from '@playwright/test';
import { count, login, shanghaiInput, value } from './support';

// Decision 110: a refused form lists every problem at the top, each linking to its field, states
// its limits, and the first click on submit after a correction is never lost.

const day = 24 * 3600_000;
const publishedTender = () => value<number>("select id from tenders where state = 'published' order by id limit 1");
const adminUnion = () =>
  value<number>(
    "select union_id from staff_roles join users on users.id = staff_roles.user_id where users.email = 'admin@demo.gonghui.cn' and role = 'admin' order by union_id limit 1",
  );

type FormCase = {
  name: string;
  user?: string;
  path: () => string;
  /** Valid values, by label, filled first (a select takes an option's label). */
  fill?: () => Record<string, string>;
  selects?: Record<string, string>;
  wrong: { label: string; value: string; message: string; fixed: string };
  submit: string;
  /** Typed again after a refusal without JavaScript (the server does not send a password back). */
  refill?: Record<string, string>;
  /** Resolves once the submission has been accepted. */
  submitted: (page: Page) => Promise<void>;
};

const forms: FormCase[] = [
  {
    name: 'log in',
    path: () => '/login',
    fill: () => ({ 密码: 'gonghui-demo-2026' }),
    refill: { 密码: 'gonghui-demo-2026' },
    wrong: {
      label: '电子邮箱',
      value: 'commissioner@',
      message: '请输入有效的电子邮箱地址。',
      fixed: 'commissioner@demo.gonghui.cn',
    },
    submit: '登录',
    submitted: (page) => expect(page).toHaveURL(/\/me$/),
  },
  {
    name: 'sign up',
    path: () => '/signup',
    fill: () => ({ 电子邮箱: `forms-${Date.now()}@example.cn`, 密码: 'long-enough-password' }),
    refill: { 密码: 'long-enough-password' },
    wrong: { label: '姓名', value: '陈'.repeat(61), message: '最多 60 个字。', fixed: '陈雅琴' },
    submit: '注册',
    submitted: (page) => expect(page).not.toHaveURL(/\/signup/),
  },
  {
    name: 'bid on a tender',
    user: 'volunteer@demo.gonghui.cn',
    path: () => `/tenders/${publishedTender()}`,
    fill: () => ({ 服务方案: '暑期每天两名教练带队开展体育活动。' }),
    wrong: {
      label: '投标报价（元）',
      value: '100000.999',
      message: '金额最多保留两位小数（精确到分）。',
      fixed: '100000.99',
    },
    submit: '提交投标',
    submitted: async () => {
      const since = Date.now() - 60_000;
      await expect
        .poll(() => count("select count(*) from bids where state = 'submitted' and submitted_at > ?", since))
        .toBeGreaterThan(0);
    },
  },
  {
    name: 'publish a tender',
    user: 'commissioner@demo.gonghui.cn',
    path: () => '/tenders/new',
    fill: () => ({
      项目名称: '户外劳动者防暑降温服务（表单测试）',
      '预算上限（元）': '30000',
      服务场次: '6',
    }),
    selects: { 服务类别: '健康服务' },
    wrong: {
      label: '投标截止时间',
      value: shanghaiInput(new Date(Date.now() + day)),
      message: '投标截止时间不得早于发布后 5 天',
      fixed: shanghaiInput(new Date(Date.now() + 10 * day)),
    },
    submit: '发布',
    submitted: (page) => expect(page).toHaveURL(/\/tenders\/\d+$/),
  },
  {
    name: 'set the minimum bidding period',
    user: 'admin@demo.gonghui.cn',
    path: () => `/unions/${adminUnion()}/commissioning`,
    wrong: { label: '最短投标期（天）', value: '61', message: '不能大于 60。', fixed: '5' },
    submit: '保存最短投标期',
    submitted: (page) => expect(page.getByText('最短投标期已保存。')).toBeVisible(),
  },
  {
    name: 'set the direct commission limit',
    user: 'admin@demo.gonghui.cn',
    path: () => `/unions/${adminUnion()}/commissioning`,
    wrong: { label: '直接委托限额（元）', value: '-50000', message: '金额不能为负数。', fixed: '50000' },
    submit: '保存限额',
    submitted: (page) => expect(page).toHaveURL(/saved=1/),
  },
];

/** Clicks like a person: presses, checks that nothing under the pointer moved, releases. */
async function clickOnce(page: Page, name: string) {
  const button = page.getByRole('button', { name, exact: true });
  await button.scrollIntoViewIfNeeded();
  const before = (await button.boundingBox())!;
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  expect(await button.boundingBox()).toEqual(before);
  await page.mouse.up();
}

for (const javaScript of [true, false]) {
  for (const form of forms) {
    test(`${form.name} (${javaScript ? 'with' : 'without'} JavaScript): the error is listed, and the first click after correcting it submits`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript });
      const page = await context.newPage();
      if (form.user) await login(page, form.user);
      await page.goto(form.path());
      for (const [label, text] of Object.entries(form.fill?.() ?? {}))
        await page.getByLabel(label, { exact: true }).fill(text);
      for (const [label, option] of Object.entries(form.selects ?? {}))
        await page.getByLabel(label, { exact: true }).selectOption({ label: option });
      const field = page.getByLabel(form.wrong.label, { exact: true });
      await field.fill(form.wrong.value);
      await page.getByRole('button', { name: form.submit, exact: true }).click();

      const summary = page.locator('.error-summary');
      await expect(summary).toBeVisible();
      await expect(summary.getByRole('heading', { name: '请修改以下问题' })).toBeVisible();
      const link = summary.getByRole('link', { name: `${form.wrong.label}：${form.wrong.message}` });
      await expect(link).toBeVisible();
      const fieldId = await field.getAttribute('id');
      await expect(link).toHaveAttribute('href', `#${fieldId}`);
      if (javaScript) await expect(summary).toBeFocused();
      await expect(field).toHaveValue(form.wrong.value);

      await field.fill(form.wrong.fixed);
      if (!javaScript)
        for (const [label, text] of Object.entries(form.refill ?? {}))
          await page.getByLabel(label, { exact: true }).fill(text);
      await clickOnce(page, form.submit);
      await form.submitted(page);
      await context.close();
    });
  }
}

test('a refused tender lists its field and cross-field problems together, each linking to its field', async ({
  page,
}) => {
  await login(page, 'commissioner@demo.gonghui.cn');
  await page.goto('/tenders/new');
  await page.getByLabel('预算上限（元）').fill('100000.999');
  await page.getByLabel('服务场次').fill('6');
  await page.getByLabel('服务期开始').fill(shanghaiInput(new Date(Date.now() + 60 * day)).slice(0, 10));
  await page.getByLabel('服务期结束').fill(shanghaiInput(new Date(Date.now() + 30 * day)).slice(0, 10));
  await page.getByLabel('报价权重').fill('50');
  await page.getByLabel('投标截止时间').fill(shanghaiInput(new Date(Date.now() + 10 * day)));
  await page.getByRole('button', { name: '发布', exact: true }).click();
  const summary = page.locator('.error-summary');
  for (const problem of [
    '项目名称：此项必填。',
    '预算上限（元）：金额最多保留两位小数（精确到分）。',
    '服务期结束：服务期结束不能早于开始。',
    '报价权重：四项评分权重之和必须等于 100。',
  ])
    await expect(summary.getByRole('link', { name: problem })).toBeVisible();
  await summary.getByRole('link', { name: '项目名称：此项必填。' }).click();
  await expect(page.getByLabel('项目名称')).toBeFocused();
});

test('a too long text states its limit', async ({ page }) => {
  await login(page, 'volunteer@demo.gonghui.cn');
  await page.goto(`/tenders/${publishedTender()}`);
  await page.getByLabel('投标报价（元）').fill('3000');
  await page.getByLabel('服务方案').fill('方'.repeat(20_001));
  await page.getByRole('button', { name: '提交投标', exact: true }).click();
  await expect(page.locator('.error-summary').getByRole('link', { name: '服务方案：最多 20000 个字。' })).toBeVisible();
});

test('publishing a draft whose deadline is sooner than the union’s minimum bidding period is refused, with the period named', async ({
  page,
}) => {
  await login(page, 'commissioner@demo.gonghui.cn');
  await page.goto('/tenders/new');
  await page.getByLabel('项目名称').fill('心理健康讲座（最短投标期）');
  await page.getByLabel('服务类别').selectOption({ label: '健康服务' });
  await page.getByLabel('预算上限（元）').fill('20000');
  await page.getByLabel('服务场次').fill('4');
  await expect(page.getByText('投标截止时间不得早于发布后 5 天（本工会的最短投标期）')).toBeVisible();
  await page.getByLabel('投标截止时间').fill(shanghaiInput(new Date(Date.now() + 2 * day)));
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/tenders\/\d+$/);
  const tender = Number(/(\d+)$/.exec(page.url())![1]);
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByText('投标截止时间不得早于发布后 5 天')).toBeVisible();
  expect(value<string>('select state from tenders where id = ?', tender)).toBe('draft');
});
