import { describe, expect, it } from 'vitest';
import { applicationMachine, residencyEvaluationMachine, residencyMachine } from './machine';
import {
  applicationAbilities,
  evaluationAbilities,
  mayAdmitWithScore,
  mayCancelBooking,
  mayGraduate,
  mayExtend,
  mayScoreApplication,
  residencyAbilities,
  type IncubationStanding,
} from './permissions';
import { defaultSettings } from './settings';

const nobody: IncubationStanding = { member: false, manager: false, reviewer: false };
const roles = {
  member: { ...nobody, member: true },
  manager: { ...nobody, manager: true },
  reviewer: { ...nobody, reviewer: true },
  nobody,
} satisfies Record<string, IncubationStanding>;
const each = <S extends string>(states: readonly S[]) =>
  states.flatMap((state) => Object.entries(roles).map(([role, standing]) => [state, role, standing] as const));

describe('application permissions, for each role in each state', () => {
  it.each(each(applicationMachine.states))('%s, as %s', (state, role, standing) => {
    const can = applicationAbilities({ state }, standing);
    expect(can.edit).toBe(role === 'member' && state === 'draft');
    expect(can.withdraw).toBe(role === 'member' && ['draft', 'submitted', 'under_review'].includes(state));
    expect(can.review).toBe(role === 'manager' && state === 'submitted');
    expect(can.score).toBe(role === 'reviewer' && state === 'under_review');
    expect(can.decide).toBe(role === 'manager' && state === 'under_review');
  });

  it('refuses a reviewer who belongs to the applicant, and admits only at the pass score', () => {
    expect(mayScoreApplication({ state: 'under_review' }, { ...nobody, reviewer: true, member: true })).toEqual({
      messageKey: 'errors.conflictOfInterest',
      status: 403,
    });
    expect(mayAdmitWithScore(null, defaultSettings)).toMatchObject({ messageKey: 'incubation.errors.notScored' });
    const pass = defaultSettings.entry.passScore;
    expect(mayAdmitWithScore(pass - 0.1, defaultSettings)).toMatchObject({
      messageKey: 'incubation.errors.belowPassScore',
    });
    expect(mayAdmitWithScore(pass, defaultSettings)).toBeNull();
  });
});

describe('residency permissions, for each role in each state', () => {
  it.each(each(residencyMachine.states))('%s, as %s', (state, role, standing) => {
    const can = residencyAbilities({ state }, standing);
    expect(can.book).toBe(role === 'member' && state === 'active');
    expect(can.cancelBookings).toBe(role === 'member' || role === 'manager');
    expect(can.manage).toBe(role === 'manager' && state === 'active');
    expect(can.decideExit).toBe(role === 'manager' && state === 'active');
  });

  it("graduates a resident whose latest grade reaches the incubator's graduation grade", () => {
    const settings = { ...defaultSettings, exit: { graduationGrade: 'good' as const } };
    expect(mayGraduate('excellent', settings)).toBeNull();
    expect(mayGraduate('good', settings)).toBeNull();
    expect(mayGraduate('pass', settings)).toEqual({ messageKey: 'incubation.errors.graduationGrade', status: 409 });
    expect(mayGraduate(null, settings)).toMatchObject({ messageKey: 'incubation.errors.graduationGrade' });
    expect(mayGraduate('pass', { ...settings, exit: { graduationGrade: 'pass' } })).toBeNull();
  });

  it('extends a term at most maxExtensions times', () => {
    const max = defaultSettings.term.maxExtensions;
    expect(mayExtend(max - 1, defaultSettings)).toBeNull();
    expect(mayExtend(max, defaultSettings)).toMatchObject({ messageKey: 'incubation.errors.noMoreExtensions' });
  });

  it('cancels a booking before it starts, by its organization or the manager', () => {
    const now = new Date('2026-11-24T06:00:00Z');
    const later = { state: 'booked' as const, startsAt: new Date(now.getTime() + 60_000) };
    expect(mayCancelBooking(later, roles.member, now)).toBeNull();
    expect(mayCancelBooking(later, roles.manager, now)).toBeNull();
    expect(mayCancelBooking(later, roles.reviewer, now)).toBe('forbidden');
    expect(mayCancelBooking({ ...later, startsAt: now }, roles.member, now)).toMatchObject({
      messageKey: 'incubation.errors.bookingStarted',
    });
    expect(mayCancelBooking({ ...later, state: 'cancelled' }, roles.member, now)).toMatchObject({
      messageKey: 'errors.illegalTransition',
    });
  });
});

describe('periodic evaluation permissions, for each role in each state', () => {
  it.each(each(residencyEvaluationMachine.states))('%s, as %s', (state, role, standing) => {
    const can = evaluationAbilities({ state }, standing);
    expect(can.score).toBe(role === 'reviewer' && state === 'open');
    expect(can.close).toBe(role === 'manager' && state === 'open');
  });
});
