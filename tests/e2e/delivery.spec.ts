import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  advanceClock,
  checkInWithNumber,
  count,
  expectAccessible,
  login,
  newPhone,
  resetClock,
  shanghaiInput,
  smsCode,
  write,
} from './support';

test.afterEach(async ({ request }) => resetClock(request));
// Each test plays several people on several devices: allow for a busy machine.
test.describe.configure({ timeout: 120_000 });

const phoneOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function idOf(sql: string, ...params: unknown[]) {
  return count(sql.replace(/^select (\S+)/, 'select $1 as n'), ...params);
}

/** psych@ runs a resident organization (心理咨询协会) at the county incubator. */
const psychOrgId = () =>
  idOf(
    'select m.organization_id from organization_members m join users u on u.id = m.user_id where u.email = ?',
    'psych@demo.gonghui.cn',
  );

/** The resident organization schedules an own activity starting now (server time); returns its URL. */
async function scheduleOwnActivity(org: Page, title: string, startsAt = new Date()) {
  await org.goto(`/orgs/${psychOrgId()}/events/new`);
  await org.getByLabel('活动名称').fill(title);
  await org.getByLabel('开始时间').fill(shanghaiInput(startsAt));
  await org.getByLabel('时长（分钟）').fill('60');
  await org.getByLabel('场地类型').selectOption({ label: '户外劳动者驿站' });
  await org.getByLabel('地址').fill('象山县石浦镇爱心驿站');
  await org.getByLabel('容纳人数').fill('40');
  await org.getByRole('button', { name: '安排活动' }).click();
  await expect(org.getByRole('heading', { name: title })).toBeVisible();
  return org.url();
}

/** What a worker's camera reads off the organizer's screen right now. */
async function scanCode(org: Page, eventUrl: string) {
  // Read over HTTP: the present screen refreshes itself, which would race a navigation to it.
  const html = await (await org.request.get(`${eventUrl}/present`)).text();
  return /<a href="([^"]+)" data-testid="checkin-link"/.exec(html)![1]!.replaceAll('&amp;', '&');
}

async function phone(browser: Browser, options: { javaScriptEnabled?: boolean; network?: string } = {}) {
  const context = await browser.newContext({
    ...phoneOptions,
    javaScriptEnabled: options.javaScriptEnabled ?? false,
    extraHTTPHeaders: options.network ? { 'X-Forwarded-For': options.network } : undefined,
  });
  return { context, page: await context.newPage() };
}

