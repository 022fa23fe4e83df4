import { eventMachine, type EventState } from './machine';
import { canTransition } from '~/lib/machine';
import { refusal, type Refusal } from '~/lib/permission';

// Who may do what to an event, and when a worker may check in and rate. Pure: loaders show these
// answers as buttons, commands enforce the same answers.

export const checkinOpensBeforeMs = 30 * 60_000;
export const checkinClosesAfterMs = 60 * 60_000;
export const ratingClosesAfterMs = 7 * 24 * 3600_000;
export const ratingEditableMs = 24 * 3600_000;

type EventTimes = { state: EventState; startsAt: Date; endsAt: Date };

/**
 * The viewer's standing toward one event: a member of its organization, and the role in which they
 * review its report on the overseeing union (the commissioner of a contract's union, the incubator
 * manager of a resident's), or null.
 */
export type EventStanding = {
  asOrganization: boolean;
  reviewAs: 'commissioner' | 'incubator_manager' | null;
  /** May decide on its attendance and ratings (admit, exclude): the overseeing union's integrity roles. */
  checksIntegrity: boolean;
};

const illegal = refusal('errors.illegalTransition');

/** The report can be (re)filed, its photos removed and walk-ins counted while scheduled or returned. */
function reportRefusal(event: EventTimes, standing: EventStanding): Refusal | null {
  if (!standing.asOrganization) return 'forbidden';
  return canTransition(eventMachine, event.state, 'report', 'organization') ? null : illegal;
}

export function mayFileReport(event: EventTimes, standing: EventStanding, now: Date): Refusal | null {
  if (!standing.asOrganization) return 'forbidden';
  if (now.getTime() < event.endsAt.getTime()) return refusal('errors.eventNotOver');
  return reportRefusal(event, standing);
}

export function mayRecordWalkIns(event: EventTimes, standing: EventStanding, now: Date): Refusal | null {
  return (
    reportRefusal(event, standing) ??
    (now.getTime() < event.startsAt.getTime() ? refusal('delivery.errors.walkInsBeforeStart') : null)
  );
}

export function mayDeletePhoto(event: EventTimes, standing: EventStanding): Refusal | null {
  return reportRefusal(event, standing);
}

/** The organization calls off a scheduled event until check-in opens; from then on workers may have attended. */
export function mayCancelEvent(event: EventTimes, standing: EventStanding, now: Date): Refusal | null {
  if (!standing.asOrganization) return 'forbidden';
  if (!canTransition(eventMachine, event.state, 'cancel', 'organization')) return illegal;
  return now.getTime() < event.startsAt.getTime() - checkinOpensBeforeMs
    ? null
    : refusal('delivery.errors.cancelAfterCheckinOpens');
}

/** Accepting and returning a report take the same transition rules. */
export function mayReviewReport(event: EventTimes, standing: EventStanding): Refusal | null {
  if (!standing.reviewAs) return 'forbidden';
  return canTransition(eventMachine, event.state, 'accept', standing.reviewAs) ? null : illegal;
}

/** Admitting or excluding check-ins and ratings, on any event not cancelled. */
export function mayReviewAttendance(event: EventTimes, standing: EventStanding): Refusal | null {
  if (!standing.checksIntegrity) return 'forbidden';
  return event.state === 'cancelled' ? illegal : null;
}

/** What the organization only asserts (walk-ins, a session without counted check-ins) is decided once accepted. */
export function mayDecideAssertions(event: EventTimes, standing: EventStanding): Refusal | null {
  return (
    mayReviewAttendance(event, standing) ??
    (event.state === 'accepted' ? null : refusal('delivery.attendance.errors.notAccepted'))
  );
}

/** Check-in opens 30 minutes before the start and closes an hour after the end, while scheduled. */
export function checkinWindow(event: EventTimes, now: Date): 'before' | 'open' | 'closed' {
  const t = now.getTime();
  if (event.state !== 'scheduled' || t > event.endsAt.getTime() + checkinClosesAfterMs) return 'closed';
  return t < event.startsAt.getTime() - checkinOpensBeforeMs ? 'before' : 'open';
}

export function mayCheckIn(event: EventTimes, now: Date): Refusal | null {
  const window = checkinWindow(event, now);
  if (window === 'before') return refusal('delivery.errors.checkinNotYet');
  if (window === 'closed') return refusal('errors.checkinClosed');
  return null;
}

/** The organization shows the check-in code on a screen only while workers can check in with it. */
export function mayPresentCode(event: EventTimes, standing: EventStanding): boolean {
  return standing.asOrganization && event.state === 'scheduled';
}

/** Rating opens when the event starts and closes 7 days after it ends (never for a cancelled event). */
export function ratingWindow(event: EventTimes, now: Date): 'before' | 'open' | 'closed' {
  const t = now.getTime();
  if (event.state === 'cancelled' || t > event.endsAt.getTime() + ratingClosesAfterMs) return 'closed';
  return t < event.startsAt.getTime() ? 'before' : 'open';
}

/** A rating may be changed for 24 hours after it was given. */
export function ratingEditable(rating: { createdAt: Date }, now: Date) {
  return now.getTime() - rating.createdAt.getTime() <= ratingEditableMs;
}

/**
 * When a worker may rate an event: checked in, inside the rating window, and either not yet rated or
 * editing their own rating within 24 hours. `edit` says the worker means to change the rating they gave.
 */
export function mayRate(
  event: EventTimes,
  worker: { checkedIn: boolean; rating: { createdAt: Date } | null; edit: boolean },
  now: Date,
): Refusal | null {
  if (!worker.checkedIn) return refusal('errors.checkInFirst', 403);
  const window = ratingWindow(event, now);
  if (window === 'before') return refusal('delivery.errors.ratingNotYet');
  if (window === 'closed') return refusal('errors.ratingClosed');
  if (worker.rating && !worker.edit) return refusal('errors.alreadyRated');
  if (worker.rating && !ratingEditable(worker.rating, now)) return refusal('errors.ratingNoLongerEditable');
  return null;
}

/** What the event page offers this viewer now. */
export function eventAbilities(event: EventTimes, standing: EventStanding, now: Date) {
  return {
    presentCode: mayPresentCode(event, standing),
    cancel: mayCancelEvent(event, standing, now) === null,
    recordWalkIns: mayRecordWalkIns(event, standing, now) === null,
    deletePhoto: mayDeletePhoto(event, standing) === null,
    fileReport: mayFileReport(event, standing, now) === null,
    reviewReport: mayReviewReport(event, standing) === null,
    reviewAttendance: mayReviewAttendance(event, standing) === null,
  };
}
