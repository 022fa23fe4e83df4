import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordStatements, type Statement } from '../support/statements';
import { seedDemo } from '../../db/seed';
import { findUserByEmail } from '~/accounts/auth.server';
import { checkIn, checkinCode, issueTicket, rate } from '~/delivery/checkin.server';
import { requireEvent } from '~/delivery/events.server';
import { eventFigures } from '~/delivery/figures.server';
import { createEvent, verifiedPhone } from '../fixtures/delivery';
import { createSession } from '~/accounts/session.server';
import { sqlite } from '~/lib/db.server';
import { serverSecret } from '~/lib/secrets.server';
import { loader as checkinPage } from '~/routes/c.$eventId';
import { loader as ratingPage } from '~/routes/c.$eventId.rate';
import { loader as catalogPage } from '~/routes/catalog._index';
import { loader as offeringPage } from '~/routes/catalog.$offeringId';
import { loader as contractPage } from '~/routes/contracts.$contractId';
import { loader as eventPage } from '~/routes/events.$eventId';
import { loader as mePage } from '~/routes/me';
import { loader as rootLoader } from '~/root';
import { loader as organizationPage } from '~/routes/orgs.$orgId';
import { loader as dashboardPage } from '~/routes/reports._index';
import { loader as tenderPage } from '~/routes/tenders.$tenderId';
import { loader as tendersPage } from '~/routes/tenders._index';

// The main pages' loaders, run for real on the demo county and again after more rows are added:
// the number of statements each makes must not grow with the rows (no query per row), and the
// statements must find their rows through indexes (EXPLAIN QUERY PLAN), not by scanning a big table.

const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const insert = (query: string, ...params: unknown[]) => Number(sqlite.prepare(query).run(...params).lastInsertRowid);

function cookieFor(email: string) {
  const { token } = createSession(findUserByEmail(email)!.id);
  return `session=${encodeURIComponent(token)}`;
}

type Page = { name: string; run: () => Promise<unknown> };
let pages: Page[];
let target: { organizationId: number; contractId: number; eventId: number; countyId: number; incubatorId: number };
const day = 24 * 3600_000;

function call(loader: (args: never) => unknown, url: string, params: Record<string, string> = {}, cookie?: string) {
  const request = new Request(`http://localhost${url}`, { headers: cookie ? { cookie } : {} });
  return async () => loader({ request, params, context: {} } as never);
}

/** An accepted event of the contract with `ratings` check-ins each rated. */
function deliveredEvent(organizationId: number, contractId: number, ratings: number) {
  const startsAt = Date.now() - 30 * day;
  const eventId = insert(
    `insert into events (organization_id, contract_id, title, starts_at, ends_at, venue_type, capacity, checkin_secret, state, walk_ins)
     values (?, ?, '加场活动', ?, ?, 'canteen', 50, ?, 'accepted', 2)`,
    organizationId,
    contractId,
    startsAt,
    startsAt + 3600_000,
    randomBytes(8).toString('hex'),
  );
  for (let i = 0; i < ratings; i++) {
    const checkinId = insert(
      'insert into checkins (event_id, device_hash) values (?, ?)',
      eventId,
      randomBytes(8).toString('hex'),
    );
    insert('insert into ratings (checkin_id, event_id, score) values (?, ?, ?)', checkinId, eventId, 1 + (i % 5));
  }
  return eventId;
}

function contractOf(organizationId: number) {
  const contractId = insert(
    `insert into contracts (union_id, organization_id, title, category, amount_fen, sessions, state)
     values (?, ?, '加购服务', 'counselling', 1000000, 4, 'active')`,
    target.countyId,
    organizationId,
  );
  insert("insert into ledger_entries (contract_id, kind, amount_fen) values (?, 'committed', 1000000)", contractId);
  return contractId;
}

function offeringOf(organizationId: number) {
  insert(
    `insert into offerings (organization_id, title, category, format, duration_minutes, capacity, price_fen, state, published_at)
     values (?, '职工心理疏导服务', 'counselling', 'on_site', 90, 30, 200000, 'published', ?)`,
    organizationId,
    Date.now(),
  );
}

