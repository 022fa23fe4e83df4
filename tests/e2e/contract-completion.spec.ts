import { expect, test } from '@playwright/test';
import { activeContract, count, login, value } from './support';

test('the commissioner completes a contract early, without JavaScript: the reason is required and kept, and the track record counts it', async ({
  browser,
}) => {
  const title = `骑手职业规划讲座 ${Date.now()}`;
  const contractId = activeContract(title);
  const orgId = value<number>('select organization_id from contracts where id = ?', contractId);
  const completedBefore = count(
    "select count(*) from contracts where organization_id = ? and state = 'completed'",
    orgId,
  );

  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await login(page, 'commissioner@demo.gonghui.cn');
  await page.goto(`/contracts/${contractId}`);
  await expect(page.getByRole('heading', { name: '提前确认合同完成' })).toBeVisible();
  const reason = page.getByLabel('确认完成的理由');
  const submit = page.getByRole('button', { name: '确认合同完成' });

  await submit.click();
  await expect(page.getByText('此项必填。', { exact: true })).toBeVisible();
  const tooLong = '经双方协商按实际完成结项。'.repeat(200);
  await page.getByLabel('确认完成的理由').fill(tooLong);
  await submit.click();
  await expect(page.getByText('最多 2000 个字。', { exact: true })).toBeVisible();
  await expect(reason).toHaveValue(tooLong);
  expect(value<string>('select state from contracts where id = ?', contractId)).toBe('active');

  await reason.fill('服务期已满，实际完成 3 场，经双方协商按实际完成结项。');
  await submit.click();
  await expect(page.getByTestId('completion')).toHaveText(
    '合同由工会提前确认完成：服务期已满，实际完成 3 场，经双方协商按实际完成结项。',
  );
  await expect(page.getByText('已完成', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '提前确认合同完成' })).toHaveCount(0);
  // The union's final acceptance: the final payment falls due.
  expect(value<string>('select state from milestones where contract_id = ?', contractId)).toBe('due');
  expect(
    count("select count(*) from audit_log where action = 'contract.complete' and subject_id = ?", contractId),
  ).toBe(1);

  const organization = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await login(organization, 'career@demo.gonghui.cn');
  await organization.goto('/notifications');
  await expect(organization.getByText(`合同已完成：${title}`)).toBeVisible();
  await organization.goto(`/orgs/${orgId}`);
  await expect(organization.getByTestId('contracts-completed')).toHaveText(String(completedBefore + 1));
});
