import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { events, ratings } from '../../db/schema';
import { reviewEventAttendance } from './attendance.server';
import { rate } from './checkin.server';
import { fileReport, recordWalkIns, reviewReport } from './events.server';
import {
  contractFigures,
  eventFigures,
  isSatisfied,
  organizationFigures,
  residentActivityFigures,
  satisfactionRate,
} from './figures.server';
import { checkInWorker, createEvent, deliveryWorld, verifiedPhone } from '../../tests/fixtures/delivery';
import { db } from '~/lib/db.server';

const start = new Date('2026-11-24T06:00:00Z');
const afterEnd = new Date(start.getTime() + 2 * 3600_000);
let world: Awaited<ReturnType<typeof deliveryWorld>>;

function rateAs(eventId: number, score: number) {
  rate(eventId, checkInWorker(eventId), { score, comment: '', tags: [], edit: false });
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  world = await deliveryWorld();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the satisfaction formula', () => {
  it('counts 4 and 5 as satisfied, 3 and below as not', () => {
    expect([1, 2, 3, 4, 5].map(isSatisfied)).toEqual([false, false, false, true, true]);
  });

  it('is satisfied ratings over all counted ratings, and undefined without ratings', () => {
    expect(satisfactionRate(9, 10)).toBe(0.9);
    expect(satisfactionRate(0, 3)).toBe(0);
    expect(satisfactionRate(0, 0)).toBeNull();
  });

  it('is what the figures report, with excluded ratings left out of every figure', () => {
    const eventId = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
    for (const score of [5, 4, 3, 2, 1, 5]) rateAs(eventId, score);
    const last = db.select().from(ratings).where(eq(ratings.eventId, eventId)).all().at(-1)!;
    db.update(ratings)
      .set({ excludedReason: '测试', excludedBy: world.commissioner.id })
      .where(eq(ratings.id, last.id))
      .run();
    const figures = eventFigures(eventId);
    expect(figures.ratings).toBe(5);
    expect(figures.satisfaction).toBe(2 / 5);
    expect(figures.averageScore).toBe(3);
  });
});

describe('walk-ins', () => {
  it('are only asserted: apart until a union reviewer admits them, and they cannot rate', async () => {
    const eventId = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
    rateAs(eventId, 5);
    checkInWorker(eventId);
    recordWalkIns(world.owner, eventId, 3);

    expect(eventFigures(eventId)).toMatchObject({
      sessionsDelivered: 0,
      workerVisits: 2,
      ratings: 1,
      pending: { sessions: 0, walkIns: 3, checkins: 0 },
    });
    // Not delivered yet: the contract counts nothing.
    expect(contractFigures(world.contractId)).toMatchObject({ sessionsDelivered: 0, workerVisits: 0, ratings: 0 });

    vi.setSystemTime(afterEnd);
    await fileReport(world.owner, eventId, { walkIns: 3, summary: '顺利开展。' });
    reviewReport(world.commissioner, eventId, 'accept');
    expect(contractFigures(world.contractId)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 2,
      ratings: 1,
      satisfaction: 1,
      pending: { sessions: 0, walkIns: 3, checkins: 0 },
    });
    reviewEventAttendance(world.reviewer, eventId, 'admitted', '现场签到表已核对');
    expect(contractFigures(world.contractId)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 5,
      pending: { sessions: 0, walkIns: 0, checkins: 0 },
    });

    // A walk-in has no check-in on any device, so a rating from them is refused and changes nothing.
    expect(() => rate(eventId, verifiedPhone(), { score: 1, comment: '', tags: [], edit: false })).toThrow(
      'errors.checkInFirst',
    );
    expect(contractFigures(world.contractId).ratings).toBe(1);
  });

  it('are recorded only from the start of the event, by its organization', () => {
    const eventId = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
    vi.setSystemTime(start.getTime() - 60_000);
    expect(() => recordWalkIns(world.owner, eventId, 2)).toThrow('delivery.errors.walkInsBeforeStart');
    vi.setSystemTime(start);
    expect(() => recordWalkIns(world.commissioner, eventId, 2)).toThrow(Response);
    recordWalkIns(world.owner, eventId, 2);
    expect(db.select().from(events).where(eq(events.id, eventId)).get()!.walkIns).toBe(2);
  });
});

describe('scopes', () => {
  it("keep a resident's own activities apart from its contracted delivery, and ignore cancelled events", async () => {
    const contracted = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
    const own = createEvent({ organizationId: world.organizationId, residencyId: world.residencyId }, start);
    const cancelled = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start, {
      state: 'cancelled',
    });
    rateAs(contracted, 5);
    rateAs(own, 2);
    vi.setSystemTime(afterEnd);
    for (const eventId of [contracted, own]) await fileReport(world.owner, eventId, { walkIns: 0, summary: '完成' });
    reviewReport(world.commissioner, contracted, 'accept');
    reviewReport(world.incubatorManager, own, 'accept');

    expect(organizationFigures(world.organizationId)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 1,
      ratings: 1,
    });
    expect(residentActivityFigures(world.organizationId)).toMatchObject({
      sessionsDelivered: 1,
      workerVisits: 1,
      averageScore: 2,
      satisfaction: 0,
    });
    expect(eventFigures(cancelled)).toMatchObject({ sessionsDelivered: 0, workerVisits: 0, ratings: 0 });
  });
});
