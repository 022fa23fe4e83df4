import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizationIdByName } from '../../tests/fixtures/catalog';
import { organizationTrackRecord } from './track-record.server';
import type { EventState } from '~/delivery/machine';
import { checkins, contracts, evaluations, events, ratings, residencies } from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { figuresFromScratch } from '../../tests/support/counted';
import { db, sqlite } from '~/lib/db.server';

/** An event of `organizationId` with `scores.length` check-ins, each rated with that score. */
function addEvent(organizationId: number, state: EventState, scores: number[], walkIns = 0) {
  const contractId = db.select().from(contracts).where(eq(contracts.organizationId, organizationId)).get()?.id;
  const event = db
    .insert(events)
    .values({
      organizationId,
      contractId: contractId ?? null,
      title: `额外活动 ${state}`,
      startsAt: new Date('2026-01-10T06:00:00Z'),
      endsAt: new Date('2026-01-10T08:00:00Z'),
      venueType: 'canteen',
      capacity: 100,
      walkIns,
      checkinSecret: randomBytes(8).toString('hex'),
      state,
      createdAt: new Date('2026-01-03T06:00:00Z'),
    })
    .returning()
    .get();
  scores.forEach((score, i) => {
    const checkin = db
      .insert(checkins)
      .values({ eventId: event.id, deviceHash: `extra-${event.id}-${i}`, verification: i < 3 ? 'sms' : 'code' })
      .returning()
      .get();
    db.insert(ratings).values({ checkinId: checkin.id, eventId: event.id, score }).run();
  });
  return event.id;
}

beforeAll(async () => {
  await seedDemo();
  const psych = organizationIdByName('象山县心理咨询师协会');
  const arts = organizationIdByName('象山县职工艺术团');
  // Cases the definitions must handle: a cancelled event and one awaiting acceptance (nothing
  // counts yet), walk-ins a reviewer admitted, an excluded rating, a check-in not verified by SMS.
  addEvent(psych, 'cancelled', [1, 1, 1]);
  addEvent(psych, 'reported', [2, 5, 3]);
  const accepted = addEvent(psych, 'accepted', [5, 4, 1, 2], 7);
  db.update(events)
    .set({ attendanceReview: 'admitted', attendanceReviewReason: '签到表核对' })
    .where(eq(events.id, accepted))
    .run();
  db.update(ratings).set({ excludedReason: '刷分' }).where(eq(ratings.eventId, accepted)).run();
  addEvent(arts, 'accepted', [4, 4], 0);
  db.update(contracts).set({ state: 'completed' }).where(eq(contracts.organizationId, psych)).run();
  const evaluation = {
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    indicators: {},
    basis: 'review',
    model: { weights: {}, thresholds: [] },
  };
  // Only these evaluations: the seed's own acceptance evaluations would be the latest otherwise.
  db.delete(evaluations).run();
  db.insert(evaluations)
    .values([
      { ...evaluation, organizationId: psych, score: 93, grade: 'excellent', createdAt: new Date('2026-01-02') },
      { ...evaluation, organizationId: psych, score: 72, grade: 'pass', createdAt: new Date('2025-01-02') },
      { ...evaluation, organizationId: arts, score: 55, grade: 'fail', createdAt: new Date('2025-07-02') },
    ])
    .run();
  db.update(residencies).set({ state: 'graduated' }).where(eq(residencies.organizationId, arts)).run();
});

type Raw = Record<string, number | string | null>;
const all = (query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as Raw[];

/** The profile figures recomputed from raw rows, by the definitions of docs/decisions/091. */
function independently(organizationId: number) {
  const figures = figuresFromScratch(
    "e.state = 'accepted' and e.contract_id is not null and e.organization_id = ?",
    organizationId,
  );
  const latest = all(
    'select grade from evaluations where organization_id = ? order by created_at desc, id desc limit 1',
    organizationId,
  )[0];
  const residency = all(
    'select state from residencies where organization_id = ? order by starts_on desc, id desc limit 1',
    organizationId,
  )[0];
  return {
    sessionsDelivered: figures.sessionsDelivered,
    workerVisits: figures.workerVisits,
    ratings: figures.ratings,
    satisfaction: figures.satisfaction,
    contractsCompleted: all(
      "select id from contracts where organization_id = ? and state = 'completed'",
      organizationId,
    ).length,
    latestGrade: latest?.grade ?? null,
    incubation: residency?.state ?? null,
  };
}

describe('organization profile figures', () => {
  it('equal an independent computation over the same data, for every organization', () => {
    const ids = all('select id from organizations').map((o) => Number(o.id));
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) {
      const record = organizationTrackRecord(id);
      expect(
        {
          sessionsDelivered: record.figures.sessionsDelivered,
          workerVisits: record.figures.workerVisits,
          ratings: record.figures.ratings,
          satisfaction: record.figures.satisfaction,
          contractsCompleted: record.contractsCompleted,
          latestGrade: record.latestEvaluation?.grade ?? null,
          incubation: record.incubation?.state ?? null,
        },
        `organization ${id}`,
      ).toEqual(independently(id));
    }
  });

  it('cover the cases that matter with non-trivial values', () => {
    const psych = organizationTrackRecord(organizationIdByName('象山县心理咨询师协会'));
    expect(psych.figures.sessionsDelivered).toBeGreaterThan(1);
    expect(psych.figures.satisfaction).toBeGreaterThan(0);
    expect(psych.figures.satisfaction).toBeLessThan(1);
    expect(psych.contractsCompleted).toBeGreaterThan(0);
    expect(psych.latestEvaluation).toMatchObject({ grade: 'excellent', score: 93 });
    expect(psych.incubation).toMatchObject({ state: 'active', incubatorName: '象山县总工会社会组织孵化基地' });
    const arts = organizationTrackRecord(organizationIdByName('象山县职工艺术团'));
    expect(arts.latestEvaluation?.grade).toBe('fail');
    expect(arts.incubation?.state).toBe('graduated');
    const rescue = organizationTrackRecord(organizationIdByName('象山县雄鹰应急救援队'));
    expect(rescue.incubation).toBeNull();
    expect(rescue.latestEvaluation).toBeNull();
  });
});