test('a worker on a phone without JavaScript confirms a number once, checks in and rates, once', async ({
  browser,
  request,
}) => {
  const title = `驿站心理讲座 ${Date.now()}`;
  const org = await (await browser.newContext()).newPage();
  await login(org, 'psych@demo.gonghui.cn');
  const eventUrl = await scheduleOwnActivity(org, title);
  const eventId = Number(eventUrl.split('/').at(-1));
  const scanned = await scanCode(org, eventUrl);
  expect(new URL(scanned).searchParams.get('k')).toMatch(/^[A-Z2-7]{10}$/);

  // First time on this phone: the number, with one sentence on why and what is kept.
  const { context, page: worker } = await phone(browser);
  await worker.goto(scanned);
  await expect(worker.getByRole('heading', { name: '活动签到' })).toBeVisible();
  await expect(worker.getByText('只保存由号码算出的加密摘要，不保存号码本身')).toBeVisible();
  expect(await worker.locator('script').count()).toBe(0);
  await worker.getByLabel('手机号').fill('1380013');
  await worker.getByRole('button', { name: '获取验证码' }).click();
  // Listed at the top with a link to the field (decision 110), rendered without JavaScript.
  const problems = worker.locator('.error-summary');
  await expect(problems.getByRole('link', { name: '手机号：请填写 11 位手机号，例如 13812345678。' })).toHaveAttribute(
    'href',
    '#checkin-phone',
  );
  await expect(worker.getByLabel('手机号')).toHaveValue('1380013');

  // The code goes out by SMS (here: the local provider's outbox); a wrong one keeps the answers.
  const number = newPhone();
  await worker.getByLabel('手机号').fill(number);
  await worker.getByRole('button', { name: '获取验证码' }).click();
  await expect(worker.getByText(`验证码已发送到 ${number.slice(0, 3)}****${number.slice(-4)}`)).toBeVisible();
  expect(await worker.locator('script').count()).toBe(0);
  const code = smsCode(number);
  await worker.getByLabel('短信验证码').fill(code === '000000' ? '111111' : '000000');
  await worker.getByLabel('快递员').check();
  await worker.getByLabel('是', { exact: true }).check();
  await worker.getByRole('button', { name: '签到' }).click();
  await expect(problems).toContainText('短信验证码：验证码不对，还可以再试 4 次。');
  await expect(worker.getByLabel('快递员')).toBeChecked();
  await expect(worker.getByLabel('是', { exact: true })).toBeChecked();
  // Ten minutes on, the code has expired: back to the number, a new code, the answers still there.
  await advanceClock(request, 11 * 60_000);
  await worker.getByLabel('短信验证码').fill(code);
  await worker.getByRole('button', { name: '签到' }).click();
  await expect(problems).toContainText('验证码已失效，请重新获取。');
  await expect(worker.getByLabel('手机号')).toHaveValue(number);
  await worker.getByRole('button', { name: '获取验证码' }).click();
  await expect(worker.getByLabel('快递员')).toBeChecked();
  await expect(worker.getByLabel('是', { exact: true })).toBeChecked();
  await worker.getByLabel('短信验证码').fill(smsCode(number));
  await worker.getByRole('button', { name: '签到' }).click();
  await expect(worker.getByText('签到成功')).toBeVisible();
  expect(await worker.locator('script').count()).toBe(0);

  // Scanning again on the same phone: already checked in, no form.
  await worker.goto(await scanCode(org, eventUrl));
  await expect(worker.getByText('这部手机已经签到过了。', { exact: true })).toBeVisible();
  await expect(worker.getByRole('button', { name: '签到' })).toHaveCount(0);
  // The same number on another phone is the same worker: refused.
  const other = await phone(browser);
  await other.page.goto(await scanCode(org, eventUrl));
  await checkInWithNumber(other.page, number);
  await expect(other.page.getByRole('alert')).toHaveText('这个手机号已经在这场活动签到过了。');
  await other.context.close();

  // Rate; a stale "new rating" form on the same phone is then refused.
  const rateUrl = `/c/${eventId}/rate`;
  const staleRating = await context.newPage();
  await staleRating.goto(rateUrl);
  await worker.goto(rateUrl);
  await worker.getByLabel('4 星').check();
  await worker.getByLabel('有用').check();
  await worker.getByLabel('想说的话（可不填）').fill('老师讲得很实在。');
  await worker.getByRole('button', { name: '提交评价' }).click();
  await expect(worker.getByText('感谢您的评价')).toBeVisible();
  await staleRating.getByLabel('1 星').check();
  await staleRating.getByRole('button', { name: '提交评价' }).click();
  await expect(staleRating.locator('.error-summary')).toContainText('您已经评价过这场活动了。');

  // Within 24 hours the worker may change the rating, not add one.
  await worker.goto(rateUrl);
  await worker.getByLabel('5 星').check();
  await worker.getByRole('button', { name: '修改评价' }).click();
  await expect(worker.getByText('感谢您的评价')).toBeVisible();

  expect(count('select count(*) as n from checkins where event_id = ?', eventId)).toBe(1);
  expect(count("select count(*) as n from checkins where event_id = ? and verification = 'sms'", eventId)).toBe(1);
  expect(count('select count(*) as n from ratings where event_id = ? and score = 5', eventId)).toBe(1);
  expect(count('select count(*) as n from ratings where event_id = ?', eventId)).toBe(1);
  // Neither the number nor the code is stored anywhere but the local provider's masked outbox.
  expect(count('select count(*) as n from workers where phone_hash like ?', `%${number}%`)).toBe(0);

  // At the next activity the phone checks in with one tap: no number, no code.
  const nextUrl = await scheduleOwnActivity(org, `${title}（第二场）`);
  await worker.goto(await scanCode(org, nextUrl));
  await expect(worker.getByLabel('手机号')).toHaveCount(0);
  await worker.getByRole('button', { name: '签到' }).click();
  await expect(worker.getByText('签到成功')).toBeVisible();
  await context.close();
  expect(
    count(
      'select count(distinct worker_id) as n from checkins where event_id in (?, ?)',
      eventId,
      Number(nextUrl.split('/').at(-1)),
    ),
  ).toBe(1);

  // A phone that never checked in cannot rate.
  const stranger = await phone(browser);
  await stranger.page.goto(rateUrl);
  await expect(stranger.page.getByText('请先在活动现场扫码签到')).toBeVisible();
  await expect(stranger.page.getByRole('button', { name: '提交评价' })).toHaveCount(0);

  // A code older than two 30-second windows is refused with a friendly message.
  await advanceClock(request, 90_000);
  await stranger.page.goto(scanned);
  await expect(stranger.page.getByRole('alert')).toHaveText('二维码已过期。请重新扫描活动现场屏幕上的二维码。');
  await expect(stranger.page.getByRole('button', { name: '获取验证码' })).toHaveCount(0);
  await stranger.context.close();
  expect(count('select count(*) as n from checkins where event_id = ?', eventId)).toBe(1);

  // The same pages pass an accessibility audit (axe needs JavaScript: a second phone).
  const auditor = await phone(browser, { javaScriptEnabled: true });
  await auditor.page.goto(await scanCode(org, eventUrl));
  await expectAccessible(auditor.page);
  const auditorNumber = newPhone();
  await auditor.page.getByLabel('手机号').fill(auditorNumber);
  await auditor.page.getByRole('button', { name: '获取验证码' }).click();
  await expect(auditor.page.getByLabel('短信验证码')).toBeVisible();
  await expectAccessible(auditor.page);
  await auditor.page.getByLabel('短信验证码').fill(smsCode(auditorNumber));
  await auditor.page.getByRole('button', { name: '签到' }).click();
  await expect(auditor.page.getByText('签到成功')).toBeVisible();
  await expectAccessible(auditor.page);
  await auditor.context.close();
});

