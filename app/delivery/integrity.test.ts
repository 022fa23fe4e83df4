import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, ratings } from '../../db/schema';
import { rate } from './checkin.server';
import { eventFigures } from './figures.server';
import {
  eventIntegrity,
  excludeRating,
  flagRatings,
  integrityRules,
  normalizeComment,
  restoreRating,
  type RatingForReview,
} from './integrity.server';
import { checkInWorker, createEvent, deliveryWorld } from '../../tests/fixtures/delivery';
import { db } from '~/lib/db.server';

const start = new Date('2026-11-24T06:00:00Z');

function row(id: number, values: Partial<RatingForReview> = {}): RatingForReview {
  return {
    id,
    score: 5,
    comment: '',
    networkHash: `net-${id}`,
    checkedInAt: new Date(start.getTime()),
    ratedAt: new Date(start.getTime() + 3600_000),
    ...values,
  };
}

describe('flags', () => {
  it('mark ratings from a network that gave many, and only those', () => {
    const rows = [1, 2, 3, 4].map((id) => row(id, { networkHash: 'canteen' })).concat(row(5));
    const flags = flagRatings(rows, null);
    expect(integrityRules.sharedNetworkRatings).toBe(4);
    expect([1, 2, 3, 4].map((id) => flags.get(id))).toEqual(Array(4).fill(['sharedNetwork']));
    expect(flags.get(5)).toEqual([]);
    expect(flagRatings(rows.slice(1), null).get(2)).toEqual([]);
  });

  it('mark a rating given within seconds of its check-in', () => {
    const quick = row(1, { ratedAt: new Date(start.getTime() + 29_000) });
    const considered = row(2, { ratedAt: new Date(start.getTime() + 30_000) });
    const flags = flagRatings([quick, considered], null);
    expect(flags.get(1)).toEqual(['fastRating']);
    expect(flags.get(2)).toEqual([]);
  });

  it('mark identical comments, ignoring spaces, punctuation and case, but not short ones', () => {
    expect(normalizeComment(' 讲得很好，谢谢！ ')).toBe(normalizeComment('讲得很好谢谢'));
    const rows = [
      row(1, { comment: '讲得很好，谢谢！' }),
      row(2, { comment: '讲得很好 谢谢' }),
      row(3, { comment: '好' }),
      row(4, { comment: '好' }),
      row(5, { comment: '讲得很好，下次还来' }),
    ];
    const flags = flagRatings(rows, null);
    expect([1, 2, 3, 4, 5].map((id) => flags.get(id))).toEqual([
      ['duplicateComment'],
      ['duplicateComment'],
      [],
      [],
      [],
    ]);
  });

  it("mark scores far from the organization's usual average, when there is one", () => {
    const rows = [row(1, { score: 1 }), row(2, { score: 3 }), row(3, { score: 5 })];
    const flags = flagRatings(rows, 4.2);
    expect([1, 2, 3].map((id) => flags.get(id))).toEqual([['farFromUsual'], [], []]);
    expect(flagRatings(rows, null).get(1)).toEqual([]);
  });
});

describe('excluding a rating', () => {
  let world: Awaited<ReturnType<typeof deliveryWorld>>;
  let eventId: number;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    world = await deliveryWorld();
    eventId = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
    // One worker rates at once (flagged), one after the talk (not flagged).
    rate(eventId, checkInWorker(eventId), { score: 5, comment: '', tags: [], edit: false });
    const patient = checkInWorker(eventId);
    vi.setSystemTime(start.getTime() + 3600_000);
    rate(eventId, patient, { score: 4, comment: '', tags: [], edit: false });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function ratingIds() {
    const rows = eventIntegrity(world.commissioner, eventId).ratings;
    return { flagged: rows.find((r) => r.flags.length)!.id, clean: rows.find((r) => !r.flags.length)!.id };
  }

  it('needs a flag and a reason, records who and why, and drops it from the figures', () => {
    const { flagged, clean } = ratingIds();
    expect(() => excludeRating(world.commissioner, eventId, flagged, '  ')).toThrow('errors.reasonRequired');
    expect(() => excludeRating(world.commissioner, eventId, clean, '看着可疑')).toThrow('delivery.errors.notFlagged');
    expect(eventFigures(eventId).ratings).toBe(2);

    excludeRating(world.reviewer, eventId, flagged, '签到后 5 秒即评价，现场核实无此人');
    const stored = db.select().from(ratings).where(eq(ratings.id, flagged)).get()!;
    expect(stored).toMatchObject({
      excludedReason: '签到后 5 秒即评价，现场核实无此人',
      excludedBy: world.reviewer.id,
    });
    expect(stored.excludedAt).toEqual(new Date(start.getTime() + 3600_000));
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'rating.exclude'), eq(auditLog.subjectId, flagged)))
      .get()!;
    expect(entry).toMatchObject({
      actorId: world.reviewer.id,
      data: { reason: stored.excludedReason, flags: ['fastRating'] },
      before: { excludedReason: null },
      after: { excludedReason: stored.excludedReason, excludedBy: world.reviewer.id },
    });
    expect(eventFigures(eventId)).toMatchObject({ ratings: 1, averageScore: 4, satisfaction: 1 });
    expect(() => excludeRating(world.commissioner, eventId, flagged, '再次')).toThrow(
      'delivery.errors.alreadyExcluded',
    );

    restoreRating(world.commissioner, eventId, flagged);
    expect(eventFigures(eventId).ratings).toBe(2);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'rating.restore')).all()).toHaveLength(1);
  });

  it('is for the overseeing union only: not the organization, not read-only leadership', () => {
    const { flagged } = ratingIds();
    expect(() => eventIntegrity(world.owner, eventId)).toThrow(Response);
    expect(() => excludeRating(world.owner, eventId, flagged, '不喜欢')).toThrow(Response);
    expect(eventIntegrity(world.leadership, eventId).canExclude).toBe(false);
    expect(() => excludeRating(world.leadership, eventId, flagged, '可疑')).toThrow(Response);
    expect(() => excludeRating(world.incubatorManager, eventId, flagged, '可疑')).toThrow(Response);
    expect(eventFigures(eventId).ratings).toBe(2);
  });
});
