import { expect, test, type Page } from '@playwright/test';
import { count, expectAccessible, login, resetClock } from './support';

test.afterEach(async ({ request }) => resetClock(request));

const results = (page: Page) => page.getByTestId('catalog-result');
const resultTitles = (page: Page) => results(page).getByRole('heading').allInnerTexts();

async function searchFor(page: Page, q: string) {
  await page.getByLabel('关键词').fill(q);
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q)}`));
}

test('searching the catalog in Chinese: two characters, a rescue query, one character', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '服务项目' }).click();
  await expect(page.getByRole('heading', { name: '服务项目目录' })).toBeVisible();
  await expectAccessible(page);

  await searchFor(page, '心理');
  const titles = await resultTitles(page);
  expect(titles.slice(0, 2).sort()).toEqual(['心理知识讲座', '职工心理关爱'].sort());
  // Every result contains the query; those after the two matched it only in their description.
  for (const text of await results(page).allInnerTexts()) expect(text).toContain('心理');
  await expect(results(page).first().locator('mark').first()).toHaveText('心理');
  await expectAccessible(page);

  await searchFor(page, '救援');
  expect(await resultTitles(page)).toEqual(
    expect.arrayContaining(['防溺水与水上救援技能培训', '应急救援与心肺复苏实操培训', '职工应急救援常识培训']),
  );
  for (const text of await results(page).allInnerTexts()) expect(text).toContain('救援');

  await searchFor(page, '心');
  expect(await resultTitles(page)).toEqual(expect.arrayContaining(['心理知识讲座', '应急救援与心肺复苏实操培训']));
  for (const text of await results(page).allInnerTexts()) expect(text).toContain('心');

  // Filters and sort ride in the URL; the link reproduces the same page.
  await page.getByLabel('服务形式').selectOption({ label: '驿站服务' });
  await page.getByLabel('排序').selectOption({ label: '单价从低到高' });
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/format=station/);
  const filtered = await resultTitles(page);
  expect(filtered).toContain('职工心理关爱');
  const shared = await page.context().newPage();
  await shared.goto(page.url());
  expect(await resultTitles(shared)).toEqual(filtered);
  await expect(shared.getByLabel('服务形式')).toHaveValue('station');

  // The area is typed (suggested from the areas offered); the beginning of a name is enough.
  await page.getByLabel('服务形式').selectOption({ label: '不限' });
  await page.getByLabel('关键词').fill('');
  await page.getByLabel('服务区域').fill('丹西');
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/area=%E4%B8%B9%E8%A5%BF/);
  expect(await results(page).count()).toBeGreaterThan(0);
  for (const text of await results(page).allInnerTexts()) expect(text).toContain('丹西街道');
  await expect(page.locator('#catalog-areas option')).toHaveCount(3);
});

test('catalog, offering and organization profile work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/catalog');
  await page.getByLabel('关键词').fill('心理');
  await page.getByLabel('服务类别').selectOption({ label: '心理咨询与情绪疏导' });
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/q=%E5%BF%83%E7%90%86/);
  await expect(page.getByTestId('catalog-total')).toHaveText('共找到 2 个服务项目');
  expect((await resultTitles(page)).sort()).toEqual(['心理知识讲座', '职工心理关爱'].sort());

  await page.getByRole('link', { name: '心理知识讲座' }).click();
  await expect(page.getByRole('heading', { name: '心理知识讲座' })).toBeVisible();
  await expect(page.getByTestId('offering-price')).toHaveText('¥2,500.00');
  await page.getByRole('link', { name: '象山县心理咨询师协会' }).click();
  await expect(page.getByRole('heading', { name: '象山县心理咨询师协会' })).toBeVisible();
  const orgId = Number(new URL(page.url()).pathname.split('/').pop());
  const delivered = count(`select count(*) as n from events where organization_id = ? and state = 'accepted'`, orgId);
  expect(delivered).toBeGreaterThan(0);
  await expect(page.getByTestId('sessions-delivered')).toHaveText(String(delivered));
  await expect(page.getByTestId('contracts-completed')).toHaveText(
    String(count(`select count(*) as n from contracts where organization_id = ? and state = 'completed'`, orgId)),
  );
  await expect(page.getByTestId('incubation')).toContainText('在孵');
  await expect(page.getByTestId('evaluation-grade')).toBeVisible();
  await expect(page.getByTestId('profile-offerings').getByRole('link')).toHaveCount(2);

  // Pages of results are plain links.
  await page.goto('/catalog');
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page.getByText(/^第 2 \/ \d+ 页$/)).toBeVisible();
  await context.close();
});

test('direct commission: refused above the threshold, accepted below it into a contract', async ({ browser }) => {
  const union = await (await browser.newContext()).newPage();
  await login(union, 'commissioner@demo.gonghui.cn');
  await union.goto('/catalog?q=心理知识讲座');
  await union.getByRole('link', { name: '心理知识讲座' }).click();
  await expect(union.getByTestId('commission-limit')).toContainText('¥50,000.00');
  const note = `驿站专场 ${Date.now()}`;
  const before = count('select count(*) as n from commissions');

  // 30 × ¥2,500 = ¥75,000: above the county union's ¥50,000 limit.
  await union.getByLabel('委托场次').fill('30');
  await union.getByLabel('服务结束日期').fill('2099-12-31');
  await union.getByLabel('服务要求（可不填）').fill(note);
  await union.getByRole('button', { name: '提交委托' }).click();
  await expect(union.getByText('委托金额超过本工会的直接委托限额，请改为发布采购项目。')).toBeVisible();
  await expect(union.getByTestId('above-limit').getByRole('link', { name: '发布采购项目' })).toHaveAttribute(
    'href',
    '/tenders/new',
  );
  await expect(union.getByLabel('服务要求（可不填）')).toHaveValue(note);
  expect(count('select count(*) as n from commissions')).toBe(before);
  await expectAccessible(union);

  await union.getByLabel('委托场次').fill('4');
  await union.getByRole('button', { name: '提交委托' }).click();
  await expect(union.getByText('待组织答复')).toBeVisible();
  await expect(union.getByTestId('commission-amount')).toHaveText('¥10,000.00');
  await expectAccessible(union);
  const commissionUrl = union.url();

  const org = await (await browser.newContext()).newPage();
  await login(org, 'psych@demo.gonghui.cn');
  await org.getByRole('link', { name: '直接委托记录' }).click();
  await org
    .getByRole('row', { name: /¥10,000\.00.*待组织答复/ })
    .first()
    .getByRole('link')
    .click();
  await expect(org).toHaveURL(commissionUrl);
  await expectAccessible(org);
  await org.getByRole('button', { name: '接受委托并签订合同' }).click();
  await expect(org.getByText('履行中')).toBeVisible();
  await expect(org.getByText('¥10,000.00').first()).toBeVisible();
  await expect(org.getByRole('link', { name: '安排活动' })).toBeVisible();
  const contractId = Number(new URL(org.url()).pathname.split('/').pop());
  expect(
    count(
      `select count(*) as n from contracts c join commissions m on m.contract_id = c.id
       where c.id = ? and c.amount_fen = 1000000 and c.state = 'active' and m.note = ?`,
      contractId,
      note,
    ),
  ).toBe(1);
  await union.goto(commissionUrl);
  await expect(union.getByText('已接受')).toBeVisible();
});

test('the union admin sets the threshold; other staff may not', async ({ browser, page }) => {
  await login(page, 'commissioner@demo.gonghui.cn');
  const unionId = count(`select id as n from unions where name = '象山县总工会'`);
  const refused = await page.goto(`/unions/${unionId}/commissioning`);
  expect(refused?.status()).toBe(403);

  const admin = await (await browser.newContext()).newPage();
  await login(admin, 'admin@demo.gonghui.cn');
  await admin.getByRole('link', { name: '直接委托设置' }).click();
  await expect(admin.getByTestId('current-limit')).toContainText('¥50,000.00');
  await admin.getByLabel('直接委托限额（元）').fill('一万');
  await admin.getByRole('button', { name: '保存限额' }).click();
  await expect(admin.getByText('请输入有效金额')).toBeVisible();
  await admin.getByLabel('直接委托限额（元）').fill('60000');
  await admin.getByRole('button', { name: '保存限额' }).click();
  await expect(admin.getByTestId('current-limit')).toContainText('¥60,000.00');
  await expectAccessible(admin);
  await admin.getByLabel('直接委托限额（元）').fill('50000');
  await admin.getByRole('button', { name: '保存限额' }).click();
  await expect(admin.getByTestId('current-limit')).toContainText('¥50,000.00');
});

test('an organization posts an offering with a photo and publishes it; outsiders cannot edit it', async ({
  browser,
  page,
}) => {
  const title = `职工减压音乐会 ${Date.now()}`;
  await login(page, 'arts@demo.gonghui.cn');
  await page.getByRole('link', { name: '管理服务项目' }).first().click();
  await page.getByRole('link', { name: '新建服务项目' }).click();
  await page.getByLabel('项目名称').fill(title);
  await page.getByLabel('服务类别').selectOption({ label: '文艺演出' });
  await page.getByLabel('项目介绍').fill('午休时间在食堂开展的小型音乐会。');
  await page.getByLabel('服务形式').selectOption({ label: '上门服务' });
  await page.getByLabel('每场时长（分钟）').fill('45');
  await page.getByLabel('每场人数上限').fill('150');
  await page.getByLabel('每场价格（元）').fill('0');
  await page.getByLabel('服务区域').fill('丹东街道、石浦镇');
  await page.getByRole('button', { name: '保存为草稿' }).click();
  await expect(page.getByText('金额必须大于 0。')).toBeVisible();
  await page.getByLabel('每场价格（元）').fill('4200');
  await page.getByRole('button', { name: '保存为草稿' }).click();
  await expect(page.getByText('草稿', { exact: true })).toBeVisible();
  await expectAccessible(page);
  const editUrl = page.url();

  // Not an image: refused by its bytes, whatever its name says.
  await page.getByLabel('选择照片').setInputFiles({
    name: 'stage.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
  });
  await page.getByRole('button', { name: '上传照片' }).click();
  await expect(page.getByText('只能上传 JPEG、PNG 或 WebP 格式的图片。')).toBeVisible();
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  await page.getByLabel('选择照片').setInputFiles({ name: 'stage.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: '上传照片' }).click();
  const photo = page.getByRole('img', { name: `${title} 照片 1` });
  await expect(photo).toBeVisible();
  const photoUrl = (await photo.getAttribute('src'))!;

  // A draft is not in the catalog, nor is its photo public.
  const outsider = await (await browser.newContext()).newPage();
  expect((await outsider.goto(photoUrl))?.status()).toBe(404);
  await outsider.goto(`/catalog?q=${encodeURIComponent(title)}`);
  await expect(outsider.getByTestId('catalog-total')).toHaveText('共找到 0 个服务项目');

  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByText('已发布', { exact: true })).toBeVisible();
  await outsider.goto('/catalog?q=减压音乐');
  await expect(outsider.getByRole('link', { name: title })).toBeVisible();
  const served = await outsider.goto(photoUrl);
  expect(served?.status()).toBe(200);
  expect(served?.headers()['content-type']).toBe('image/png');

  await login(outsider, 'psych@demo.gonghui.cn');
  expect((await outsider.goto(editUrl))?.status()).toBe(403);
});