test("where the union counts the screen's code alone, the page asks for no number", async ({ browser }) => {
  const title = `社区健康讲座 ${Date.now()}`;
  const org = await (await browser.newContext()).newPage();
  await login(org, 'psych@demo.gonghui.cn');
  const eventUrl = await scheduleOwnActivity(org, title);
  const eventId = Number(eventUrl.split('/').at(-1));
  write("update unions set attendance_standard = 'code' where name = '象山县总工会'");
  try {
    const worker = await phone(browser);
    await worker.page.goto(await scanCode(org, eventUrl));
    await expect(worker.page.getByRole('heading', { name: '活动签到' })).toBeVisible();
    await expect(worker.page.getByText('手机')).toHaveCount(0);
    await worker.page.getByRole('button', { name: '签到' }).click();
    await expect(worker.page.getByText('签到成功')).toBeVisible();
    await worker.context.close();
  } finally {
    write("update unions set attendance_standard = 'sms' where name = '象山县总工会'");
  }
  expect(count("select count(*) as n from checkins where event_id = ? and verification = 'code'", eventId)).toBe(1);
  expect(count('select count(*) as n from checkins where event_id = ? and worker_id is not null', eventId)).toBe(0);
});

test('the local SMS provider shows its messages to the platform admin beside the emails', async ({ browser }) => {
  const org = await (await browser.newContext()).newPage();
  await login(org, 'psych@demo.gonghui.cn');
  const eventUrl = await scheduleOwnActivity(org, `职工读书会 ${Date.now()}`);
  const worker = await phone(browser);
  await worker.page.goto(await scanCode(org, eventUrl));
  const number = newPhone();
  await worker.page.getByLabel('手机号').fill(number);
  await worker.page.getByRole('button', { name: '获取验证码' }).click();
  await expect(worker.page.getByLabel('短信验证码')).toBeVisible();
  await worker.context.close();

  const admin = await (await browser.newContext()).newPage();
  await login(admin, 'platform@demo.gonghui.cn');
  await admin.goto('/admin/outbox');
  await expect(admin.getByRole('heading', { name: '短信（本地发送）' })).toBeVisible();
  const message = admin.getByTestId('local-sms').first();
  await expect(message).toContainText(`${number.slice(0, 3)}****${number.slice(-4)}`);
  await expect(message).toContainText(`您的签到验证码是 ${smsCode(number)}`);
  await expect(admin.getByText(number)).toHaveCount(0);
  await expectAccessible(admin);
});

