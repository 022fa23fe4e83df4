import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import Ajv from 'ajv-draft-04';
import { shanghaiDate } from '../../app/lib/time';
import { advanceClock, count, expectAccessible, login, resetClock, shanghaiInput } from './support';

test.afterEach(async ({ request }) => resetClock(request));

const legalName = '象山县律师协会';
const psychName = '象山县心理咨询师协会';
const dayMs = 24 * 3600_000;
const isoDay = (offsetDays: number) => shanghaiDate(Date.now() + offsetDays * dayMs);

async function newPage(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

async function scoreBid(page: Page, organization: string, plan: number, team: number, track: number, comment: string) {
  const form = page.getByRole('form', { name: `为${organization}评分` });
  await form.getByLabel('方案质量（0–100）').fill(String(plan));
  await form.getByLabel('团队（0–100）').fill(String(team));
  await form.getByLabel('履约记录（0–100）').fill(String(track));
  await form.getByLabel('对方案质量的评语').fill(comment);
  await form.getByRole('button', { name: '保存评分' }).click();
  await expect(page.getByTestId('ranking')).toBeVisible();
}

function ocdsValidator() {
  const read = (name: string) => JSON.parse(readFileSync(`tests/support/ocds-1.1/${name}`, 'utf8'));
  const ajv = new Ajv({ strict: false });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addSchema(read('release-schema.json'));
  return ajv.compile(read('release-package-schema.json'));
}

test('a tender goes from draft to contracted through the UI, with questions, an amendment, a panel with a conflict, an objection and its answer', async ({
  browser,
  request,
}) => {
  const title = `外卖骑手心理疏导服务项目 ${Date.now()}`;
  const legalPlan = '在三个骑手驿站每月开展团体辅导，配备持证咨询师。';
  const psychPlan = '以一对一咨询为主，辅以线上热线。';

  // The commissioner drafts the tender with every field and a document.
  const union = await newPage(browser, 'commissioner@demo.gonghui.cn');
  await union.getByRole('link', { name: '发布采购项目' }).click();
  await union.getByLabel('项目名称').fill(title);
  await union.getByLabel('服务类别').selectOption({ label: '心理咨询与情绪疏导' });
  await union.getByLabel('服务内容与要求').fill('在骑手驿站开展心理讲座和团体辅导，讲后转介个别咨询。');
  await union.getByLabel('预算上限（元）').fill('80000');
  await union.getByLabel('服务场次').fill('6');
  await union.getByLabel('最少服务人次').fill('200');
  await union.getByLabel('服务期开始').fill(isoDay(30));
  await union.getByLabel('服务期结束').fill(isoDay(200));
  await union.getByLabel('投标资格').selectOption({ label: '已登记的社会组织（不含未登记的基层团队）' });
  await union.getByLabel('方案质量权重').fill('50');
  await union.getByLabel('提问截止时间').fill(shanghaiInput(new Date(Date.now() + 20 * 3600_000)));
  // Six days: the demo county's minimum bidding period is five.
  await union.getByLabel('投标截止时间').fill(shanghaiInput(new Date(Date.now() + 6 * dayMs)));
  await union.getByLabel('最少有效投标数').fill('2');
  await union.getByLabel('公示期（天）').fill('3');
  await union.getByLabel('采购文件（附件）').setInputFiles({
    name: '服务需求书.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% demo\n%%EOF\n'),
  });
  await union.getByRole('button', { name: '保存草稿' }).click();
  await expect(union.getByText('四项评分权重之和必须等于 100。', { exact: true })).toBeVisible();
  await union.getByLabel('方案质量权重').fill('40');
  await expectAccessible(union);
  await union.getByRole('button', { name: '保存草稿' }).click();
  await expect(union.getByRole('heading', { name: title })).toBeVisible();
  await expect(union.locator('.page-header .badge')).toHaveText('草稿');
  await expect(union.getByRole('link', { name: '服务需求书.pdf' })).toBeVisible();
  const tenderUrl = union.url();
  const tenderId = Number(tenderUrl.split('/').pop());
  await union.getByRole('button', { name: '发布' }).click();
  await expect(union.locator('.page-header .badge')).toHaveText('投标中');

  // The commissioner puts a reviewer on the panel.
  await union.getByRole('link', { name: '项目管理' }).click();
  await union.getByLabel('添加评审人').selectOption({ label: '王建国' });
  await union.getByRole('button', { name: '加入评审小组' }).click();
  await expect(union.getByTestId('panel')).toContainText('王建国');
  await expectAccessible(union);

  // An organization asks; the answer is published to all without the asker.
  const legal = await newPage(browser, 'legal@demo.gonghui.cn');
  await legal.goto(tenderUrl);
  await legal.getByLabel('向采购单位提问').fill('驿站场地由谁联系？');
  await legal.getByRole('button', { name: '提交问题' }).click();
  await expect(legal.getByText('问题已提交')).toBeVisible();
  await union.reload();
  await union.getByLabel('答复内容').fill('场地由各街道工会联系并免费提供。');
  await union.getByRole('button', { name: '公开答复' }).click();
  await expect(union.getByText('没有待答复的问题。', { exact: true })).toBeVisible();
  const psych = await newPage(browser, 'psych@demo.gonghui.cn');
  await psych.goto(tenderUrl);
  await expect(psych.getByTestId('answers')).toContainText('场地由各街道工会联系并免费提供。');
  await expect(psych.getByTestId('answers')).not.toContainText(legalName);

  // The commissioner amends the tender two days before the deadline: bidders get five days.
  await advanceClock(request, 4 * dayMs);
  await union.goto(tenderUrl);
  await union.getByRole('link', { name: '发布变更' }).click();
  await union.getByLabel('变更原因').fill('根据答疑增加两场。');
  await union.getByLabel('服务场次').fill('8');
  await expectAccessible(union);
  await union.getByRole('button', { name: '发布变更' }).click();
  await expect(union.getByText('截止时间已自动顺延')).toBeVisible();
  await expect(union.getByText('服务场次：6 → 8')).toBeVisible();

  // Two organizations bid; one drafts, withdraws and resubmits.
  await legal.goto(tenderUrl);
  await legal.getByLabel('投标报价（元）').fill('70000');
  await legal.getByLabel('服务方案').fill(legalPlan);
  await legal.getByRole('button', { name: '保存草稿' }).click();
  await expect(legal.getByText('草稿已加密保存')).toBeVisible();
  await legal.getByRole('button', { name: '提交投标' }).click();
  await expect(legal.getByTestId('bid-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await legal.getByRole('button', { name: '撤回投标' }).click();
  await expect(legal.getByText('投标已撤回。截止前可以重新提交。', { exact: true })).toBeVisible();
  await legal.getByRole('button', { name: '提交投标' }).click();
  await expect(legal.getByTestId('bid-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expectAccessible(legal);
  await psych.goto(tenderUrl);
  await psych.getByLabel('投标报价（元）').fill('76000');
  await psych.getByLabel('服务方案').fill(psychPlan);
  await psych.getByRole('button', { name: '提交投标' }).click();
  await expect(psych.getByTestId('bid-hash')).toHaveText(/^[0-9a-f]{64}$/);

  // The deadline passes by the server's clock.
  await advanceClock(request, 6 * dayMs);
  await union.goto(tenderUrl);
  await expect(union.locator('.page-header .badge')).toHaveText('已截止');

  // The reviewer declares a conflict with one bidder and scores only the other.
  const reviewer = await newPage(browser, 'reviewer@demo.gonghui.cn');
  await reviewer.goto(tenderUrl);
  await reviewer.getByRole('link', { name: '评审投标' }).click();
  await expect(reviewer.getByText(legalPlan)).toBeHidden();
  await reviewer.getByLabel(`我与${psychName}存在利益关系`).check();
  await expectAccessible(reviewer);
  await reviewer.getByRole('button', { name: '提交声明' }).click();
  await expect(reviewer.getByText(legalPlan)).toBeVisible();
  await expect(reviewer.getByText(psychPlan)).toBeHidden();
  await scoreBid(reviewer, legalName, 90, 80, 80, '驿站覆盖面广。');

  // The commissioner declares no conflict, scores both and proposes the award.
  await union.getByRole('link', { name: '评审投标' }).click();
  await union.getByRole('button', { name: '提交声明' }).click();
  await scoreBid(union, legalName, 88, 80, 80, '方案具体。');
  await scoreBid(union, psychName, 70, 75, 85, '覆盖面偏小。');
  await expect(union.getByTestId('reviewer-scores')).toContainText('王建国');
  await expectAccessible(union);
  await union.getByRole('button', { name: `授予${legalName}` }).click();
  await union.getByRole('button', { name: '确认授予' }).click();
  await expect(union.locator('.page-header .badge')).toHaveText('结果公示中');
  await expect(union.getByTestId('award-winner')).toHaveText(legalName);

  // The losing bidder sees its own scores and objects; the commissioner answers.
  await psych.goto(tenderUrl);
  await expect(psych.getByTestId('own-scores')).toContainText('排名第 2（共 2 家）');
  await expect(psych.getByTestId('own-scores')).toContainText('覆盖面偏小。');
  await psych.getByLabel('异议理由').fill('我方报价与方案差距不大，请复核团队评分。');
  await expectAccessible(psych);
  await psych.getByRole('button', { name: '提出异议' }).click();
  await expect(psych.getByText('异议已提交')).toBeVisible();
  await union.goto(`${tenderUrl}/manage`);
  await expect(union.getByTestId('objection')).toContainText('请复核团队评分');
  await union.getByLabel('异议不成立，维持结果').check();
  await union.getByRole('textbox', { name: '答复' }).fill('经复核，两位评审对团队的评分有据，维持结果。');
  await expectAccessible(union);
  await union.getByRole('button', { name: '发送答复' }).click();
  await expect(union.getByTestId('objection')).toContainText('维持结果');
  await psych.reload();
  await expect(psych.getByText('经复核，两位评审对团队的评分有据，维持结果。')).toBeVisible();

  // The objection period ends; the clock makes the award final and the contract is drafted.
  await advanceClock(request, 4 * dayMs);
  await union.goto(tenderUrl);
  await expect(union.locator('.page-header .badge')).toHaveText('已授予');
  await union.getByRole('link', { name: '项目管理' }).click();
  await union.getByRole('link', { name: '查看合同' }).click();
  await expect(union.getByText('待工会签发')).toBeVisible();
  await union.getByLabel('签约后支付比例（%）').fill('30');
  await expectAccessible(union);
  await union.getByRole('button', { name: '确认并签发合同' }).click();
  await expect(union.getByText('待组织确认')).toBeVisible();
  const contractUrl = union.url();

  await legal.goto(contractUrl);
  await expect(legal.getByTestId('contract-amount')).toHaveText('¥70,000.00');
  await legal.getByRole('button', { name: '确认签订合同' }).click();
  await expect(legal.getByText('履行中')).toBeVisible();
  await expect(legal.getByTestId('milestones')).toContainText('¥21,000.00');
  await legal.goto(tenderUrl);
  await expect(legal.locator('.page-header .badge')).toHaveText('已签约');

  // The open data shows the award and the contract, and validates against OCDS 1.1.
  const ocds = await request.get(`/api/ocds/tenders/${tenderId}.json`);
  const json = await ocds.json();
  const validate = ocdsValidator();
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  expect(json.releases[0].awards[0]).toMatchObject({ status: 'active', value: { amount: 70000 } });
  expect(json.releases[0].contracts[0].status).toBe('active');
  expect(JSON.stringify(json)).not.toContain(legalPlan);
  expect(count('select count(*) as n from objections where tender_id = ? and state = ?', tenderId, 'dismissed')).toBe(
    1,
  );
});
