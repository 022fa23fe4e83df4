/**
 * The evaluation model: indicators in [0, 1], weighted into a 0–100 score, graded by thresholds.
 * These constants are the single source: the handbook and the UI show them from here.
 */
export const grades = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof grades)[number];

export type GradeThresholds = { grade: Exclude<Grade, 'fail'>; min: number }[];

export const gradeThresholds: GradeThresholds = [
  { grade: 'excellent', min: 90 },
  { grade: 'good', min: 75 },
  { grade: 'pass', min: 60 },
];

export type Weights = Record<string, number>;

/** The foundation's weights; the incubator's configurable model extends these. */
export const baseWeights = { completion: 50, satisfaction: 50 } satisfies Weights;

/** `thresholds` may be given in any order; the highest one the score reaches wins. */
export function gradeFor(score: number, thresholds: GradeThresholds = gradeThresholds): Grade {
  return [...thresholds].sort((a, b) => b.min - a.min).find((t) => score >= t.min)?.grade ?? 'fail';
}

/** Missing indicators (null) are left out and the remaining weights rescaled. */
export function weightedScore(
  indicators: Record<string, number | null>,
  weights: Weights,
  thresholds: GradeThresholds = gradeThresholds,
) {
  let total = 0;
  let weightSum = 0;
  for (const [name, weight] of Object.entries(weights)) {
    const value = indicators[name];
    if (value === null || value === undefined) continue;
    total += Math.min(1, Math.max(0, value)) * weight;
    weightSum += weight;
  }
  if (weightSum === 0) return null;
  const score = Math.round((total / weightSum) * 1000) / 10;
  return { score, grade: gradeFor(score, thresholds) };
}
