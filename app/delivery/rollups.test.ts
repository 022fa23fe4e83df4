import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contractFigures,
  eventFigures,
  figuresFromSums,
  noSums,
  organizationFigures,
  residentActivityFigures,
  type Sums,
} from './figures.server';
import {
  createContract,
  createEvent,
  createOrganization,
  createResidency,
  createUnion,
} from '../../tests/fixtures/delivery';
import { figuresFromScratch } from '../../tests/support/counted';
import { sqlite } from '~/lib/db.server';
import { monthStart } from '~/lib/time';

// The rollups (kept by triggers) against a from-scratch recomputation over events, check-ins and
// ratings, after random sequences of the writes the application makes: check-ins (SMS-verified or
// code only), ratings, rating edits, exclusions and restores, reports (walk-ins), acceptances,
// reviews of check-ins and of asserted attendance, and changes of a union's attendance standard.

const run = (query: string, ...params: unknown[]) => sqlite.prepare(query).run(...params);
const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];

// Two unions, so that a change of one's standard must leave the other's events alone; the first
// under a city, whose dashboard rollups add up the events of the unions below it.
const city = createUnion('测试市总工会', { level: 'city' });
const unions = [createUnion('测试县总工会', { parentId: city }), createUnion()];
const organizations = [createOrganization().organizationId, createOrganization().organizationId];
const residencyId = createResidency(unions[1]!, organizations[0]!);
const contracts = [
  createContract(unions[0]!, organizations[0]!),
  createContract(unions[0]!, organizations[0]!),
  createContract(unions[1]!, organizations[1]!),
];
// Events of each contract over three Shanghai months (one starting 23:30 on the last day of a month
// in Shanghai, 15:30 UTC; one entered in the system an hour after it started, one ten minutes after),
// and a resident's own activity.
const events = [
  ...contracts.flatMap((contractId, i) =>
    [Date.UTC(2026, 0, 31, 15, 30), Date.UTC(2026, 1, 1, 2), Date.UTC(2026, 2, 10 + i, 2)].map((t, j) =>
      createEvent(
        { organizationId: organizationOf(contractId), contractId },
        new Date(t),
        j === 1 ? { createdAt: new Date(t + 3600_000) } : j === 2 ? { createdAt: new Date(t + 10 * 60_000) } : {},
      ),
    ),
  ),
  createEvent({ organizationId: organizations[0]!, residencyId }, new Date(Date.UTC(2026, 1, 3))),
];

function organizationOf(contractId: number) {
  return contractId === contracts[2] ? organizations[1]! : organizations[0]!;
}

