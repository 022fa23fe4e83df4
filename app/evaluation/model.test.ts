import { describe, expect, it } from 'vitest';
import {
  addFacts,
  adjustedScore,
  baseWeights,
  improvements,
  indicators,
  indicatorValues,
  noFacts,
  weightedScore,
  type Facts,
  type IndicatorValues,
} from './model';

const facts = (overrides: Partial<Facts>): Facts => ({ ...noFacts, ...overrides });
const values = (overrides: Partial<IndicatorValues>): IndicatorValues => ({
  ...(Object.fromEntries(indicators.map((name) => [name, null])) as IndicatorValues),
  ...overrides,
});

describe('the default weights', () => {
  it('weigh every indicator and sum to 100', () => {
    expect(Object.keys(baseWeights).sort()).toEqual([...indicators].sort());
    expect(Object.values(baseWeights).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('indicator values', () => {
  it('are null where there is nothing to measure', () => {
    expect(indicatorValues(noFacts)).toEqual(values({}));
  });

  it('are the ratios the definitions give, capped at 1', () => {
    const v = indicatorValues(
      facts({
        contractedSessions: 4,
        deliveredSessions: 3,
        workerVisits: 150,
        attendanceTarget: 120,
        ratings: 80,
        satisfiedRatings: 72,
        checkins: 100,
        reportsDue: 4,
        reportsOnTime: 3,
        upheldComplaints: 1,
        judgement: 0.8,
      }),
    );
    expect(v).toEqual({
      completion: 0.75,
      attendance: 1,
      satisfaction: 0.9,
      coverage: 0.8,
      timeliness: 0.75,
      complaints: 1 - 1 / 3,
      judgement: 0.8,
    });
  });

  it('count an upheld complaint against an organization that has delivered nothing yet', () => {
    expect(indicatorValues(facts({ contractedSessions: 2, upheldComplaints: 1 })).complaints).toBe(0);
    expect(indicatorValues(facts({ deliveredSessions: 2, upheldComplaints: 5 })).complaints).toBe(0);
  });
});

describe('adding facts of several contracts', () => {
  it('sums the counts and averages the judgements given', () => {
    const total = addFacts([
      facts({ contractedSessions: 2, deliveredSessions: 1, ratings: 3, judgement: 0.9 }),
      facts({ contractedSessions: 6, deliveredSessions: 6, ratings: 5, judgement: null }),
      facts({ contractedSessions: 1, judgement: 0.7 }),
    ]);
    expect(total).toMatchObject({ contractedSessions: 9, deliveredSessions: 7, ratings: 8 });
    expect(total.judgement).toBeCloseTo(0.8);
  });

  it('of no contracts is nothing', () => {
    expect(addFacts([])).toEqual(noFacts);
  });
});

describe('the weighted score', () => {
  it('leaves out missing indicators and rescales the rest', () => {
    // The loop's organization: 1 of 2 sessions, 1 rating of 2 check-ins, all satisfied, on time.
    const v = values({ completion: 0.5, satisfaction: 1, coverage: 0.5, timeliness: 1, complaints: 1 });
    // (0.5×25 + 1×25 + 0.5×10 + 1×10 + 1×10) / 80
    expect(weightedScore(v)).toEqual({ score: 78.1, grade: 'good' });
  });

  it('uses the weights passed in', () => {
    const v = values({ completion: 0.5, satisfaction: 1 });
    expect(weightedScore(v, { completion: 50, satisfaction: 50 })).toEqual({ score: 75, grade: 'good' });
  });

  it('is null when no weighted indicator can be measured', () => {
    expect(weightedScore(values({}))).toBeNull();
  });

  it('is moved by an adjustment, within 0–100', () => {
    expect(adjustedScore(85.2, 5)).toEqual({ score: 90.2, grade: 'excellent' });
    expect(adjustedScore(97, 10)).toEqual({ score: 100, grade: 'excellent' });
    expect(adjustedScore(3, -10)).toEqual({ score: 0, grade: 'fail' });
  });
});

describe('what would raise the grade', () => {
  it('gives the points to the next grade and each indicator’s headroom, largest first', () => {
    const v = values({ completion: 0.5, satisfaction: 1, coverage: 0.5, timeliness: 1, complaints: 1 });
    const result = improvements(v)!;
    expect(result).toMatchObject({ score: 78.1, grade: 'good', nextGrade: 'excellent', pointsNeeded: 11.9 });
    expect(result.options).toEqual([
      { indicator: 'completion', value: 0.5, gain: 15.6 },
      { indicator: 'coverage', value: 0.5, gain: 6.3 },
    ]);
    // Bringing every indicator to full marks gives the whole score.
    const total = result.options.reduce((sum, o) => sum + o.gain, result.score);
    expect(total).toBeCloseTo(100, 0);
  });

  it('has no next grade at the top', () => {
    expect(improvements(values({ completion: 1, satisfaction: 0.95 }))).toMatchObject({
      grade: 'excellent',
      nextGrade: null,
      pointsNeeded: 0,
    });
  });

  it('uses the weights passed in, and counts to the next grade of the one scale', () => {
    const result = improvements(values({ completion: 0.5, satisfaction: 0.3 }), {
      weights: { completion: 20, satisfaction: 80 },
    })!;
    // 0.5×20 + 0.3×80 = 34 points: 不合格, 26 short of 合格.
    expect(result).toMatchObject({ score: 34, grade: 'fail', nextGrade: 'pass', pointsNeeded: 26 });
    expect(result.options).toEqual([
      { indicator: 'satisfaction', value: 0.3, gain: 56 },
      { indicator: 'completion', value: 0.5, gain: 10 },
    ]);
  });
});
