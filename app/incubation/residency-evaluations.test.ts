import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import {
  evaluationResult,
  measureResident,
  nextEvaluationPeriod,
  openEvaluation,
  publishEvaluation,
  scoreEvaluation,
} from './residency-evaluations.server';
import { requireIncubator, updateSettings } from './incubators.server';
import { decideExitReview } from './residencies.server';
import { defaultSettings, effectiveSettings } from './settings';
import { addUser, signedInRequest, viewerFor } from '../../tests/fixtures/accounts';
import { incubatorFixture, organizationFixture, residencyFixture } from '../../tests/fixtures/incubation';
import { loader as evaluationPage } from '~/routes/residencies.$residencyId.evaluations.$evaluationId';
import { loader as handbookPage } from '~/routes/incubators.$incubatorId.handbook';
import { gradeMinimums } from '~/evaluation/grades';
import { weightedScore } from '~/evaluation/model';
import type { EventState } from '~/delivery/machine';
import { db } from '~/lib/db.server';

describe('the weighted score under an incubator’s settings, computed by hand', () => {
  const { weights } = defaultSettings.evaluation; // 20 / 15 / 25 / 15 / 15 / 10

  it('weights every indicator; values above 1 count as 1', () => {
    const indicators = {
      sessions: 0.8,
      workerVisits: 1.2,
      satisfaction: 0.9,
      onTime: 0.5,
      governance: 0.7,
      growth: 0.6,
    };
    // 0.8×20 + 1×15 + 0.9×25 + 0.5×15 + 0.7×15 + 0.6×10 = 16 + 15 + 22.5 + 7.5 + 10.5 + 6 = 77.5
    expect(weightedScore(indicators, weights)).toEqual({ score: 77.5, grade: 'good' });
  });

  it('leaves out indicators without data and rescales the rest', () => {
    const indicators = {
      sessions: 0.8,
      workerVisits: 1,
      satisfaction: null,
      onTime: null,
      governance: 0.7,
      growth: 0.6,
    };
    // (16 + 15 + 10.5 + 6) ÷ (20 + 15 + 15 + 10) = 47.5 ÷ 60 = 79.17 → 79.2
    expect(weightedScore(indicators, weights)).toEqual({ score: 79.2, grade: 'good' });
  });
});

/**
 * A resident with three contracts and their events, ratings and check-ins in 2025; evaluated for
 * the first half of 2025 (181 days).
 */
function platformData() {
  const fx = incubatorFixture();
  const { organizationId, ownerId } = organizationFixture();
  const residencyId = residencyFixture(fx.incubatorId, organizationId, 700);
  const contract = (sessions: number, minWorkerVisits: number, periodStart: string, periodEnd: string) =>
    db
      .insert(s.contracts)
      .values({
        unionId: fx.unionId,
        organizationId,
        title: `合同 ${periodStart}`,
        category: 'counselling',
        amountFen: 1_000_000,
        sessions,
        minWorkerVisits,
        periodStart,
        periodEnd,
        state: 'active',
      })
      .returning()
      .get().id;
  let device = 0;
  const event = (
    contractId: number,
    day: string,
    state: EventState,
    checkins: number,
    walkIns = 0,
    scores: number[] = [],
  ) => {
    const startsAt = new Date(`${day}T14:00:00+08:00`);
    const eventId = db
      .insert(s.events)
      .values({
        organizationId,
        contractId,
        title: '驿站心理讲座',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600_000),
        venueType: 'station',
        capacity: 100,
        walkIns,
        // Walk-ins count once a reviewer admits them; here they were.
        attendanceReview: walkIns ? 'admitted' : null,
        checkinSecret: 'x',
        state,
        createdAt: new Date(startsAt.getTime() - 7 * 24 * 3600_000),
      })
      .returning()
      .get().id;
    for (let i = 0; i < checkins; i++) {
      const checkinId = db
        .insert(s.checkins)
        .values({ eventId, deviceHash: `device-${++device}`, verification: 'sms' })
        .returning()
        .get().id;
      if (scores[i] !== undefined) db.insert(s.ratings).values({ checkinId, eventId, score: scores[i]! }).run();
    }
  };
  // A: the whole year, 10 sessions and 200 worker-visits; not due in the period.
  const a = contract(10, 200, '2025-01-01', '2025-12-31');
  event(a, '2025-03-05', 'accepted', 20, 0, [5, 5, 4, 3, 2]);
  event(a, '2025-04-10', 'accepted', 15);
  event(a, '2025-05-20', 'accepted', 10, 5);
  event(a, '2025-06-20', 'scheduled', 30); // not delivered
  event(a, '2025-08-01', 'accepted', 40); // after the period
  // B: inside the period, 2 sessions, both delivered in time.
  const b = contract(2, 0, '2025-03-01', '2025-05-31');
  event(b, '2025-03-15', 'accepted', 5);
  event(b, '2025-05-15', 'accepted', 5);
  // C: inside the period, 4 sessions, only 1 delivered.
  const c = contract(4, 0, '2025-04-01', '2025-06-15');
  event(c, '2025-04-20', 'accepted', 4);
  return { fx, organizationId, ownerId, residencyId };
}

