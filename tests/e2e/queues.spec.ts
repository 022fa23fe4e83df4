// Issue 20, work queues, confirmations and error pages (decision 111).
import { expect, test, type Page } from '@playwright/test';
import { formatDateTime } from '../../app/lib/format';
import { e2eSmtpPort, startMailbox, type Mailbox } from '../support/mailbox';
import { count, login, loginRequest, receive, value, write } from './support';

let mailbox: Mailbox;
test.beforeAll(async () => {
  mailbox = await startMailbox(e2eSmtpPort());
});
test.afterAll(async () => mailbox.close());

/** The number on the workspace link (none shown: 0). */
async function waitingBadge(page: Page) {
  const badge = page.getByTestId('waiting-count');
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

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

test.describe('error pages that say why', () => {
  test('the commissioner opening the evaluation of a cancelled tender reads that its bids will not open, in their language', async ({
    page,
  }) => {
    const id = count(
      "select t.id from tenders t join unions u on u.id = t.union_id where t.state = 'cancelled' and u.name = '象山县总工会' order by t.id limit 1",
    );
    await login(page, 'commissioner@demo.gonghui.cn');
    const response = await page.goto(`/tenders/${id}/evaluate`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('不能打开此页面');
    await expect(page.getByText('采购项目已取消，投标不会开启评审。取消原因见项目页面。')).toBeVisible();
    await expect(page.getByText('您没有权限')).toHaveCount(0);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByText('This tender was cancelled: its bids will not be opened.')).toBeVisible();
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

  test('a confirm page its rule refuses answers with the reason, never a 500', async ({ request }) => {
    await loginRequest(request, 'commissioner@demo.gonghui.cn');
    const contracted = count("select id from tenders where state = 'contracted' order by id limit 1");
    const bidId = count('select awarded_bid_id from tenders where id = ?', contracted);
    const award = await request.post(`/tenders/${contracted}/evaluate`, {
      form: { intent: 'award', bidId: String(bidId) },
      maxRedirects: 0,
    });
    expect(award.status()).toBe(409);
    expect(await award.text()).toMatch(/当前状态下不能进行此操作。|评审小组还有成员未声明或未完成评分。/);

    const accepted = count(
      "select e.id from events e join contracts c on c.id = e.contract_id join unions u on u.id = c.union_id where e.state = 'accepted' and u.name = '象山县总工会' order by e.id limit 1",
    );
    const accept = await request.post(`/events/${accepted}`, { form: { intent: 'accept' }, maxRedirects: 0 });
    expect(accept.status()).toBe(409);
    expect(await accept.text()).toContain('当前状态下不能进行此操作。');
    expect(value<string>('select state from events where id = ?', accepted)).toBe('accepted');
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

test.describe('work queues, their notifications and confirm pages, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an ended event reminds its organization to report; the filed report reaches the commissioner by email, in the badge and the queue, and is accepted only through its confirm page', async ({
    page,
    request,
  }) => {
    const contract = value<number>(
      "select c.id from contracts c join unions u on u.id = c.union_id where c.state = 'active' and u.name = '象山县总工会' order by c.id desc limit 1",
    );
    const organizationId = value<number>('select organization_id from contracts where id = ?', contract);
    const owner = value<string>(
      "select u.email from users u join organization_members m on m.user_id = u.id where m.organization_id = ? and m.role = 'owner'",
      organizationId,
    );
    const title = `驿站职工心理讲座 ${Date.now()}`;
    const endedAt = Date.now() - 2 * 3600_000;
    write(
      `insert into events (organization_id, contract_id, title, starts_at, ends_at, venue_type, capacity, checkin_secret)
       values (?, ?, ?, ?, ?, 'station', 40, ?)`,
      organizationId,
      contract,
      title,
      endedAt - 3600_000,
      endedAt,
      'd'.repeat(64),
    );
    const eventId = value<number>('select id from events where title = ?', title);

    // The clock tells the organization the report is due; it waits in their queue.
    const due = await receive(mailbox, owner, `请提交完成报告：${title}`);
    expect(due.text).toContain(`/events/${eventId}`);
    await login(page, owner);
    await expect(page.getByTestId('queue-eventsToReport')).toContainText(title);
    await page.getByTestId('queue-eventsToReport').getByRole('link', { name: title }).click();
    await page.getByLabel('未扫码的现场人数').fill('12');
    await page.getByLabel('活动总结').fill('讲解情绪疏导方法，现场答疑。');
    await page.getByRole('button', { name: '提交完成报告' }).click();
    await expect(page.getByText('待验收')).toBeVisible();
    await page.goto('/me');
    // Only this event leaves the queue: forms.spec leaves the organization reports it returned.
    await expect(page.getByTestId('queue-eventsToReport').getByRole('link', { name: title })).toHaveCount(0);

    // The union's commissioners are told, by email, by the badge and on /me.
    await receive(mailbox, 'commissioner@demo.gonghui.cn', `完成报告待验收：${title}`);
    await page.context().clearCookies();
    await login(page, 'commissioner@demo.gonghui.cn');
    const queue = page.getByTestId('queue-reportsToAccept');
    await expect(queue).toContainText(title);
    const total = await page.locator('[data-testid^="queue-"] li').count();
    expect(await waitingBadge(page)).toBe(total);

    // A one-click POST accepts nothing: it is answered with the confirm page.
    await loginRequest(request, 'commissioner@demo.gonghui.cn');
    const oneClick = await request.post(`/events/${eventId}`, { form: { intent: 'accept' }, maxRedirects: 0 });
    expect(oneClick.status()).toBe(200);
    expect(await oneClick.text()).toContain('确认验收');
    expect(value<string>('select state from events where id = ?', eventId)).toBe('reported');

    await queue.getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: '验收通过' }).click();
    const confirm = page.getByTestId('confirm-page');
    await expect(confirm).toContainText('验收后报告不能再退回修改。');
    expect(value<string>('select state from events where id = ?', eventId)).toBe('reported');
    await confirm.getByRole('button', { name: '确认验收' }).click();
    await expect(page.getByText('已验收')).toBeVisible();
    expect(value<string>('select state from events where id = ?', eventId)).toBe('accepted');
    await page.goto('/me');
    await expect(page.getByTestId('queue-reportsToAccept').getByRole('link', { name: title })).toHaveCount(0);
    expect(await waitingBadge(page)).toBe(total - 1);
  });

  test('the panel finds the tender in its queue, scores it, and the commissioner awards it only through the confirm page', async ({
    page,
    request,
  }) => {
    const tenderId = value<number>("select id from tenders where state = 'evaluating' order by id limit 1");
    const tenderTitle = value<string>('select title from tenders where id = ?', tenderId);
    for (const [email, score] of [
      ['reviewer@demo.gonghui.cn', '80'],
      ['commissioner@demo.gonghui.cn', '85'],
    ] as const) {
      await page.context().clearCookies();
      await login(page, email);
      const queue = page.getByTestId('queue-bidsToScore');
      await expect(queue).toContainText(tenderTitle);
      await queue.getByRole('link', { name: tenderTitle }).click();
      await page.getByRole('button', { name: '提交声明' }).click();
      const forms = page.getByRole('form', { name: /为.*评分/ });
      const n = await forms.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const form = page.getByRole('form', { name: /为.*评分/ }).nth(i);
        await form.getByLabel('方案质量（0–100）').fill(score);
        await form.getByLabel('团队（0–100）').fill(score);
        await form.getByLabel('履约记录（0–100）').fill(score);
        await form.getByRole('button', { name: '保存评分' }).click();
      }
      await page.goto('/me');
      await expect(page.getByTestId('queue-bidsToScore').getByRole('link', { name: tenderTitle })).toHaveCount(0);
    }

    // The panel has finished: the award waits on the union's commissioners, who are told by email.
    await receive(mailbox, 'commissioner@demo.gonghui.cn', `评审小组已完成评分：${tenderTitle}`);
    await expect(page.getByTestId('queue-awardsToPropose').getByRole('link', { name: tenderTitle })).toBeVisible();
    const waiting = await waitingBadge(page);
    expect(waiting).toBe(await page.locator('[data-testid^="queue-"] li').count());

    // A one-click POST proposes no award.
    const bidId = value<number>(
      "select id from bids where tender_id = ? and state = 'submitted' order by id limit 1",
      tenderId,
    );
    await loginRequest(request, 'commissioner@demo.gonghui.cn');
    const oneClick = await request.post(`/tenders/${tenderId}/evaluate`, {
      form: { intent: 'award', bidId: String(bidId) },
      maxRedirects: 0,
    });
    expect(oneClick.status()).toBe(200);
    expect(await oneClick.text()).toContain('确认授予');
    expect(value<string>('select state from tenders where id = ?', tenderId)).toBe('evaluating');

    await page.goto(`/tenders/${tenderId}/evaluate`);
    await page.getByRole('button', { name: /^授予/ }).click();
    const confirm = page.getByTestId('confirm-page');
    await expect(confirm).toContainText('提议授予后，评审小组不能再修改评分。');
    await confirm.getByRole('link', { name: '取消，返回' }).click();
    expect(value<string>('select state from tenders where id = ?', tenderId)).toBe('evaluating');
    await page.getByRole('button', { name: /^授予/ }).click();
    await page.getByRole('button', { name: '确认授予' }).click();
    await expect(page.getByText('公示中').first()).toBeVisible();
    expect(value<string>('select state from tenders where id = ?', tenderId)).toBe('award_proposed');
    await page.goto('/me');
    await expect(page.getByTestId('queue-awardsToPropose').getByRole('link', { name: tenderTitle })).toHaveCount(0);
    expect(await waitingBadge(page)).toBe(waiting - 1);
  });

  test('an opened evaluation reaches the union’s reviewer by email and in the queue, and leaves it once scored', async ({
    page,
  }) => {
    const residencyId = value<number>(
      "select r.id from residencies r where r.state = 'active' and not exists (select 1 from residency_evaluations e where e.residency_id = r.id and e.state = 'open') order by r.id limit 1",
    );
    const organization = value<string>(
      'select o.name from organizations o join residencies r on r.organization_id = o.id where r.id = ?',
      residencyId,
    );
    await login(page, 'incubator@demo.gonghui.cn');
    await page.goto(`/residencies/${residencyId}`);
    await page.getByRole('button', { name: '发起评估' }).click();
    await expect(page).toHaveURL(/\/evaluations\/\d+$/);
    const evaluationId = Number(/\/evaluations\/(\d+)$/.exec(page.url())![1]);

    await receive(mailbox, 'reviewer@demo.gonghui.cn', `入驻组织评估待评分：${organization}`);
    await page.context().clearCookies();
    await login(page, 'reviewer@demo.gonghui.cn');
    const queue = page.getByTestId('queue-evaluationsToScore');
    await expect(queue).toContainText(organization);
    expect(await waitingBadge(page)).toBe(await page.locator('[data-testid^="queue-"] li').count());
    await queue.getByRole('link', { name: organization }).click();
    const judged = page.getByRole('form', { name: '评审专家打分' });
    await judged.getByLabel('内部治理与规范运作').fill('80');
    await judged.getByLabel('成长与能力建设').fill('75');
    await judged.getByRole('button', { name: '保存评分' }).click();
    await page.goto('/me');
    await expect(page.getByTestId('queue-evaluationsToScore').getByRole('link', { name: organization })).toHaveCount(0);
    // Put back: the evaluation no longer open, for the specs after this one.
    write("update residency_evaluations set state = 'cancelled' where id = ?", evaluationId);
  });

  test('a term ending soon waits on the incubator manager, who decides its exit review only through the confirm page', async ({
    page,
  }) => {
    const residencyId = value<number>("select id from residencies where state = 'active' order by id desc limit 1");
    const endsOn = value<string>('select ends_on from residencies where id = ?', residencyId);
    const organization = value<string>(
      'select o.name from organizations o join residencies r on r.organization_id = o.id where r.id = ?',
      residencyId,
    );
    write("update residencies set ends_on = date('now', '+20 days') where id = ?", residencyId);
    const reviews = () => count('select count(*) from exit_reviews where residency_id = ?', residencyId);
    const before = reviews();
    await login(page, 'incubator@demo.gonghui.cn');
    const queue = page.getByTestId('queue-exitReviewsDue');
    await expect(queue).toContainText(organization);
    await queue.getByRole('link', { name: organization }).click();
    await expect(page).toHaveURL(new RegExp(`/residencies/${residencyId}$`));
    const form = page.getByRole('form', { name: '出壳评审' });
    await form.getByLabel('延期孵化').check();
    await form.getByLabel('决定理由').fill('仍需跟踪指导一年。');
    await form.getByRole('button', { name: '作出决定' }).click();
    const confirm = page.getByTestId('confirm-page');
    await expect(confirm).toContainText('仍需跟踪指导一年。');
    expect(reviews()).toBe(before);
    await confirm.getByRole('button', { name: '确认结论' }).click();
    await expect(page).toHaveURL(new RegExp(`/residencies/${residencyId}`));
    expect(reviews()).toBe(before + 1);
    // Extended by six months: no longer due.
    await page.goto('/me');
    await expect(page.getByTestId('queue-exitReviewsDue').getByRole('link', { name: organization })).toHaveCount(0);
    write('update residencies set ends_on = ? where id = ?', endsOn, residencyId);
  });
});
