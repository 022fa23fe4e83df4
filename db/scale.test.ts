import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { countyName, generateScale, proportions, provinceLeadershipEmail } from './scale';

// The generator writes a fresh database over this test's own file; the app's modules are imported
// afterwards, so the figures below are computed by the app's one definition on the generated data.
const path = process.env.DATABASE_PATH!;
const now = new Date('2026-12-20T00:00:00Z');
const result = await generateScale(path, { counties: 1, years: 1, now });
const sqlite = new Database(path, { readonly: true });
const count = (query: string) => (sqlite.prepare(query).get() as { n: number }).n;

test('one county has the proportions the generator promises', () => {
  expect(count(`select count(*) as n from unions where level = 'county'`)).toBe(1);
  expect(count(`select count(*) as n from unions where level = 'province'`)).toBe(1);
  expect(count('select count(*) as n from organizations')).toBe(proportions.organizationsPerCounty);
  expect(count('select count(*) as n from contracts')).toBe(proportions.contractsPerYear);
  expect(count('select count(*) as n from events')).toBe(proportions.eventsPerYear);
  const delivered = count(`select count(*) as n from events where state in ('accepted', 'reported')`);
  expect(delivered).toBeGreaterThan(proportions.eventsPerYear * 0.85);
  const checkins = count('select count(*) as n from checkins');
  const ratings = count('select count(*) as n from ratings');
  expect(checkins / delivered).toBeGreaterThan(35);
  expect(checkins / delivered).toBeLessThan(45);
  expect(ratings / delivered).toBeGreaterThan(26);
  expect(ratings / delivered).toBeLessThan(34);
  expect(result.rows).toBeGreaterThan(checkins + ratings);
  expect(result.counts.checkins).toBe(checkins);
  // Nearly every check-in is an SMS-confirmed worker's, from the county's workers, once per event;
  // the rest were made with the screen's code alone.
  const verified = count(`select count(*) as n from checkins where verification = 'sms' and worker_id is not null`);
  expect(verified / checkins).toBeGreaterThan(0.95);
  expect(count(`select count(*) as n from checkins where verification = 'code' and worker_id is null`)).toBe(
    checkins - verified,
  );
  expect(count('select count(*) as n from workers')).toBe(proportions.workersPerCounty);
  const distinct = 'select distinct event_id, worker_id from checkins where worker_id is not null';
  expect(count(`select count(*) as n from (${distinct})`)).toBe(verified);
});

test('the data keeps every foreign key and index, and the database is back in WAL mode', () => {
  expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  const indexes = sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'checkins'`).all();
  expect(indexes).toContainEqual({ name: 'checkins_event_device' });
  // Every rating belongs to a check-in at the same event.
  expect(
    count('select count(*) as n from ratings r join checkins c on c.id = r.checkin_id where c.event_id <> r.event_id'),
  ).toBe(0);
  // The rollups were filled in bulk and their triggers are back for the rows the app will add.
  expect(count(`select count(*) as n from sqlite_master where type = 'trigger' and name like '%rollup%'`)).toBe(17);
  expect(count('select sum(ratings + code_ratings) as n from event_rollups')).toBe(
    count('select count(*) as n from ratings where excluded_reason is null'),
  );
  // The dashboards' rollups too: the province's row adds up every contract's months, money and states.
  const province = `union_id = (select id from unions where level = 'province') and category = ''`;
  expect(count(`select sum(sessions) as n from union_month_rollups where ${province}`)).toBe(
    count('select sum(sessions) as n from contract_month_rollups'),
  );
  expect(count(`select sum(paid_fen) as n from union_month_rollups where ${province}`)).toBe(
    count(`select sum(amount_fen) as n from ledger_entries where kind = 'paid'`),
  );
  expect(count(`select sum(checkins) as n from union_organization_rollups where ${province}`)).toBe(
    count('select sum(checkins) as n from contract_month_rollups'),
  );
  expect(
    count(
      `select sum(contracts) as n from union_contract_rollups where union_id = (select id from unions where level = 'province')`,
    ),
  ).toBe(proportions.contractsPerYear);
  // The county counts SMS-verified check-ins; the few made with the screen code alone await review.
  expect(count('select sum(pending_checkins) as n from event_rollups')).toBe(
    count(`select count(*) as n from checkins where verification = 'code'`),
  );
});

test('the delivery figures and the catalog search see the generated data', async () => {
  const { figuresWhere } = await import('~/delivery/figures.server');
  const { searchCatalog } = await import('~/catalog/search.server');
  const { parseCatalogQuery } = await import('~/catalog/query');
  const figures = figuresWhere(sql`e.contract_id is not null`);
  expect(figures.sessionsDelivered).toBeGreaterThan(200);
  expect(figures.workerVisits).toBeGreaterThan(figures.ratings);
  expect(figures.satisfaction).toBeGreaterThan(0.7);
  const found = searchCatalog(parseCatalogQuery(new URLSearchParams({ q: countyName(0) })).query);
  expect(found.total).toBe(proportions.organizationsPerCounty * proportions.offeringsPerOrganization);
});

test('the province leadership account exists with its role', () => {
  const role = sqlite
    .prepare(
      `select r.role, u.level from staff_roles r join users s on s.id = r.user_id join unions u on u.id = r.union_id where s.email = ?`,
    )
    .get(provinceLeadershipEmail);
  expect(role).toEqual({ role: 'leadership', level: 'province' });
  expect(result.accounts.map((a) => a.email)).toContain(provinceLeadershipEmail);
});
