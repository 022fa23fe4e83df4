// Issue 20, work queues, confirmations and error pages (decision 111).
import { expect, test } from '@playwright/test';
import { formatDateTime } from '../../app/lib/format';
import { count, login, value } from './support';

test.describe('error pages', () => {
  test('a page that does not exist is shown inside the site, says what next, in the reader’s language', async ({
    page,
  }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
    await expect(page.getByText('请检查地址，或从首页、我的工作台重新进入。')).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  });

  test('a reviewer opening the evaluation before the deadline reads when the bids open, not “no permission”', async ({
    page,
  }) => {
    const id = count("select id from tenders where state = 'published'");
    const deadline = new Date(value<number>('select deadline_at from tenders where id = ?', id));
    await login(page, 'commissioner@demo.gonghui.cn');
    const response = await page.goto(`/tenders/${id}/evaluate`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('link', { name: '我的工作台' }).first()).toBeVisible();
    await expect(page.getByText(`投标将于 ${formatDateTime(deadline, 'zh-CN')} 开启`)).toBeVisible();
    await expect(page.getByText('您没有权限')).toHaveCount(0);
    await page.getByRole('button', { name: '繁體中文' }).click();
    await expect(page.getByText(`投標將於 ${formatDateTime(deadline, 'zh-TW')} 開啟`)).toBeVisible();
    await page.getByRole('button', { name: '简体中文' }).click();
  });
});
