import { expect, test } from '@playwright/test';
import {
  advanceClock,
  checkInWithNumber,
  count,
  expectAccessible,
  login,
  newPhone,
  resetClock,
  shanghaiInput,
} from './support';

test.afterEach(async ({ request }) => resetClock(request));

test('the whole loop: tender → sealed bid → award → contract → event → check-in and rating → figures', async ({
  browser,
  request,
}) => {
  const title = `职工心理关爱服务项目 ${Date.now()}`;
  // Bidding stays open for the union's minimum bidding period (5 days in the demo county).
  const biddingMs = 6 * 24 * 3600_000;
  const plan = '每月两场心理讲座，讲后一对一疏导。';

  // A union commissioner publishes a tender.
  const union = await (await browser.newContext()).newPage();
  await login(union, 'commissioner@demo.gonghui.cn');
  await expectAccessible(union);
  await union.getByRole('link', { name: '发布采购项目' }).click();
  await union.getByLabel('项目名称').fill(title);
  await union.getByLabel('服务类别').selectOption({ label: '心理咨询与情绪疏导' });
  await union.getByLabel('预算上限（元）').fill('50000');
  await union.getByLabel('服务场次').fill('2');
  await union.getByLabel('投标截止时间').fill(shanghaiInput(new Date(Date.now() + biddingMs)));
  await union.getByLabel('公示期（天）').fill('0');
  await expectAccessible(union);
  await union.getByRole('button', { name: '发布' }).click();
  await expect(union.getByRole('heading', { name: title })).toBeVisible();
  await expect(union.getByText('投标中')).toBeVisible();
  const tenderUrl = union.url();

  // An organization member submits a sealed bid and gets a receipt.
  const org = await (await browser.newContext()).newPage();
  await login(org, 'legal@demo.gonghui.cn');
  await org.goto(tenderUrl);
  await org.getByLabel('投标报价（元）').fill('40000');
  await org.getByLabel('服务方案').fill(plan);
  await expectAccessible(org);
  await org.getByRole('button', { name: '提交投标' }).click();
  await expect(org.getByTestId('bid-hash')).toHaveText(/^[0-9a-f]{64}$/);

  // Before the deadline the union cannot open the bids.
  const early = await union.goto(`${tenderUrl}/evaluate`);
  expect(early?.status()).toBe(403);

  // After the deadline (the server's clock), the commissioner scores and awards.
  const serverNow = await advanceClock(request, biddingMs + 3600_000);
  await union.goto(tenderUrl);
  await expect(union.getByText('已截止')).toBeVisible();
  await union.getByRole('link', { name: '评审投标' }).click();
  // The commissioner sits on the panel of the tender they created: conflicts are declared first.
  await union.getByRole('button', { name: '提交声明' }).click();
  await expect(union.getByText(plan)).toBeVisible();
  const form = union.getByRole('form', { name: /为.*评分/ });
  await form.getByLabel('方案质量（0–100）').fill('90');
  await form.getByLabel('团队（0–100）').fill('85');
  await form.getByLabel('履约记录（0–100）').fill('80');
  await form.getByRole('button', { name: '保存评分' }).click();
  // 30 (lowest price) + 0.90 × 40 + 0.85 × 20 + 0.80 × 10
  await expect(union.getByTestId('ranking')).toContainText('91.0');
  await expectAccessible(union);
  await union.getByRole('button', { name: /^授予/ }).click();
  await union.getByRole('button', { name: '确认授予' }).click();
  await expect(union.getByRole('heading', { name: title })).toBeVisible();
  await expect(union.getByText('待组织确认')).toBeVisible();
  const contractUrl = union.url();

  // The organization confirms the contract and schedules an event.
  await org.goto(contractUrl);
  await expect(org.getByText('¥40,000.00')).toBeVisible();
  await expectAccessible(org);
  await org.getByRole('button', { name: '确认签订合同' }).click();
  await expect(org.getByText('履行中')).toBeVisible();
  await org.getByRole('link', { name: '安排活动' }).click();
  await org.getByLabel('活动名称').fill('驿站法律与心理讲座');
  await org.getByLabel('开始时间').fill(shanghaiInput(serverNow));
  await org.getByLabel('时长（分钟）').fill('60');
  await org.getByLabel('场地类型').selectOption({ label: '户外劳动者驿站' });
  await org.getByLabel('地址').fill('象山县丹东街道爱心驿站');
  await org.getByLabel('容纳人数').fill('50');
  await expectAccessible(org);
  await org.getByRole('button', { name: '安排活动' }).click();
  await expect(org.getByRole('heading', { name: '驿站法律与心理讲座' })).toBeVisible();
  const eventUrl = org.url();
  await org.getByRole('link', { name: '打开签到二维码' }).click();
  await expect(org.locator('.qr svg')).toBeVisible();
  const checkinUrl = (await org.getByTestId('checkin-link').getAttribute('href'))!;

  // A worker on a phone, without an account and without JavaScript, checks in and rates.
  const phone = await browser.newContext({
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: false,
    isMobile: true,
  });
  const worker = await phone.newPage();
  await worker.goto(checkinUrl);
  await checkInWithNumber(worker, newPhone(), () => worker.getByLabel('外卖骑手').check());
  await expect(worker.getByText('签到成功')).toBeVisible();
  await worker.getByLabel('5 星').check();
  await worker.getByLabel('想说的话（可不填）').fill('讲得很实用，谢谢老师！');
  await worker.getByRole('button', { name: '提交评价' }).click();
  await expect(worker.getByText('感谢您的评价')).toBeVisible();
  await phone.close();

  // axe needs JavaScript to run, so the worker's pages are audited from a second phone.
  const auditPhone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const auditor = await auditPhone.newPage();
  await auditor.goto(checkinUrl);
  await expectAccessible(auditor);
  await checkInWithNumber(auditor);
  await expect(auditor.getByText('签到成功')).toBeVisible();
  await expectAccessible(auditor);
  await auditPhone.close();

  // After the event the organization reports and the union accepts.
  await advanceClock(request, 2 * 3600_000);
  await org.goto(eventUrl);
  await org.getByLabel('未扫码的现场人数').fill('3');
  await org.getByLabel('活动总结').fill('到场职工踊跃提问。');
  await org.getByRole('button', { name: '提交完成报告' }).click();
  await expect(org.getByText('待验收')).toBeVisible();
  await union.goto(eventUrl);
  await expectAccessible(union);
  await union.getByRole('button', { name: '验收通过' }).click();
  await union.getByRole('button', { name: '确认验收' }).click();
  await expect(union.getByText('已验收')).toBeVisible();
  // What only the organization asserts counts once the union admits it: the three walk-ins (the two
  // check-ins, made by phones whose numbers an SMS code confirmed, count by themselves).
  const asserted = union.getByTestId('review-event');
  await asserted.getByLabel('理由').fill('现场签到表上有三位职工未扫码');
  await asserted.getByRole('button', { name: '计入', exact: true }).click();
  await expect(union.getByTestId('asserted-status')).toContainText('已计入：现场签到表上有三位职工未扫码');

  // The contract shows delivered / contracted and satisfaction; the organization's page its score.
  await union.goto(contractUrl);
  await expect(union.getByTestId('sessions-delivered')).toHaveText('1 / 2');
  // Two check-ins (the worker and the auditing phone) plus three walk-ins.
  await expect(union.getByTestId('worker-visits')).toHaveText('5');
  await expect(union.getByTestId('satisfaction')).toHaveText('100%');
  await union.getByRole('link', { name: '象山县律师协会' }).click();
  await expect(union.getByTestId('evaluation-completion')).toHaveText('50%');
  // The full model (docs/decisions/060): completion 50% (weight 25), satisfaction 100% (25), rating
  // coverage 1 of 2 check-ins (10), reports on time (10), no complaints (10); attendance and the
  // reviewers' judgement have no data and are left out: 62.5 of 80 points = 78.1.
  await expect(union.getByTestId('evaluation-score')).toHaveText('78.1');
  await expect(union.getByTestId('evaluation-grade')).toHaveText('良好');
  await expectAccessible(union);

  expect(
    count(
      'select count(*) as n from ratings r join events e on e.id = r.event_id where e.title = ?',
      '驿站法律与心理讲座',
    ),
  ).toBe(1);
});
