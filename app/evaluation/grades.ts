/**
 * The one grade scale (优秀 / 良好 / 合格 / 不合格) for every evaluation on the platform: contract
 * and quarterly evaluations, incubator evaluations and exit reviews, organization pages, the catalog
 * and tenders' track record. An incubator chooses which grade graduates a resident; it does not
 * redefine the grades. Pure, for server and browser. Why: docs/decisions/097-one-grade-scale.md.
 */

/** Best first. */
export const grades = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof grades)[number];

/** The grades a rule may require ("合格 or better"); 不合格 is what falls below them all. */
export type PassingGrade = Exclude<Grade, 'fail'>;
export const passingGrades = ['excellent', 'good', 'pass'] as const satisfies readonly PassingGrade[];

/** The lowest score (0–100) of each grade. */
export const gradeMinimums = { excellent: 90, good: 75, pass: 60 } as const satisfies Record<PassingGrade, number>;

/** The scale as an evaluation row records it, with its score and grade. */
export const gradeThresholds = passingGrades.map((grade) => ({ grade, min: gradeMinimums[grade] }));

export function gradeFor(score: number): Grade {
  return passingGrades.find((grade) => score >= gradeMinimums[grade]) ?? 'fail';
}

/** True when `grade` is `minimum` or better. */
export function meetsGrade(grade: Grade, minimum: Grade) {
  return grades.indexOf(grade) <= grades.indexOf(minimum);
}

/** The grade just above `score`'s, or null at the top. */
export function nextGrade(score: number): PassingGrade | null {
  return passingGrades.findLast((grade) => gradeMinimums[grade] > score) ?? null;
}
