import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { count, expectAccessible, login, resetClock } from './support';
import { monthStart, shanghaiYear } from '../../app/lib/time';

test.afterEach(async ({ request }) => resetClock(request));

const year = shanghaiYear(Date.now());
const yearStart = monthStart(year, 1).getTime();
const yearEnd = monthStart(year + 1, 1).getTime();

/** Contracts of the union and every union below it. */
const subtree = `with recursive sub(id) as (select id from unions where name = ? union select u.id from unions u join sub on u.parent_id = sub.id)`;
// Accepted events, each with its union's attendance standard. What counts (docs/decisions/091): a
// check-in meeting the standard or admitted; the session when shown by one at an event entered in
// time (at most 30 minutes after its start), or admitted; walk-ins once admitted.
const eventsOf = `select e.*, u.attendance_standard as standard from events e join contracts c on c.id = e.contract_id
  join unions u on u.id = c.union_id
  where c.union_id in (select id from sub) and e.state = 'accepted' and e.starts_at >= ? and e.starts_at < ?`;
const counts = (checkin: string, event: string) =>
  `(${checkin}.review = 'admitted' or (${checkin}.review is null and (${checkin}.verification = 'sms' or ${event}.standard = 'code')))`;
const withCounted = `select d.*, (select count(*) from checkins ch where ch.event_id = d.id and ${counts('ch', 'd')}) as counted
  from (${eventsOf}) d`;

/** The year's figures for a union, straight from the tables. */
function figures(union: string) {
  const args = [union, yearStart, yearEnd];
  const sessions = count(
    `${subtree} select count(*) as n from (${withCounted})
     where attendance_review = 'admitted' or (created_at <= starts_at + 1800000 and counted > 0)`,
    ...args,
  );
  const visits = count(
    `${subtree} select coalesce(sum(counted + iif(attendance_review = 'admitted', walk_ins, 0)), 0) as n
     from (${withCounted})`,
    ...args,
  );
  const rated = `from ratings r join checkins ch on ch.id = r.checkin_id join (${eventsOf}) d on d.id = r.event_id
    where r.excluded_reason is null and ${counts('ch', 'd')}`;
  const ratings = count(`${subtree} select count(*) as n ${rated}`, ...args);
  const satisfied = count(`${subtree} select count(*) as n ${rated} and r.score >= 4`, ...args);
  return { sessions, visits, ratings, satisfied };
}

const number = (n: number) => new Intl.NumberFormat('zh-CN').format(n);
const percent = (ratio: number) =>
  new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync((await file.path())!);
}

test('leadership sees charts, filters the figures, downloads CSV and prints the annual report', async ({ page }) => {
  const county = figures('象山县总工会');
  const shipu = figures('石浦镇总工会');
  expect(shipu.sessions).toBeGreaterThan(0);
  expect(shipu.sessions).toBeLessThan(county.sessions);

  await login(page, 'leadership@demo.gonghui.cn');
  await page.getByRole('link', { name: '数据看板' }).click();
  await expect(page.getByRole('heading', { name: '象山县总工会数据看板' })).toBeVisible();
  for (const chart of ['chart-sessions', 'chart-visits', 'chart-categories', 'chart-unions'])
    await expect(page.getByTestId(chart).getByRole('img')).toBeVisible();
  await expect(page.getByTestId('chart-unions')).toContainText('石浦镇总工会');
  await expect(page.getByTestId('total-sessions')).toHaveText(number(county.sessions));
  await expect(page.getByTestId('total-visits')).toHaveText(number(county.visits));
  await expect(page.getByTestId('total-satisfaction')).toHaveText(percent(county.satisfied / county.ratings));
  await expectAccessible(page);

  // Filtering to one township changes every figure to that township's.
  await page.getByLabel('下级工会').selectOption({ label: '石浦镇总工会' });
  await page.getByRole('button', { name: '应用筛选' }).click();
  await expect(page).toHaveURL(/child=\d+/);
  await expect(page.getByTestId('total-sessions')).toHaveText(number(shipu.sessions));
  await expect(page.getByTestId('total-visits')).toHaveText(number(shipu.visits));
  await expect(page.getByTestId('report-scope')).toContainText('石浦镇总工会');

  // The CSV of the union table: a byte-order mark, the table's columns, one row per union.
  await page.goto('/reports');
  const csv = await download(page, 'csv-unions');
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = csv
    .toString('utf8')
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
  expect(header).toEqual([
    '工会',
    '已完成场次',
    '服务人次',
    '评价数',
    '满意率（%）',
    '承诺资金（元）',
    '已拨付（元）',
    '待复核场次',
    '待复核现场登记人数',
    '待复核签到',
    '签到核验标准',
  ]);
  expect(rows.map((r) => r[0])).toEqual(['象山县总工会（本级）', '丹东街道总工会', '丹西街道总工会', '石浦镇总工会']);
  const shipuRow = rows.find((r) => r[0] === '石浦镇总工会')!;
  expect(shipuRow.slice(1, 5)).toEqual([
    String(shipu.sessions),
    String(shipu.visits),
    String(shipu.ratings),
    ((shipu.satisfied / shipu.ratings) * 100).toFixed(1),
  ]);
  expect(shipuRow.at(-1)).toBe('短信验证签到');
  const total = rows.reduce((sum, r) => sum + Number(r[1]), 0);
  expect(total).toBe(county.sessions);

  // The printable annual report says it the way the seeds do, with the same numbers.
  await page.getByRole('link', { name: '年度报告（可打印）' }).click();
  const sentence = page.getByTestId('annual-sentence');
  await expect(sentence).toContainText(
    `本年度通过购买服务开展活动 ${number(county.sessions)} 场次，受益职工 ${number(county.visits)} 人次，职工满意率 ${percent(county.satisfied / county.ratings)}`,
  );
  await expectAccessible(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByTestId('csv-trend')).toBeHidden();
  await expect(sentence).toBeVisible();
});

test('a township sees its own dashboard only; organizations and reviewers see none', async ({ page, browser }) => {
  const countyId = count("select id as n from unions where name = '象山县总工会'");
  await login(page, 'dandong@demo.gonghui.cn');
  await page.goto('/reports');
  await expect(page.getByRole('heading', { name: '丹东街道总工会数据看板' })).toBeVisible();
  await expect(page.getByTestId('total-sessions')).toHaveText(number(figures('丹东街道总工会').sessions));
  expect((await page.goto(`/reports?union=${countyId}`))?.status()).toBe(403);
  expect((await page.request.get(`/reports/export/unions?union=${countyId}`)).status()).toBe(403);
  expect((await page.goto(`/reports/annual?union=${countyId}`))?.status()).toBe(403);

  for (const email of ['psych@demo.gonghui.cn', 'reviewer@demo.gonghui.cn']) {
    const other = await (await browser.newContext()).newPage();
    await login(other, email);
    await expect(other.getByRole('link', { name: '数据看板' })).toHaveCount(0);
    expect((await other.goto('/reports'))?.status()).toBe(403);
    await other.context().close();
  }
});