/** `n` more organizations, each with an offering, a contract with a rated session and a tender; and more of each for the pages' own records. */
function grow(n: number) {
  const commissioner = findUserByEmail('commissioner@demo.gonghui.cn')!.id;
  for (let i = 0; i < n; i++) {
    const organizationId = insert(
      "insert into organizations (name, type, fields) values (?, 'grassroots', '[\"counselling\"]')",
      `加测社会组织${randomBytes(4).toString('hex')}`,
    );
    offeringOf(organizationId);
    deliveredEvent(organizationId, contractOf(organizationId), 3);
    // A resident whose term ends within the exit review's notice, under evaluation: in the
    // incubator manager's and the reviewers' queues.
    const residencyId = insert(
      "insert into residencies (incubator_id, organization_id, starts_on, ends_on) values (?, ?, '2025-01-01', ?)",
      target.incubatorId,
      organizationId,
      new Date(Date.now() + 30 * day).toISOString().slice(0, 10),
    );
    insert(
      "insert into residency_evaluations (residency_id, period_start, period_end) values (?, '2025-01-01', '2025-06-30')",
      residencyId,
    );
    insert(
      `insert into tenders (union_id, created_by, title, category, sessions, budget_fen, weights, deadline_at, state, published_at)
       values (?, ?, '加测采购项目', 'counselling', 4, 1000000, '{"price":40,"plan":30,"team":20,"record":10}', ?, 'published', ?)`,
      target.countyId,
      commissioner,
      Date.now() + 30 * day,
      Date.now(),
    );
    offeringOf(target.organizationId);
    contractOf(target.organizationId);
    deliveredEvent(target.organizationId, target.contractId, 1);
    const checkinId = insert(
      'insert into checkins (event_id, device_hash) values (?, ?)',
      target.eventId,
      randomBytes(8).toString('hex'),
    );
    insert('insert into ratings (checkin_id, event_id, score) values (?, ?, 5)', checkinId, target.eventId);
  }
}

async function statementCounts() {
  const counts: Record<string, number> = {};
  for (const page of pages) counts[page.name] = (await recordStatements(page.run)).length;
  return counts;
}

beforeAll(async () => {
  await seedDemo();
  const county = one<{ id: number }>("select id from unions where name = '象山县总工会'");
  const contract = one<{ id: number; organizationId: number }>(
    "select c.id, c.organization_id as organizationId from contracts c where exists (select 1 from events e where e.contract_id = c.id and e.state = 'accepted') order by c.id limit 1",
  );
  const event = one<{ id: number }>(
    "select id from events where contract_id = ? and state = 'accepted' limit 1",
    contract.id,
  );
  const offering = one<{ id: number }>("select id from offerings where state = 'published' order by id limit 1");
  const tender = one<{ id: number }>("select id from tenders where state <> 'draft' order by id limit 1");
  const incubator = one<{ id: number }>('select id from incubators where union_id = ?', county.id);
  target = {
    organizationId: contract.organizationId,
    contractId: contract.id,
    eventId: event.id,
    countyId: county.id,
    incubatorId: incubator.id,
  };
  const owner = one<{ email: string }>(
    "select u.email from users u join organization_members m on m.user_id = u.id where m.organization_id = ? and m.role = 'owner'",
    contract.organizationId,
  ).email;
  const commissioner = cookieFor('commissioner@demo.gonghui.cn');
  const leadership = cookieFor('leadership@demo.gonghui.cn');
  const member = cookieFor(owner);
  pages = [
    { name: 'me', run: call(mePage, '/me', {}, member) },
    { name: 'me (union staff)', run: call(mePage, '/me', {}, commissioner) },
    // Every page: the navigation's counts (unread notifications, work waiting) for each kind of staff.
    { name: 'root (organization)', run: call(rootLoader, '/', {}, member) },
    { name: 'root (commissioner)', run: call(rootLoader, '/', {}, commissioner) },
    { name: 'root (finance)', run: call(rootLoader, '/', {}, cookieFor('finance@demo.gonghui.cn')) },
    { name: 'root (reviewer)', run: call(rootLoader, '/', {}, cookieFor('reviewer@demo.gonghui.cn')) },
    { name: 'root (incubator)', run: call(rootLoader, '/', {}, cookieFor('incubator@demo.gonghui.cn')) },
    { name: 'root (leadership)', run: call(rootLoader, '/', {}, leadership) },
    { name: 'catalog', run: call(catalogPage, '/catalog') },
    {
      name: 'catalog search',
      run: call(catalogPage, '/catalog?q=%E5%BF%83%E7%90%86%E7%96%8F%E5%AF%BC&sort=satisfaction'),
    },
    { name: 'offering', run: call(offeringPage, `/catalog/${offering.id}`, { offeringId: String(offering.id) }) },
    { name: 'tenders', run: call(tendersPage, '/tenders') },
    { name: 'tender', run: call(tenderPage, `/tenders/${tender.id}`, { tenderId: String(tender.id) }, member) },
    { name: 'dashboard', run: call(dashboardPage, '/reports', {}, leadership) },
    { name: 'dashboard by month', run: call(dashboardPage, '/reports?granularity=month', {}, leadership) },
    {
      name: 'organization',
      run: call(organizationPage, `/orgs/${target.organizationId}`, { orgId: String(target.organizationId) }, member),
    },
    {
      name: 'contract',
      run: call(contractPage, `/contracts/${contract.id}`, { contractId: String(contract.id) }, commissioner),
    },
    { name: 'event', run: call(eventPage, `/events/${event.id}`, { eventId: String(event.id) }, commissioner) },
    { name: 'check-in', run: call(checkinPage, `/c/${event.id}`, { eventId: String(event.id) }) },
    { name: 'rating', run: call(ratingPage, `/c/${event.id}/rate`, { eventId: String(event.id) }) },
  ];
  // Once for the clock's own work (tenders it closes) and the sessions' first use.
  await statementCounts();
});

