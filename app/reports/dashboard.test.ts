import { beforeAll, describe, expect, it } from 'vitest';
import { viewerFor } from '../../tests/fixtures/accounts';
import { seedDemo } from '../../db/seed';
import { expectedFigures, figuresOf, subtreeOf } from '../../tests/support/report-figures';
import { buildReport } from './dashboard.server';
import { parseFilters, type Filters } from './filters';
import { periodBuckets, yearSpan } from './leadership-figures.server';
import { dashboardScope } from './scope.server';
import { reportTables } from './tables';
import { now } from '~/lib/clock.server';
import { sqlite } from '~/lib/db.server';
import { shanghaiYear } from '~/lib/time';
import { getT } from '~/lib/i18n.server';
import type { TFunction } from 'i18next';
import { refusal } from '../../tests/support/refused';
import { messageKey } from '~/lib/locale';

// Every figure is recomputed here straight from the tables, without the application's queries.
const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];
const unionId = (name: string) => one<{ id: number }>('select id from unions where name = ?', name).id;

let t: TFunction;
let year: number;
let county: number;
let townships: { id: number; name: string }[];

beforeAll(async () => {
  await seedDemo();
  t = (await getT('zh-CN')) as unknown as TFunction;
  year = shanghaiYear(now());
  county = unionId('象山县总工会');
  townships = all('select id, name from unions where parent_id = ? order by id', county);
  // One graduation this year, so that the incubation figures are not all zero.
  const residency = one<{ id: number }>('select id from residencies order by id limit 1');
  sqlite
    .prepare("insert into exit_reviews (residency_id, decision, reason) values (?, 'graduate', '达到出壳标准')")
    .run(residency.id);
});

const filters = (overrides: Partial<Filters> = {}): Filters => ({ year, granularity: 'month', ...overrides });
const report = (id: number, overrides: Partial<Filters> = {}) =>
  buildReport(one<{ id: number; name: string }>('select id, name from unions where id = ?', id), filters(overrides), t);

