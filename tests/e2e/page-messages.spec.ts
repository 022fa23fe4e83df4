import { expect, test, type Page } from '@playwright/test';
import { login, resetClock } from './support';

test.afterEach(async ({ request }) => resetClock(request));

/** React reports a hydration mismatch as a console error (minified #418/#425 in production). */
function watchConsoleErrors(page: Page) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** A message key shown instead of its words, e.g. "procurement.form.title". */
const rawKey =
  /\b(?:nav|errors|accounts|catalog|delivery|evaluation|incubation|notifications|organizations|payments|procurement|reports|unions)\.[a-zA-Z]+/;

test('each page carries only the words it renders; the rest of the language follows for later pages', async ({
  page,
}) => {
  const errors = watchConsoleErrors(page);
  await page.goto('/');
  const inline = JSON.parse((await page.locator('#page-messages').textContent()) ?? '{}') as Record<
    string,
    Record<string, unknown>
  >;
  expect(Object.keys(inline.core ?? {})).toEqual(expect.arrayContaining(['nav', 'home', 'errors']));
  expect(Object.keys(inline)).not.toContain('procurement');
  expect(JSON.stringify(inline)).not.toContain('"mail"'); // the emails' words stay on the server

  // Pages rendered in the browser find their words, also those the first page did not need.
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '服务项目' }).click();
  await expect(page.getByRole('heading', { name: '服务项目目录' })).toBeVisible();
  await nav.getByRole('link', { name: '采购项目' }).click();
  await expect(page.getByRole('heading', { name: '采购项目', level: 1 })).toBeVisible();
  expect(await page.locator('main').innerText()).not.toMatch(rawKey);
  expect(errors).toEqual([]);
});

test('switching the language reloads the page in the new language without a hydration mismatch', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await login(page, 'commissioner@demo.gonghui.cn');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Tenders' }).click();
  await expect(page.getByRole('heading', { name: 'Tenders', level: 1 })).toBeVisible();
  expect(await page.locator('main').innerText()).not.toMatch(rawKey);

  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.getByRole('heading', { name: '採購案', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(errors).toEqual([]);
});