test('walk-ins and a photo report, accepted by the incubator; calendars and private feeds', async ({
  browser,
  request,
}) => {
  const title = `应急救护培训 ${Date.now()}`;
  const org = await (await browser.newContext()).newPage();
  await login(org, 'psych@demo.gonghui.cn');
  const eventUrl = await scheduleOwnActivity(org, title);
  const eventId = Number(eventUrl.split('/').at(-1));
  await expect(org.getByText('入驻组织自主活动')).toBeVisible();

  const worker = await phone(browser);
  await worker.page.goto(await scanCode(org, eventUrl));
  await checkInWithNumber(worker.page);
  await expect(worker.page.getByText('签到成功')).toBeVisible();
  await worker.context.close();

  // During the event the organizer counts those who did not scan.
  await org.goto(eventUrl);
  await org.getByLabel('未扫码的现场人数').fill('2');
  await org.getByRole('button', { name: '保存人数' }).click();
  await expect(org.getByTestId('walk-ins')).toHaveText('2');
  // The worker who confirmed a number counts; the walk-ins are only asserted: apart until reviewed.
  await expect(org.getByTestId('worker-visits')).toHaveText('1');
  await expect(org.getByTestId('figures-pending')).toHaveText('另有待工会复核、未计入：2 名现场登记人员。');
  await expectAccessible(org);

  // After it, the report: a text file dressed as a photo is refused by its content, the summary kept.
  await advanceClock(request, 2 * 3600_000);
  await org.goto(eventUrl);
  await org.getByLabel('活动总结').fill('培训心肺复苏和止血包扎，职工逐一上手练习。');
  await org.getByLabel('活动照片（可多选）').setInputFiles({
    name: 'photo.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  await org.getByRole('button', { name: '提交完成报告' }).click();
  await expect(org.getByText('只能上传 JPEG、PNG 或 WebP 格式的照片。', { exact: true })).toBeVisible();
  await expect(org.getByLabel('活动总结')).toHaveValue('培训心肺复苏和止血包扎，职工逐一上手练习。');
  expect(count('select count(*) as n from event_photos where event_id = ?', eventId)).toBe(0);
  await org.getByLabel('活动照片（可多选）').setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: onePixelPng,
  });
  await org.getByRole('button', { name: '提交完成报告' }).click();
  await expect(org.getByText('待验收')).toBeVisible();
  await expect(org.getByText('实到人数 3：扫码签到 1 人，现场未扫码 2 人。')).toBeVisible();
  const photoSrc = (await org.getByRole('img', { name: '活动照片 1' }).getAttribute('src'))!;
  const photo = await org.request.get(photoSrc);
  expect(photo.status()).toBe(200);
  expect(photo.headers()['content-type']).toBe('image/png');
  expect(Buffer.from(await photo.body())).toEqual(onePixelPng);

  // The photo is for the organization and the overseeing union only.
  expect((await request.get(photoSrc, { maxRedirects: 0 })).status()).toBe(302);
  const otherOrg = await (await browser.newContext()).newPage();
  await login(otherOrg, 'legal@demo.gonghui.cn');
  expect((await otherOrg.request.get(photoSrc)).status()).toBe(403);

  // A resident's own activity is accepted by the incubator manager.
  const incubator = await (await browser.newContext()).newPage();
  await login(incubator, 'incubator@demo.gonghui.cn');
  await incubator.goto(eventUrl);
  expect((await incubator.request.get(photoSrc)).status()).toBe(200);
  await incubator.getByRole('button', { name: '验收通过' }).click();
  await incubator.getByRole('button', { name: '确认验收' }).click();
  await expect(incubator.getByText('已验收')).toBeVisible();
  await expect(incubator.getByTestId('sessions-delivered')).toHaveText('1');
  await expect(incubator.getByTestId('worker-visits')).toHaveText('1');
  // The incubator manager, who oversees residents' own activities, admits the walk-ins.
  await incubator.getByTestId('review-event').getByLabel('理由').fill('签到表上有 2 人没有手机，手写登记');
  await incubator.getByTestId('review-event').getByRole('button', { name: '计入', exact: true }).click();
  await expect(incubator.getByTestId('asserted-status')).toContainText('已计入：签到表上有 2 人没有手机，手写登记');
  await expect(incubator.getByTestId('worker-visits')).toHaveText('3');

  // The union's calendar works without JavaScript: months are links.
  const unionId = idOf('select id from unions where name = ?', '象山县总工会');
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const staff = await noScript.newPage();
  await login(staff, 'leadership@demo.gonghui.cn');
  await staff.getByRole('link', { name: '活动日历' }).click();
  await expect(staff).toHaveURL(new RegExp(`/unions/${unionId}/calendar$`));
  await expect(staff.getByTestId('calendar-event').filter({ hasText: title })).toBeVisible();
  const month = await staff.locator('#calendar-title').textContent();
  await staff.getByRole('link', { name: '下个月' }).click();
  await expect(staff.locator('#calendar-title')).not.toHaveText(month!);
  await expect(staff.getByText(title)).toHaveCount(0);
  await staff.getByRole('link', { name: '上个月' }).click();
  await expect(staff.getByText(title)).toBeVisible();
  // Leadership may read the feed URL but not replace it.
  const unionFeed = await staff.getByTestId('feed-url').inputValue();
  await expect(staff.getByRole('button', { name: '更换订阅链接' })).toHaveCount(0);
  await noScript.close();

  const ics = await request.get(unionFeed);
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await ics.text()).toContain(`SUMMARY:${title}`);
  const tampered = unionFeed.replace(/.\.ics$/, (end) => (end[0] === 'f' ? 'e' : 'f') + '.ics');
  expect((await request.get(tampered)).status()).toBe(404);
  expect((await request.get(`/calendar-feeds/union-${unionId}-${'0'.repeat(32)}.ics`)).status()).toBe(404);

  // The organization's schedule, and replacing a leaked feed URL.
  await org.goto('/me');
  await org.getByRole('link', { name: '活动日历' }).click();
  await expect(org.getByTestId('calendar-event').filter({ hasText: title })).toBeVisible();
  await expectAccessible(org);
  const orgFeed = await org.getByTestId('feed-url').inputValue();
  expect((await request.get(orgFeed)).status()).toBe(200);
  await org.getByRole('button', { name: '更换订阅链接' }).click();
  await expect(org.getByTestId('feed-url')).not.toHaveValue(orgFeed);
  const newFeed = await org.getByTestId('feed-url').inputValue();
  expect((await request.get(orgFeed)).status()).toBe(404);
  expect(await (await request.get(newFeed)).text()).toContain(`SUMMARY:${title}`);
});

