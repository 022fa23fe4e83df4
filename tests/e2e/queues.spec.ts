// Issue 20, work queues, confirmations and error pages (decision 111).
import { expect, test } from '@playwright/test';
import { formatDateTime } from '../../app/lib/format';
import { count, login, loginRequest, value } from './support';

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

test.describe('confirm pages', () => {
  test('a one-click POST terminates no contract and decides no exit review: it is answered with the confirm page', async ({
    request,
  }) => {
    const contractId = count("select id from contracts where state = 'active' order by id limit 1");
    await loginRequest(request, 'commissioner@demo.gonghui.cn');
    const terminate = await request.post(`/contracts/${contractId}`, {
      form: { intent: 'terminate', reason: '服务方无法履约' },
      maxRedirects: 0,
    });
    expect(terminate.status()).toBe(200);
    expect(await terminate.text()).toContain('确认终止合同');
    expect(value<string>('select state from contracts where id = ?', contractId)).toBe('active');

    const residencyId = count("select id from residencies where state = 'active' order by id limit 1");
    await loginRequest(request, 'incubator@demo.gonghui.cn');
    const exit = await request.post(`/residencies/${residencyId}`, {
      form: { intent: 'exitReview', decision: 'exit', reason: '主动退出' },
      maxRedirects: 0,
    });
    expect(exit.status()).toBe(200);
    expect(await exit.text()).toContain('确认结论');
    expect(value<string>('select state from residencies where id = ?', residencyId)).toBe('active');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the commissioner terminates a contract through its confirm page, or cancels and nothing happens', async ({
      page,
    }) => {
      const contractId = count("select id from contracts where state = 'active' order by id limit 1");
      await login(page, 'commissioner@demo.gonghui.cn');
      await page.goto(`/contracts/${contractId}`);
      const reason = `服务方无法履约 ${Date.now()}`;
      await page.getByLabel('终止原因').fill(reason);
      await page.getByRole('button', { name: '终止合同' }).click();
      const confirm = page.getByTestId('confirm-page');
      await expect(confirm).toContainText('此操作不能撤销。');
      await expect(confirm).toContainText(`终止原因：${reason}`);
      await confirm.getByRole('link', { name: '取消，返回' }).click();
      expect(value<string>('select state from contracts where id = ?', contractId)).toBe('active');

      await page.getByLabel('终止原因').fill(reason);
      await page.getByRole('button', { name: '终止合同' }).click();
      await page.getByRole('button', { name: '确认终止合同' }).click();
      await expect(page).toHaveURL(new RegExp(`/contracts/${contractId}$`));
      expect(value<string>('select state from contracts where id = ?', contractId)).toBe('terminated');
    });
  });
});
