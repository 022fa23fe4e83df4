import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { recordContractEvaluation } from './evaluations.server';
import { incubatorFixture, organizationFixture, residencyFixture } from '../../tests/fixtures/incubation';
import { parseCatalogQuery } from '~/catalog/query';
import { searchCatalog } from '~/catalog/search.server';
import { addDays, shanghaiDate } from '~/lib/time';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { isEligible, proposedTrackRecord } from '~/procurement/eligibility.server';
import { loader as organizationPage } from '~/routes/orgs.$orgId';

/**
 * One grade scale everywhere, because two disagreed: an organization page showed "最近评估等级 不合格" beside "绩效评估 69.9 合格". The
 * recorded evaluation was graded by its incubator's own thresholds (合格 from 70), the live one by
 * the platform's (合格 from 60). Such thresholds may still sit in an incubator's stored settings.
 */
const legacySettings = {
  evaluation: { thresholds: { excellent: 95, good: 80, pass: 70 } },
  performance: { thresholds: { excellent: 95, good: 80, pass: 70 } },
  exit: { graduationGrade: 'pass' },
};

/** 2 of 4 sessions accepted, every rating a 5, no report filed: 69.9 once judged 54/100. */
function contractScoring69point9(unionId: number, organizationId: number, reviewerId: number) {
  const today = shanghaiDate(now());
  const contractId = db
    .insert(s.contracts)
    .values({
      unionId,
      organizationId,
      title: '职工心理疏导服务',
      category: 'counselling',
      amountFen: 1_000_000,
      sessions: 4,
      periodStart: addDays(today, -60),
      periodEnd: addDays(today, 60),
      state: 'active',
    })
    .returning()
    .get().id;
  for (const daysAgo of [40, 20]) {
    const startsAt = new Date(`${addDays(today, -daysAgo)}T14:00:00+08:00`);
    const eventId = db
      .insert(s.events)
      .values({
        organizationId,
        contractId,
        title: '驿站心理讲座',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600_000),
        venueType: 'station',
        capacity: 50,
        checkinSecret: 'x',
        state: 'accepted',
        createdAt: new Date(startsAt.getTime() - 7 * 24 * 3600_000),
      })
      .returning()
      .get().id;
    for (const i of [1, 2]) {
      const checkinId = db
        .insert(s.checkins)
        .values({ eventId, deviceHash: `device-${eventId}-${i}`, verification: 'sms' })
        .returning()
        .get().id;
      db.insert(s.ratings).values({ checkinId, eventId, score: 5 }).run();
    }
  }
  // (0.5×25 + 1×25 + 1×10 + 0×10 + 1×10 + 0.54×10) ÷ 90 = 69.9
  transaction((tx) =>
    recordContractEvaluation(tx, contractId, 'review', {
      judgement: 0.54,
      adjustment: 0,
      reason: null,
      by: reviewerId,
    }),
  );
}

describe('one grade scale: the organization page, the catalog and tenders agree', () => {
  const fx = incubatorFixture();
  const { organizationId } = organizationFixture();

  beforeAll(() => {
    residencyFixture(fx.incubatorId, organizationId);
    db.update(s.incubators)
      .set({ settings: legacySettings as never })
      .where(eq(s.incubators.id, fx.incubatorId))
      .run();
    db.insert(s.offerings)
      .values({
        organizationId,
        title: '职工情绪疏导讲座',
        category: 'counselling',
        format: 'station',
        durationMinutes: 90,
        capacity: 50,
        priceFen: 200_000,
        state: 'published',
      })
      .run();
    contractScoring69point9(fx.unionId, organizationId, fx.reviewerId);
  });

  it('grades 69.9 合格 on the organization page, both live and as last recorded', async () => {
    const page = (await organizationPage({
      request: new Request('http://test.local/'),
      params: { orgId: String(organizationId) },
      context: {},
    } as never))!;
    expect(page.evaluation.result).toEqual({ score: 69.9, grade: 'pass' });
    expect(page.trackRecord.latestEvaluation).toMatchObject({ score: 69.9, grade: 'pass' });
  });

  it('lists the organization in the catalog under “合格 or better”', () => {
    const { results } = searchCatalog(parseCatalogQuery(new URLSearchParams('grade=pass')).query);
    expect(results.find((r) => r.organizationId === organizationId)?.grade).toBe('pass');
  });

  it('proposes 合格 as its track record and admits it to a tender for 合格 or better', () => {
    expect(proposedTrackRecord(organizationId)).toEqual({ score: 70, grade: 'pass' });
    const tender = { unionId: fx.unionId, eligibility: 'min_grade', minGrade: 'pass' };
    expect(isEligible(tender as Parameters<typeof isEligible>[0], organizationId)).toBe(true);
  });
});
