import { parseWithZod } from '@conform-to/zod/v4';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { requireIncubator, updateSettings } from './incubators.server';
import { settingsSchema, toSettings } from './schemas';
import { defaultSettings, flattenSettings, performanceModel, type IncubatorSettings } from './settings';
import { viewerFor } from '../../tests/fixtures/accounts';
import { incubatorFixture, organizationFixture, residencyFixture } from '../../tests/fixtures/incubation';
import {
  lastEndedQuarter,
  recordContractEvaluation,
  recordDuePeriodEvaluations,
} from '~/evaluation/evaluations.server';
import { gradeThresholds } from '~/evaluation/grades';
import { baseWeights, defaultModel, weightedScore } from '~/evaluation/model';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { loader as handbookPage } from '~/routes/incubators.$incubatorId.handbook';

/** An active contract over the quarter just ended, half delivered, with ratings of 5, 5, 4, 2. */
function contractInLastQuarter(unionId: number, organizationId: number) {
  const period = lastEndedQuarter(now());
  const contractId = db
    .insert(s.contracts)
    .values({
      unionId,
      organizationId,
      title: '职工心理疏导服务',
      category: 'counselling',
      amountFen: 1_000_000,
      sessions: 4,
      minWorkerVisits: 0,
      periodStart: period.start,
      periodEnd: period.end,
      state: 'active',
    })
    .returning()
    .get().id;
  for (const [day, scores] of [
    ['10', [5, 5]],
    ['20', [4, 2]],
  ] as const) {
    const startsAt = new Date(`${period.start.slice(0, 8)}${day}T14:00:00+08:00`);
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
    scores.forEach((score, i) => {
      const checkinId = db
        .insert(s.checkins)
        .values({ eventId, deviceHash: `device-${organizationId}-${day}-${i}`, verification: 'sms' })
        .returning()
        .get().id;
      db.insert(s.ratings).values({ checkinId, eventId, score }).run();
    });
  }
  return contractId;
}

describe('an incubator’s performance model', () => {
  const fx = incubatorFixture();
  const resident = organizationFixture();
  const outsider = organizationFixture();
  residencyFixture(fx.incubatorId, resident.organizationId);
  const weights = { ...baseWeights, completion: 45, satisfaction: 5 };

  beforeAll(async () => {
    const settings = requireIncubator(fx.incubatorId).settings;
    const changed: IncubatorSettings = { ...settings, performance: { ...settings.performance, weights } };
    updateSettings(await viewerFor(fx.managerId), fx.incubatorId, changed);
  });

  it('is stated in the handbook, with the changed weight', async () => {
    const chapter = (await handbookPage({
      request: new Request('http://test.local/'),
      params: { incubatorId: String(fx.incubatorId) },
      context: {},
    } as never))!.chapters.find((c) => c.slug === '03-evaluation')!;
    const rows = chapter.blocks.flatMap((b) => (b.type === 'table' ? b.rows : []));
    const weightOf = (name: string) => rows.find((r) => r[0]![0]!.text === name)!.at(-1)![0]!.text;
    expect(weightOf('完成率')).toBe('45');
    expect(weightOf('满意率')).toBe('5');
    expect(weightOf('评审意见')).toBe(String(baseWeights.judgement));
  });

  it('scores a resident’s quarter and contracts with it, and anyone else’s with the default', () => {
    const residentContract = contractInLastQuarter(fx.unionId, resident.organizationId);
    const outsiderContract = contractInLastQuarter(fx.unionId, outsider.organizationId);
    expect(recordDuePeriodEvaluations()).toBe(2);
    expect(recordDuePeriodEvaluations()).toBe(0);
    const periodRow = (organizationId: number) =>
      db
        .select()
        .from(s.evaluations)
        .where(and(eq(s.evaluations.organizationId, organizationId), isNull(s.evaluations.contractId)))
        .get()!;
    const mine = periodRow(resident.organizationId);
    const theirs = periodRow(outsider.organizationId);
    // Same facts: completion 2 ÷ 4 = 0.5, satisfaction 3 ÷ 4 = 0.75, coverage 1, timeliness 0 (no
    // reports), complaints 1; attendance and judgement unmeasured.
    expect(mine.indicators).toEqual(theirs.indicators);
    // Default 25/25/10/10/10: (12.5 + 18.75 + 10 + 0 + 10) ÷ 80 = 64.1
    expect(theirs).toMatchObject({ incubatorId: null, score: 64.1, grade: 'pass', model: defaultModel });
    // The incubator's 45/5/10/10/10: (22.5 + 3.75 + 10 + 0 + 10) ÷ 80 = 57.8
    expect(mine).toMatchObject({ incubatorId: fx.incubatorId, score: 57.8, grade: 'fail' });
    expect(mine.model).toEqual({
      ...performanceModel(requireIncubator(fx.incubatorId).settings),
      thresholds: gradeThresholds,
    });
    expect(weightedScore(mine.indicators, weights)!.score).toBe(57.8);

    const accepted = (contractId: number) =>
      transaction((tx) => recordContractEvaluation(tx, contractId, 'acceptance'))!;
    expect(accepted(residentContract)).toMatchObject({ incubatorId: fx.incubatorId, score: 57.8 });
    expect(accepted(outsiderContract)).toMatchObject({ incubatorId: null, score: 64.1 });
  });
});

describe('the settings form’s performance block', () => {
  const submit = (changes: Record<string, string>) => {
    const form = new FormData();
    form.set('intent', 'settings');
    for (const [key, value] of Object.entries({ ...flattenSettings(defaultSettings), ...changes }))
      form.set(key, String(value));
    return parseWithZod(form, { schema: settingsSchema });
  };

  it('round-trips the defaults', () => {
    const submission = submit({});
    expect(submission.status).toBe('success');
    if (submission.status === 'success') expect(toSettings(submission.value)).toEqual(defaultSettings);
  });

  it('refuses weights that do not add up to 100', () => {
    const result = submit({ 'performance.weights.completion': '30' }).reply();
    expect(result.error?.['performance.weights']).toEqual(['incubation.errors.weightsSum']);
  });

  it('takes no grade thresholds: a posted one is not saved', () => {
    const submission = submit({ 'performance.thresholds.pass': '70', 'evaluation.thresholds.pass': '70' });
    expect(submission.status).toBe('success');
    if (submission.status === 'success') expect(toSettings(submission.value)).toEqual(defaultSettings);
  });
});
