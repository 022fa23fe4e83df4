// Red flags (decision 115): leadership reads and filters the union's flags, opens the records
// behind one and downloads them; an auditor (经审) answers one; after the award the tender's flags
// and the answer are public on its page and in its OCDS release.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { count, expectAccessible, login, value } from './support';

const county = () => value<number>("select id from unions where name = '象山县总工会'");
const openFlags = (where: string, ...params: unknown[]) =>
  count(
    `select count(*) from risk_flags where union_id = ? and cleared_at is null and year = ? and ${where}`,
    county(),
    ...params,
  );
const flagOf = (indicator: string) =>
  value<number>(
    'select id from risk_flags where union_id = ? and indicator = ? and cleared_at is null order by id limit 1',
    county(),
    indicator,
  );
const yearOf = (flagId: number) => value<number>('select year from risk_flags where id = ?', flagId);

async function openRiskPage(page: Page, year: number) {
  await page.goto('/me');
  await page.getByRole('link', { name: '风险提示' }).click();
  await expect(page.getByRole('heading', { name: '象山县总工会 · 风险提示' })).toBeVisible();
  await page.getByLabel('年度').selectOption(String(year));
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(new RegExp(`year=${year}`));
}

const rows = (page: Page) => page.getByTestId('risk-flags-table').locator('tbody tr');

test('leadership filters the union’s red flags, opens the records behind one and downloads them', async ({ page }) => {
  const split = flagOf('split_purchase');
  const year = yearOf(split);
  await login(page, 'leadership@demo.gonghui.cn');
  await openRiskPage(page, year);
  await expectAccessible(page);

  // Counts and money at stake per indicator, from the flags themselves.
  const all = openFlags('1 = 1', year);
  await expect(rows(page)).toHaveCount(all);
  const summary = page.getByTestId('risk-summary');
  await expect(summary.getByRole('row').filter({ hasText: '拆分采购' })).toContainText('¥54,000.00');
  await expect(summary.getByRole('row').filter({ hasText: '合计' })).toContainText(String(all));
  await expect(page.getByTestId('risk-thresholds')).toContainText('中标价达到预算上限的 98%');

  // By indicator, then by department and by organization.
  await page.getByLabel('提示类型').selectOption({ label: '拆分采购' });
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(rows(page)).toHaveCount(openFlags("indicator = 'split_purchase'", year));
  await expect(rows(page).first()).toContainText('象山县律师协会');
  await page.getByLabel('提示类型').selectOption({ label: '全部' });
  await page.getByLabel('部门').selectOption({ label: '宣传教育和网络工作部' });
  await page.getByRole('button', { name: '筛选' }).click();
  const propaganda = value<number>("select id from departments where name = '宣传教育和网络工作部'");
  await expect(rows(page)).toHaveCount(openFlags('department_id = ?', year, propaganda));
  await page.getByLabel('部门').selectOption({ label: '全部' });
  await page.getByLabel('组织').selectOption({ label: '象山县职工艺术团' });
  await page.getByRole('button', { name: '筛选' }).click();
  const arts = value<number>("select id from organizations where name = '象山县职工艺术团'");
  await expect(rows(page)).toHaveCount(openFlags('organization_id = ?', year, arts));
  await expect(rows(page).filter({ hasText: '临近截止投标并中标' })).toHaveCount(1);

  // The CSV of what is shown, in Chinese for Excel.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载 CSV' }).click(),
  ]);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF提示,对象,组织')).toBe(true);
  expect(csv).toContain('临近截止投标并中标');
  expect(csv.trim().split('\r\n')).toHaveLength(1 + openFlags('organization_id = ?', year, arts));

  // Printing leaves the filters and buttons out.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '筛选' })).toBeHidden();
  await expect(page.getByTestId('risk-flags-table')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // A flag's page: what was seen against the threshold, and the records behind it, one click away.
  await page.goto(`/risk/${split}`);
  await expect(page.getByTestId('flag-explanation')).toContainText('超过直接委托限额 ¥50,000.00');
  await expect(page.getByTestId('flag-records').getByRole('link', { name: '查看' })).toHaveCount(2);
  await expect(page.getByRole('button', { name: '保存回应' })).toHaveCount(0);
  // The later commission is the one that passed the threshold.
  await page.getByTestId('flag-records').getByRole('link', { name: '查看' }).last().click();
  await expect(page).toHaveURL(/\/commissions\/\d+$/);
  await expect(page.getByTestId('risk-flags')).toContainText('拆分采购');
});

