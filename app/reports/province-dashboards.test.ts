import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from './dashboard.server';
import { listedOrganizations } from './tables';
import type { Filters } from './filters';
import { periodBuckets, yearSpan } from './leadership-figures.server';
import { provinceWorld } from '../../tests/fixtures/reports';
import {
  contractsFromScratch,
  expectedFigures,
  figuresOf,
  subtreeOf,
  type Expected,
} from '../../tests/support/report-figures';
import { getT } from '~/lib/i18n.server';
import { sqlite } from '~/lib/db.server';
import { messageKey } from '~/lib/locale';
import { shanghaiYear } from '~/lib/time';

// The dashboards read the union rollups (docs/decisions/107). Over a province with cities, counties
// and a township, for every union and many filters, each figure must equal the one computed straight
// from events, check-ins, ratings, the ledger and contracts.

let t: TFunction;
let world: ReturnType<typeof provinceWorld>;
const year = shanghaiYear(new Date());

beforeAll(async () => {
  t = (await getT('zh-CN')) as unknown as TFunction;
  world = provinceWorld(year);
});

const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];
const unionOf = (id: number) =>
  sqlite.prepare('select id, name from unions where id = ?').get(id) as { id: number; name: string };
/** Nothing counted, pending or booked: such a row is not listed (`isEmpty`). */
const empty = (e: Expected) =>
  !e.sessionsDelivered && !e.ratings && !e.committedFen && !e.paidFen && !e.pendingSessions && !e.pendingWalkIns;

/** The figures the filters select over these unions in [from, to), straight from the tables. */
function scratch(unionIds: number[], filters: Filters, from: Date, to: Date, extra?: [string, unknown]) {
  const conditions: [string, unknown][] = [];
  if (filters.category) conditions.push(['c.category = ?', filters.category]);
  if (filters.organizationId) conditions.push(['c.organization_id = ?', filters.organizationId]);
  if (extra) conditions.push(extra);
  return expectedFigures(
    unionIds,
    from.getTime(),
    to.getTime(),
    conditions.map(([sql]) => sql).join(' and ') || '1 = 1',
    ...conditions.map(([, value]) => value),
  );
}

