import { describe, expect, it } from 'vitest';
import { gradeFor, gradeMinimums, grades, meetsGrade, nextGrade, passingGrades } from './grades';

describe('the grade scale', () => {
  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.9, 'good'],
    [75, 'good'],
    [74.9, 'pass'],
    [69.9, 'pass'],
    [60, 'pass'],
    [59.9, 'fail'],
    [0, 'fail'],
  ])('%s points is %s', (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });

  it('runs best first, each passing grade above the next', () => {
    expect(grades).toEqual([...passingGrades, 'fail']);
    const minimums = passingGrades.map((grade) => gradeMinimums[grade]);
    expect(minimums).toEqual([...minimums].sort((a, b) => b - a));
  });

  it('says whether a grade is a minimum or better', () => {
    expect(meetsGrade('excellent', 'pass')).toBe(true);
    expect(meetsGrade('pass', 'pass')).toBe(true);
    expect(meetsGrade('pass', 'good')).toBe(false);
    expect(meetsGrade('fail', 'pass')).toBe(false);
  });

  it('names the grade just above a score', () => {
    expect([0, 59.9, 60, 74.9, 75, 89.9, 90, 100].map(nextGrade)).toEqual([
      'pass',
      'pass',
      'good',
      'good',
      'excellent',
      'excellent',
      null,
      null,
    ]);
  });
});
