import { expect, test } from '@playwright/test';
import { count, expectAccessible, login, resetClock } from './support';

test.afterEach(async ({ request }) => resetClock(request));

test('a reviewer adjusts a contract’s evaluation with a reason; the organization sees why and how to improve', async ({
  browser,
}) => {
  const contractId = count("select id as n from contracts where title = '困难职工“回头看”关爱帮扶项目'");
  const organizationId = count('select organization_id as n from contracts where id = ?', contractId);
  const rows = () => count('select count(*) as n from evaluations where contract_id = ?', contractId);
  const before = rows();

  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, 'reviewer@demo.gonghui.cn');
  await reviewer.goto(`/contracts/${contractId}`);
  await reviewer.getByRole('link', { name: '查看本合同的绩效评估' }).click();
  await expect(reviewer.getByTestId('indicator-table').locator('tbody tr')).toHaveCount(7);
  const computed = Number(await reviewer.getByTestId('contract-score').textContent());

  // An adjustment without a reason is refused, and what was typed stays.
  const form = reviewer.getByRole('form', { name: '评审' });
  await form.getByLabel('评审意见分（0–100，可不填）').fill('90');
  await form.getByLabel('调整分（−10 到 +10）').fill('5');
  await form.getByRole('button', { name: '保存评审' }).click();
  await expect(reviewer.getByText('调整分数时必须填写原因。', { exact: true })).toBeVisible();
  await expect(form.getByLabel('调整分（−10 到 +10）')).toHaveValue('5');
  await expect(form.getByLabel('评审意见分（0–100，可不填）')).toHaveValue('90');
  expect(rows()).toBe(before);

  const reason = `台风“烟花”期间坚持入户走访 ${Date.now()}`;
  await form.getByLabel('原因').fill(reason);
  await form.getByRole('button', { name: '保存评审' }).click();
  await expect(reviewer.getByTestId('contract-adjustment')).toHaveText('+5');
  await expect(reviewer.getByTestId('contract-adjustment-reason')).toContainText(reason);
  expect(rows()).toBe(before + 1);
  const reviewed = Number(await reviewer.getByTestId('contract-score').textContent());
  expect(reviewed).toBe(
    count('select score as n from evaluations where contract_id = ? order by id desc limit 1', contractId),
  );
  // The judgement of 90 joins the indicators, then the 5 points are added.
  expect(reviewed).toBeGreaterThan(computed);
  await expect(reviewer.getByTestId('evaluation-history').locator('tbody tr')).toHaveCount(before + 1);
  await expectAccessible(reviewer);

  // A complaint, once upheld, counts against the organization.
  await reviewer.getByLabel('来源').selectOption({ label: '职工' });
  await reviewer.getByLabel('投诉内容').fill('约好的走访没有按时到。');
  await reviewer.getByRole('button', { name: '登记投诉' }).click();
  await reviewer.getByLabel('处理结果').selectOption({ label: '查实' });
  await reviewer.getByLabel('处理意见').fill('经核实，走访推迟了两天。');
  await reviewer.getByRole('button', { name: '保存处理结果' }).click();
  await expect(reviewer.getByTestId('complaints')).toContainText('已查实');
  await expect(reviewer.locator('[data-indicator="complaints"] td').first()).not.toHaveText('100%');
  expect(rows()).toBe(before + 2);

  // The organization sees its evaluations, the breakdown and what would raise its grade.
  const organization = await (await browser.newContext()).newPage();
  await login(organization, 'hardship@demo.gonghui.cn');
  await organization.goto(`/orgs/${organizationId}`);
  await organization.getByRole('link', { name: '查看指标明细、提升建议和评估记录' }).click();
  await expect(organization.getByTestId('indicator-table').locator('tbody tr')).toHaveCount(7);
  await expect(organization.getByTestId('improvements')).toContainText('完成率提高到 100% 最多可加');
  await expect(organization.getByTestId('evaluation-history')).toContainText(reason);
  await expectAccessible(organization);

  // It cannot review its own work.
  expect(
    (
      await organization.request.post(`/contracts/${contractId}/evaluation`, {
        form: { intent: 'review', adjustment: '10', reason: '自评' },
      })
    ).status(),
  ).toBe(403);
  expect(rows()).toBe(before + 2);
});