test('an auditor answers a flag; the answer is shown with it, and public once the tender is awarded', async ({
  browser,
  request,
}) => {
  const flag = flagOf('lowest_passed_over');
  const tender = value<number>('select subject_id from risk_flags where id = ?', flag);
  const auditor = await (await browser.newContext()).newPage();
  await login(auditor, 'auditor@demo.gonghui.cn');
  await openRiskPage(auditor, yearOf(flag));
  await auditor.getByLabel('提示类型').selectOption({ label: '未选最低价' });
  await auditor.getByRole('button', { name: '筛选' }).click();
  await rows(auditor).first().getByRole('link', { name: '未选最低价' }).click();
  await expect(auditor).toHaveURL(new RegExp(`/risk/${flag}$`));
  // The scoring that decided the award is on the flag's page.
  await expect(auditor.getByTestId('flag-scoring').locator('tbody tr')).toHaveCount(
    count("select count(*) from bids where tender_id = ? and state = 'submitted'", tender),
  );
  await expect(auditor.getByTestId('flag-scoring')).toContainText('象山县雄鹰应急救援队');

  // An empty answer is refused with a message; a concern is recorded, audited and shown.
  const trail = count("select count(*) from audit_log where action = 'riskFlag.concern'");
  await auditor.getByLabel('回应类型').selectOption({ label: '确认关注' });
  await auditor.getByRole('button', { name: '保存回应' }).click();
  await expect(auditor.getByRole('alert', { name: '请修改以下问题' })).toContainText('内容');
  const concern = `报价高于最低有效报价，请采购专员说明评分依据 ${Date.now()}`;
  await auditor.getByLabel('内容').fill(concern);
  await auditor.getByRole('button', { name: '保存回应' }).click();
  await expect(auditor.getByRole('status')).toHaveText('回应已记录。');
  await expect(auditor.getByTestId('flag-responses')).toContainText(`确认关注：${concern}`);
  await expect(auditor.getByTestId('flag-responses')).toContainText('何文静');
  expect(count("select count(*) from audit_log where action = 'riskFlag.concern'")).toBe(trail + 1);
  await expectAccessible(auditor);

  // The auditor reads, and changes nothing else.
  expect((await auditor.goto(`/tenders/${tender}/manage`))!.status()).toBe(403);

  // Anyone sees the awarded tender's flags and the answer, without the flag's page.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/tenders/${tender}`);
  const shown = visitor.getByTestId('risk-flags');
  await expect(shown).toContainText('未选最低价');
  await expect(shown).toContainText(concern);
  await expect(shown.getByRole('link', { name: '详情' })).toHaveCount(0);
  const release = await (await request.get(`/api/ocds/tenders/${tender}.json`)).json();
  const redFlags = release.releases[0].redFlags as { indicator: string; responses: { description: string }[] }[];
  expect(redFlags.find((f) => f.indicator === 'lowest_passed_over')!.responses.at(-1)!.description).toBe(concern);
  expect(release.extensions[0]).toMatch(/\/ocds-extension-red-flags\/extension\.json$/);
  expect((await request.get(release.extensions[0])).ok()).toBe(true);

  // A tender not yet awarded keeps its flags among the union's staff.
  const closed = value<number>(
    "select subject_id from risk_flags where indicator = 'short_period' and subject_type = 'tender'",
  );
  await visitor.goto(`/tenders/${closed}`);
  await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(visitor.getByTestId('risk-flags')).toHaveCount(0);
});