const decision = fc.constantFrom('admitted', 'excluded', null);
const operation = fc.oneof(
  fc.record({
    kind: fc.constant('checkin' as const),
    event: fc.nat(events.length - 1),
    verification: fc.constantFrom('sms', 'code'),
  }),
  fc.record({ kind: fc.constant('rate' as const), pick: fc.nat(), score: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), score: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('exclude' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('report' as const), event: fc.nat(events.length - 1), walkIns: fc.nat(30) }),
  fc.record({ kind: fc.constant('accept' as const), event: fc.nat(events.length - 1) }),
  fc.record({ kind: fc.constant('cancel' as const), event: fc.nat(events.length - 1) }),
  fc.record({ kind: fc.constant('reviewCheckin' as const), pick: fc.nat(), decision }),
  fc.record({ kind: fc.constant('reviewEvent' as const), event: fc.nat(events.length - 1), decision }),
  fc.record({
    kind: fc.constant('standard' as const),
    union: fc.nat(unions.length - 1),
    standard: fc.constantFrom('sms', 'code'),
  }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function pickRow(query: string, pick: number) {
  const rows = all<{ id: number }>(query);
  return rows.length ? rows[pick % rows.length]!.id : undefined;
}

/**
 * The same writes as checkIn, rate, excludeRating, restoreRating, fileReport, reviewReport,
 * reviewCheckins, reviewEventAttendance and setAttendanceStandard make.
 */
function apply(op: Operation) {
  switch (op.kind) {
    case 'checkin':
      return run(
        'insert into checkins (event_id, device_hash, verification) values (?, ?, ?)',
        events[op.event],
        randomBytes(8).toString('hex'),
        op.verification,
      );
    case 'rate': {
      const checkin = pickRow(
        'select c.id from checkins c where not exists (select 1 from ratings r where r.checkin_id = c.id)',
        op.pick,
      );
      if (checkin)
        run(
          'insert into ratings (checkin_id, event_id, score) select id, event_id, ? from checkins where id = ?',
          op.score,
          checkin,
        );
      return;
    }
    case 'edit': {
      const rating = pickRow('select id from ratings', op.pick);
      if (rating) run('update ratings set score = ?, updated_at = ? where id = ?', op.score, Date.now(), rating);
      return;
    }
    case 'exclude': {
      const rating = pickRow('select id from ratings where excluded_reason is null', op.pick);
      if (rating)
        run("update ratings set excluded_reason = '同一设备多次', excluded_at = ? where id = ?", Date.now(), rating);
      return;
    }
    case 'restore': {
      const rating = pickRow('select id from ratings where excluded_reason is not null', op.pick);
      if (rating) run('update ratings set excluded_reason = null, excluded_at = null where id = ?', rating);
      return;
    }
    case 'report':
      return run(
        "update events set state = 'reported', walk_ins = ?, reported_at = ? where id = ? and state in ('scheduled', 'returned')",
        op.walkIns,
        Date.now(),
        events[op.event],
      );
    case 'accept':
      return run(
        "update events set state = 'accepted', accepted_at = ? where id = ? and state = 'reported'",
        Date.now(),
        events[op.event],
      );
    case 'cancel':
      return run("update events set state = 'cancelled' where id = ? and state = 'scheduled'", events[op.event]);
    case 'reviewCheckin': {
      const checkin = pickRow('select id from checkins', op.pick);
      if (checkin)
        run(
          "update checkins set review = ?, review_reason = '现场核对', reviewed_at = ? where id = ?",
          op.decision,
          Date.now(),
          checkin,
        );
      return;
    }
    case 'reviewEvent':
      return run(
        "update events set attendance_review = ?, attendance_review_reason = '核对签到表' where id = ?",
        op.decision,
        events[op.event],
      );
    case 'standard':
      return run('update unions set attendance_standard = ? where id = ?', op.standard, unions[op.union]);
  }
}

function expectRollupsEqualScratch() {
  for (const id of events) expect(eventFigures(id), `event ${id}`).toEqual(figuresFromScratch('e.id = ?', id));
  for (const id of contracts)
    expect(contractFigures(id), `contract ${id}`).toEqual(
      figuresFromScratch("e.state = 'accepted' and e.contract_id = ?", id),
    );
  for (const id of organizations) {
    expect(organizationFigures(id), `organization ${id}`).toEqual(
      figuresFromScratch("e.state = 'accepted' and e.contract_id is not null and e.organization_id = ?", id),
    );
    expect(residentActivityFigures(id)).toEqual(
      figuresFromScratch("e.state = 'accepted' and e.residency_id is not null and e.organization_id = ?", id),
    );
  }
  // The dashboards' union rollups: each union with the unions below it, by category ('' for all of
  // them) and Shanghai month, and by organization and year.
  const sums = (table: string, where: string, ...params: unknown[]) =>
    all<Sums>(
      `select ${Object.entries({
        sessions: 'sessions',
        walkIns: 'walk_ins',
        checkins: 'checkins',
        ratings: 'ratings',
        satisfied: 'satisfied',
        scoreSum: 'score_sum',
        pendingSessions: 'pending_sessions',
        pendingWalkIns: 'pending_walk_ins',
        pendingCheckins: 'pending_checkins',
      })
        .map(([key, column]) => `${column} as ${key}`)
        .join(', ')} from ${table} where ${where}`,
      ...params,
    )[0] ?? noSums;
  for (const unionId of [city, ...unions]) {
    const subtree = `with recursive sub(id) as (select ${unionId} union select u.id from unions u join sub on u.parent_id = sub.id) select id from sub`;
    const contractsOf = `select id from contracts where union_id in (${subtree})`;
    for (const month of [202601, 202602, 202603]) {
      const from = monthStart(2026, month % 100).getTime();
      const to = monthStart(2026, (month % 100) + 1).getTime();
      for (const category of ['', 'counselling'])
        expect(
          figuresFromSums(
            sums('union_month_rollups', 'union_id = ? and category = ? and month = ?', unionId, category, month),
          ),
          `union ${unionId} ${category} ${month}`,
        ).toEqual(
          figuresFromScratch(
            `e.state = 'accepted' and e.contract_id in (${contractsOf}) and e.starts_at >= ? and e.starts_at < ?`,
            from,
            to,
          ),
        );
    }
    for (const organizationId of organizations)
      expect(
        figuresFromSums(
          sums(
            'union_organization_rollups',
            "union_id = ? and year = 2026 and category = '' and organization_id = ?",
            unionId,
            organizationId,
          ),
        ),
        `union ${unionId} organization ${organizationId}`,
      ).toEqual(
        figuresFromScratch(
          `e.state = 'accepted' and e.contract_id in (${contractsOf} and organization_id = ?) and e.starts_at >= ? and e.starts_at < ?`,
          organizationId,
          monthStart(2026, 1).getTime(),
          monthStart(2027, 1).getTime(),
        ),
      );
  }
}

describe('delivery rollups', () => {
  beforeEach(() => sqlite.exec('savepoint example'));
  afterEach(() => sqlite.exec('rollback to example; release example'));

  it('equal a recomputation from scratch after any sequence of ratings, exclusions and acceptances', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80, size: 'max' }), (operations) => {
        sqlite.exec('savepoint property');
        try {
          for (const op of operations) apply(op);
          expectRollupsEqualScratch();
        } finally {
          sqlite.exec('rollback to property; release property');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('count a rating given after the event was accepted, and stop counting it once excluded', () => {
    const [eventId] = events;
    run("update events set state = 'accepted', walk_ins = 4 where id = ?", eventId);
    run("insert into checkins (event_id, device_hash, verification) values (?, ?, 'sms')", eventId, 'late-device');
    run(
      "insert into ratings (checkin_id, event_id, score) select id, event_id, 5 from checkins where device_hash = 'late-device'",
    );
    // The walk-ins are only asserted: apart until a reviewer admits them.
    expect(contractFigures(contracts[0]!)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 1,
      ratings: 1,
      satisfaction: 1,
      pending: { sessions: 0, walkIns: 4, checkins: 0 },
    });
    run("update events set attendance_review = 'admitted' where id = ?", eventId);
    run("update ratings set excluded_reason = '同一设备多次' where event_id = ?", eventId);
    expect(contractFigures(contracts[0]!)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 5,
      ratings: 0,
      satisfaction: null,
      pending: { sessions: 0, walkIns: 0, checkins: 0 },
    });
    expectRollupsEqualScratch();
  });

  it("follow a union's change of attendance standard for its events only", () => {
    const ofFirstUnion = events[2]!;
    const ofSecondUnion = events[8]!;
    for (const eventId of [ofFirstUnion, ofSecondUnion]) {
      run("update events set state = 'accepted' where id = ?", eventId);
      run(
        "insert into checkins (event_id, device_hash, verification) values (?, ?, 'code')",
        eventId,
        `code-${eventId}`,
      );
    }
    expect(contractFigures(contracts[0]!)).toMatchObject({
      sessionsDelivered: 0,
      workerVisits: 0,
      pending: { sessions: 1, checkins: 1 },
    });
    run("update unions set attendance_standard = 'code' where id = ?", unions[0]);
    expect(contractFigures(contracts[0]!)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 1,
      pending: { sessions: 0, checkins: 0 },
    });
    expect(contractFigures(contracts[2]!)).toMatchObject({ sessionsDelivered: 0, pending: { checkins: 1 } });
    expectRollupsEqualScratch();
  });
});
