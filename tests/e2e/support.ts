import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

export const demoPassword = 'gonghui-demo-2026';

export async function login(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/me$/);
}

/** Logs in over HTTP only (no page), for authorization checks. */
export async function loginRequest(request: APIRequestContext, email: string) {
  const response = await request.post('/login', { form: { email, password: demoPassword }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
}

let clockOffset = 0;

/** Moves the server's clock (TEST_CLOCK=1 only); returns the server's "now". */
export async function advanceClock(request: APIRequestContext, ms: number) {
  clockOffset += ms;
  const response = await request.post('/__test/clock', { data: { offsetMs: clockOffset } });
  expect(response.ok()).toBe(true);
  return new Date(Date.now() + clockOffset);
}

export async function resetClock(request: APIRequestContext) {
  clockOffset = 0;
  await request.post('/__test/clock', { data: { offsetMs: 0 } });
}

/** A datetime-local value in Asia/Shanghai. */
export function shanghaiInput(date: Date) {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** Read-only access to the e2e server's database: the first column of the first row. */
export function value<T = number>(sql: string, ...params: unknown[]): T {
  const db = new Database('tests/.tmp/e2e/app.db', { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  } finally {
    db.close();
  }
}

/** To assert what was (not) written. */
export const count = (sql: string, ...params: unknown[]) => value<number>(sql, ...params);

/** Writes to the e2e server's database, to set up what no page of this spec sets. */
export function write(sql: string, ...params: unknown[]) {
  const db = new Database('tests/.tmp/e2e/app.db', { fileMustExist: true });
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

let phones = Math.floor(Math.random() * 10_000);

/** A mobile number of its own, told apart by its last four digits (all the outbox shows of it). */
export function newPhone() {
  phones += 1;
  return `137${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}${String(phones % 10_000).padStart(4, '0')}`;
}

/** The code in the last SMS the local provider "sent" to this number (SMS_PROVIDER=local). */
export function smsCode(phone: string) {
  const text = value<string>(
    'select text from local_sms where to_masked = ? order by id desc limit 1',
    `${phone.slice(0, 3)}****${phone.slice(-4)}`,
  );
  return /\d{6}/.exec(text)![0];
}

/**
 * A first check-in on a phone in SMS mode: the number, the code from the SMS, the optional
 * answers (`answer`), then 签到.
 */
export async function checkInWithNumber(page: Page, phone = newPhone(), answer?: () => Promise<void>) {
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('短信验证码').fill(smsCode(phone));
  await answer?.();
  await page.getByRole('button', { name: '签到' }).click();
  return phone;
}

export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
