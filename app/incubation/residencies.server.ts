import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { users } from '../../db/schema/accounts';
import {
  exitReviews,
  incubators,
  residencies,
  residencyEvaluations,
  roomBookings,
  rooms,
} from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { staffRoles } from '../../db/schema/unions';
import { addDays, addMonths, shanghaiDate } from '~/lib/time';
import { incubationStanding, isIncubatorStaff, requireIncubator } from './incubators.server';
import { bookingMachine, residencyMachine, type ExitDecision, type ResidencyState } from './machine';
import { mayDecideExitReview, mayExtend, mayGraduate } from './permissions';
import { forbidden, isOrgMember, notFound, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction, type DB } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { transition } from '~/lib/machine';
import { enforce } from '~/lib/permission';
import { notify } from '~/notifications/notify.server';
import { requireOrganization, organizationMemberIds } from '~/organizations/organizations.server';
import { staffWithRole } from '~/unions/unions.server';
import './audit-subjects.server';

type Residency = typeof residencies.$inferSelect;

export function requireResidency(tx: DB, residencyId: number): Residency {
  const residency = tx.select().from(residencies).where(eq(residencies.id, residencyId)).get();
  if (!residency) notFound();
  return residency;
}

/** For members of the resident organization and the incubator's staff. */
export function requireVisibleResidency(viewer: Viewer, residencyId: number) {
  const residency = requireResidency(db, residencyId);
  const incubator = requireIncubator(residency.incubatorId);
  const isMember = isOrgMember(viewer, residency.organizationId);
  const isStaff = isIncubatorStaff(viewer, incubator);
  if (!isMember && !isStaff) forbidden();
  return {
    residency,
    incubator,
    organization: requireOrganization(residency.organizationId),
    isMember,
    isStaff,
    standing: incubationStanding(viewer, residency.organizationId, incubator),
  };
}

/** Published evaluations of a residency, latest period first. */
export function publishedEvaluations(tx: DB, residencyId: number) {
  return tx
    .select()
    .from(residencyEvaluations)
    .where(and(eq(residencyEvaluations.residencyId, residencyId), eq(residencyEvaluations.state, 'published')))
    .orderBy(desc(residencyEvaluations.periodEnd), desc(residencyEvaluations.id))
    .all();
}

export function exitReviewHistory(residencyId: number) {
  return db
    .select({
      id: exitReviews.id,
      decision: exitReviews.decision,
      reason: exitReviews.reason,
      createdAt: exitReviews.createdAt,
      decidedByName: users.name,
    })
    .from(exitReviews)
    .leftJoin(users, eq(users.id, exitReviews.decidedBy))
    .where(eq(exitReviews.residencyId, residencyId))
    .orderBy(asc(exitReviews.id))
    .all();
}

/** Leaving the incubator cancels the organization's bookings there that have not started. */
function cancelFutureBookings(tx: DB, residency: Residency, actorId: number) {
  const future = tx
    .select({ id: roomBookings.id, state: roomBookings.state })
    .from(roomBookings)
    .innerJoin(rooms, eq(rooms.id, roomBookings.roomId))
    .where(
      and(
        eq(rooms.incubatorId, residency.incubatorId),
        eq(roomBookings.organizationId, residency.organizationId),
        eq(roomBookings.state, 'booked'),
        gt(roomBookings.startsAt, now()),
      ),
    )
    .all();
  for (const booking of future) {
    const state = transition(bookingMachine, booking.state, 'cancel', 'incubator_manager');
    tx.update(roomBookings).set({ state, cancelledBy: actorId }).where(eq(roomBookings.id, booking.id)).run();
  }
}

/** The exit review falls due this many days before the term ends (the handbook: 孵化期届满前后). */
const exitReviewNoticeDays = 60;

/** The latest end of term ('YYYY-MM-DD') whose exit review is due on `today`: the manager's queue and dashboard. */
export function exitReviewDueBy(today: string) {
  return addDays(today, exitReviewNoticeDays);
}

/**
 * The reminder already sent for this residency's term end (through the partial index
 * `notifications_exit_review_due_idx`): an extended term falls due again at its new end.
 */
function exitReviewReminderOf(path: SQL, endsOn: SQL) {
  return sql`(select 1 from notifications where template = 'exit_review_due' and json_extract(data, '$.path') = ${path} and json_extract(data, '$.endsOn') = ${endsOn})`;
}

/**
 * When a resident's exit review falls due (the manager's queue, `exitReviewDueBy`), the incubator's
 * managers are told once per term end; the notification itself records it, looked for again inside
 * the transaction that writes it, like the delivery reminders. A union with no incubator manager yet
 * is passed over until it has one. At most `limit` residencies per call (read through
 * `residencies_active_ends_idx`).
 */
