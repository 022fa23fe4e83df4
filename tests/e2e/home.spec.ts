import { expect, test } from '@playwright/test';
import { advanceClock, count, expectAccessible, login, resetClock } from './support';

test.afterEach(async ({ request }) => resetClock(request));

// Every accepted contracted event on the platform, with its union's attendance standard. What
// counts (docs/decisions/091): a check-in meeting the standard or admitted; the session when shown
// by one at an event entered in time (at most 30 minutes after its start), or admitted; walk-ins
// once admitted. Computed here straight from the tables, not from the rollups the page reads.
const accepted = `select e.*, u.attendance_standard as standard from events e join contracts c on c.id = e.contract_id
  join unions u on u.id = c.union_id where e.state = 'accepted'`;
const counts = (checkin: string, event: string) =>
  `(${checkin}.review = 'admitted' or (${checkin}.review is null and (${checkin}.verification = 'sms' or ${event}.standard = 'code')))`;
const withCounted = `select d.*, (select count(*) from checkins ch where ch.event_id = d.id and ${counts('ch', 'd')}) as counted
  from (${accepted}) d`;
const rated = `from ratings r join checkins ch on ch.id = r.checkin_id join (${accepted}) d on d.id = r.event_id
  where r.excluded_reason is null and ${counts('ch', 'd')}`;

function platform() {
  const ratings = count(`select count(*) ${rated}`);
  return {
    sessions: count(`select count(*) from (${withCounted})
      where attendance_review = 'admitted' or (created_at <= starts_at + 1800000 and counted > 0)`),
    visits: count(
      `select coalesce(sum(counted + iif(attendance_review = 'admitted', walk_ins, 0)), 0) from (${withCounted})`,
    ),
    satisfaction: count(`select count(*) ${rated} and r.score >= 4`) / ratings,
    incubated: count('select count(distinct organization_id) from residencies'),
    openTenders: count(`select count(*) from tenders where state = 'published' and deadline_at > ?`, Date.now()),
  };
}

const number = (n: number) => new Intl.NumberFormat('zh-CN').format(n);
const percent = (ratio: number) =>
  new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

test('the home page shows, to anyone, what the platform delivered, the open tenders and what each visitor can do', async ({
  browser,
  request,
}) => {
  // The page keeps its totals for a minute of the server's clock: a minute on, they are read afresh.
  await advanceClock(request, 61_000);
  const expected = platform();
  expect(expected.sessions).toBeGreaterThan(0);
  expect(expected.openTenders).toBeGreaterThan(0);

  // Without JavaScript, as a worker's cheap phone may be.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '平台成效' })).toBeVisible();
  await expect(page.getByTestId('home-sessions')).toHaveText(number(expected.sessions));
  await expect(page.getByTestId('home-visits')).toHaveText(number(expected.visits));
  await expect(page.getByTestId('home-satisfaction')).toHaveText(percent(expected.satisfaction));
  await expect(page.getByTestId('home-incubated')).toHaveText(number(expected.incubated));
  await expect(page.getByTestId('home-open-tenders')).toHaveText(number(expected.openTenders));
  // The standard the figures rest on, as every figure display says it.
  await expect(page.getByTestId('figures-basis')).toContainText('短信验证');

  // Open tenders link to their pages, closing soonest first.
  const tenders = page.getByTestId('home-tenders').getByRole('link');
  await expect(tenders).toHaveCount(Math.min(5, expected.openTenders));
  const first = await tenders.first().textContent();
  await tenders.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first!);
  await page.goBack();

  // A union, an organization and a worker each read what they can do, with links that open.
  for (const who of ['工会', '社会组织', '职工'])
    await expect(page.getByRole('heading', { name: who, exact: true })).toBeVisible();
  for (const link of ['浏览服务项目', '查看采购项目', '了解孵化基地', '注册账号']) {
    await page.getByRole('link', { name: link, exact: true }).click();
    expect((await page.request.get(page.url())).status()).toBe(200);
    await page.goBack();
  }

  // On a phone nothing scrolls sideways; in English the same figures.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en' });
  const small = await phone.newPage();
  await small.goto('/');
  await expect(small.getByRole('heading', { name: 'What the platform has delivered' })).toBeVisible();
  await expect(small.getByTestId('home-sessions')).toHaveText(new Intl.NumberFormat('en').format(expected.sessions));
  expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(small);
});

test('dates read in one form per locale: a residency’s term, evaluations and mentoring, never ISO', async ({
  page,
}) => {
  const residencyId = count(
    `select r.id from residencies r join organization_members m on m.organization_id = r.organization_id
     join users u on u.id = m.user_id where u.email = ? order by r.id limit 1`,
    'psych@demo.gonghui.cn',
  );
  await login(page, 'psych@demo.gonghui.cn');
  await page.goto(`/residencies/${residencyId}`);
  await expect(page.getByTestId('residency-term')).toHaveText(
    /^\d{4}年\d{1,2}月\d{1,2}日 – \d{4}年\d{1,2}月\d{1,2}日$/,
  );
  expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
});