describe('the county dashboard', () => {
  it('totals match the tables', () => {
    const { from, to } = yearSpan(year);
    const totals = report(county).totals;
    expect(figuresOf(totals)).toEqual(expectedFigures(subtreeOf(county), from.getTime(), to.getTime()));
    expect(totals.satisfaction).toBeCloseTo(totals.satisfiedRatings / totals.ratings);
    expect(totals.sessionsDelivered).toBeGreaterThan(0);
    expect(totals.paidFen).toBeGreaterThan(0);
  });

  it('shows apart what awaits review, and every row says the attendance standard it rests on', () => {
    const { totals, basis, tables } = report(county);
    // The demo's back-dated visit with 21 walk-ins and no scans.
    expect(totals).toMatchObject({ pendingSessions: 1, pendingWalkIns: 21 });
    expect(basis.standard).toBe('sms');
    expect(tables.summary[0]!.basis).toBe(t('delivery.figures.basisShort.sms'));
    const shipu = unionId('石浦镇总工会');
    sqlite.prepare("update unions set attendance_standard = 'code' where id = ?").run(shipu);
    try {
      const mixed = report(county);
      expect(mixed.basis).toEqual({ standard: 'mixed', codeOnly: { count: 1, names: ['石浦镇总工会'] } });
      expect(mixed.tables.trend[0]!.basis).toBe(t('delivery.figures.basisShort.mixed', { count: 1 }));
      expect(mixed.tables.unions.find((r) => r.unionId === shipu)!.basis).toBe(t('delivery.figures.basisShort.code'));
      expect(mixed.tables.unions.find((r) => r.unionId === null)!.basis).toBe(t('delivery.figures.basisShort.sms'));
    } finally {
      sqlite.prepare("update unions set attendance_standard = 'sms' where id = ?").run(shipu);
    }
  });

  it('incubation and contract figures match the tables', () => {
    const { totals, tables } = report(county);
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    expect(totals.incubated).toBe(
      one<{ n: number }>(
        'select count(distinct organization_id) as n from residencies where starts_on <= ? and ends_on >= ?',
        end,
        start,
      ).n,
    );
    expect(totals.graduated).toBe(1);
    expect(totals.exited).toBe(0);
    const states = all<{ state: string; count: number; amount: number }>(
      `select state, count(*) as count, sum(amount_fen) as amount from contracts
       where union_id in (${subtreeOf(county).join(',')})
         and coalesce(period_start, date(coalesce(signed_at, created_at) / 1000 + 28800, 'unixepoch')) <= ?
         and coalesce(period_end, '9999-12-31') >= ?
       group by state order by state`,
      end,
      start,
    );
    expect(
      tables.contracts
        .map((r) => [r.label, r.count, r.amountFen])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      states
        .map((s) => [t(messageKey('procurement.states.contract', s.state)), s.count, s.amount])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(totals.projects).toBe(
      states.filter((s) => ['active', 'completed'].includes(s.state)).reduce((n, s) => n + s.count, 0),
    );
  });

  it.each(['month', 'quarter', 'year'] as const)('each %s of the trend matches the tables', (granularity) => {
    const { trend } = report(county, { granularity });
    const buckets = periodBuckets(year, granularity);
    expect(trend).toHaveLength(buckets.length);
    buckets.forEach((bucket, i) => {
      expect(figuresOf(trend[i]!)).toEqual(
        expectedFigures(subtreeOf(county), bucket.from.getTime(), bucket.to.getTime()),
      );
    });
    const { from, to } = yearSpan(year);
    if (granularity !== 'year')
      expect(trend.reduce((n, row) => n + row.workerVisits, 0)).toBe(
        expectedFigures(subtreeOf(county), from.getTime(), to.getTime()).workerVisits,
      );
  });

  it('each category and organization row matches the tables', () => {
    const { from, to } = yearSpan(year);
    const { tables } = report(county);
    const categories = all<{ category: string }>(
      `select distinct category from contracts where union_id in (${subtreeOf(county).join(',')})`,
    );
    expect(tables.categories.length).toBeGreaterThan(1);
    for (const { category } of categories) {
      const row = tables.categories.find((r) => r.label === t(messageKey('catalog.categories', category)));
      const want = expectedFigures(subtreeOf(county), from.getTime(), to.getTime(), 'c.category = ?', category);
      if (row) expect(figuresOf(row)).toEqual(want);
      else expect(want).toMatchObject({ sessionsDelivered: 0, ratings: 0, committedFen: 0, paidFen: 0 });
    }
    const organizations = all<{ id: number; name: string }>(
      `select distinct o.id, o.name from organizations o join contracts c on c.organization_id = o.id
       where c.union_id in (${subtreeOf(county).join(',')})`,
    );
    for (const o of organizations) {
      const row = tables.organizations.find((r) => r.label === o.name);
      const want = expectedFigures(subtreeOf(county), from.getTime(), to.getTime(), 'c.organization_id = ?', o.id);
      if (row) expect(figuresOf(row)).toEqual(want);
    }
    expect(tables.organizations.length).toBeGreaterThanOrEqual(5);
  });

  it('the category, organization and child-union filters narrow every figure', () => {
    const { from, to } = yearSpan(year);
    const category = report(county, { category: 'volunteer_service' }).totals;
    expect(figuresOf(category)).toEqual(
      expectedFigures(subtreeOf(county), from.getTime(), to.getTime(), 'c.category = ?', 'volunteer_service'),
    );
    const psych = one<{ id: number }>("select id from organizations where name = '象山县心理咨询师协会'").id;
    expect(figuresOf(report(county, { organizationId: psych }).totals)).toEqual(
      expectedFigures(subtreeOf(county), from.getTime(), to.getTime(), 'c.organization_id = ?', psych),
    );
    const shipu = unionId('石浦镇总工会');
    expect(figuresOf(report(shipu).totals)).toEqual(expectedFigures([shipu], from.getTime(), to.getTime()));
    expect(report(shipu).totals.sessionsDelivered).toBeLessThan(report(county).totals.sessionsDelivered);
  });
});

describe('roll-up', () => {
  it('a county’s figures are its own plus the sum of its townships’', () => {
    const { totals, tables } = report(county);
    const [own, ...children] = tables.unions;
    expect(children.map((c) => c.label)).toEqual(townships.map((u) => u.name));
    const keys = [
      'sessionsDelivered',
      'workerVisits',
      'ratings',
      'satisfiedRatings',
      'committedFen',
      'paidFen',
    ] as const;
    for (const key of keys) {
      const townshipSum = townships.reduce((sum, u) => sum + (report(u.id).totals[key] as number), 0);
      expect(totals[key], key).toBe((own![key] as number) + townshipSum);
    }
    // The townships contribute something, and the county some of its own.
    expect(children.reduce((n, c) => n + (c.sessionsDelivered as number), 0)).toBeGreaterThan(0);
    expect(own!.sessionsDelivered).toBeGreaterThan(0);
    // The union table's rows are each township's own dashboard.
    for (const [i, u] of townships.entries()) expect(figuresOf(children[i]!)).toEqual(figuresOf(report(u.id).totals));
  });

  it('the city rolls up the county with its townships', () => {
    const city = unionId('宁波市总工会');
    expect(figuresOf(report(city).totals)).toEqual(figuresOf(report(county).totals));
  });
});

describe('who sees which dashboard', () => {
  const scopeFor = async (email: string, params: string) =>
    dashboardScope(await viewerFor(email), parseFilters(new URLSearchParams(params), year));
  const status = async (email: string, params: string) => (await refusal(() => scopeFor(email, params))) ?? 200;

  it('union leadership sees its own union and those below, nothing above or beside', async () => {
    const dandong = unionId('丹东街道总工会');
    const danxi = unionId('丹西街道总工会');
    expect(await status('leadership@demo.gonghui.cn', `union=${county}`)).toBe(200);
    expect(await status('leadership@demo.gonghui.cn', `union=${dandong}`)).toBe(200);
    expect(await status('leadership@demo.gonghui.cn', `union=${unionId('宁波市总工会')}`)).toBe(403);
    expect(await status('dandong@demo.gonghui.cn', `union=${dandong}`)).toBe(200);
    expect(await status('dandong@demo.gonghui.cn', `union=${county}`)).toBe(403);
    expect(await status('dandong@demo.gonghui.cn', `union=${danxi}`)).toBe(403);
  });

  it('finance, commissioners and admins read dashboards; reviewers and organizations do not', async () => {
    for (const email of ['finance@demo.gonghui.cn', 'commissioner@demo.gonghui.cn', 'admin@demo.gonghui.cn'])
      expect(await status(email, `union=${county}`), email).toBe(200);
    expect(await status('reviewer@demo.gonghui.cn', `union=${county}`)).toBe(403);
    expect(await status('psych@demo.gonghui.cn', '')).toBe(403);
  });

  it('opens the viewer’s own union by default and ignores a child filter that is not a child', async () => {
    expect((await scopeFor('leadership@demo.gonghui.cn', '')).union.id).toBe(county);
    expect((await scopeFor('dandong@demo.gonghui.cn', '')).union.id).toBe(unionId('丹东街道总工会'));
    const ignored = await scopeFor('leadership@demo.gonghui.cn', `union=${county}&child=${county}`);
    expect(ignored.root.id).toBe(county);
    const child = await scopeFor('leadership@demo.gonghui.cn', `union=${county}&child=${townships[0]!.id}`);
    expect(child.root.id).toBe(townships[0]!.id);
  });
});

describe('the tables’ column headers', () => {
  it('all have messages', async () => {
    const t = await getT('zh-CN');
    const missing = Object.values(reportTables)
      .flat()
      .filter((c) => t(c.label) === c.label);
    expect(missing).toEqual([]);
  });
});
