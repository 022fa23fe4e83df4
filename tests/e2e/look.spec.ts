// The look (decision 112): every main page fits a 360 px phone, the header folds into a menu that
// opens without JavaScript, the elder-friendly mode is a switch remembered on the device, and axe
// finds no serious or critical problem in either mode in any of the three languages.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { login, value } from './support';

const id = (sql: string) => value<number>(sql);

/** The main pages each kind of person works in, as paths (the demo seed's records). */
function mainPages() {
  const tender = id(`select id from tenders where state = 'open' order by id limit 1`);
  const anyTender = id(`select id from tenders order by id limit 1`);
  const draft = id(`select id from tenders where state = 'draft' order by id limit 1`);
  const evaluating = id(`select id from tenders where state = 'evaluating' order by id limit 1`);
  const org = id(
    `select m.organization_id from organization_members m join users u on u.id = m.user_id where u.email = 'psych@demo.gonghui.cn'`,
  );
  const contract = id(`select id from contracts where organization_id = ${org} order by id limit 1`);
  const milestone = id(`select id from milestones where contract_id = ${contract} order by id limit 1`);
  const event = id(`select id from events where contract_id = ${contract} order by id limit 1`);
  const incubator = id(`select id from incubators order by id limit 1`);
  const meeting = id(`select id from joint_meetings order by id limit 1`);
  const application = id(`select id from incubation_applications order by id limit 1`);
  const residency = id(`select id from residencies order by id limit 1`);
  const offering = id(`select id from offerings where state = 'published' order by id limit 1`);
  const ownOffering = id(`select id from offerings where organization_id = ${org} order by id limit 1`);
  const union = id(`select union_id from tenders order by id limit 1`);
  const flag = id(
    `select id from risk_flags where union_id = ${union} and subject_type = 'tender' order by id limit 1`,
  );
  return {
    anonymous: [
      '/',
      '/catalog',
      `/catalog/${offering}`,
      '/tenders',
      `/tenders/${tender ?? anyTender}`,
      '/incubators',
      `/incubators/${incubator}`,
      `/incubators/${incubator}/handbook`,
      '/login',
      '/signup',
      '/forgot-password',
      `/c/${event}`,
      `/c/${event}/rate`,
    ],
    'commissioner@demo.gonghui.cn': [
      '/me',
      '/tenders/new',
      `/tenders/${draft}/edit`,
      `/tenders/${anyTender}/manage`,
      `/contracts/${contract}`,
      `/contracts/${contract}/evaluation`,
      `/milestones/${milestone}`,
      `/events/${event}`,
      `/events/${event}/ratings`,
      `/unions/${union}/calendar`,
      `/unions/${union}/payments`,
      '/commissions',
      '/notifications',
      '/notifications/preferences',
      '/account',
    ],
    'reviewer@demo.gonghui.cn': ['/me', `/tenders/${evaluating}/evaluate`],
    'finance@demo.gonghui.cn': ['/me', `/unions/${union}/payments`, `/milestones/${milestone}`],
    'admin@demo.gonghui.cn': [
      '/me',
      `/unions/${union}/budgets`,
      `/unions/${union}/invitations`,
      `/unions/${union}/commissioning`,
      `/unions/${union}/audit`,
    ],
    'leadership@demo.gonghui.cn': ['/me', '/reports', '/reports/annual', `/unions/${union}/risk`],
    'auditor@demo.gonghui.cn': ['/me', `/unions/${union}/risk`, `/risk/${flag}`],
    'incubator@demo.gonghui.cn': [
      '/me',
      `/incubators/${incubator}/manage`,
      `/incubators/${incubator}/meetings`,
      `/incubators/${incubator}/meetings/${meeting}`,
      `/incubators/${incubator}/settings`,
      `/applications/${application}`,
      `/residencies/${residency}`,
    ],
    'psych@demo.gonghui.cn': [
      '/me',
      `/orgs/${org}`,
      `/orgs/${org}/edit`,
      `/orgs/${org}/offerings`,
      `/orgs/${org}/offerings/new`,
      `/offerings/${ownOffering}/edit`,
      `/orgs/${org}/calendar`,
      `/orgs/${org}/events/new`,
      `/orgs/${org}/payments`,
      `/orgs/${org}/evaluations`,
      `/contracts/${contract}`,
      `/contracts/${contract}/events/new`,
      `/events/${event}`,
      `/events/${event}/present`,
      `/tenders/${tender ?? anyTender}`,
      '/commissions',
      '/notifications',
      '/account',
    ],
    'platform@demo.gonghui.cn': [
      '/me',
      '/admin/unions',
      `/admin/unions/${union}`,
      '/admin/outbox',
      '/admin/two-factor',
      '/admin/audit',
    ],
  } satisfies Record<string, string[]>;
}

async function signInAs(page: Page, who: string) {
  if (who !== 'anonymous') await login(page, who);
}

async function setMode(page: Page, { elder, locale }: { elder: boolean; locale: string }) {
  // The switches post like a person without JavaScript would; the cookies land in this browser.
  expect((await page.request.post('/set-display', { form: { elder: elder ? '1' : '0' } })).ok()).toBe(true);
  expect((await page.request.post('/set-locale', { form: { locale } })).ok()).toBe(true);
}

test.use({ viewport: { width: 360, height: 780 } });

// Listed here, not read from mainPages(): the database does not exist yet when the tests are listed.
const people = [
  'anonymous',
  'commissioner@demo.gonghui.cn',
  'reviewer@demo.gonghui.cn',
  'finance@demo.gonghui.cn',
  'admin@demo.gonghui.cn',
  'leadership@demo.gonghui.cn',
  'auditor@demo.gonghui.cn',
  'incubator@demo.gonghui.cn',
  'psych@demo.gonghui.cn',
  'platform@demo.gonghui.cn',
] as const satisfies (keyof ReturnType<typeof mainPages>)[];

