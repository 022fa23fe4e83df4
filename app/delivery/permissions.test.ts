import { describe, expect, it } from 'vitest';
import { eventMachine, type EventState } from './machine';
import {
  checkinClosesAfterMs,
  checkinOpensBeforeMs,
  checkinWindow,
  eventAbilities,
  mayDecideAssertions,
  mayFileReport,
  mayRate,
  mayRecordWalkIns,
  mayReviewAttendance,
  mayReviewReport,
  ratingClosesAfterMs,
  ratingEditableMs,
  type EventStanding,
} from './permissions';

const startsAt = new Date('2026-11-24T06:00:00Z');
const endsAt = new Date(startsAt.getTime() + 90 * 60_000);
const during = new Date(startsAt.getTime() + 10 * 60_000);
const after = new Date(endsAt.getTime() + 60_000);
const event = (state: EventState) => ({ state, startsAt, endsAt });

const nobody: EventStanding = { asOrganization: false, reviewAs: null, checksIntegrity: false };
const organization: EventStanding = { ...nobody, asOrganization: true };
const commissioner: EventStanding = { ...nobody, reviewAs: 'commissioner', checksIntegrity: true };
const reviewer: EventStanding = { ...nobody, checksIntegrity: true };

describe('event permissions, for each role in each state', () => {
  const table = eventMachine.states.flatMap((state) =>
    [
      ['organization', organization],
      ['commissioner', commissioner],
      ['reviewer', reviewer],
      ['nobody', nobody],
    ].map(([name, standing]) => [state, name, standing] as const),
  );

  it.each(table)('%s, as %s', (state, name, standing) => {
    const can = eventAbilities(event(state), standing as EventStanding, after);
    const reportable = name === 'organization' && (state === 'scheduled' || state === 'returned');
    expect(can.fileReport).toBe(reportable);
    expect(can.deletePhoto).toBe(reportable);
    expect(can.recordWalkIns).toBe(reportable);
    expect(can.presentCode).toBe(name === 'organization' && state === 'scheduled');
    expect(can.reviewReport).toBe(name === 'commissioner' && state === 'reported');
    expect(can.reviewAttendance).toBe((name === 'commissioner' || name === 'reviewer') && state !== 'cancelled');
  });

  it('files a report only once the event is over, and counts walk-ins only once it started', () => {
    expect(mayFileReport(event('scheduled'), organization, during)).toEqual({
      messageKey: 'errors.eventNotOver',
      status: 409,
    });
    expect(mayRecordWalkIns(event('scheduled'), organization, during)).toBeNull();
    expect(mayRecordWalkIns(event('scheduled'), organization, new Date(startsAt.getTime() - 1))).toEqual({
      messageKey: 'delivery.errors.walkInsBeforeStart',
      status: 409,
    });
  });

  it('refuses who is not the organization or the reviewing union as forbidden, a wrong state as illegal', () => {
    expect(mayFileReport(event('scheduled'), commissioner, after)).toBe('forbidden');
    expect(mayReviewReport(event('reported'), reviewer)).toBe('forbidden');
    expect(mayReviewReport(event('accepted'), commissioner)).toEqual({
      messageKey: 'errors.illegalTransition',
      status: 409,
    });
    expect(mayReviewReport(event('reported'), { ...nobody, reviewAs: 'incubator_manager' })).toBeNull();
  });

  it('decides what the organization only asserts once the event is accepted', () => {
    expect(mayDecideAssertions(event('reported'), reviewer)).toEqual({
      messageKey: 'delivery.attendance.errors.notAccepted',
      status: 409,
    });
    expect(mayDecideAssertions(event('accepted'), reviewer)).toBeNull();
    expect(mayReviewAttendance(event('accepted'), organization)).toBe('forbidden');
  });
});

describe('when a worker may check in and rate', () => {
  it('checks in from 30 minutes before the start to an hour after the end, while scheduled', () => {
    const at = (ms: number) => checkinWindow(event('scheduled'), new Date(ms));
    expect(at(startsAt.getTime() - checkinOpensBeforeMs - 1)).toBe('before');
    expect(at(startsAt.getTime() - checkinOpensBeforeMs)).toBe('open');
    expect(at(endsAt.getTime() + checkinClosesAfterMs)).toBe('open');
    expect(at(endsAt.getTime() + checkinClosesAfterMs + 1)).toBe('closed');
    expect(checkinWindow(event('reported'), during)).toBe('closed');
  });

  const worker = { checkedIn: true, rating: null, edit: false };

  it('rates once checked in, from the start until 7 days after the end, never a cancelled event', () => {
    expect(mayRate(event('scheduled'), { ...worker, checkedIn: false }, during)).toEqual({
      messageKey: 'errors.checkInFirst',
      status: 403,
    });
    expect(mayRate(event('scheduled'), worker, new Date(startsAt.getTime() - 1))).toMatchObject({
      messageKey: 'delivery.errors.ratingNotYet',
    });
    expect(mayRate(event('accepted'), worker, new Date(endsAt.getTime() + ratingClosesAfterMs))).toBeNull();
    expect(mayRate(event('accepted'), worker, new Date(endsAt.getTime() + ratingClosesAfterMs + 1))).toMatchObject({
      messageKey: 'errors.ratingClosed',
    });
    expect(mayRate(event('cancelled'), worker, during)).toMatchObject({ messageKey: 'errors.ratingClosed' });
  });

  it('changes a rating, never gives a second, and only within 24 hours', () => {
    const rating = { createdAt: during };
    expect(mayRate(event('scheduled'), { ...worker, rating }, after)).toMatchObject({
      messageKey: 'errors.alreadyRated',
    });
    expect(mayRate(event('scheduled'), { ...worker, rating, edit: true }, after)).toBeNull();
    const late = new Date(during.getTime() + ratingEditableMs + 1);
    expect(mayRate(event('scheduled'), { ...worker, rating, edit: true }, late)).toMatchObject({
      messageKey: 'errors.ratingNoLongerEditable',
    });
  });
});
