import { gradeFor, gradeMinimums, nextGrade } from './grades';

/**
 * The evaluation model: indicators in [0, 1], weighted into a 0–100 score, graded on the one scale
 * of `./grades`. These weights are the defaults; an incubator may pass its own to every function
 * that takes them. Definitions: docs/decisions/060-evaluation-indicators.md.
 */
export const indicators = [
  'completion',
  'attendance',
  'satisfaction',
  'coverage',
  'timeliness',
  'complaints',
  'judgement',
] as const;
export type Indicator = (typeof indicators)[number];
export type IndicatorValues = Record<Indicator, number | null>;

export type Weights = Record<string, number>;

/** The default weights (they sum to 100). */
export const baseWeights = {
  completion: 25,
  attendance: 10,
  satisfaction: 25,
  coverage: 10,
  timeliness: 10,
  complaints: 10,
  judgement: 10,
} satisfies Record<Indicator, number>;

export type Model = { weights: Weights };
export const defaultModel: Model = { weights: baseWeights };

/** A completion report is on time when filed within this many days of the event's end. */
export const reportDeadlineDays = 3;

/** A reviewer may move a computed score by at most this many points, and must say why. */
export const maxAdjustment = 10;

/** What the indicators are computed from: counts over one contract, or summed over several. */
export type Facts = {
  contractedSessions: number;
  deliveredSessions: number;
  workerVisits: number;
  /** Worker-visits the delivered sessions were expected to reach. */
  attendanceTarget: number;
  ratings: number;
  satisfiedRatings: number;
  checkins: number;
  /** Completion reports filed, plus those not filed whose deadline has passed. */
  reportsDue: number;
  reportsOnTime: number;
  upheldComplaints: number;
  /** The reviewers' judgement on a 0–1 scale, or null when nobody has judged. */
  judgement: number | null;
};

export const noFacts: Facts = {
  contractedSessions: 0,
  deliveredSessions: 0,
  workerVisits: 0,
  attendanceTarget: 0,
  ratings: 0,
  satisfiedRatings: 0,
  checkins: 0,
  reportsDue: 0,
  reportsOnTime: 0,
  upheldComplaints: 0,
  judgement: null,
};

const ratio = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : null);

/** An indicator is null when there is nothing to measure it on; it is then left out of the score. */
export function indicatorValues(facts: Facts): IndicatorValues {
  const complaintsMeasurable = facts.deliveredSessions > 0 || facts.upheldComplaints > 0;
  return {
    completion: ratio(facts.deliveredSessions, facts.contractedSessions),
    attendance: ratio(facts.workerVisits, facts.attendanceTarget),
    satisfaction: ratio(facts.satisfiedRatings, facts.ratings),
    coverage: ratio(facts.ratings, facts.checkins),
    timeliness: ratio(facts.reportsOnTime, facts.reportsDue),
    complaints: complaintsMeasurable
      ? Math.max(0, 1 - facts.upheldComplaints / Math.max(1, facts.deliveredSessions))
      : null,
    judgement: facts.judgement,
  };
}

/** Several contracts' facts as one: counts add up, the judgement is the mean of those given. */
export function addFacts(list: Facts[]): Facts {
  const total = { ...noFacts };
  const judged = list.map((f) => f.judgement).filter((j): j is number => j !== null);
  for (const facts of list) {
    for (const key of Object.keys(total) as (keyof Facts)[]) {
      if (key !== 'judgement') total[key] += facts[key];
    }
  }
  total.judgement = judged.length ? judged.reduce((a, b) => a + b, 0) / judged.length : null;
  return total;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Missing indicators (null) are left out and the remaining weights rescaled. */
export function weightedScore(values: Partial<Record<string, number | null>>, weights: Weights = baseWeights) {
  let total = 0;
  let weightSum = 0;
  for (const [name, weight] of Object.entries(weights)) {
    const value = values[name];
    if (value === null || value === undefined || weight <= 0) continue;
    total += Math.min(1, Math.max(0, value)) * weight;
    weightSum += weight;
  }
  if (weightSum === 0) return null;
  const score = Math.round((total / weightSum) * 1000) / 10;
  return { score, grade: gradeFor(score) };
}

/** The computed score moved by a reviewer's adjustment, kept within 0–100. */
export function adjustedScore(computed: number, adjustment: number) {
  const score = oneDecimal(Math.min(100, Math.max(0, computed + adjustment)));
  return { score, grade: gradeFor(score) };
}

/**
 * What would raise the grade: the points to the next grade, and for each indicator below full
 * marks how many points bringing it to 100% would add, largest first.
 */
export function improvements(values: IndicatorValues, model: Model = defaultModel) {
  const result = weightedScore(values, model.weights);
  if (!result) return null;
  const next = nextGrade(result.score);
  const weightSum = indicators.reduce(
    (sum, name) => sum + (values[name] === null ? 0 : Math.max(0, model.weights[name] ?? 0)),
    0,
  );
  const options = indicators
    .filter((name) => values[name] !== null && values[name]! < 1 && (model.weights[name] ?? 0) > 0)
    .map((name) => ({
      indicator: name,
      value: values[name]!,
      gain: oneDecimal(((1 - values[name]!) * model.weights[name]! * 100) / weightSum),
    }))
    .sort((a, b) => b.gain - a.gain);
  return {
    score: result.score,
    grade: result.grade,
    nextGrade: next,
    pointsNeeded: next ? oneDecimal(gradeMinimums[next] - result.score) : 0,
    options,
  };
}
