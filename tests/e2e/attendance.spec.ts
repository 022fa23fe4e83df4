import { expect, test } from '@playwright/test';
import { count, expectAccessible, login, value } from './support';

// The demo's back-dated home visit: entered three days after it took place, nobody scanned, 21
// people typed into its report. It counts only once a union reviewer admits it (docs/decisions/091).
const visitTitle = '困难职工“回头看”入户走访（石浦镇）';
const visitId = () => value<number>('select id from events where title = ?', visitTitle);
const countyId = () => value<number>("select id from unions where name = '象山县总工会'");

test('a union reviewer admits asserted attendance with a reason, without JavaScript; the figures follow', async ({
  browser,
}) => {
  const leadership = await (await browser.newContext()).newPage();
  await login(leadership, 'leadership@demo.gonghui.cn');
  await leadership.goto('/reports');
  const visits = Number((await leadership.getByTestId('total-visits').innerText()).replace(/\D/g, ''));
  await expect(leadership.getByTestId('figures-basis')).toHaveText(/按短信验证签到计/);
  await expect(leadership.getByTestId('figures-pending')).toContainText('21 名现场登记人员');

  // A second reviewer's page, opened before the decision: its form will be out of date.
  const rights = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await login(rights, 'rights@demo.gonghui.cn');
  await rights.goto(`/events/${visitId()}`);

  const reviewer = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await login(reviewer, 'reviewer@demo.gonghui.cn');
  await reviewer.goto(`/events/${visitId()}`);
  const asserted = reviewer.getByTestId('asserted-attendance');
  await expect(asserted).toContainText('现场登记 21 人（未扫码）');
  await expect(asserted).toContainText('活动开始 30 分钟后才录入系统');
  await expect(asserted).toContainText('没有计入的签到');
  await expect(reviewer.getByTestId('asserted-status')).toHaveText('待复核，尚未计入。');
  await expect(reviewer.getByTestId('figures-pending')).toContainText('1 场活动、21 名现场登记人员');
  await expect(reviewer.getByTestId('sessions-delivered')).toHaveText('0');
  const commissioner = await (await browser.newContext()).newPage();
  await login(commissioner, 'commissioner@demo.gonghui.cn');
  await commissioner.goto(`/events/${visitId()}`);
  await expect(commissioner.getByTestId('review-event')).toBeVisible();
  await expectAccessible(commissioner);

  const form = reviewer.getByTestId('review-event');
  await form.getByLabel('理由').fill('走访台账、照片与社区签收单已核对');
  await form.getByRole('button', { name: '计入', exact: true }).click();
  await expect(reviewer.getByTestId('asserted-status')).toHaveText(
    /^已计入：走访台账、照片与社区签收单已核对（王建国，/,
  );
  await expect(reviewer.getByTestId('sessions-delivered')).toHaveText('1');
  await expect(reviewer.getByTestId('worker-visits')).toHaveText('21');
  await expect(reviewer.getByTestId('figures-pending')).toHaveCount(0);
  expect(
    count("select count(*) from audit_log where action = 'event.attendance_admit' and subject_id = ?", visitId()),
  ).toBe(1);

  // The out-of-date page: refused with a message, and what was typed is still there.
  const stale = rights.getByTestId('review-event');
  await stale.getByLabel('理由').fill('我也核对过了');
  await stale.getByRole('button', { name: '计入', exact: true }).click();
  await expect(rights.getByTestId('review-event').locator('.error-summary')).toContainText('已经是这个结论了。');
  await expect(rights.getByTestId('review-event').getByLabel('理由')).toHaveValue('我也核对过了');

  // The dashboard counts the 21 now, and nothing awaits review any more.
  await leadership.reload();
  await expect(leadership.getByTestId('total-visits')).toHaveText((visits + 21).toLocaleString('zh-CN'));
  await expect(leadership.getByTestId('figures-pending')).toHaveCount(0);

  // The organization sees the decision and its reason, and no form.
  const owner = await (await browser.newContext()).newPage();
  await login(owner, 'hardship@demo.gonghui.cn');
  await owner.goto(`/events/${visitId()}`);
  await expect(owner.getByTestId('asserted-status')).toContainText('走访台账、照片与社区签收单已核对');
  await expect(owner.getByTestId('review-event')).toHaveCount(0);
});

test('a union admin switches to code-only counting, and the figures say so', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await login(admin, 'admin@demo.gonghui.cn');
  await admin.goto(`/unions/${countyId()}/commissioning`);
  await admin.getByRole('radio', { name: /仅签到码：/ }).check();
  await admin.getByRole('button', { name: '保存核验标准' }).click();
  await expect(admin.getByRole('status')).toHaveText('已保存，数据已按新标准重新统计。');
  await expect(admin.getByRole('radio', { name: /仅签到码：/ })).toBeChecked();

  const leadership = await (await browser.newContext()).newPage();
  await login(leadership, 'leadership@demo.gonghui.cn');
  await leadership.goto(`/reports?union=${countyId()}`);
  await expect(leadership.getByTestId('figures-basis')).toHaveText(
    /其中 1 个工会仅凭现场签到码、未经短信验证（象山县总工会）/,
  );
  expect(
    count("select count(*) from audit_log where action = 'union.attendance_standard' and subject_id = ?", countyId()),
  ).toBe(1);

  await admin.getByRole('radio', { name: /短信验证（推荐）/ }).check();
  await admin.getByRole('button', { name: '保存核验标准' }).click();
  await expect(admin.getByRole('radio', { name: /短信验证（推荐）/ })).toBeChecked();
});