describe('what the platform measures about a resident', () => {
  it('counts delivered sessions, worker-visits, satisfaction and on-time contracts for the period', () => {
    const { organizationId } = platformData();
    const measured = measureResident(db, organizationId, { start: '2025-01-01', end: '2025-06-30' });
    // Due in the period: A prorated 10 × 181/365 = 4.96 sessions and 200 × 181/365 = 99.18 visits; B 2; C 4.
    expect(measured.figures).toEqual({
      sessionsDelivered: 6,
      expectedSessions: 11,
      workerVisits: 20 + 15 + 10 + 5 + 5 + 5 + 4,
      expectedVisits: 99.2,
      ratings: 5,
      contractsDue: 2,
      contractsOnTime: 1,
      pending: { sessions: 0, walkIns: 0, checkins: 0 },
    });
    expect(measured.indicators.sessions).toBeCloseTo(6 / (10 * (181 / 365) + 2 + 4), 10);
    expect(measured.indicators.workerVisits).toBeCloseTo(64 / (200 * (181 / 365)), 10);
    expect(measured.indicators.satisfaction).toBe(3 / 5);
    expect(measured.indicators.onTime).toBe(1 / 2);
  });

  it('has nothing to measure for a resident without contracts or ratings', () => {
    const fx = incubatorFixture();
    const { organizationId } = organizationFixture();
    residencyFixture(fx.incubatorId, organizationId);
    expect(measureResident(db, organizationId, { start: '2025-01-01', end: '2025-06-30' }).indicators).toEqual({
      sessions: null,
      workerVisits: null,
      satisfaction: null,
      onTime: null,
    });
  });
});

