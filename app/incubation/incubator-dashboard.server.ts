import { and, desc, eq, inArray } from 'drizzle-orm';
import { exitReviews, residencies, residencyEvaluations } from '../../db/schema/incubation';
import { organizations } from '../../db/schema/organizations';
import { incubatorApplications } from './applications.server';
import { roomSchedule } from './bookings.server';
import { addMonths, shanghaiDate } from '~/lib/time';
import type { Incubator } from './incubators.server';
import { listMeetings } from './meetings.server';
import { exitReviewDueBy, incubatorResidencies } from './residencies.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

const dayMs = 24 * 3600_000;

/** Where each resident stands: last grade, whether an evaluation is due, whether the term is ending. */
function residentStatus(incubator: Incubator, today: string) {
  const active = incubatorResidencies(incubator.id, ['active']);
  const evaluations = active.length
    ? db
        .select()
        .from(residencyEvaluations)
        .where(
          inArray(
            residencyEvaluations.residencyId,
            active.map((r) => r.id),
          ),
        )
        .orderBy(desc(residencyEvaluations.periodEnd))
        .all()
    : [];
  const { intervalMonths } = incubator.settings.evaluation;
  return active.map((r) => {
    const mine = evaluations.filter((e) => e.residencyId === r.id);
    const last = mine.find((e) => e.state === 'published') ?? null;
    const open = mine.find((e) => e.state === 'open') ?? null;
    const evaluationDueOn = addMonths(last?.periodEnd ?? r.startsOn, intervalMonths);
    return {
      ...r,
      lastGrade: last?.grade ?? null,
      openEvaluationId: open?.id ?? null,
      evaluationDueOn,
      evaluationDue: !open && evaluationDueOn <= today,
      termEnding: r.endsOn <= exitReviewDueBy(today),
    };
  });
}

function recentDepartures(incubatorId: number) {
  return db
    .select({
      residencyId: residencies.id,
      organizationName: organizations.name,
      decision: exitReviews.decision,
      reason: exitReviews.reason,
      decidedAt: exitReviews.createdAt,
    })
    .from(exitReviews)
    .innerJoin(residencies, eq(residencies.id, exitReviews.residencyId))
    .innerJoin(organizations, eq(organizations.id, residencies.organizationId))
    .where(and(eq(residencies.incubatorId, incubatorId), inArray(exitReviews.decision, ['graduate', 'exit'])))
    .orderBy(desc(exitReviews.id))
    .limit(20)
    .all();
}

/** The incubator manager's dashboard: what needs deciding, who is due for review, and the next joint meeting. */
export function incubatorDashboard(incubator: Incubator) {
  const at = now();
  const today = shanghaiDate(at);
  const residents = residentStatus(incubator, today);
  const lastMeeting = listMeetings(incubator.id).find((m) => m.heldAt.getTime() <= at.getTime()) ?? null;
  const meetingDueOn = lastMeeting
    ? addMonths(shanghaiDate(lastMeeting.heldAt), incubator.settings.meetings.intervalMonths)
    : today;
  return {
    residents,
    pendingApplications: incubatorApplications(incubator.id, ['submitted', 'under_review']),
    upcomingBookings: roomSchedule(incubator.id, at, new Date(at.getTime() + 14 * dayMs)),
    evaluationsDue: residents.filter((r) => r.evaluationDue || r.openEvaluationId !== null),
    termEnding: residents.filter((r) => r.termEnding),
    departures: recentDepartures(incubator.id),
    counts: {
      graduated: incubatorResidencies(incubator.id, ['graduated']).length,
      exited: incubatorResidencies(incubator.id, ['exited']).length,
    },
    meetingDueOn,
  };
}