export function remindExitReviewsDue(limit = 50) {
  const due = db
    .select({
      id: residencies.id,
      endsOn: residencies.endsOn,
      unionId: incubators.unionId,
      organizationName: organizations.name,
    })
    .from(residencies)
    .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
    .innerJoin(organizations, eq(organizations.id, residencies.organizationId))
    .where(
      and(
        eq(residencies.state, 'active'),
        lte(residencies.endsOn, exitReviewDueBy(shanghaiDate(now()))),
        sql`not exists ${exitReviewReminderOf(sql`'/residencies/' || ${residencies.id}`, sql`${residencies.endsOn}`)}`,
        sql`exists (select 1 from ${staffRoles} where ${staffRoles.unionId} = ${incubators.unionId} and ${staffRoles.role} = 'incubator_manager')`,
      ),
    )
    .orderBy(asc(residencies.endsOn), asc(residencies.id))
    .limit(limit)
    .all();
  for (const residency of due) {
    const path = `/residencies/${residency.id}`;
    transaction((tx) => {
      const reminder = exitReviewReminderOf(sql`${path}`, sql`${residency.endsOn}`);
      if (tx.get<{ sent: number }>(sql`select exists ${reminder} as sent`)?.sent) return;
      for (const userId of staffWithRole(tx, residency.unionId, 'incubator_manager'))
        notify(tx, userId, 'exit_review_due', {
          organization: residency.organizationName,
          endsOn: residency.endsOn,
          path,
        });
    });
  }
}

/** The rule each decision must meet beyond the transition table, from the incubator's settings. */
function assertDecisionAllowed(
  tx: DB,
  residency: Residency,
  decision: ExitDecision,
  settings: ReturnType<typeof requireIncubator>['settings'],
) {
  if (decision === 'graduate') {
    const latest = publishedEvaluations(tx, residency.id)[0];
    enforce(mayGraduate(latest?.grade ?? null, settings));
  }
  if (decision === 'extend') {
    const extensions = tx
      .select({ n: sql<number>`count(*)` })
      .from(exitReviews)
      .where(and(eq(exitReviews.residencyId, residency.id), eq(exitReviews.decision, 'extend')))
      .get()!.n;
    enforce(mayExtend(extensions, settings));
  }
}

/**
 * The exit review: graduate (出壳), extend the term, or exit for cause. Graduation and exit take
 * effect at once: the residency stops being active, which is what every resident-only privilege
 * (bookings, resident-only tenders) checks.
 */
export function decideExitReview(
  viewer: Viewer,
  residencyId: number,
  input: { decision: ExitDecision; reason: string },
) {
  const { incubator, organization, standing } = requireVisibleResidency(viewer, residencyId);
  if (!standing.manager) forbidden();
  if (!input.reason.trim()) throw new UserError('errors.reasonRequired', 422);
  transaction((tx) => {
    const residency = requireResidency(tx, residencyId);
    enforce(mayDecideExitReview(residency, standing, input.decision));
    const state = transition(residencyMachine, residency.state, input.decision, 'incubator_manager');
    assertDecisionAllowed(tx, residency, input.decision, incubator.settings);
    const endsOn =
      input.decision === 'extend'
        ? addMonths(residency.endsOn, incubator.settings.term.extensionMonths)
        : residency.endsOn;
    tx.update(residencies)
      .set({ state, endsOn, decisionReason: input.reason })
      .where(eq(residencies.id, residencyId))
      .run();
    tx.insert(exitReviews)
      .values({ residencyId, decision: input.decision, reason: input.reason, decidedBy: viewer.id })
      .run();
    if (state !== 'active') cancelFutureBookings(tx, residency, viewer.id);
    for (const userId of organizationMemberIds(tx, residency.organizationId)) {
      notify(tx, userId, 'exit_review_decided', {
        organization: organization.name,
        decision: input.decision,
        reason: input.reason,
        path: `/residencies/${residencyId}`,
      });
    }
    audit(tx, {
      actorId: viewer.id,
      action: `residency.${input.decision}`,
      subjectType: 'residency',
      subjectId: residencyId,
      data: { endsOn },
    });
  });
}

/** An incubator's residencies in the given states, with their organizations. */
export function incubatorResidencies(incubatorId: number, states: readonly ResidencyState[]) {
  return db
    .select({
      id: residencies.id,
      organizationId: residencies.organizationId,
      organizationName: organizations.name,
      startsOn: residencies.startsOn,
      endsOn: residencies.endsOn,
      state: residencies.state,
    })
    .from(residencies)
    .innerJoin(organizations, eq(organizations.id, residencies.organizationId))
    .where(and(eq(residencies.incubatorId, incubatorId), inArray(residencies.state, states)))
    .orderBy(asc(organizations.name))
    .all();
}

/** The viewer's organizations' residencies, newest first. */
export function organizationResidencies(organizationIds: number[]) {
  if (!organizationIds.length) return [];
  return db
    .select({
      id: residencies.id,
      state: residencies.state,
      startsOn: residencies.startsOn,
      endsOn: residencies.endsOn,
      incubatorId: residencies.incubatorId,
      incubatorName: incubators.name,
      organizationId: residencies.organizationId,
      organizationName: organizations.name,
    })
    .from(residencies)
    .innerJoin(organizations, eq(organizations.id, residencies.organizationId))
    .innerJoin(incubators, eq(incubators.id, residencies.incubatorId))
    .where(inArray(residencies.organizationId, organizationIds))
    .orderBy(desc(residencies.id))
    .all();
}

/** Organizations ever admitted to any incubator, and those of them that graduated (出壳). */
export function incubatedOrganizations() {
  return db
    .select({
      incubated: sql<number>`count(distinct ${residencies.organizationId})`,
      graduated: sql<number>`count(distinct iif(${residencies.state} = 'graduated', ${residencies.organizationId}, null))`,
    })
    .from(residencies)
    .get()!;
}