describe('statements per page', () => {
  it('do not grow with the number of organizations, contracts, events and ratings', async () => {
    grow(5);
    const small = await statementCounts();
    grow(45);
    const large = await statementCounts();
    expect(large).toEqual(small);
    for (const [page, n] of Object.entries(large)) expect(n, page).toBeLessThanOrEqual(30);
  });
});

/** Tables that grow with the country: events, check-ins, ratings and their rollups, and the like. */
const bigTables = [
  'events',
  'checkins',
  'ratings',
  'event_rollups',
  'contract_month_rollups',
  'organization_rollups',
  'union_month_rollups',
  'union_organization_rollups',
  'union_contract_rollups',
  'union_ancestors',
  'contracts',
  'offerings',
  'organizations',
  'tenders',
  'ledger_entries',
  'evaluations',
  'audit_log',
  'notifications',
  'bids',
  'milestones',
  'incubators',
  'residencies',
  'residency_evaluations',
  'incubation_applications',
  'tender_reviewers',
];

function plan(statement: Statement) {
  return sqlite.prepare(`explain query plan ${statement.sql}`).all(...statement.params) as { detail: string }[];
}

/** The table behind each name a statement uses: the tables themselves and their aliases. */
function tablesByName(sql: string) {
  const names = new Map<string, string>();
  for (const [, table, alias] of sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi)) {
    names.set(table!, table!);
    if (alias && !/^(on|where|join|left|inner|cross|group|order|limit|using|natural)$/i.test(alias))
      names.set(alias, table!);
  }
  return names;
}

/** Scans allowed explicitly, with the reason. */
const allowedScans = [
  // The public tender list reads one page (limit 51) of a partial index in deadline order and stops.
  { detail: 'SCAN tenders USING INDEX tenders_listed_idx', when: /limit \?/ },
  // The catalog without words reads one page (limit 13) of a partial index in the order shown and stops.
  ...['offerings_newest_idx', 'offerings_cheapest_idx', 'offerings_dearest_idx'].map((index) => ({
    detail: `SCAN o USING INDEX ${index}`,
    when: /limit \?/,
  })),
];

/** Every "SCAN" of a big table, also of one of its indexes (reading all of it); SEARCH is what we want. */
function fullScans(statement: Statement) {
  const names = tablesByName(statement.sql);
  return plan(statement)
    .map((step) => step.detail)
    .filter((detail) => {
      const scan = /^SCAN (\w+)/.exec(detail);
      if (!scan || !bigTables.includes(names.get(scan[1]!) ?? '')) return false;
      return !allowedScans.some((a) => detail === a.detail && a.when.test(statement.sql));
    });
}

describe('query plans', () => {
  it('find the rows of big tables through indexes on every main page', async () => {
    const scans: string[] = [];
    for (const page of pages) {
      for (const statement of await recordStatements(page.run)) {
        if (!/^\s*(select|with)/i.test(statement.sql)) continue;
        for (const scan of fullScans(statement))
          scans.push(`${page.name}: ${scan} in ${statement.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
      }
    }
    expect(scans).toEqual([]);
  });
});

describe('a worker checking in and rating', () => {
  it('takes a few statements, the rating one transaction whose triggers update the rollups', async () => {
    const eventId = createEvent(
      { organizationId: target.organizationId, contractId: target.contractId },
      new Date(Date.now() - 10 * 60_000),
    );
    // A key's first use in a process records its fingerprint (decision 094): not part of each check-in.
    serverSecret('CHECKIN_SECRET');
    // A returning worker: the number was confirmed before, so checking in is one tap.
    const phone = verifiedPhone();
    const event = requireEvent(eventId);
    const ticket = issueTicket(event, checkinCode(event));
    const checkin = await recordStatements(() => checkIn(eventId, phone, { ticket }));
    const rating = await recordStatements(() => rate(eventId, phone, { score: 5, comment: '', tags: [], edit: false }));
    expect(checkin.length).toBeLessThanOrEqual(4);
    expect(rating.length).toBeLessThanOrEqual(8);
    // The rating and its audit row; the rollups are the triggers' work inside the same statement.
    expect(rating.filter((s) => /^\s*(insert|update)/i.test(s.sql)).length).toBeLessThanOrEqual(3);
    // A confirmed worker's check-in and rating count by themselves: nothing awaits review.
    expect(eventFigures(eventId)).toMatchObject({ ratings: 1, checkins: 1, pending: { checkins: 0 } });
  });
});