describe('a periodic evaluation', () => {
  let data: ReturnType<typeof platformData>;
  let evaluationId: number;

  beforeAll(async () => {
    data = platformData();
    const manager = await viewerFor(data.fx.managerId);
    evaluationId = openEvaluation(manager, data.residencyId, { start: '2025-01-01', end: '2025-06-30' });
    scoreEvaluation(await viewerFor(data.fx.reviewerId), data.residencyId, evaluationId, {
      scores: { governance: 80, growth: 70 },
      comment: '',
    });
    const secondReviewer = addUser('第二位评审');
    db.insert(s.staffRoles).values({ unionId: data.fx.unionId, userId: secondReviewer, role: 'reviewer' }).run();
    scoreEvaluation(await viewerFor(secondReviewer), data.residencyId, evaluationId, {
      scores: { governance: 90, growth: 70 },
      comment: '',
    });
  });

  async function pages(userId: number) {
    const args = (params: Record<string, string>) =>
      ({ request: signedInRequest(userId), params, context: {} }) as never;
    const handbook = await handbookPage(args({ incubatorId: String(data.fx.incubatorId) }));
    const evaluation = await evaluationPage(
      args({ residencyId: String(data.residencyId), evaluationId: String(evaluationId) }),
    );
    const table = handbook.chapters.find((c) => c.slug === '03-evaluation')!.blocks.find((b) => b.type === 'table')!;
    const sessionsRow = table.type === 'table' ? table.rows[0]! : [];
    return { sessionsWeight: sessionsRow.at(-1)![0]!.text, score: evaluation.result!.score };
  }

  it('follows a changed weight on the handbook page and in the computed score', async () => {
    // Hand computation: sessions 0.5475, visits 0.6453, satisfaction 0.6, on time 0.5, governance
    // (80 + 90) ÷ 2 = 0.85, growth 0.7.
    // Defaults 20/15/25/15/15/10: 10.95 + 9.68 + 15 + 7.5 + 12.75 + 7 = 62.88 → 62.9
    expect(await pages(data.fx.managerId)).toEqual({ sessionsWeight: '20', score: 62.9 });

    const settings = requireIncubator(data.fx.incubatorId).settings;
    const weights = { ...settings.evaluation.weights, sessions: 40, satisfaction: 5 };
    updateSettings(await viewerFor(data.fx.managerId), data.fx.incubatorId, {
      ...settings,
      evaluation: { ...settings.evaluation, weights },
    });
    // 40/15/5/15/15/10: 21.9 + 9.68 + 3 + 7.5 + 12.75 + 7 = 61.83 → 61.8
    expect(await pages(data.fx.managerId)).toEqual({ sessionsWeight: '40', score: 61.8 });
  });

  it('is recorded, frozen and announced when published', async () => {
    const manager = await viewerFor(data.fx.managerId);
    publishEvaluation(manager, data.residencyId, evaluationId);
    const round = db.select().from(s.residencyEvaluations).where(eq(s.residencyEvaluations.id, evaluationId)).get()!;
    expect(round.state).toBe('published');
    expect(round.score).toBe(61.8);
    expect(round.grade).toBe('pass');
    const recorded = db.select().from(s.evaluations).where(eq(s.evaluations.id, round.evaluationId!)).get()!;
    expect(recorded).toMatchObject({
      organizationId: data.organizationId,
      incubatorId: data.fx.incubatorId,
      periodStart: '2025-01-01',
      periodEnd: '2025-06-30',
      basis: 'period',
      score: 61.8,
      grade: 'pass',
    });
    expect(Object.keys(recorded.indicators).sort()).toEqual(
      ['governance', 'growth', 'onTime', 'satisfaction', 'sessions', 'workerVisits'].sort(),
    );
    const notices = db.select().from(s.notifications).where(eq(s.notifications.userId, data.ownerId)).all();
    expect(notices.map((n) => n.template)).toContain('evaluation_published');

    // Later changes to the settings do not rewrite a published result.
    const settings = requireIncubator(data.fx.incubatorId).settings;
    updateSettings(manager, data.fx.incubatorId, defaultSettings);
    const view = evaluationResult(db, round, data.organizationId, {
      ...settings,
      evaluation: { ...settings.evaluation, ...round.model! },
    });
    expect(view.result!.score).toBe(61.8);
    expect((await pages(data.fx.managerId)).score).toBe(61.8);
  });

  it('lets a pass grade not graduate when the handbook asks for good', async () => {
    const manager = await viewerFor(data.fx.managerId);
    expect(() => decideExitReview(manager, data.residencyId, { decision: 'graduate', reason: '期满' })).toThrow(
      expect.objectContaining({ messageKey: 'incubation.errors.graduationGrade' }),
    );
    updateSettings(manager, data.fx.incubatorId, effectiveSettings({ exit: { graduationGrade: 'pass' } }));
    decideExitReview(manager, data.residencyId, { decision: 'graduate', reason: '期满，评估合格。' });
    expect(db.select().from(s.residencies).where(eq(s.residencies.id, data.residencyId)).get()!.state).toBe(
      'graduated',
    );
  });
});