function expectReportFromScratch(unionId: number, filters: Filters) {
  const report = buildReport(unionOf(unionId), filters, t);
  const subtree = subtreeOf(unionId);
  const { from, to } = yearSpan(filters.year);
  expect(figuresOf(report.totals)).toEqual(scratch(subtree, filters, from, to));

  const buckets = periodBuckets(filters.year, filters.granularity);
  expect(report.trend.map(figuresOf)).toEqual(buckets.map((b) => scratch(subtree, filters, b.from, b.to)));

  for (const category of world.categories) {
    const row = report.tables.categories.find((r) => r.label === t(messageKey('catalog.categories', category)));
    const want = scratch(subtree, filters, from, to, ['c.category = ?', category]);
    if (row) expect(figuresOf(row), category).toEqual(want);
    else if (!filters.category || filters.category === category) expect(empty(want), category).toBe(true);
  }

  const [own, ...children] = report.tables.unions;
  expect(figuresOf(own!)).toEqual(scratch([unionId], filters, from, to));
  const childIds = all<{ id: number }>('select id from unions where parent_id = ? order by id', unionId).map(
    (u) => u.id,
  );
  expect(children.map((c) => c.unionId)).toEqual(childIds);
  for (const child of children)
    expect(figuresOf(child), `child ${child.unionId}`).toEqual(
      scratch(subtreeOf(Number(child.unionId)), filters, from, to),
    );

  // Every organization with something to show, the most worker-visits first.
  const organizations = all<{ id: number; name: string }>('select id, name from organizations order by id')
    .filter((o) => !filters.organizationId || o.id === filters.organizationId)
    .map((o) => ({ name: o.name, figures: scratch(subtree, filters, from, to, ['c.organization_id = ?', o.id]) }))
    .filter((o) => !empty(o.figures));
  const rows = report.tables.organizations;
  expect(rows.map((r) => r.label).sort()).toEqual(organizations.map((o) => o.name).sort());
  for (const o of organizations) expect(figuresOf(rows.find((r) => r.label === o.name)!), o.name).toEqual(o.figures);
  const visits = rows.map((r) => r.workerVisits as number);
  expect(visits).toEqual([...visits].sort((a, b) => b - a));

  const contractFilters = [
    ...(filters.category ? [['c.category = ?', filters.category]] : []),
    ...(filters.organizationId ? [['c.organization_id = ?', filters.organizationId]] : []),
  ];
  const states = contractsFromScratch(
    subtree,
    filters.year,
    contractFilters.map(([sql]) => sql).join(' and ') || '1 = 1',
    ...contractFilters.map(([, value]) => value),
  );
  expect(
    report.tables.contracts
      .map((r) => [r.label, r.count, r.amountFen])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  ).toEqual(
    states
      .map((s) => [t(messageKey('procurement.states.contract', s.state)), s.count, s.amountFen])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  return report;
}

describe('the dashboards of a province, its cities, counties and township', () => {
  it('equal the figures computed from the tables, for every union and filter', () => {
    const filterSets: Partial<Filters>[] = [
      {},
      { granularity: 'quarter' },
      { granularity: 'year' },
      { year: year - 1 },
      { year: year - 4, granularity: 'year' },
      { category: 'counselling' },
      { category: 'legal_aid', granularity: 'quarter' },
      { organizationId: world.organizations[0] },
      { organizationId: world.organizations[1], category: 'rescue_training' },
      { organizationId: world.organizations[2], year: year - 1, granularity: 'year' },
    ];
    for (const unionId of Object.values(world.unions))
      for (const overrides of filterSets)
        expectReportFromScratch(unionId, { year, granularity: 'month', ...overrides });

    // The world is not trivial: the province shows sessions, pending sessions, money and every organization.
    const province = buildReport(unionOf(world.unions.province), { year, granularity: 'month' }, t);
    expect(province.totals.sessionsDelivered).toBeGreaterThan(10);
    expect(province.totals.pendingSessions).toBeGreaterThan(0);
    expect(province.totals.paidFen).toBeGreaterThan(0);
    expect(province.tables.organizations.length).toBe(world.organizations.length);
    expect(province.tables.contracts.length).toBeGreaterThan(2);
  });

  it('follow later check-ins, ratings, reviews, acceptances, payments and contract changes', () => {
    const contract = world.contracts[3]!;
    const event = all<{ id: number }>(
      "select id from events where contract_id = ? and state = 'reported'",
      contract,
    )[0]!;
    const run = (query: string, ...params: unknown[]) => sqlite.prepare(query).run(...params);
    run("insert into checkins (event_id, device_hash, verification) values (?, 'late-phone', 'sms')", event.id);
    run("update events set state = 'accepted', attendance_review = 'admitted' where id = ?", event.id);
    run(
      "insert into ratings (checkin_id, event_id, score) select id, event_id, 5 from checkins where device_hash = 'late-phone'",
    );
    run("update ratings set excluded_reason = '同一设备多次' where event_id = ? and score < 3", event.id);
    run("update unions set attendance_standard = 'code' where id = ?", world.unions.countyA2);
    run("insert into ledger_entries (contract_id, kind, amount_fen) values (?, 'paid', 123400)", contract);
    run("update contracts set state = 'completed', amount_fen = amount_fen + 5000 where id = ?", contract);
    for (const unionId of [world.unions.province, world.unions.cityA, world.unions.countyA2])
      for (const overrides of [{}, { granularity: 'year' as const }, { category: 'legal_aid' as const }])
        expectReportFromScratch(unionId, { year, granularity: 'month', ...overrides });
  });

  it('refuse to move a union or a contract, whose figures are filed under their ancestors', () => {
    const run =
      (query: string, ...params: unknown[]) =>
      () =>
        sqlite.prepare(query).run(...params);
    expect(run('update unions set parent_id = ? where id = ?', world.unions.cityB, world.unions.countyA1)).toThrow(
      /keeps its parent/,
    );
    expect(run('update contracts set union_id = ? where id = ?', world.unions.cityB, world.contracts[0])).toThrow(
      /keeps its union and category/,
    );
    expect(run("update contracts set category = 'mediation' where id = ?", world.contracts[0])).toThrow(
      /keeps its union and category/,
    );
  });

  it(`lists the ${listedOrganizations} organizations with the most worker-visits; the CSV lists them all`, () => {
    const filters: Filters = { year, granularity: 'month' };
    const province = unionOf(world.unions.province);
    expect(buildReport(province, filters, t, { organizations: 'all' }).tables.organizations).toEqual(
      buildReport(province, filters, t).tables.organizations,
    );
    for (let i = 0; i < listedOrganizations; i++) {
      const organizationId = sqlite
        .prepare("insert into organizations (name, type) values (?, 'grassroots')")
        .run(`加测组织${i}`).lastInsertRowid;
      const contract = sqlite
        .prepare(
          `insert into contracts (union_id, organization_id, title, category, amount_fen, sessions, state)
           values (?, ?, '加购服务', 'counselling', 100000, 1, 'active')`,
        )
        .run(world.unions.countyB1, organizationId).lastInsertRowid;
      sqlite
        .prepare("insert into ledger_entries (contract_id, kind, amount_fen) values (?, 'committed', 100000)")
        .run(contract);
    }
    const listed = buildReport(province, filters, t).tables.organizations;
    const everyOne = buildReport(province, filters, t, { organizations: 'all' }).tables.organizations;
    expect(listed).toHaveLength(listedOrganizations);
    expect(everyOne).toHaveLength(listedOrganizations + world.organizations.length);
    expect(listed).toEqual(everyOne.slice(0, listedOrganizations));
  });
});
