import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { count, expectAccessible, login, loginRequest, resetClock } from './support';

test.afterEach(async ({ request }) => resetClock(request));

/** One row from the e2e server's database, read-only. */
function row<T>(sql: string, ...params: unknown[]) {
  const db = new Database('tests/.tmp/e2e/app.db', { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

const yuan = (fen: number) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(fen / 100);
const pdf = { name: '银行回单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n回单 ICBC\n%%EOF\n') };

test('a milestone paid by bank transfer: finance approves and records it, the organization confirms receipt', async ({
  browser,
}) => {
  // A signed contract of the demo county whose signing milestone is due, and its organization's owner.
  const due = row<{ id: number; amountFen: number; title: string; orgId: number; owner: string }>(`
    select m.id, m.amount_fen as amountFen, c.title, c.organization_id as orgId, u.email as owner
    from milestones m join contracts c on c.id = m.contract_id
    join organization_members om on om.organization_id = c.organization_id and om.role = 'owner'
    join users u on u.id = om.user_id
    where m.state = 'due' and m.condition = 'signing' order by m.id limit 1`);
  const reference = `ICBC${Date.now()}`;

  // Finance finds the milestone on the union's payments desk and approves it.
  const finance = await (await browser.newContext()).newPage();
  await login(finance, 'finance@demo.gonghui.cn');
  await finance.getByRole('link', { name: '付款工作台' }).click();
  await expect(finance.getByRole('heading', { name: /付款工作台/ })).toBeVisible();
  await expectAccessible(finance);
  const dueRow = finance.getByTestId('queue-due').getByRole('row').filter({ hasText: due.title });
  await dueRow.getByRole('button', { name: '批准付款' }).click();
  const approvedRow = finance.getByTestId('queue-approved').getByRole('row').filter({ hasText: due.title });
  await approvedRow.getByRole('link', { name: '签约后支付' }).click();
  await expect(finance.getByText('已审批', { exact: true })).toBeVisible();
  await expect(finance.getByTestId('milestone-amount')).toHaveText(yuan(due.amountFen));

  // With no Stripe keys on this server, bank transfer is the only way offered.
  await expect(finance.getByText(/Stripe/)).toHaveCount(0);
  await expectAccessible(finance);

  // A wrong amount and a file that is not a PDF or image are refused, keeping what was typed.
  await finance.getByLabel('转账金额（元）').fill('1');
  await finance.getByLabel('银行流水号').fill(reference);
  await finance.getByLabel('转账凭证').setInputFiles(pdf);
  await finance.getByRole('button', { name: '登记转账' }).click();
  await expect(finance.getByText('转账金额必须与付款节点金额一致。', { exact: true })).toBeVisible();
  await expect(finance.getByLabel('银行流水号')).toHaveValue(reference);
  await finance.getByLabel('转账金额（元）').fill(String(due.amountFen / 100));
  await finance
    .getByLabel('转账凭证')
    .setInputFiles({ name: 'voucher.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await finance.getByRole('button', { name: '登记转账' }).click();
  await expect(finance.getByText('凭证须为 PDF、PNG、JPG 或 WebP 文件。', { exact: true })).toBeVisible();
  expect(count('select count(*) as n from payments where milestone_id = ?', due.id)).toBe(0);

  await finance.getByLabel('转账凭证').setInputFiles(pdf);
  await finance.getByRole('button', { name: '登记转账' }).click();
  await expect(finance.getByText('已支付', { exact: true }).first()).toBeVisible();
  await expect(finance.getByRole('cell', { name: reference })).toBeVisible();
  expect(count("select count(*) as n from ledger_entries where milestone_id = ? and kind = 'paid'", due.id)).toBe(1);
  const voucherHref = (await finance.getByRole('link', { name: '查看凭证' }).getAttribute('href'))!;
  const voucher = await finance.request.get(voucherHref);
  expect(voucher.status()).toBe(200);
  expect(voucher.headers()['content-type']).toBe('application/pdf');

  // Another organization's owner may not see the voucher.
  const strangerContext = await browser.newContext();
  const otherOwner = row<{ email: string }>(
    `select u.email from users u join organization_members om on om.user_id = u.id
     where om.role = 'owner' and om.organization_id <> ? order by u.id limit 1`,
    due.orgId,
  );
  await loginRequest(strangerContext.request, otherOwner.email);
  expect((await strangerContext.request.get(voucherHref)).status()).toBe(403);
  await strangerContext.close();

  // The organization sees what it has been paid and when, and confirms receipt.
  const org = await (await browser.newContext()).newPage();
  await login(org, due.owner);
  await org.getByRole('link', { name: '收款' }).first().click();
  await expect(org.getByTestId('money-paid')).toHaveText(yuan(due.amountFen));
  await expect(org.getByText(/Stripe/)).toHaveCount(0);
  await expectAccessible(org);
  const paidRow = org.getByRole('row').filter({ hasText: due.title }).filter({ hasText: '签约后支付' });
  await expect(paidRow.getByText('已支付')).toBeVisible();
  await paidRow.getByRole('link', { name: '签约后支付' }).click();
  expect((await org.request.get(voucherHref)).status()).toBe(200);
  await org.getByRole('button', { name: '确认已收到款项' }).click();
  await expect(org.getByText('已确认收款', { exact: true })).toBeVisible();
  expect(count("select count(*) as n from ledger_entries where milestone_id = ? and kind = 'confirmed'", due.id)).toBe(
    1,
  );
});

test('finance sets a department budget and sees budget, committed, paid and remaining', async ({ page }) => {
  await login(page, 'finance@demo.gonghui.cn');
  await page.getByRole('link', { name: '部门预算' }).click();
  await expect(page.getByRole('heading', { name: /部门预算/ })).toBeVisible();
  await expectAccessible(page);
  const nextYear = Number(await page.getByLabel('年度', { exact: true }).inputValue()) + 1;
  await page.getByRole('link', { name: new RegExp(`^${nextYear}`) }).click();
  await expect(page.getByTestId('budgets').getByRole('row').filter({ hasText: '权益保障部' })).toContainText('未设置');
  await page.getByLabel('部门', { exact: true }).selectOption({ label: '权益保障部' });
  await page.getByLabel('预算金额（元）').fill('300000');
  await page.getByRole('button', { name: '保存预算' }).click();
  await expect(page.getByTestId('budgets').getByRole('row').filter({ hasText: '权益保障部' })).toContainText(
    yuan(300_000_00),
  );
});