describe('an incubator whose stored settings still carry its own grade thresholds', () => {
  let data: ReturnType<typeof platformData>;
  let evaluationId: number;

  beforeAll(async () => {
    data = platformData();
    // As an incubator could save them before decision 097: 合格 from 70.
    const legacy = {
      evaluation: { thresholds: { excellent: 95, good: 80, pass: 70 } },
      exit: { graduationGrade: 'pass' },
    };
    db.update(s.incubators)
      .set({ settings: legacy as never })
      .where(eq(s.incubators.id, data.fx.incubatorId))
      .run();
    const manager = await viewerFor(data.fx.managerId);
    evaluationId = openEvaluation(manager, data.residencyId, { start: '2025-01-01', end: '2025-06-30' });
    scoreEvaluation(await viewerFor(data.fx.reviewerId), data.residencyId, evaluationId, {
      scores: { governance: 85, growth: 70 },
      comment: '',
    });
  });

  const page = async () => {
    return evaluationPage({
      request: signedInRequest(data.fx.managerId),
      params: { residencyId: String(data.residencyId), evaluationId: String(evaluationId) },
      context: {},
    } as never);
  };

  it('loads them, grades on the one scale, and graduates 合格 when 合格 is the graduation grade', async () => {
    expect(requireIncubator(data.fx.incubatorId).settings).toEqual(
      effectiveSettings({ exit: { graduationGrade: 'pass' } }),
    );
    const manager = await viewerFor(data.fx.managerId);
    publishEvaluation(manager, data.residencyId, evaluationId);
    const round = db.select().from(s.residencyEvaluations).where(eq(s.residencyEvaluations.id, evaluationId)).get()!;
    // The same data as above with the default weights: 62.9, 合格 from 60.
    expect(round).toMatchObject({ score: 62.9, grade: 'pass', model: { thresholds: gradeMinimums } });
    expect((await page()).scale).toEqual(gradeMinimums);
    decideExitReview(manager, data.residencyId, { decision: 'graduate', reason: '期满，评估合格。' });
    expect(db.select().from(s.residencies).where(eq(s.residencies.id, data.residencyId)).get()!.state).toBe(
      'graduated',
    );
  });

  it('shows a result published under the old thresholds as it was published', async () => {
    const old = { excellent: 95, good: 80, pass: 70 };
    const round = db.select().from(s.residencyEvaluations).where(eq(s.residencyEvaluations.id, evaluationId)).get()!;
    db.update(s.residencyEvaluations)
      .set({ grade: 'fail', model: { ...round.model!, thresholds: old } })
      .where(eq(s.residencyEvaluations.id, evaluationId))
      .run();
    const view = await page();
    expect(view.result).toEqual({ score: 62.9, grade: 'fail' });
    expect(view.scale).toEqual(old);
  });
});

describe('the period a new evaluation proposes', () => {
  const term = { startsOn: '2026-03-01', endsOn: '2027-02-28' };

  it('runs from the term’s start, or the day after the last published evaluation, to today', () => {
    expect(nextEvaluationPeriod(term, undefined, '2026-12-07')).toEqual({ start: '2026-03-01', end: '2026-12-07' });
    expect(nextEvaluationPeriod(term, '2026-08-31', '2026-12-07')).toEqual({ start: '2026-09-01', end: '2026-12-07' });
  });

  it('never starts after it ends', () => {
    // The last evaluation ran to today: the day after would be tomorrow.
    expect(nextEvaluationPeriod(term, '2026-12-07', '2026-12-07')).toEqual({ start: '2026-12-07', end: '2026-12-07' });
    // A term admitted to start next month.
    expect(nextEvaluationPeriod({ startsOn: '2027-01-01', endsOn: '2027-12-31' }, undefined, '2026-12-07')).toEqual({
      start: '2026-12-07',
      end: '2026-12-07',
    });
  });

  it('ends with the term once the term has ended', () => {
    expect(nextEvaluationPeriod(term, '2026-12-31', '2027-06-01')).toEqual({ start: '2027-01-01', end: '2027-02-28' });
  });
});
