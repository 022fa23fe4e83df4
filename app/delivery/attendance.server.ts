import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import { checkins, eventRollups, events, ratings } from '../../db/schema/delivery';
import { unions } from '../../db/schema/unions';
import { enteredLateAfterMs, type AttendanceStandard } from './figures.server';
import { attendanceReviewSchema, attendanceStandardSchema } from './schemas';
import { requireEventAccess } from './events.server';
import { mayDecideAssertions, mayReviewAttendance } from './permissions';
import { forbidden, notFound, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { submitForm } from '~/lib/actions.server';
import { recordContractEvaluation } from '~/evaluation/evaluations.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { updateUnionSettings } from '~/unions/unions.server';
import { UserError } from '~/lib/errors';
import { enforce, may } from '~/lib/permission';
import { releaseDueMilestones } from '~/payments/milestones.server';
import { completeIfFulfilled } from '~/procurement/completion.server';
import type { z } from 'zod';
import './audit-subjects.server';
import '~/unions/audit-subjects.server';

// What counts as attendance (docs/decisions/091): a check-in meeting the union's standard, or one a
// union reviewer admitted; what an organization only asserts counts once a reviewer admits it.

export type ReviewDecision = 'admitted' | 'excluded';

export function unionStandard(unionId: number): AttendanceStandard {
  const union = db.select({ standard: unions.attendanceStandard }).from(unions).where(eq(unions.id, unionId)).get();
  if (!union) notFound();
  return union.standard;
}

/**
 * A union admin's choice: count SMS-verified check-ins only ('sms'), or any screen-code check-in
 * where the union has no SMS ('code'). The rollups recount the union's events in the same statement.
 */
export function setAttendanceStandard(viewer: Viewer, unionId: number, chosen: unknown) {
  requireUnionRole(viewer, unionId, ['admin']);
  const parsed = attendanceStandardSchema.safeParse({ standard: chosen });
  if (!parsed.success) throw new UserError('errors.required');
  const { standard } = parsed.data;
  const before = unionStandard(unionId);
  if (before === standard) return;
  transaction((tx) => {
    updateUnionSettings(tx, unionId, { attendanceStandard: standard });
    audit(tx, {
      actorId: viewer.id,
      action: 'union.attendance_standard',
      subjectType: 'union',
      subjectId: unionId,
      before: { attendanceStandard: before },
      after: { attendanceStandard: standard },
    });
  });
}

type Event = typeof events.$inferSelect;

function eventRollup(eventId: number) {
  const row = db
    .select({
      standard: eventRollups.standard,
      countedCheckins: eventRollups.countedCheckins,
      pendingCheckins: eventRollups.pendingCheckins,
    })
    .from(eventRollups)
    .where(eq(eventRollups.eventId, eventId))
    .get()!;
  return {
    standard: row.standard,
    countedCheckins: row.countedCheckins ?? 0,
    pendingCheckins: row.pendingCheckins ?? 0,
  };
}

/** What of the event's attendance the organization only asserts; empty when workers showed it all. */
export function assertions(event: Event, countedCheckins: number) {
  return [
    ...(event.walkIns > 0 ? (['walkIns'] as const) : []),
    ...(event.createdAt.getTime() > event.startsAt.getTime() + enteredLateAfterMs ? (['enteredLate'] as const) : []),
    ...(countedCheckins === 0 ? (['noCountedCheckins'] as const) : []),
  ];
}

/** The most check-ins the review list shows one by one; the rest are decided together. */
const listedCheckins = 200;

/**
 * The event's attendance review: its standard, what it only asserts and the decision on it, and the
 * check-ins that do not count by themselves (pending) or that a reviewer decided on.
 */
export function attendanceReview(viewer: Viewer, eventId: number) {
  const { event, standing } = requireEventAccess(viewer, eventId);
  const rollup = eventRollup(eventId);
  const reviewer = event.attendanceReviewedBy
    ? db.select({ name: users.name }).from(users).where(eq(users.id, event.attendanceReviewedBy)).get()
    : undefined;
  const listed = db
    .select({
      id: checkins.id,
      createdAt: checkins.createdAt,
      verification: checkins.verification,
      review: checkins.review,
      reviewReason: checkins.reviewReason,
      reviewedAt: checkins.reviewedAt,
      reviewerName: users.name,
      score: ratings.score,
    })
    .from(checkins)
    .leftJoin(users, eq(users.id, checkins.reviewedBy))
    .leftJoin(ratings, eq(ratings.checkinId, checkins.id))
    .where(
      and(
        eq(checkins.eventId, eventId),
        or(isNotNull(checkins.review), rollup.standard === 'sms' ? eq(checkins.tally, 'code') : undefined),
      ),
    )
    .orderBy(asc(checkins.id))
    .limit(listedCheckins)
    .all();
  const reviewed = db
    .select({ review: checkins.review, n: sql<number>`count(*)` })
    .from(checkins)
    .where(and(eq(checkins.eventId, eventId), isNotNull(checkins.review)))
    .groupBy(checkins.review)
    .all();
  return {
    standard: rollup.standard,
    canReview: may(mayReviewAttendance(event, standing)),
    canDecideAssertions: may(mayDecideAssertions(event, standing)),
    accepted: event.state === 'accepted',
    assertions: assertions(event, rollup.countedCheckins),
    decision: event.attendanceReview
      ? {
          review: event.attendanceReview,
          reason: event.attendanceReviewReason ?? '',
          by: reviewer?.name ?? '',
          at: event.attendanceReviewedAt,
        }
      : null,
    walkIns: event.walkIns,
    lateAfterMinutes: enteredLateAfterMs / 60_000,
    counts: {
      pending: rollup.pendingCheckins,
      admitted: reviewed.find((r) => r.review === 'admitted')?.n ?? 0,
      excluded: reviewed.find((r) => r.review === 'excluded')?.n ?? 0,
    },
    checkins: listed,
  };
}

function requireReviewer(viewer: Viewer, eventId: number) {
  const access = requireEventAccess(viewer, eventId);
  enforce(mayReviewAttendance(access.event, access.standing));
  return access;
}

function checkedReason(reason: string) {
  const trimmed = reason.trim();
  if (!trimmed) throw new UserError('errors.reasonRequired');
  if (trimmed.length > 500) throw new UserError('errors.tooLong', 400, { max: 500 });
  return trimmed;
}

/**
 * Figures of an accepted contracted event changed: milestones may fall due, the evaluation moves,
 * and the contract may be fulfilled.
 */
function figuresChanged(tx: DB, event: Event) {
  if (event.state !== 'accepted' || !event.contractId) return;
  releaseDueMilestones(tx, event.contractId);
  recordContractEvaluation(tx, event.contractId, 'acceptance');
  completeIfFulfilled(tx, event.contractId);
}

/**
 * Admits what the organization only asserts about an accepted event (its walk-ins, its session if
 * entered late or without counted check-ins) into the figures, or excludes it, with a reason.
 */
export function reviewEventAttendance(viewer: Viewer, eventId: number, decision: ReviewDecision, reason: string) {
  const { event, standing } = requireReviewer(viewer, eventId);
  const trimmed = checkedReason(reason);
  enforce(mayDecideAssertions(event, standing));
  if (!assertions(event, eventRollup(eventId).countedCheckins).length) {
    throw new UserError('delivery.attendance.errors.nothingAsserted', 409);
  }
  if (event.attendanceReview === decision) throw new UserError('delivery.attendance.errors.alreadyDecided', 409);
  transaction((tx) => {
    tx.update(events)
      .set({
        attendanceReview: decision,
        attendanceReviewReason: trimmed,
        attendanceReviewedBy: viewer.id,
        attendanceReviewedAt: now(),
      })
      .where(eq(events.id, eventId))
      .run();
    audit(tx, {
      actorId: viewer.id,
      action: decision === 'admitted' ? 'event.attendance_admit' : 'event.attendance_exclude',
      subjectType: 'event',
      subjectId: eventId,
      data: { reason: trimmed, walkIns: event.walkIns },
      before: { attendanceReview: event.attendanceReview },
      after: { attendanceReview: decision },
    });
    figuresChanged(tx, event);
  });
}

/** A check-in of the event that this decision would change. */
function oneCheckin(eventId: number, checkinId: number, standard: AttendanceStandard, decision: ReviewDecision) {
  const row = db
    .select()
    .from(checkins)
    .where(and(eq(checkins.eventId, eventId), eq(checkins.id, checkinId)))
    .get();
  if (!row) notFound();
  const countsByItself = row.review === null && (row.verification === 'sms' || standard === 'code');
  if (row.review === decision || (decision === 'admitted' && countsByItself)) {
    throw new UserError('delivery.attendance.errors.alreadyDecided', 409);
  }
  return row;
}

/**
 * Decides on check-ins: one (`checkinId`), or every check-in still pending. Admitting counts a
 * check-in that does not meet the union's standard; excluding leaves any check-in and its rating out.
 */
export function reviewCheckins(
  viewer: Viewer,
  eventId: number,
  target: { checkinId: number } | 'pending',
  decision: ReviewDecision,
  reason: string,
) {
  const { event } = requireReviewer(viewer, eventId);
  const trimmed = checkedReason(reason);
  const { standard } = eventRollup(eventId);
  const changing =
    target === 'pending'
      ? standard === 'sms'
        ? db
            .select()
            .from(checkins)
            .where(and(eq(checkins.eventId, eventId), eq(checkins.tally, 'code')))
            .all()
        : []
      : [oneCheckin(eventId, target.checkinId, standard, decision)];
  if (!changing.length) throw new UserError('delivery.attendance.errors.nothingPending', 409);
  transaction((tx) => {
    const at = now();
    tx.update(checkins)
      .set({ review: decision, reviewReason: trimmed, reviewedBy: viewer.id, reviewedAt: at })
      .where(
        inArray(
          checkins.id,
          changing.map((r) => r.id),
        ),
      )
      .run();
    for (const row of changing) {
      audit(tx, {
        actorId: viewer.id,
        action: decision === 'admitted' ? 'checkin.admit' : 'checkin.exclude',
        subjectType: 'checkin',
        subjectId: row.id,
        data: { eventId, reason: trimmed, verification: row.verification },
        before: { review: row.review },
        after: { review: decision },
      });
    }
    figuresChanged(tx, event);
  });
  return changing.length;
}

/**
 * A review form's submission (the event page and its ratings page share the forms): its reply,
 * keyed `attendance`, with the typed reason kept and the target telling which form it came from.
 */
export async function submitAttendanceReview(viewer: Viewer, eventId: number, formData: FormData) {
  if (!requireEventAccess(viewer, eventId).standing.checksIntegrity) forbidden();
  const review = ({ target, decision, reason }: z.output<typeof attendanceReviewSchema>) =>
    target === 'event'
      ? reviewEventAttendance(viewer, eventId, decision, reason)
      : reviewCheckins(
          viewer,
          eventId,
          target === 'pending' ? 'pending' : { checkinId: Number(target) },
          decision,
          reason,
        );
  return submitForm(formData, attendanceReviewSchema, review, { form: 'attendance' });
}
