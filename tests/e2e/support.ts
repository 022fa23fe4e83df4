import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

export const demoPassword = 'gonghui-demo-2026';

/** Signs in on the e2e server, or on another one at `origin`. */
export async function login(page: Page, email: string, origin = '') {
  await page.goto(`${origin}/login`);
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

export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