for (const who of people) {
  test(`no main page scrolls sideways at 360 px, in either mode and language (${who})`, async ({ page }) => {
    await signInAs(page, who);
    const pages = mainPages()[who];
    const wide: string[] = [];
    const notStacked = new Set<string>();
    // English words are longer than Chinese ones and cannot break anywhere.
    for (const [elder, locale] of [
      [false, 'zh-CN'],
      [true, 'zh-CN'],
      [false, 'en'],
      [true, 'en'],
    ] as const) {
      await setMode(page, { elder, locale });
      for (const path of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBeLessThan(400);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) wide.push(`${path} (${locale}${elder ? ', elder' : ''}): ${width}px`);
        // A table a person reads row by row stacks into labelled rows; only a calendar stays a grid.
        const unstacked = await page.evaluate(() =>
          [...document.querySelectorAll('table:not(.calendar)')]
            .filter((table) => table.querySelector('tbody td') && !table.querySelector('tbody td[data-label]'))
            .map((table) => table.querySelector('th')?.textContent),
        );
        for (const heading of unstacked) notStacked.add(`${path}: the table headed "${heading}"`);
      }
    }
    expect(wide).toEqual([]);
    expect([...notStacked]).toEqual([]);
  });
}

test('on a phone the header is one short bar whose menu opens without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/');
  const header = page.locator('.site-header');
  expect((await header.boundingBox())!.height).toBeLessThan(90);
  // The menu button shares the bar with the name and the elder switch, in elder mode too.
  const summary = page.getByText('菜单', { exact: true });
  const sameRow = async () => {
    const [bar, menu] = [await page.locator('.brand').boundingBox(), await summary.boundingBox()];
    return menu!.y < bar!.y + bar!.height;
  };
  expect(await sameRow()).toBe(true);
  await page.getByRole('button', { name: '长辈模式' }).click();
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  expect(await sameRow()).toBe(true);
  expect((await header.boundingBox())!.height).toBeLessThan(120);
  const catalog = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '服务项目' });
  await expect(catalog).toBeHidden();
  await page.getByText('菜单', { exact: true }).click();
  await expect(catalog).toBeVisible();
  await catalog.click();
  await expect(page).toHaveURL(/\/catalog$/);
  await context.close();
});

test('on a desktop the menu is open and has no button', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '采购项目' })).toBeVisible();
  await expect(page.getByText('菜单', { exact: true })).toBeHidden();
  await context.close();
});

test('the elder-friendly switch works without JavaScript, is remembered, and makes text and targets large', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/tenders');
  const base = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(await base()).toBeLessThan(18);
  await page.getByRole('button', { name: '长辈模式' }).click();
  await expect(page).toHaveURL(/\/tenders$/);
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  await expect(page.getByRole('button', { name: '长辈模式' })).toHaveAttribute('aria-pressed', 'true');
  expect(await base()).toBeGreaterThanOrEqual(18);

  // Remembered on the device: a later visit to another page is still in elder mode.
  await page.goto('/catalog');
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, .button, input:not([type=hidden]), select, summary')]
      .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height < 48)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(small).toEqual([]);

  // The worker's check-in page has no header, yet it has the switch too.
  await page.goto(`/c/${id('select id from events order by id limit 1')}`);
  await expect(page.getByRole('button', { name: '长辈模式' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: '长辈模式' }).click();
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/);
  await context.close();
});

test('sub-pages of the incubator are tabs, not links run together', async ({ page }) => {
  await login(page, 'incubator@demo.gonghui.cn');
  const incubator = id('select id from incubators order by id limit 1');
  await page.goto(`/incubators/${incubator}/manage`);
  const tabs = page.getByRole('navigation', { name: '本页分区' });
  await expect(tabs.getByRole('link', { name: '管理首页' })).toHaveAttribute('aria-current', 'page');
  // Each tab is its own target, apart from its neighbour on the same line.
  const boxes = await tabs
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().toJSON()));
  expect(boxes.length).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < boxes.length; i++) {
    const [before, tab] = [boxes[i - 1]!, boxes[i]!];
    if (tab.top === before.top) expect(tab.left - before.right).toBeGreaterThanOrEqual(4);
    expect(tab.height).toBeGreaterThanOrEqual(44);
  }
});

// One browser page per person, signed in once, through every mode and language.
for (const who of people) {
  test(`axe finds no serious or critical violation on the main pages, both modes, every language (${who})`, async ({
    browser,
  }) => {
    test.setTimeout(600_000);
    const found: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, who);
    for (const locale of ['zh-CN', 'zh-TW', 'en'])
      for (const elder of [false, true]) {
        await setMode(page, { elder, locale });
        for (const path of mainPages()[who]) {
          await page.goto(path);
          // Only the violations: the passes' details are most of axe's time on a long page.
          const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
          for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
            found.push(
              `${path} (${locale}${elder ? ', elder' : ''}): ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
        }
      }
    await context.close();
    expect(found).toEqual([]);
  });
}

test('on a phone a list table becomes stacked rows, each value with its label', async ({ page }) => {
  await page.goto('/tenders');
  const budget = page.locator('tbody tr').first().locator('td').nth(3);
  expect(await budget.evaluate((td) => getComputedStyle(td).display)).toBe('block');
  expect(await budget.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"预算上限："');
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await budget.evaluate((td) => getComputedStyle(td).display)).toBe('table-cell');
});
