import { expect, test, type Browser } from '@playwright/test';
import { count, demoPassword, expectAccessible, login, loginRequest, resetClock } from './support';
import { creditCodeCheckChar } from '../../app/lib/credit-code';
import { addDays, shanghaiDate } from '../../app/lib/time';

test.afterEach(async ({ request }) => resetClock(request));

async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

/** A valid unified social credit code unique to this run (社会服务机构 prefix 52, 象山 330225). */
function freshCreditCode() {
  const first17 = `52330225MJ${String(Date.now()).slice(-7)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** "YYYY-MM-DDTHH:MM" for tomorrow at `hour` in Asia/Shanghai. */
function tomorrowAt(hour: number) {
  const day = addDays(shanghaiDate(Date.now()), 1);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

test('an organization registers, applies, is admitted, books, is mentored, evaluated and graduates', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const stamp = Date.now();
  const orgName = `象山县暖心社工服务中心 ${stamp}`;
  const email = `warm-${stamp}@test.example`;

  // A person signs up and registers their organization; a mistyped credit code is caught.
  const org = await (await browser.newContext()).newPage();
  await org.goto('/signup');
  await org.getByLabel('姓名').fill('王芳');
  await org.getByLabel('电子邮箱').fill(email);
  await org.getByLabel('密码').fill(demoPassword);
  await org.getByRole('button', { name: '注册' }).click();
  await expect(org).toHaveURL(/\/me$/);
  await org.getByRole('link', { name: '登记社会组织' }).click();
  const code = freshCreditCode();
  const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  await org.getByLabel('组织名称').fill(orgName);
  await org.getByLabel('组织类型').selectOption({ label: '社会服务机构' });
  await org.getByLabel('统一社会信用代码').fill(wrong);
  await org.getByLabel('心理咨询与情绪疏导').check();
  await org.getByLabel('联系人', { exact: true }).fill('王芳');
  await org.getByLabel('联系电话').fill('13800000188');
  await org.getByLabel('团队人数').fill('6');
  await org.getByLabel('志愿者人数').fill('25');
  await expectAccessible(org);
  await org.getByRole('button', { name: '登记', exact: true }).click();
  await expect(org.locator('.field-errors').getByText('统一社会信用代码不正确')).toBeVisible();
  await expect(org.getByLabel('组织名称')).toHaveValue(orgName);
  await org.getByLabel('统一社会信用代码').fill(code.toLowerCase());
  await org.getByRole('button', { name: '登记', exact: true }).click();
  await expect(org.getByText('组织已登记')).toBeVisible();
  await expect(org.getByLabel('统一社会信用代码')).toHaveValue(code);

  // It reads the handbook and applies with a plan and an attachment.
  await org.getByRole('link', { name: '孵化基地' }).first().click();
  await org.getByRole('link', { name: '象山县总工会社会组织孵化基地' }).click();
  await org.getByRole('link', { name: '入驻手册' }).click();
  await expect(org.getByRole('heading', { name: '三、评估办法' })).toBeVisible();
  await expect(org.getByRole('row', { name: /优秀\s+90 分及以上/ })).toBeVisible();
  await expectAccessible(org);
  await org.goBack();
  await org.getByRole('button', { name: '填写入驻申请' }).click();
  await org.waitForURL(/\/applications\/\d+$/);
  await org.getByLabel('入驻计划书').fill('每月为快递员、外卖骑手开展两场心理减压讲座，并在驿站提供一对一疏导。');
  await org.getByLabel('添加附件').setInputFiles({
    name: '登记证书.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  await org.getByRole('button', { name: '上传' }).click();
  await expect(org.getByRole('link', { name: '登记证书.pdf' })).toBeVisible();
  await expectAccessible(org);
  await org.getByRole('button', { name: '提交申请' }).click();
  await expect(org.getByText('已提交')).toBeVisible();
  const applicationUrl = org.url();
  const attachmentUrl = await org.getByRole('link', { name: '登记证书.pdf' }).getAttribute('href');

  // The attachment is served to the incubator's staff, never to another organization.
  const outsider = await playwright.request.newContext({ baseURL });
  await loginRequest(outsider, 'legal@demo.gonghui.cn');
  expect((await outsider.get(attachmentUrl!)).status()).toBe(403);
  const staff = await playwright.request.newContext({ baseURL });
  await loginRequest(staff, 'reviewer@demo.gonghui.cn');
  const served = await staff.get(attachmentUrl!);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('application/pdf');

  // The incubator manager sees it on the dashboard and accepts it for review.
  const manager = await signedIn(browser, 'incubator@demo.gonghui.cn');
  await manager.goto('/incubators');
  await manager.getByRole('link', { name: '基地管理' }).click();
  await expect(manager.getByTestId('pending-applications')).toContainText(orgName);
  await expectAccessible(manager);
  await manager.getByRole('link', { name: orgName }).click();
  await manager.getByRole('button', { name: '受理并开始评审' }).click();
  await expect(manager.getByText('评审中')).toBeVisible();

  // A reviewer scores it with the handbook's entry rubric.
  const reviewer = await signedIn(browser, 'reviewer@demo.gonghui.cn');
  await reviewer.goto(applicationUrl);
  const rubric = reviewer.getByRole('form', { name: '入驻评审打分' });
  await rubric.getByLabel('宗旨与服务对象契合度').fill('90');
  await rubric.getByLabel('入驻计划的可行性').fill('80');
  await rubric.getByLabel('团队与专业能力').fill('70');
  await rubric.getByLabel('内部治理与财务规范').fill('60');
  await expectAccessible(reviewer);
  await rubric.getByRole('button', { name: '保存评分' }).click();
  // 90×30% + 80×30% + 70×25% + 60×15% = 77.5
  await expect(reviewer.getByTestId('entry-average')).toContainText('77.5');

  // The manager admits it; the organization is told.
  await manager.reload();
  await manager.getByRole('button', { name: '准予入驻' }).click();
  await expect(manager.getByText('已准予入驻')).toBeVisible();
  expect(
    count("select count(*) as n from notifications where template = 'application_decided' and to_email = ?", email),
  ).toBe(1);

  // The organization books a room; a second, overlapping booking is refused with a message.
  await org.goto(applicationUrl);
  await org.getByRole('link', { name: '查看入驻情况' }).click();
  await org.waitForURL(/\/residencies\/\d+$/);
  const residencyUrl = org.url();
  const booking = org.getByRole('form', { name: '预约房间' });
  await booking.getByLabel('房间').selectOption({ label: '培训教室（40 人，09:00–18:00）' });
  await booking.getByLabel('开始时间').fill(tomorrowAt(10));
  await booking.getByLabel('结束时间').fill(tomorrowAt(12));
  await booking.getByLabel('用途').fill('骑手心理减压讲座');
  await expectAccessible(org);
  await booking.getByRole('button', { name: '预约房间' }).click();
  await expect(org.getByTestId('room-schedule')).toContainText('骑手心理减压讲座');
  await booking.getByLabel('房间').selectOption({ label: '培训教室（40 人，09:00–18:00）' });
  await booking.getByLabel('开始时间').fill(tomorrowAt(11));
  await booking.getByLabel('结束时间').fill(tomorrowAt(13));
  await booking.getByLabel('用途').fill('重复的预约');
  await booking.getByRole('button', { name: '预约房间' }).click();
  await expect(org.getByText('该房间这个时段已被预约')).toBeVisible();
  await expect(booking.getByLabel('用途')).toHaveValue('重复的预约');
  expect(count("select count(*) as n from room_bookings where purpose = '重复的预约'")).toBe(0);

  // The manager records consulting with an agreed follow-up; the organization sees it.
  await manager.goto(residencyUrl);
  const mentoring = manager.getByRole('form', { name: '添加指导记录' });
  await mentoring.getByLabel('导师').fill('李志明（市社工协会）');
  await mentoring.getByLabel('主题', { exact: true }).fill('服务项目申报辅导');
  await mentoring.getByLabel('约定的后续事项').fill('建立服务台账和财务制度');
  await mentoring.getByRole('button', { name: '添加指导记录' }).click();
  await expect(manager.getByTestId('mentoring')).toContainText('服务项目申报辅导');
  await org.reload();
  await expect(org.getByTestId('mentoring')).toContainText('建立服务台账和财务制度');

  // The manager opens an evaluation; a reviewer scores what the platform cannot measure.
  await manager.getByRole('button', { name: '发起评估' }).click();
  await manager.waitForURL(/\/evaluations\/\d+$/);
  await expect(manager.getByText('评估中')).toBeVisible();
  const evaluationUrl = manager.url();
  await reviewer.goto(evaluationUrl);
  const judged = reviewer.getByRole('form', { name: '评审专家打分' });
  await judged.getByLabel('内部治理与规范运作').fill('90');
  await judged.getByLabel('成长与能力建设').fill('85');
  await judged.getByRole('button', { name: '保存评分' }).click();
  // No contracts or ratings yet, so only the judged indicators count: (90×15 + 85×10) ÷ 25 = 88.0
  await expect(reviewer.getByTestId('evaluation-score')).toHaveText('88.0');
  await expect(reviewer.getByTestId('evaluation-grade')).toHaveText('良好');
  await expectAccessible(reviewer);
  await manager.reload();
  await manager.getByRole('button', { name: '发布评估结果' }).click();
  await expect(manager.getByText('已发布')).toBeVisible();
  await org.reload();
  await expect(org.getByTestId('evaluation-history')).toContainText('88.0');

  // The exit review graduates it (出壳); its resident-only privileges end at once.
  await manager.goto(residencyUrl);
  const exitReview = manager.getByRole('form', { name: '出壳评审' });
  await exitReview.getByLabel('出壳', { exact: true }).check();
  await exitReview.getByLabel('决定理由').fill('评估良好，已具备独立承接服务项目的能力。');
  await expectAccessible(manager);
  await exitReview.getByRole('button', { name: '作出决定' }).click();
  await expect(manager.getByTestId('confirm-page')).toContainText('评估良好，已具备独立承接服务项目的能力。');
  await manager.getByRole('button', { name: '确认结论' }).click();
  await expect(manager.getByText('已出壳').first()).toBeVisible();
  await org.reload();
  await expect(org.getByText('该组织已出壳')).toBeVisible();
  await expect(org.getByRole('form', { name: '预约房间' })).toHaveCount(0);
  expect(count("select count(*) as n from room_bookings where purpose = '骑手心理减压讲座' and state = 'booked'")).toBe(
    0,
  );
  await manager.goto('/incubators/1/manage');
  await expect(manager.getByTestId('departures')).toContainText(orgName);
});

test('an application is closed to people outside the organization and the incubator', async ({ page }) => {
  await login(page, 'legal@demo.gonghui.cn');
  await page.goto('/incubators/1');
  await page.getByRole('button', { name: '填写入驻申请' }).click();
  await page.waitForURL(/\/applications\/\d+$/);
  const applicationUrl = page.url();
  await expect(page.getByText('草稿', { exact: true })).toBeVisible();

  const other = await (await page.context().browser()!.newContext()).newPage();
  await login(other, 'psych@demo.gonghui.cn');
  const response = await other.goto(applicationUrl);
  expect(response?.status()).toBe(403);
});

test('the handbook’s booking rules refuse bad bookings with a message', async ({ browser }) => {
  // The demo's residents include the psychological counsellors' association.
  const org = await signedIn(browser, 'psych@demo.gonghui.cn');
  await org.goto('/incubators');
  await org.getByRole('link', { name: /象山县心理咨询师协会 · / }).click();
  const booking = org.getByRole('form', { name: '预约房间' });
  await booking.getByLabel('开始时间').fill(tomorrowAt(8));
  await booking.getByLabel('结束时间').fill(tomorrowAt(10));
  await booking.getByRole('button', { name: '预约房间' }).click();
  await expect(org.getByText('预约时间须在房间开放时间内')).toBeVisible();
  await booking.getByLabel('开始时间').fill(tomorrowAt(9));
  await booking.getByLabel('结束时间').fill(tomorrowAt(15));
  await booking.getByRole('button', { name: '预约房间' }).click();
  await expect(org.getByText('单次预约时间超过了手册规定的上限')).toBeVisible();
});

test('the rules choose the grade that graduates; the grades themselves are the platform’s', async ({ browser }) => {
  const manager = await signedIn(browser, 'incubator@demo.gonghui.cn');
  await manager.goto('/incubators');
  await manager.getByRole('link', { name: '基地管理' }).click();
  await manager.getByRole('link', { name: '基地规则设置' }).click();
  await expect(
    manager.getByText('评估等级全平台统一：90 分及以上为优秀，75 分及以上为良好，60 分及以上为合格'),
  ).toBeVisible();
  await expect(manager.getByLabel(/最低分/)).toHaveCount(0);
  await expect(manager.getByLabel('出壳所需最低等级')).toHaveValue('good');
  await expectAccessible(manager);
  await manager.getByRole('button', { name: '保存设置' }).click();
  await expect(manager.getByText('已保存，入驻手册已同步更新。', { exact: true })).toBeVisible();
  await manager.getByRole('link', { name: '入驻手册' }).click();
  await expect(manager.getByText('最近一次评估等级达到 良好 及以上')).toBeVisible();
  await expect(manager.getByRole('row', { name: /合格\s+60 分及以上/ })).toBeVisible();
});