test('the union sees integrity flags and excludes a rating with a recorded reason', async ({ browser }) => {
  const title = `食堂职工心理讲座 ${Date.now()}`;
  const org = await (await browser.newContext()).newPage();
  await login(org, 'psych@demo.gonghui.cn');
  const eventUrl = await scheduleOwnActivity(org, title);
  const eventId = Number(eventUrl.split('/').at(-1));

  // Four phones behind one address, each rating the moment it checks in.
  for (const [i, score] of [5, 5, 5, 2].entries()) {
    const worker = await phone(browser, { network: '203.0.113.9' });
    await worker.page.goto(await scanCode(org, eventUrl));
    await checkInWithNumber(worker.page);
    await worker.page.getByLabel(`${score} 星`).check();
    await worker.page.getByLabel('想说的话（可不填）').fill(i < 2 ? '非常好，非常实用！' : `第${i}位职工的意见`);
    await worker.page.getByRole('button', { name: '提交评价' }).click();
    await expect(worker.page.getByText('感谢您的评价')).toBeVisible();
    await worker.context.close();
  }
  expect(count('select count(distinct network_hash) as n from checkins where event_id = ?', eventId)).toBe(1);
  // Only a salted hash of the address is kept.
  expect(count('select count(*) as n from checkins where event_id = ? and length(network_hash) = 32', eventId)).toBe(4);
  expect(count("select count(*) as n from checkins where network_hash like '%203.0.113%'")).toBe(0);

  // The organization cannot open the review.
  expect((await org.request.get(`${eventUrl}/ratings`)).status()).toBe(403);

  const incubator = await (await browser.newContext()).newPage();
  await login(incubator, 'incubator@demo.gonghui.cn');
  await incubator.goto(eventUrl);
  await expect(incubator.getByTestId('average-score')).toHaveText('4.3');
  await incubator.getByTestId('integrity-link').click();
  await expect(incubator.getByTestId('flagged-count')).toHaveText('4');
  const rows = incubator.getByTestId('rating-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toHaveAttribute('data-flags', 'sharedNetwork fastRating duplicateComment');
  // A 2 is also far from this organization's usual average (its demo events rate above 4).
  await expect(rows.nth(3)).toHaveAttribute('data-flags', 'sharedNetwork fastRating farFromUsual');
  await expectAccessible(incubator);

  await rows.first().getByLabel('排除原因').fill('与第二条评语完全相同，现场只有一位职工发言');
  await rows.first().getByRole('button', { name: '排除这条评价' }).click();
  await expect(incubator.getByTestId('excluded-count')).toHaveText('1');
  await expect(rows.first()).toContainText('已排除（郑海燕）：与第二条评语完全相同，现场只有一位职工发言');
  expect(
    count(
      "select count(*) as n from ratings r join audit_log a on a.subject_id = r.id and a.action = 'rating.exclude' where r.event_id = ? and r.excluded_by is not null",
      eventId,
    ),
  ).toBe(1);

  await incubator.getByRole('link', { name: '返回活动' }).click();
  await expect(incubator.getByTestId('ratings-count')).toHaveText('3');
  await expect(incubator.getByTestId('average-score')).toHaveText('4.0');
  await expect(incubator.getByText('工会已排除 1 条评价，不计入统计。')).toBeVisible();

  // Read-only leadership sees the flags but cannot exclude.
  const leadership = await (await browser.newContext()).newPage();
  await login(leadership, 'leadership@demo.gonghui.cn');
  await leadership.goto(`${eventUrl}/ratings`);
  await expect(leadership.getByTestId('rating-row')).toHaveCount(4);
  await expect(leadership.getByRole('button', { name: '排除这条评价' })).toHaveCount(0);
});

test('the organization calls off an event before check-in opens, without JavaScript, and says why', async ({
  browser,
}) => {
  const org = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await login(org, 'psych@demo.gonghui.cn');
  const title = `减压沙龙 ${Date.now()}`;
  const eventUrl = await scheduleOwnActivity(org, title, new Date(Date.now() + 3 * 24 * 3600_000));
  const cancel = org.getByRole('button', { name: '取消活动' });
  await cancel.click();
  // The browser's own check keeps an empty reason from being sent; the server refuses it too.
  await expect(org).toHaveURL(eventUrl);
  await org.getByLabel('取消原因').fill('台风预警，驿站关闭');
  await cancel.click();
  await expect(org.getByText('活动已取消：台风预警，驿站关闭')).toBeVisible();
  await expect(cancel).toHaveCount(0);
  expect(count("select count(*) from audit_log where action = 'event.cancel' and data like '%台风预警%'")).toBe(1);
});

test('the present screen shows a live code only while check-in is open, and says when it opens or that it closed', async ({
  browser,
  request,
}) => {
  const org = await (await browser.newContext()).newPage();
  await login(org, 'psych@demo.gonghui.cn');
  const later = new Date(Date.now() + 2 * 3600_000);
  const eventUrl = await scheduleOwnActivity(org, `签到屏测试 ${Date.now()}`, later);
  const present = async () => {
    await org.goto(`${eventUrl}/present`);
    return org.locator('meta[http-equiv="refresh"]');
  };

  // Two hours ahead: when check-in opens (30 minutes before the start), no code to photograph yet.
  const before = await present();
  await expect(org.getByText(/^签到将于 .+ 开始$/)).toBeVisible();
  await expect(org.locator('.qr svg')).toHaveCount(0);
  await expect(before).toHaveAttribute('content', /^\d+$/);

  await advanceClock(request, 2 * 3600_000);
  await present();
  await expect(org.locator('.qr svg')).toBeVisible();
  await expect(org.getByTestId('checkin-link')).toBeVisible();

  // An hour after the 60-minute event ends check-in closes: the screen says so and stops refreshing.
  await advanceClock(request, 2 * 3600_000 + 60_000);
  const closed = await present();
  await expect(org.getByText('签到已结束')).toBeVisible();
  await expect(org.locator('.qr svg')).toHaveCount(0);
  await expect(org.getByTestId('checkin-link')).toHaveCount(0);
  await expect(closed).toHaveCount(0);
  await expectAccessible(org);
});
