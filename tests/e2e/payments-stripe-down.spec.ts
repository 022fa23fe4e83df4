// Card payments that fail safely, on a second server of the demo county with Stripe keys, whose
// Stripe is the local fake (tests/support/fake-stripe.ts), switched off and on by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe';
import { freePortSync } from '../support/ports';
import { expectAccessible, login } from './support';

const port = freePortSync();
const origin = `http://localhost:${port}`;
const dir = 'tests/.tmp/e2e-stripe';
const databasePath = `${dir}/app.db`;
const webhookSecret = 'whsec_e2e_payments';
const pdf = { name: '银行回单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n回单\n%%EOF\n') };

let fake: FakeStripe;
let server: ChildProcess;

function row<T>(sql: string, ...params: unknown[]) {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

test.beforeAll(async () => {
  fake = await startFakeStripe();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A copy of the seeded e2e database: this server's payments leave the other specs' data alone.
  const source = new Database('tests/.tmp/e2e/app.db', { readonly: true, fileMustExist: true });
  await source.backup(databasePath);
  source.close();
  // Its keys come with it: the server refuses a database without the keys it was used with.
  cpSync('tests/.tmp/e2e/secrets', `${dir}/secrets`, { recursive: true });
  server = spawn('node', ['server.mjs'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      WEB_CONCURRENCY: '1',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      PUBLIC_URL: origin,
      STRIPE_SECRET_KEY: 'sk_test_e2e',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: fake.url,
      STRIPE_TIMEOUT_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Listening on') && resolve());
    server.on('exit', (code) => reject(new Error(`the Stripe server exited (${code})`)));
  });
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await fake?.comeBack();
  await fake?.close();
});

/** A due signing milestone of the demo county, its organization and owner. */
function dueMilestone(skip: number) {
  return row<{ id: number; amountFen: number; orgId: number; owner: string }>(
    `select m.id, m.amount_fen as amountFen, c.organization_id as orgId, u.email as owner
     from milestones m join contracts c on c.id = m.contract_id
     join organization_members om on om.organization_id = c.organization_id and om.role = 'owner'
     join users u on u.id = om.user_id
     where m.state = 'due' and m.condition = 'signing' order by m.id limit 1 offset ?`,
    skip,
  );
}

/** The owner starts Connect onboarding; Stripe then reports the account ready, as its webhook would. */
async function connectOrganization(browser: Browser, orgId: number, owner: string) {
  const page = await (await browser.newContext()).newPage();
  await login(page, owner, origin);
  await page.goto(`${origin}/orgs/${orgId}/payments`);
  const start = page.getByRole('button', { name: /开通 Stripe 收款账户|继续开通/ });
  if (await start.isVisible()) await start.click();
  await expect(page).toHaveURL(new RegExp(`^${fake.url}/connect/onboarding/`));
  const accountId = row<{ id: string }>('select stripe_account_id as id from organizations where id = ?', orgId).id;
  const event = fake.updateAccount(accountId, {
    details_submitted: true,
    charges_enabled: true,
    payouts_enabled: true,
  });
  const payload = JSON.stringify(event);
  const signature = new Stripe('sk_test_signer').webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  const response = await page.request.post(`${origin}/webhooks/stripe`, {
    data: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
  expect(response.status()).toBe(200);
  await page.context().close();
}

async function approvedAsFinance(browser: Browser, milestoneId: number) {
  const finance = await (await browser.newContext()).newPage();
  await login(finance, 'finance@demo.gonghui.cn', origin);
  await finance.goto(`${origin}/milestones/${milestoneId}`);
  await finance.getByRole('button', { name: '批准付款' }).click();
  await expect(finance.getByText('已审批', { exact: true })).toBeVisible();
  return finance;
}

async function recordTransfer(finance: Page, reference: string) {
  await finance.getByLabel('银行流水号').fill(reference);
  await finance.getByLabel('转账凭证').setInputFiles(pdf);
  await finance.getByRole('button', { name: '登记转账' }).click();
  await expect(finance.getByText('已支付', { exact: true }).first()).toBeVisible();
  await expect(finance.getByRole('cell', { name: reference })).toBeVisible();
}

const records = (page: Page) => page.locator('section', { has: page.getByRole('heading', { name: '付款记录' }) });

test('Stripe down: finance is told so, nothing is left pending, and the bank transfer is recorded', async ({
  browser,
}) => {
  const due = dueMilestone(0);
  await connectOrganization(browser, due.orgId, due.owner);
  const finance = await approvedAsFinance(browser, due.id);
  await expect(finance.getByRole('button', { name: '通过 Stripe 支付' })).toBeVisible();

  await fake.goDown();
  await finance.getByRole('button', { name: '通过 Stripe 支付' }).click();
  await expect(finance.getByRole('alert')).toHaveText('暂时无法连接 Stripe，请稍后再试或使用银行转账。');
  expect(
    row<{ n: number }>("select count(*) as n from payments where milestone_id = ? and state = 'pending'", due.id).n,
  ).toBe(0);

  await recordTransfer(finance, `ICBC${Date.now()}`);
  await expect(records(finance)).toContainText('已取消（无法连接 Stripe）');
  expect(
    row<{ n: number }>("select count(*) as n from ledger_entries where milestone_id = ? and kind = 'paid'", due.id).n,
  ).toBe(1);
  await fake.comeBack();
});

test('a Stripe payment stuck pending: finance cancels it with Stripe down; a bank transfer cancels the next', async ({
  browser,
}) => {
  const due = dueMilestone(0);
  await connectOrganization(browser, due.orgId, due.owner);
  const finance = await approvedAsFinance(browser, due.id);

  // Finance opens Stripe's page, then comes back without paying: the attempt stays pending.
  await finance.getByRole('button', { name: '通过 Stripe 支付' }).click();
  await expect(finance).toHaveURL(new RegExp(`^${fake.url}/pay/`));
  await finance.goto(`${origin}/milestones/${due.id}`);
  await expect(finance.getByText('已发起 Stripe 支付，等待 Stripe 确认。')).toBeVisible();
  await expect(records(finance)).toContainText('支付处理中');
  await expectAccessible(finance);

  // Stripe goes down; finance cancels it anyway, with a reason, and is told Stripe was not told.
  await fake.goDown();
  await finance.getByRole('button', { name: '取消在线支付' }).click();
  await expect(finance.getByText('此项必填。')).toBeVisible();
  await finance.getByLabel('取消原因').fill('付款人不再使用该付款页面');
  await finance.getByRole('button', { name: '取消在线支付' }).click();
  await expect(finance.getByRole('status')).toContainText('已在本平台取消在线支付');
  await expect(records(finance)).toContainText('已取消（财务取消）：付款人不再使用该付款页面');
  await expect(records(finance)).toContainText('仅在本平台取消，未能通知 Stripe。');
  await fake.comeBack();

  // A second attempt is left open; recording the bank transfer cancels it and Stripe closes its page.
  await finance.getByRole('button', { name: '通过 Stripe 支付' }).click();
  await expect(finance).toHaveURL(new RegExp(`^${fake.url}/pay/`));
  const sessionId = new URL(finance.url()).pathname.split('/').pop()!;
  await finance.goto(`${origin}/milestones/${due.id}`);
  await expect(finance.getByText('登记银行转账将同时取消进行中的 Stripe 支付')).toBeVisible();
  await recordTransfer(finance, `CCB${Date.now()}`);
  await expect(records(finance)).toContainText('已取消（已通过银行转账支付）');
  expect(fake.sessions.get(sessionId)!.status).toBe('expired');
  expect(
    row<{ n: number }>("select count(*) as n from ledger_entries where milestone_id = ? and kind = 'paid'", due.id).n,
  ).toBe(1);
});
